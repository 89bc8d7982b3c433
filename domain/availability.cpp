#include "domain/availability.hpp"

#include <algorithm>
#include <cstdlib>

namespace frontdesk::domain {

date::sys_days window_of(calendar_date d) {
  const auto days = date::sys_days{d}.time_since_epoch().count();
  // Floor division: the same weeks on both sides of the epoch.
  const auto start = days - (((days % window_days) + window_days) % window_days);
  return date::sys_days{date::days{start}};
}

std::vector<date::sys_days> windows_between(calendar_date from, calendar_date to) {
  std::vector<date::sys_days> out;
  for (auto w = window_of(from); w <= date::sys_days{to}; w += date::days{window_days})
    out.push_back(w);
  return out;
}

bool slot_cache::fresh(clock::time_point stored, clock::time_point now) const {
  return now - stored < settings_.ttl;
}

void slot_cache::store_window(std::int64_t clinic, const offering& source, date::sys_days window,
                              calendar_date fetched_from, std::vector<instant> times,
                              clock::time_point now) {
  windows_[{clinic, source, window}] = {fetched_from, std::move(times), now};
}

const std::vector<instant>* slot_cache::window(std::int64_t clinic, const offering& source,
                                               date::sys_days window, calendar_date from,
                                               clock::time_point now) {
  const auto it = windows_.find({clinic, source, window});
  if (it == windows_.end() || !fresh(it->second.stored, now) ||
      date::sys_days{it->second.from} > std::max(window, date::sys_days{from})) {
    ++window_counts_.misses;
    return nullptr;
  }
  ++window_counts_.hits;
  return &it->second.times;
}

void slot_cache::store_first(std::int64_t clinic, const offering& source, calendar_date from,
                             calendar_date to, std::optional<instant> first,
                             clock::time_point now) {
  const auto first_date = first ? local_date(*first, source.zone) : to;
  firsts_[{clinic, source}] = {from, to, first, first_date, now};
}

std::optional<std::optional<instant>> slot_cache::first(std::int64_t clinic, const offering& source,
                                                        calendar_date from, calendar_date to,
                                                        clock::time_point now) {
  const auto it = firsts_.find({clinic, source});
  const auto miss = [this]() -> std::optional<std::optional<instant>> {
    ++first_counts_.misses;
    return std::nullopt;
  };
  if (it == firsts_.end() || !fresh(it->second.stored, now)) return miss();
  const auto& e = it->second;
  // Nothing was free from e.from up to the first time (or to e.to): that answers any range
  // starting in there.
  if (date::sys_days{e.from} > date::sys_days{from}) return miss();
  if (e.first) {
    if (date::sys_days{e.first_date} < date::sys_days{from}) return miss();
    ++first_counts_.hits;
    if (date::sys_days{e.first_date} > date::sys_days{to}) return std::optional<instant>{};
    return e.first;
  }
  if (date::sys_days{e.to} < date::sys_days{to}) return miss();
  ++first_counts_.hits;
  return std::optional<instant>{};
}

void slot_cache::forget(std::int64_t clinic, const std::vector<std::string>& practitioner_ids) {
  const auto matches = [&](std::int64_t c, const offering& s) {
    return c == clinic &&
           (practitioner_ids.empty() || std::find(practitioner_ids.begin(), practitioner_ids.end(),
                                                  s.practitioner_id) != practitioner_ids.end());
  };
  std::erase_if(windows_,
                [&](const auto& e) { return matches(std::get<0>(e.first), std::get<1>(e.first)); });
  std::erase_if(firsts_, [&](const auto& e) { return matches(e.first.first, e.first.second); });
}

void slot_cache::remember_failed(std::int64_t clinic, const std::string& practitioner_id,
                                 instant start, clock::time_point now) {
  std::erase_if(failed_, [&](const auto& e) { return now - e.second >= settings_.failed_for; });
  failed_[{clinic, practitioner_id, start}] = now;
}

bool slot_cache::failed(std::int64_t clinic, const std::string& practitioner_id, instant start,
                        clock::time_point now) const {
  const auto it = failed_.find({clinic, practitioner_id, start});
  return it != failed_.end() && now - it->second < settings_.failed_for;
}

std::vector<instant> slot_cache::usable(std::int64_t clinic, const std::string& practitioner_id,
                                        const std::vector<instant>& times, instant not_before,
                                        clock::time_point now) const {
  std::vector<instant> out;
  for (const auto t : times)
    if (t >= not_before && !failed(clinic, practitioner_id, t, now)) out.push_back(t);
  return out;
}

cache_counters slot_cache::window_counters() const {
  auto c = window_counts_;
  c.size = static_cast<std::int64_t>(windows_.size());
  return c;
}

cache_counters slot_cache::first_counters() const {
  auto c = first_counts_;
  c.size = static_cast<std::int64_t>(firsts_.size());
  return c;
}

std::int64_t slot_cache::failed_count(clock::time_point now) const {
  return std::count_if(failed_.begin(), failed_.end(),
                       [&](const auto& e) { return now - e.second < settings_.failed_for; });
}

namespace {

std::vector<instant> nearest(const std::vector<instant>& times, std::chrono::minutes at,
                             std::string_view zone, std::size_t most) {
  std::vector<instant> out = times;
  std::stable_sort(out.begin(), out.end(), [&](instant a, instant b) {
    return std::abs((local_minutes(a, zone) - at).count()) <
           std::abs((local_minutes(b, zone) - at).count());
  });
  out.resize(std::min(out.size(), most));
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<instant> spread(const std::vector<instant>& times, std::size_t most) {
  if (times.size() <= most) return times;
  if (most == 1) return {times.front()};
  std::vector<instant> out;
  for (std::size_t i = 0; i < most; ++i) out.push_back(times[i * (times.size() - 1) / (most - 1)]);
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

std::vector<instant> pick_offers(const std::vector<instant>& times,
                                 const std::optional<time_request>& wanted, std::string_view zone,
                                 std::size_t most) {
  if (most == 0 || times.empty()) return {};
  if (!wanted) return spread(times, most);
  if (wanted->what == time_request::kind::at) return nearest(times, wanted->from, zone, most);
  std::vector<instant> inside;
  for (const auto t : times) {
    const auto m = local_minutes(t, zone);
    if (m >= wanted->from && m < wanted->to && inside.size() < most) inside.push_back(t);
  }
  return inside;
}

std::vector<instant> alternatives_to(instant wanted, const std::vector<instant>& free,
                                     instant not_before, std::string_view zone, std::size_t most) {
  std::vector<instant> left;
  for (const auto t : free)
    if (t != wanted && t >= not_before) left.push_back(t);
  const auto at = local_minutes(wanted, zone);
  return pick_offers(left, time_request{time_request::kind::at, at, at}, zone, most);
}

}  // namespace frontdesk::domain
