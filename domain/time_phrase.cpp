#include "domain/time_phrase.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string>
#include <vector>

#include "domain/words.hpp"

namespace frontdesk::domain {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using words = std::vector<std::string>;

time_request at(minutes m) {
  return {time_request::kind::at, m, m};
}
time_request between(minutes from, minutes to) {
  return {time_request::kind::between, from, to};
}

// An hour with no am or pm, as a clinic's day runs.
int clinic_hour(int hour) {
  return hour >= 1 && hour <= 6 ? hour + 12 : hour;
}

struct clock_reading {
  int hour = -1;
  int minute = 0;
  bool meridiem = false;  // am or pm was said
  bool pm = false;
};

// "2:30", "14:30", "9", "9am", "2:30pm", "230pm" (one word) into hour and minute.
std::optional<clock_reading> clock_word(std::string_view w) {
  clock_reading r;
  if (w.ends_with("am") || w.ends_with("pm")) {
    r.meridiem = true;
    r.pm = w.ends_with("pm");
    w.remove_suffix(2);
  }
  if (w.empty()) return std::nullopt;
  const auto colon = w.find(':');
  const auto hour_text = w.substr(0, colon);
  auto [e1, c1] = std::from_chars(hour_text.data(), hour_text.data() + hour_text.size(), r.hour);
  if (c1 != std::errc{} || e1 != hour_text.data() + hour_text.size()) return std::nullopt;
  if (colon != std::string_view::npos) {
    const auto minute_text = w.substr(colon + 1);
    auto [e2, c2] =
        std::from_chars(minute_text.data(), minute_text.data() + minute_text.size(), r.minute);
    if (c2 != std::errc{} || e2 != minute_text.data() + minute_text.size() ||
        minute_text.size() != 2)
      return std::nullopt;
  } else if (r.hour >= 100 && r.meridiem) {  // "230pm"
    r.minute = r.hour % 100;
    r.hour /= 100;
  }
  if (r.hour < 0 || r.hour > 23 || r.minute < 0 || r.minute > 59) return std::nullopt;
  return r;
}

std::optional<minutes> resolve(clock_reading r) {
  if (r.meridiem) {
    if (r.hour < 1 || r.hour > 12) return std::nullopt;
    const int hour = r.hour % 12 + (r.pm ? 12 : 0);
    return hours{hour} + minutes{r.minute};
  }
  if (r.hour == 0) return minutes{r.minute};  // "00:30": said on a 24-hour clock
  return hours{r.hour > 12 ? r.hour : clinic_hour(r.hour)} + minutes{r.minute};
}

// Joins "2:30 pm" and "9 am" and strips "o'clock" ("oclock" once normalised).
words tidy(words w) {
  words out;
  for (std::size_t i = 0; i < w.size(); ++i) {
    const auto& x = w[i];
    if (x == "oclock" || x == "at" || x == "around" || x == "about" || x == "please" ||
        x == "ish" || x == "the")
      continue;
    if ((x == "am" || x == "pm") && !out.empty()) {
      out.back() += x;
      continue;
    }
    // "9 a.m." arrives as "9 a m".
    if ((x == "a" || x == "p") && i + 1 < w.size() && w[i + 1] == "m" && !out.empty()) {
      out.back() += x + "m";
      ++i;
      continue;
    }
    out.push_back(x);
  }
  return out;
}

std::optional<time_request> named_time(const words& w) {
  const auto is = [&](std::initializer_list<std::string_view> phrase) {
    return std::equal(w.begin(), w.end(), phrase.begin(), phrase.end());
  };
  if (is({"noon"}) || is({"midday"}) || is({"12", "noon"}) || is({"lunchtime", "12"}))
    return at(hours{12});
  if (is({"morning"}) || is({"in", "morning"}) || is({"mornings"}))
    return between(hours{6}, hours{12});
  if (is({"early", "morning"}) || is({"first", "thing"}) || is({"first", "thing", "in", "morning"}))
    return between(hours{6}, hours{9});
  if (is({"late", "morning"})) return between(hours{10}, hours{12});
  if (is({"afternoon"}) || is({"in", "afternoon"}) || is({"arvo"}) || is({"afternoons"}))
    return between(hours{12}, hours{17});
  if (is({"early", "afternoon"})) return between(hours{12}, hours{15});
  if (is({"late", "afternoon"})) return between(hours{15}, hours{17});
  if (is({"lunchtime"}) || is({"lunch"}) || is({"over", "lunch"}))
    return between(hours{11} + minutes{30}, hours{14});
  if (is({"evening"}) || is({"in", "evening"}) || is({"after", "work"}))
    return between(hours{17}, hours{21});
  if (is({"any", "time"}) || is({"anytime"}) || is({"whenever"}) || is({"all", "day"}))
    return between(hours{0}, hours{24});
  // Vaguer times, as receptionists read them.
  if (is({"before", "lunch"}) || is({"before", "lunchtime"})) return between(hours{0}, hours{12});
  if (is({"after", "lunch"}) || is({"after", "lunchtime"})) return between(hours{13}, hours{24});
  if (is({"early"}) || is({"early", "as", "possible"}) || is({"as", "early", "as", "possible"}) ||
      is({"early", "in", "day"}) || is({"start", "of", "day"}))
    return between(hours{0}, hours{10});
  if (is({"late"}) || is({"end", "of", "day"}) || is({"close", "of", "day"}) ||
      is({"last", "thing"}) || is({"late", "in", "day"}) || is({"after", "school"}) ||
      is({"last", "appointment"}))
    return between(hours{15} + minutes{30}, hours{24});
  if (is({"mid", "morning"}) || is({"midmorning"})) return between(hours{9}, hours{11});
  if (is({"mid", "afternoon"}) || is({"midafternoon"})) return between(hours{14}, hours{16});
  return std::nullopt;
}

// "half ten" is 10:30 in Britain and Australia (not 9:30).
std::optional<time_request> half_hour(const words& w) {
  if (w.size() != 2 || w[0] != "half") return std::nullopt;
  auto hour = number_word(w[1]);
  if (!hour) {
    if (auto reading = clock_word(w[1]); reading && reading->minute == 0 && !reading->meridiem)
      hour = reading->hour;
  }
  if (!hour || *hour < 1 || *hour > 12) return std::nullopt;
  return at(hours{clinic_hour(*hour)} + minutes{30});
}

// "ten in the morning", "quarter to four in the afternoon", "7 at night": a clock time and the
// part of the day that says whether it is am or pm.
std::optional<time_request> clock_in_part_of_day(const words& w) {
  if (w.size() < 2) return std::nullopt;
  const auto& last = w.back();
  const bool morning = last == "morning";
  const bool later = last == "afternoon" || last == "arvo" || last == "evening" ||
                     last == "night" || last == "tonight";
  if (!morning && !later) return std::nullopt;
  words clock(w.begin(), w.end() - 1);
  while (!clock.empty() && (clock.back() == "in" || clock.back() == "this" ||
                            clock.back() == "tomorrow" || clock.back() == "today"))
    clock.pop_back();
  if (clock.empty()) return std::nullopt;
  std::string text;
  for (const auto& x : clock) text += x + " ";
  auto reading = parse_time_phrase(text);
  if (!reading || reading->what != time_request::kind::at) return std::nullopt;
  auto m = reading->from;
  if (morning && m >= hours{12}) m -= hours{12};
  if (later && m < hours{12}) m += hours{12};
  return at(m);
}

// "half past two", "quarter to ten", "ten past three", "twenty to four"
std::optional<time_request> spoken_clock(const words& w) {
  if (w.size() != 3 || (w[1] != "past" && w[1] != "to" && w[1] != "after")) return std::nullopt;
  std::optional<int> amount;
  if (w[0] == "half")
    amount = 30;
  else if (w[0] == "quarter")
    amount = 15;
  else
    amount = number_word(w[0]);
  auto hour_reading = clock_word(w[2]);
  if (!hour_reading) {
    if (auto h = number_word(w[2])) hour_reading = clock_reading{*h, 0, false, false};
  }
  // "ten to 00" is no time anyone says: the hour of "past" and "to" is 1 to 12.
  if (!amount || *amount <= 0 || *amount >= 60 || !hour_reading || hour_reading->minute != 0 ||
      hour_reading->hour < 1 || hour_reading->hour > 12)
    return std::nullopt;
  auto hour = resolve(*hour_reading);
  if (!hour) return std::nullopt;
  return at(w[1] == "to" ? *hour - minutes{*amount} : *hour + minutes{*amount});
}

// "two thirty", "nine fifteen", "2 45"
std::optional<time_request> hour_and_minutes(const words& w) {
  if (w.size() != 2 && w.size() != 3) return std::nullopt;
  auto hour = number_word(w[0]);
  std::optional<int> minute;
  if (w.size() == 2) {
    minute = number_word(w[1]);
    if (!minute) {
      for (std::string_view tens : {"thirty", "fifteen", "forty", "fifty", "twenty"})
        if (w[1] == tens) minute = tens == "forty" ? 40 : tens == "fifty" ? 50 : *number_word(tens);
    }
  } else if (auto tens = number_word(w[1]); tens && (*tens == 20 || *tens == 30)) {
    if (auto ones = number_word(w[2])) minute = *tens + *ones;
  } else if (w[1] == "forty" || w[1] == "fifty") {
    if (auto ones = number_word(w[2])) minute = (w[1] == "forty" ? 40 : 50) + *ones;
  }
  if (!hour || !minute || *hour < 1 || *hour > 12 || *minute < 0 || *minute > 59)
    return std::nullopt;
  return at(hours{clinic_hour(*hour)} + minutes{*minute});
}

std::optional<time_request> single_clock(const words& w) {
  if (w.size() != 1) return std::nullopt;
  auto reading = clock_word(w[0]);
  if (!reading) {
    if (auto n = number_word(w[0]); n && *n >= 1 && *n <= 12)
      reading = clock_reading{*n, 0, false, false};
  }
  if (!reading) return std::nullopt;
  if (auto m = resolve(*reading)) return at(*m);
  return std::nullopt;
}

// "after 3pm", "before 10", "from 2", "between 2 and 4"
std::optional<time_request> bounded(const words& w) {
  if (w.size() < 2) return std::nullopt;
  const words rest(w.begin() + 1, w.end());
  if (w[0] == "between") {
    const auto and_at = std::find(rest.begin(), rest.end(), "and");
    if (and_at == rest.end()) return std::nullopt;
    auto from = parse_time_phrase(std::string(rest.front()));
    auto to = and_at + 1 != rest.end() ? parse_time_phrase(*(and_at + 1)) : std::nullopt;
    if (!from || !to || to->from <= from->from) return std::nullopt;
    return between(from->from, to->from);
  }
  std::string text;
  for (const auto& x : rest) text += x + " ";
  auto bound = parse_time_phrase(text);
  if (!bound || bound->what != time_request::kind::at) return std::nullopt;
  if (w[0] == "after" || w[0] == "from") return between(bound->from, hours{24});
  if (w[0] == "before" || w[0] == "by") return between(hours{0}, bound->from);
  return std::nullopt;
}

// Text that cannot be one clear time, whatever its words: a signed number ("-1pm"), digits joined
// by a dash or plus ("2-4", a range or a slip), or symbols no one says.
bool unclear(std::string_view phrase) {
  if (has_signed_number(phrase)) return true;
  const auto digit_beside = [&](std::size_t i, int step) {
    for (auto k = static_cast<std::ptrdiff_t>(i) + step;
         k >= 0 && k < static_cast<std::ptrdiff_t>(phrase.size()); k += step)
      if (phrase[k] != ' ') return std::isdigit(static_cast<unsigned char>(phrase[k])) != 0;
    return false;
  };
  for (std::size_t i = 0; i < phrase.size(); ++i)
    if (phrase[i] == '-' && digit_beside(i, -1) && digit_beside(i, 1)) return true;
  return phrase.find_first_of("#*=%$@<>[]{}()|\\/;_~^+") != std::string_view::npos;
}

}  // namespace

std::optional<time_request> parse_time_phrase(std::string_view phrase) {
  if (unclear(phrase)) return std::nullopt;
  const auto w = tidy(words_of(phrase));
  if (w.empty()) return std::nullopt;
  for (auto reading : {named_time(w), single_clock(w), spoken_clock(w), half_hour(w),
                       hour_and_minutes(w), clock_in_part_of_day(w), bounded(w)})
    if (reading) return reading;
  return std::nullopt;
}

}  // namespace frontdesk::domain
