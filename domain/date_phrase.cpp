#include "domain/date_phrase.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <string>
#include <vector>

#include "domain/words.hpp"

namespace frontdesk::domain {
namespace {

using words = std::vector<std::string>;
using date::days;
using date::sys_days;

date_request on(sys_days day) {
  const calendar_date d{day};
  return {date_request::kind::day, d, d};
}

date_request between(sys_days first, sys_days last) {
  return {date_request::kind::span, calendar_date{first}, calendar_date{last}};
}

std::optional<unsigned> weekday_named(std::string_view w) {
  static const std::array<std::array<std::string_view, 3>, 7> names{
      {{"sunday", "sun", "sundays"},
       {"monday", "mon", "mondays"},
       {"tuesday", "tue", "tues"},
       {"wednesday", "wed", "weds"},
       {"thursday", "thu", "thurs"},
       {"friday", "fri", "fridays"},
       {"saturday", "sat", "saturdays"}}};
  for (unsigned i = 0; i < names.size(); ++i)
    if (std::find(names[i].begin(), names[i].end(), w) != names[i].end()) return i;
  return std::nullopt;
}

std::optional<unsigned> month_named(std::string_view w) {
  static const std::array<std::string_view, 12> names{
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  for (unsigned i = 0; i < names.size(); ++i)
    if (w == names[i] || (w.size() >= 3 && names[i].starts_with(w))) return i + 1;
  if (w == "sept") return 9;
  return std::nullopt;
}

sys_days monday_of(sys_days day) {
  const auto wd = date::weekday{day}.iso_encoding();  // Monday 1 .. Sunday 7
  return day - days{wd - 1};
}

// The next day on or after `from` that is weekday `wd` (0 = Sunday).
sys_days next_weekday(sys_days from, unsigned wd) {
  const auto today = date::weekday{from}.c_encoding();
  return from + days{(wd + 7 - today) % 7};
}

// "25 november [2026]": a date this year, or next year when it has passed (no year given).
std::optional<sys_days> month_day(unsigned month, unsigned day, std::optional<int> year,
                                  calendar_date today) {
  const auto y = year ? date::year{*year} : today.year();
  calendar_date d{y, date::month{month}, date::day{day}};
  if (!d.ok()) return std::nullopt;
  if (!year && sys_days{d} < sys_days{today})
    d = calendar_date{y + date::years{1}, date::month{month}, date::day{day}};
  if (!d.ok()) return std::nullopt;
  return sys_days{d};
}

// The next date on or after today whose day of the month is `day`.
std::optional<sys_days> next_day_of_month(unsigned day, calendar_date today) {
  if (day < 1 || day > 31) return std::nullopt;
  auto ym = today.year() / today.month();
  for (int i = 0; i < 13; ++i, ym += date::months{1}) {
    const calendar_date d{ym / date::day{day}};
    if (d.ok() && sys_days{d} >= sys_days{today}) return sys_days{d};
  }
  return std::nullopt;
}

// Joins "twenty first" back into one ordinal, drops fillers.
words tidy(words w) {
  words out;
  static const std::array<std::string_view, 6> fillers{"on", "for", "please", "of", "at", "maybe"};
  for (std::size_t i = 0; i < w.size(); ++i) {
    if ((w[i] == "twenty" || w[i] == "thirty") && i + 1 < w.size() &&
        ordinal_word(w[i] + "-" + w[i + 1])) {
      out.push_back(w[i] + "-" + w[i + 1]);
      ++i;
    } else if (std::find(fillers.begin(), fillers.end(), w[i]) == fillers.end()) {
      out.push_back(w[i]);
    }
  }
  return out;
}

bool has(const words& w, std::string_view word) {
  return std::find(w.begin(), w.end(), word) != w.end();
}

std::optional<date_request> soonest(const words& w) {
  const bool wants_soon = has(w, "asap") || has(w, "soonest") || has(w, "earliest") ||
                          has(w, "whenever") || (has(w, "soon") && has(w, "possible")) ||
                          has(w, "available") ||
                          (w.size() == 1 && (w[0] == "anytime" || w[0] == "any"));
  if (!wants_soon) return std::nullopt;
  return date_request{date_request::kind::soonest, {}, {}};
}

std::optional<date_request> relative_day(const words& w, sys_days today) {
  if (w == words{"today"} || w == words{"tonight"} || w == words{"this", "morning"} ||
      w == words{"this", "afternoon"})
    return on(today);
  if (w == words{"tomorrow"} || w == words{"tmrw"} || w == words{"tomorrow", "morning"} ||
      w == words{"tomorrow", "afternoon"})
    return on(today + days{1});
  if (w == words{"day", "after", "tomorrow"} || w == words{"the", "day", "after", "tomorrow"})
    return on(today + days{2});
  return std::nullopt;
}

std::optional<date_request> spans(const words& w, sys_days today) {
  const auto monday = monday_of(today);
  if (w == words{"this", "week"} || w == words{"later", "this", "week"})
    return between(today, monday + days{6});
  if (w == words{"next", "week"}) return between(monday + days{7}, monday + days{13});
  if (w == words{"this", "weekend"} || w == words{"the", "weekend"} || w == words{"weekend"}) {
    const auto saturday = monday + days{5};
    return between(std::max(today, saturday), monday + days{6});
  }
  if (w == words{"next", "weekend"}) return between(monday + days{12}, monday + days{13});
  return std::nullopt;
}

// "in two weeks", "in 3 days", "a fortnight", "two weeks from now", "in a couple of days"
std::optional<date_request> offset(const words& w, sys_days today) {
  if (has(w, "fortnight")) return on(today + days{14});
  words rest;
  for (const auto& x : w)
    if (x != "in" && x != "from" && x != "now" && x != "time" && x != "couple" && x != "the")
      rest.push_back(x);
  if (rest.size() != 2) return std::nullopt;
  auto n = number_word(rest[0]);
  if (has(w, "couple")) n = 2;
  // Up to a year ahead: "in 2026262026 weeks" is no appointment anyone books.
  if (!n || *n < 0 || *n > 366) return std::nullopt;
  if (rest[1] == "day" || rest[1] == "days") return on(today + days{*n});
  if ((rest[1] == "week" || rest[1] == "weeks") && *n <= 52) return on(today + days{7 * *n});
  return std::nullopt;
}

std::optional<date_request> weekday(const words& w, sys_days today) {
  std::optional<unsigned> wd;
  bool next = false;
  for (const auto& x : w) {
    if (auto d = weekday_named(x))
      wd = d;
    else if (x == "next")
      next = true;
    else if (x != "this" && x != "coming" && x != "the" && x != "morning" && x != "afternoon" &&
             x != "evening")
      return std::nullopt;
  }
  if (!wd) return std::nullopt;
  // "next Tuesday" is the Tuesday of next week; "Tuesday" and "this Tuesday" the next one from
  // today.
  if (next) return on(next_weekday(monday_of(today) + days{7}, *wd));
  return on(next_weekday(today, *wd));
}

std::optional<int> year_in(const std::string& word) {
  int y = 0;
  auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), y);
  if (ec != std::errc{} || end != word.data() + word.size() || y < 2000 || y > 2100)
    return std::nullopt;
  return y;
}

// "25th november", "november 25", "the 3rd of december 2026", "nov 25th"
std::optional<date_request> month_date(const words& w, calendar_date today) {
  std::optional<unsigned> month;
  std::optional<int> day, year;
  for (const auto& x : w) {
    if (x == "the" || weekday_named(x)) continue;  // "Monday the 30th of November"
    if (auto m = month_named(x); m && !month)
      month = m;
    else if (auto y = year_in(x); y && day)
      year = y;
    else if (auto d = ordinal_word(x); d && !day)
      day = d;
    else if (auto n = number_word(x); n && !day && x != "a" && x != "an")
      day = n;
    else
      return std::nullopt;
  }
  if (!day) return std::nullopt;
  if (!month) {
    if (auto d = next_day_of_month(static_cast<unsigned>(*day), today)) return on(*d);
    return std::nullopt;
  }
  if (auto d = month_day(*month, static_cast<unsigned>(*day), year, today)) return on(*d);
  return std::nullopt;
}

// "25/11", "25/11/2026": day first, as Australians write it.
std::optional<date_request> numeric_date(const words& w, calendar_date today) {
  if (w.size() != 1) return std::nullopt;
  const auto& s = w[0];
  const auto slash = s.find('/');
  if (slash == std::string::npos) return std::nullopt;
  const auto second = s.find('/', slash + 1);
  unsigned d = 0, m = 0;
  int y = 0;
  auto [e1, c1] = std::from_chars(s.data(), s.data() + slash, d);
  const auto month_end = second == std::string::npos ? s.size() : second;
  auto [e2, c2] = std::from_chars(s.data() + slash + 1, s.data() + month_end, m);
  if (c1 != std::errc{} || c2 != std::errc{} || e1 != s.data() + slash ||
      e2 != s.data() + month_end || m < 1 || m > 12)
    return std::nullopt;
  std::optional<int> year;
  if (second != std::string::npos) {
    auto [e3, c3] = std::from_chars(s.data() + second + 1, s.data() + s.size(), y);
    if (c3 != std::errc{} || e3 != s.data() + s.size()) return std::nullopt;
    year = y < 100 ? 2000 + y : y;
  }
  if (auto date = month_day(m, d, year, today)) return on(*date);
  return std::nullopt;
}

// "Monday week", "Monday fortnight", "a week on Monday", "a week from tomorrow", "a week today",
// "Tuesday after next": a day and whole weeks after it.
std::optional<date_request> day_and_weeks(const words& w, sys_days today) {
  std::optional<sys_days> anchor;
  int weeks = 0;
  bool after_next = false;
  for (std::size_t i = 0; i < w.size(); ++i) {
    const auto& x = w[i];
    if (auto d = weekday_named(x); d && !anchor)
      anchor = next_weekday(today + days{1}, *d);
    else if (x == "today" && !anchor)
      anchor = today;
    else if (x == "tomorrow" && !anchor)
      anchor = today + days{1};
    else if (x == "week")
      weeks += 1;
    else if (x == "fortnight")
      weeks += 2;
    else if (x == "after" && i + 1 < w.size() && w[i + 1] == "next")
      after_next = true, ++i;
    else if (x != "a" && x != "from" && x != "the" && x != "this")
      return std::nullopt;
  }
  if (!anchor || (weeks == 0 && !after_next)) return std::nullopt;
  return on(*anchor + days{7 * (weeks + (after_next ? 1 : 0))});
}

// Easter Sunday of year `y` (the Gregorian computus).
sys_days easter(int y) {
  const int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25;
  const int g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
  return sys_days{date::year{y} / date::month{static_cast<unsigned>(month)} /
                  date::day{static_cast<unsigned>(day)}};
}

// The `n`th (1-based; 0 = last) weekday `wd` of a month.
sys_days nth_weekday(int y, unsigned month, unsigned wd, int n) {
  if (n == 0) {
    const sys_days last{date::year{y} / date::month{month} / date::last};
    const auto back = (date::weekday{last}.c_encoding() + 7 - wd) % 7;
    return last - days{back};
  }
  const sys_days first{date::year{y} / date::month{month} / date::day{1}};
  return next_weekday(first, wd) + days{7 * (n - 1)};
}

// A public holiday (or its eve) by name, in year `y`: the ones the clinic's country keeps, and
// those of the Christian calendar most clinics close for.
std::optional<sys_days> holiday_in(const std::string& name, int y, std::string_view country) {
  const auto fixed = [&](unsigned m, unsigned d) {
    return sys_days{date::year{y} / date::month{m} / date::day{d}};
  };
  const bool au = country == "AU", nz = country == "NZ", uk = country == "GB" || country == "UK";
  const bool us = country == "US", ca = country == "CA";
  if (name == "christmas" || name == "christmas day" || name == "xmas") return fixed(12, 25);
  if (name == "boxing day") return fixed(12, 26);
  if (name == "new years day" || name == "new year") return fixed(1, 1);
  if (name == "good friday") return easter(y) - days{2};
  if (name == "easter saturday" || name == "holy saturday") return easter(y) - days{1};
  if (name == "easter" || name == "easter sunday") return easter(y);
  if (name == "easter monday") return easter(y) + days{1};
  if ((au || nz) && name == "anzac day") return fixed(4, 25);
  if (au && name == "australia day") return fixed(1, 26);
  if (nz && name == "waitangi day") return fixed(2, 6);
  if ((au || nz || uk) && (name == "kings birthday" || name == "queens birthday"))
    return nz ? nth_weekday(y, 6, 1, 1) : nth_weekday(y, 6, 1, 2);
  if (us && name == "thanksgiving") return nth_weekday(y, 11, 4, 4);
  if (ca && name == "thanksgiving") return nth_weekday(y, 10, 1, 2);
  if (us && (name == "independence day" || name == "fourth of july")) return fixed(7, 4);
  if ((us || ca) && (name == "labor day" || name == "labour day")) return nth_weekday(y, 9, 1, 1);
  if (us && name == "memorial day") return nth_weekday(y, 5, 1, 0);
  if (ca && name == "canada day") return fixed(7, 1);
  if (uk && name == "spring bank holiday") return nth_weekday(y, 5, 1, 0);
  if (uk && name == "summer bank holiday") return nth_weekday(y, 8, 1, 0);
  return std::nullopt;
}

// "Christmas Eve", "Boxing Day", "Anzac Day", "Good Friday", "New Year's Eve", "the day before
// Good Friday": the next one from today.
std::optional<date_request> holiday(const words& w, calendar_date today, std::string_view country) {
  words rest = w;
  if (!rest.empty() && rest.front() == "the") rest.erase(rest.begin());
  int shift = 0;
  if (rest.size() > 2 && rest[0] == "day" && rest[1] == "before") shift = -1;
  if (rest.size() > 2 && rest[0] == "day" && rest[1] == "after") shift = 1;
  if (shift != 0) rest.erase(rest.begin(), rest.begin() + 2);
  if (!rest.empty() && rest.back() == "eve") {
    rest.back() = "day";
    shift -= 1;
  }
  std::string name;
  for (const auto& x : rest)
    if (x != "the" && x != "this" && x != "next") name += (name.empty() ? "" : " ") + x;
  if (name == "new years") name = "new years day";
  if (name == "christmas day" || name == "xmas day") name = "christmas";
  for (int y = static_cast<int>(today.year()); y <= static_cast<int>(today.year()) + 1; ++y) {
    auto d = holiday_in(name, y, country);
    if (!d && name.ends_with(" day")) d = holiday_in(name.substr(0, name.size() - 4), y, country);
    if (d && *d + days{shift} >= sys_days{today}) return on(*d + days{shift});
  }
  return std::nullopt;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<date_request> parse_date_phrase(std::string_view phrase, calendar_date today,
                                              std::string_view country) {
  // "-25/11", "the -3rd": a signed number is no date anyone says.
  if (has_signed_number(phrase)) return std::nullopt;
  if (auto iso = parse_date(trim(phrase))) return on(sys_days{*iso});
  const auto [date_words, part] = day_part_of(phrase);
  if (part && date_words != phrase) return parse_date_phrase(date_words, today, country);
  const auto w = tidy(words_of(phrase));
  if (w.empty()) return std::nullopt;
  const sys_days day{today};
  for (auto reading :
       {relative_day(w, day), spans(w, day), day_and_weeks(w, day), offset(w, day), weekday(w, day),
        numeric_date(w, today), month_date(w, today), holiday(w, today, country), soonest(w)})
    if (reading) return reading;
  return std::nullopt;
}

std::pair<std::string, std::optional<time_request>> day_part_of(std::string_view phrase) {
  auto w = words_of(phrase);
  if (w == std::vector<std::string>{"tonight"}) return {"today", parse_time_phrase("evening")};
  static const std::array<std::string_view, 8> parts{"morning", "afternoon", "arvo",  "evening",
                                                     "night",   "lunchtime", "lunch", "tonight"};
  if (w.size() < 2 || std::find(parts.begin(), parts.end(), w.back()) == parts.end())
    return {std::string(phrase), std::nullopt};
  // "tonight" is today's evening; "thursday in the arvo", "friday at lunch", "monday night".
  std::string part = w.back() == "tonight" ? "evening" : w.back() == "night" ? "evening" : w.back();
  w.pop_back();
  if (w.back() == "tonight") w.back() = "today";
  while (w.size() > 1 && (w.back() == "the" || w.back() == "in" || w.back() == "at" ||
                          w.back() == "this" || w.back() == "over"))
    w.pop_back();
  std::string rest;
  for (const auto& x : w) rest += (rest.empty() ? "" : " ") + x;
  if (rest == "this" || rest == "in" || rest == "the") rest = "today";  // "this afternoon"
  return {rest, parse_time_phrase(part)};
}

}  // namespace frontdesk::domain
