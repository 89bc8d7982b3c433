#include "domain/availability.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace frontdesk::domain {

date::sys_days window_of(calendar_date d, calendar_date today) {
  const auto since = (date::sys_days{d} - date::sys_days{today}).count();
  const auto start = since < 0 ? 0 : since - since % window_days;
  return date::sys_days{today} + date::days{start};
}

std::vector<date::sys_days> windows_between(calendar_date from, calendar_date to,
                                            calendar_date today) {
  std::vector<date::sys_days> out;
  const auto first = std::max(date::sys_days{from}, date::sys_days{today});
  for (auto w = window_of(calendar_date{first}, today); w <= date::sys_days{to};
       w += date::days{window_days})
    out.push_back(w);
  return out;
}

std::pair<calendar_date, calendar_date> account_dates(calendar_date from, calendar_date to,
                                                      std::string_view zone,
                                                      std::string_view account_zone) {
  if (account_zone.empty() || account_zone == zone) return {from, to};
  const auto begin = at_local_time(from, std::chrono::minutes{0}, zone);
  const auto end = at_local_time(plus_days(to, 1), std::chrono::minutes{0}, zone);
  return {local_date(begin, account_zone), local_date(end - std::chrono::seconds{1}, account_zone)};
}

bool slot_cache::fresh(clock::time_point stored, clock::time_point now) const {
  return now - stored < settings_.ttl;
}

void slot_cache::store_window(std::int64_t clinic, const offering& source, date::sys_days window,
                              std::vector<instant> times, clock::time_point now) {
  windows_[{clinic, source, window}] = {std::move(times), now};
}

const slot_cache::window_times* slot_cache::window(std::int64_t clinic, const offering& source,
                                                   date::sys_days window, clock::time_point now) {
  const auto it = windows_.find({clinic, source, window});
  if (it == windows_.end() || !fresh(it->second.fetched, now)) {
    ++window_counts_.misses;
    return nullptr;
  }
  ++window_counts_.hits;
  return &it->second;
}

std::optional<slot_cache::clock::duration> slot_cache::age(std::int64_t clinic,
                                                           const offering& source,
                                                           date::sys_days window,
                                                           clock::time_point now) const {
  const auto it = windows_.find({clinic, source, window});
  if (it == windows_.end() || !fresh(it->second.fetched, now)) return std::nullopt;
  return now - it->second.fetched;
}

double demand::faded(const entry& e, clock::time_point now) const {
  const auto elapsed = std::chrono::duration<double>(now - e.at).count();
  return e.score * std::exp2(-elapsed / static_cast<double>(half_life_.count()));
}

void demand::asked(std::int64_t clinic, const offering& source, clock::time_point now) {
  auto& e = asked_[{clinic, source}];
  e.score = faded(e, now) + 1;
  e.at = now;
}

void demand::know(std::int64_t clinic, std::vector<offering> offered) {
  known_[clinic] = std::move(offered);
}

std::vector<demand::key> demand::most_asked(clock::time_point now, std::size_t most) {
  std::erase_if(asked_, [&](const auto& e) { return faded(e.second, now) < 0.01; });
  std::vector<std::pair<double, key>> ranked;
  for (const auto& [k, e] : asked_) ranked.emplace_back(faded(e, now), k);
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<key> out;
  for (const auto& [score, k] : ranked)
    if (out.size() < most) out.push_back(k);
  for (const auto& [clinic, offered] : known_)
    for (const auto& o : offered)
      if (out.size() < most && !asked_.count({clinic, o})) out.emplace_back(clinic, o);
  return out;
}

void slot_cache::forget(std::int64_t clinic, const std::vector<std::string>& practitioner_ids) {
  const auto matches = [&](std::int64_t c, const offering& s) {
    return c == clinic &&
           (practitioner_ids.empty() || std::find(practitioner_ids.begin(), practitioner_ids.end(),
                                                  s.practitioner_id) != practitioner_ids.end());
  };
  std::erase_if(windows_,
                [&](const auto& e) { return matches(std::get<0>(e.first), std::get<1>(e.first)); });
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
  for (const auto t : times)
    if (within(t, *wanted, zone) && inside.size() < most) inside.push_back(t);
  if (!inside.empty()) return inside;
  // None inside: those nearest its edges ("after 5" with the last at 4:30 offers 4:30).
  std::vector<instant> out = times;
  const auto distance = [&](instant t) {
    const auto m = local_minutes(t, zone);
    return m < wanted->from ? wanted->from - m : m - wanted->to;
  };
  std::stable_sort(out.begin(), out.end(),
                   [&](instant a, instant b) { return distance(a) < distance(b); });
  out.resize(std::min(out.size(), most));
  std::sort(out.begin(), out.end());
  return out;
}

bool within(instant t, const time_request& wanted, std::string_view zone) {
  const auto m = local_minutes(t, zone);
  if (wanted.what == time_request::kind::at) return m == wanted.from;
  return m >= wanted.from && m < wanted.to;
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
