#include "domain/second_reading.hpp"

#include <algorithm>
#include <charconv>

namespace frontdesk::domain {
namespace {

bool covers(const date_request& r, calendar_date agent) {
  if (r.what == date_request::kind::soonest) return true;
  return date::sys_days{r.first} <= date::sys_days{agent} &&
         date::sys_days{agent} <= date::sys_days{r.last};
}

bool covers(const time_request& r, std::chrono::minutes agent) {
  if (r.what == time_request::kind::at) return r.from == agent;
  return r.from <= agent && agent < r.to;
}

date_request request_of(calendar_date d) {
  return {date_request::kind::day, d, d};
}

time_request request_of(std::chrono::minutes m) {
  return {time_request::kind::at, m, m};
}

template <class T, class Agent>
reading<T> with_agent(reading<T> words, std::optional<Agent> agent, decided_by* by) {
  if (!agent) {
    *by = words.verdict == certainty::sure  ? decided_by::words
          : words.verdict == certainty::ask ? decided_by::neither
                                            : decided_by::nothing;
    return words;
  }
  if (words.verdict == certainty::unknown) {
    *by = decided_by::agent;
    return reading_of(std::vector<T>{request_of(*agent)});
  }
  const auto covering = std::find_if(words.options.begin(), words.options.end(),
                                     [&](const T& r) { return covers(r, *agent); });
  if (words.verdict == certainty::sure && covering != words.options.end()) {
    *by = decided_by::both;
    return words;
  }
  // Disagreeing, or one of several: ask, the agent's reading first.
  *by = decided_by::neither;
  if (covering != words.options.end())
    std::rotate(words.options.begin(), covering, covering + 1);
  else
    words.options.insert(words.options.begin(), request_of(*agent));
  words.verdict = certainty::ask;
  return words;
}

}  // namespace

std::string_view decided_name(decided_by by) {
  switch (by) {
    case decided_by::words:
      return "words";
    case decided_by::agent:
      return "agent";
    case decided_by::both:
      return "both";
    case decided_by::neither:
      return "asked";
    case decided_by::nothing:
      return "none";
  }
  return "none";
}

reading<date_request> with_agent_date(reading<date_request> words,
                                      std::optional<calendar_date> agent, decided_by* by) {
  return with_agent(std::move(words), agent, by);
}

reading<time_request> with_agent_time(reading<time_request> words,
                                      std::optional<std::chrono::minutes> agent, decided_by* by) {
  return with_agent(std::move(words), agent, by);
}

std::optional<std::chrono::minutes> parse_clock(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  int h = 0, m = 0;
  const auto hr = std::from_chars(text.data(), text.data() + 2, h);
  const auto mr = std::from_chars(text.data() + 3, text.data() + 5, m);
  if (hr.ec != std::errc{} || hr.ptr != text.data() + 2 || mr.ec != std::errc{} ||
      mr.ptr != text.data() + 5 || h > 23 || m > 59)
    return std::nullopt;
  return std::chrono::minutes{h * 60 + m};
}

}  // namespace frontdesk::domain
