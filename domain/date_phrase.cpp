#include "domain/date_phrase.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "domain/holidays.hpp"
#include "domain/phrase_tokens.hpp"
#include "domain/words.hpp"

namespace frontdesk::domain {
namespace {

using tokens = std::vector<token>;
using took = std::vector<const token*>;
using days_read = std::vector<date_request>;
using date::days;
using date::sys_days;

struct context {
  sys_days today;
  std::string_view country;
};

date_request on(sys_days d) {
  return {date_request::kind::day, calendar_date{d}, calendar_date{d}};
}
date_request span(sys_days first, sys_days last) {
  return {date_request::kind::span, calendar_date{first}, calendar_date{last}};
}

sys_days monday_of(sys_days d) {
  return d - days{date::weekday{d}.iso_encoding() - 1};
}

unsigned weekday_of(sys_days d) {
  return date::weekday{d}.c_encoding();
}

days_read each_plus(days_read read, int n) {
  for (auto& r : read) r = on(sys_days{r.first} + days{n});
  return read;
}

// "Friday", "this Friday": the next one from today on; said on that weekday, today or a week
// from today. "This coming Friday" is never today.
days_read plain_weekday(const context& c, unsigned wd, bool coming = false) {
  if (weekday_of(c.today) != wd) return {on(next_weekday(c.today, wd))};
  if (coming) return {on(c.today + days{7})};
  return {on(c.today), on(c.today + days{7})};
}

sys_days after_today(const context& c, unsigned wd) {
  return next_weekday(c.today + days{1}, wd);
}

sys_days of_next_week(const context& c, unsigned wd) {
  return next_weekday(monday_of(c.today) + days{7}, wd);
}

// "Next Friday": the next one after today, or the one in next week; asked when they differ.
days_read next_weekday_said(const context& c, unsigned wd) {
  return {on(after_today(c, wd)), on(of_next_week(c, wd))};
}

// The day of the month `day` (of `month` and `year` when said): the next such date from today.
std::optional<sys_days> dated(const context& c, int day, int month = 0, int year = 0) {
  const calendar_date today{c.today};
  if (month) {
    const auto y = year ? date::year{year} : today.year();
    calendar_date d{y, date::month(month), date::day(day)};
    if (!year && d.ok() && sys_days{d} < c.today)
      d = calendar_date{y + date::years{1}, d.month(), d.day()};
    if (!d.ok()) return std::nullopt;
    return sys_days{d};
  }
  auto ym = today.year() / today.month();
  for (int i = 0; i < 13; ++i, ym += date::months{1}) {
    const calendar_date d{ym / date::day(day)};
    if (d.ok() && sys_days{d} >= c.today) return sys_days{d};
  }
  return std::nullopt;
}

// A weekday said with a date: that date when they agree; when not, the date and the weekday
// nearest it, to ask between.
days_read with_weekday(unsigned wd, std::optional<sys_days> d) {
  if (!d) return {};
  if (weekday_of(*d) == wd) return {on(*d)};
  auto nearest = *d;
  for (int step = 1; step <= 3; ++step) {
    if (weekday_of(*d + days{step}) == wd) nearest = *d + days{step};
    if (weekday_of(*d - days{step}) == wd) nearest = *d - days{step};
    if (nearest != *d) break;
  }
  return {on(*d), on(nearest)};
}

int year_of(const token* t) {
  if (!t) return 0;
  return t->value < 100 ? 2000 + t->value : t->value;
}

// "14/12", "12/14/26" in the US, "2026-12-14", "14.12.26".
std::optional<sys_days> numeric(const context& c, const token& t) {
  int day = t.parts[0], month = t.parts[1], year = t.part_count == 3 ? t.parts[2] : 0;
  if (t.parts[0] >= 1000 && t.part_count == 3)
    year = t.parts[0], month = t.parts[1], day = t.parts[2];
  else if ((c.country == "US" || c.country == "CA") && day <= 12)
    std::swap(day, month);  // month first, unless it cannot be ("14/12")
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  if (year && year < 100) year += 2000;
  return dated(c, day, month, year);
}

days_read one(std::optional<sys_days> d) {
  if (!d) return {};
  return {on(*d)};
}

days_read weekend(const context& c, int weeks_on) {
  const auto saturday = monday_of(c.today) + days{5 + 7 * weeks_on};
  return {span(std::max(c.today, saturday), saturday + days{1})};
}

int weekday_took(const took& t, std::size_t i) {
  return t.at(i)->value;
}

struct rule {
  std::string_view pattern;
  days_read (*read)(const context&, const took&);
};

// The grammar of a day, one pattern per way of saying it (see matches() for the notation).
const std::vector<rule>& rules() {
  static const std::vector<rule> table{
      {"today", [](const context& c, const took&) { return days_read{on(c.today)}; }},
      {"tonight", [](const context& c, const took&) { return days_read{on(c.today)}; }},
      {"tomorrow|tmrw|tomorow|tommorow",
       [](const context& c, const took&) { return days_read{on(c.today + days{1})}; }},
      {"[in] day after tomorrow|tmrw",
       [](const context& c, const took&) { return days_read{on(c.today + days{2})}; }},
      {"[later] this week|wk",
       [](const context& c, const took&) {
         return days_read{span(c.today, monday_of(c.today) + days{6})};
       }},
      {"[any] [day|time] next week|wk",
       [](const context& c, const took&) {
         return days_read{span(monday_of(c.today) + days{7}, monday_of(c.today) + days{13})};
       }},
      {"week after next",
       [](const context& c, const took&) {
         return days_read{span(monday_of(c.today) + days{14}, monday_of(c.today) + days{20})};
       }},
      {"[this] weekend", [](const context& c, const took&) { return weekend(c, 0); }},
      {"next weekend",
       [](const context& c, const took&) {
         const bool at_weekend = weekday_of(c.today) == 0 || weekday_of(c.today) == 6;
         if (at_weekend) return weekend(c, weekday_of(c.today) == 6 ? 1 : 0);
         auto read = weekend(c, 0);
         read.push_back(weekend(c, 1).front());
         return read;
       }},
      {"next month",
       [](const context& c, const took&) {
         const calendar_date t{c.today};
         const auto ym = t.year() / t.month() + date::months{1};
         return days_read{span(sys_days{ym / date::day{1}}, sys_days{ym / date::last})};
       }},
      {"this month",
       [](const context& c, const took&) {
         const calendar_date t{c.today};
         return days_read{span(c.today, sys_days{t.year() / t.month() / date::last})};
       }},
      {"[this] <wd>",
       [](const context& c, const took& t) { return plain_weekday(c, weekday_took(t, 0)); }},
      {"<wd> this week|wk",
       [](const context& c, const took& t) {
         const auto wd = weekday_took(t, 0);
         if (weekday_of(c.today) == static_cast<unsigned>(wd)) return days_read{on(c.today)};
         return plain_weekday(c, wd);
       }},
      {"[this] coming <wd>",
       [](const context& c, const took& t) { return plain_weekday(c, weekday_took(t, 0), true); }},
      {"[this] <wd> coming",
       [](const context& c, const took& t) { return plain_weekday(c, weekday_took(t, 0), true); }},
      {"next <wd>",
       [](const context& c, const took& t) { return next_weekday_said(c, weekday_took(t, 0)); }},
      {"<wd> next week|wk",
       [](const context& c, const took& t) {
         return days_read{on(of_next_week(c, weekday_took(t, 0)))};
       }},
      {"next week|wk <wd>",
       [](const context& c, const took& t) {
         return days_read{on(of_next_week(c, weekday_took(t, 0)))};
       }},
      {"<wd> week",
       [](const context& c, const took& t) {
         return each_plus(plain_weekday(c, weekday_took(t, 0)), 7);
       }},
      {"a week [from] <wd>",
       [](const context& c, const took& t) {
         return each_plus(plain_weekday(c, weekday_took(t, 0)), 7);
       }},
      {"<wd> fortnight",
       [](const context& c, const took& t) {
         return each_plus(plain_weekday(c, weekday_took(t, 0)), 14);
       }},
      {"a fortnight [from] <wd>",
       [](const context& c, const took& t) {
         return each_plus(plain_weekday(c, weekday_took(t, 0)), 14);
       }},
      {"<wd> after next",
       [](const context& c, const took& t) {
         return days_read{on(after_today(c, weekday_took(t, 0)) + days{7})};
       }},
      {"<n> week|weeks [from] today",
       [](const context& c, const took& t) {
         return days_read{on(c.today + days{7 * t[0]->value})};
       }},
      {"today week",
       [](const context& c, const took&) { return days_read{on(c.today + days{7})}; }},
      {"<n> week|weeks [from] tomorrow",
       [](const context& c, const took& t) {
         return days_read{on(c.today + days{1 + 7 * t[0]->value})};
       }},
      {"tomorrow week",
       [](const context& c, const took&) { return days_read{on(c.today + days{8})}; }},
      {"<n> fortnight|fortnights [from] today|tomorrow",
       [](const context& c, const took& t) {
         return days_read{on(c.today + days{14 * t[0]->value})};
       }},
      {"[in] <n> day|days [time] [from] [now|today]",
       [](const context& c, const took& t) {
         return t[0]->value > 366 ? days_read{} : days_read{on(c.today + days{t[0]->value})};
       }},
      {"[in] <n> week|weeks|wks [time] [from] [now|today]",
       [](const context& c, const took& t) {
         return t[0]->value > 52 ? days_read{} : days_read{on(c.today + days{7 * t[0]->value})};
       }},
      {"[in] [a] fortnight|fortnights [time] [from] [now|today]",
       [](const context& c, const took&) { return days_read{on(c.today + days{14})}; }},
      {"[in] <n> fortnight|fortnights [time] [from] [now|today]",
       [](const context& c, const took& t) {
         return t[0]->value > 26 ? days_read{} : days_read{on(c.today + days{14 * t[0]->value})};
       }},
      {"[in] <n> month|months [time] [from] [now|today]",
       [](const context& c, const took& t) {
         if (t[0]->value > 12) return days_read{};
         const calendar_date d = calendar_date{c.today} + date::months{t[0]->value};
         return days_read{on(d.ok() ? sys_days{d} : sys_days{d.year() / d.month() / date::last})};
       }},
      {"<day> [<month>] [<year>]",
       [](const context& c, const took& t) {
         // A number alone is no date ("10" may be a time); an ordinal is ("the 10th").
         if (t.size() == 1 && t[0]->what != token::kind::ordinal) return days_read{};
         if (t.size() == 3 || (t.size() == 2 && t[1]->what == token::kind::month))
           return one(dated(c, t[0]->value, t[1]->value, t.size() == 3 ? year_of(t[2]) : 0));
         if (t.size() == 2) return days_read{};
         return one(dated(c, t[0]->value));
       }},
      {"<month> <day> [<year>]",
       [](const context& c, const took& t) {
         return one(dated(c, t[1]->value, t[0]->value, t.size() == 3 ? year_of(t[2]) : 0));
       }},
      {"<wd> <day> [<month>] [<year>]",
       [](const context& c, const took& t) {
         if (t.size() == 3 && t[2]->what != token::kind::month) return days_read{};
         const int month = t.size() >= 3 ? t[2]->value : 0;
         return with_weekday(weekday_took(t, 0),
                             dated(c, t[1]->value, month, t.size() == 4 ? year_of(t[3]) : 0));
       }},
      {"<wd> <month> <day> [<year>]",
       [](const context& c, const took& t) {
         return with_weekday(weekday_took(t, 0),
                             dated(c, t[2]->value, t[1]->value, t.size() == 4 ? year_of(t[3]) : 0));
       }},
      {"<date>", [](const context& c, const took& t) { return one(numeric(c, *t[0])); }},
      {"<day> this month",
       [](const context& c, const took& t) {
         const calendar_date today{c.today};
         return one(dated(c, t[0]->value, static_cast<int>(unsigned{today.month()}),
                          static_cast<int>(today.year())));
       }},
      {"next <wd> <day>",
       [](const context& c, const took& t) {
         return with_weekday(weekday_took(t, 0), dated(c, t[1]->value));
       }},
      {"<day> <wd>",
       [](const context& c, const took& t) {
         if (t[0]->what != token::kind::ordinal) return days_read{};
         return with_weekday(weekday_took(t, 1), dated(c, t[0]->value));
       }},
      // Two names for one day ("tomorrow, Thursday"): that day when they agree, both when not.
      {"today <wd>",
       [](const context& c, const took& t) { return with_weekday(weekday_took(t, 0), c.today); }},
      {"<wd> today",
       [](const context& c, const took& t) { return with_weekday(weekday_took(t, 0), c.today); }},
      {"tomorrow <wd>",
       [](const context& c, const took& t) {
         return with_weekday(weekday_took(t, 0), c.today + days{1});
       }},
      {"<wd> tomorrow",
       [](const context& c, const took& t) {
         return with_weekday(weekday_took(t, 0), c.today + days{1});
       }},
      {"<wd> <date>",
       [](const context& c, const took& t) {
         return with_weekday(weekday_took(t, 0), numeric(c, *t[1]));
       }},
  };
  return table;
}

bool wants_soonest(const tokens& said) {
  const auto has = [&](std::string_view w) {
    return std::any_of(said.begin(), said.end(), [&](const token& t) { return t.is(w); });
  };
  if (said.size() == 1 && (said[0].is("whenever") || said[0].is("anytime") || said[0].is("any")))
    return true;
  return has("asap") || has("soonest") || has("earliest") || has("available") ||
         (has("soon") && has("possible")) || (has("next") && has("free")) ||
         (has("first") && has("free"));
}

days_read one_day(const tokens& said, const context& c) {
  if (said.empty()) return {};
  for (const auto& r : rules()) {
    took captured;
    if (matches(said, r.pattern, &captured)) return r.read(c, captured);
  }
  if (wants_soonest(said)) return {date_request{date_request::kind::soonest, {}, {}}};
  if (auto h = holiday_named(text_of(said), calendar_date{c.today}, c.country))
    return {on(sys_days{*h})};
  return {};
}

// Readings that are over before today are dropped: no one books yesterday.
days_read not_past(days_read read, const context& c) {
  std::erase_if(read, [&](const date_request& r) {
    return r.what != date_request::kind::soonest && sys_days{r.last} < c.today;
  });
  return read;
}

// "Monday or Tuesday", "either Thursday or Friday", "tomorrow or the day after".
days_read either(const tokens& said, const context& c) {
  tokens words = said;
  if (!words.empty() && words.front().is("either")) words.erase(words.begin());
  const auto split =
      std::find_if(words.begin(), words.end(), [](const token& t) { return t.is("or"); });
  if (split == words.end()) return one_day(words, c);
  auto out = either(tokens(words.begin(), split), c);
  const tokens rest(split + 1, words.end());
  const auto other = matches(rest, "day after") ? each_plus(out, 1) : either(rest, c);
  if (out.empty() || other.empty()) return {};
  out.insert(out.end(), other.begin(), other.end());
  return out;
}

}  // namespace

std::vector<date_request> dates_in(const std::vector<token>& said, calendar_date today,
                                   std::string_view country) {
  const context c{sys_days{today}, country};
  return not_past(either(said, c), c);
}

namespace {

// A date field's words with a time taken out of them, anywhere: before the day ("10am
// tomorrow"), after it ("Monday at 10") or in its middle ("Tuesday morning next week").
std::vector<when_request> day_and_time(const tokens& said, calendar_date today,
                                       std::string_view country) {
  std::vector<when_request> out;
  // A time before or after the day first ("Monday at ten thirty"); in its middle ("Tuesday
  // morning next week") only when no such reading exists.
  for (const bool middle : {false, true}) {
    if (!out.empty()) break;
    for (std::size_t from = 0; from <= said.size(); ++from)
      for (std::size_t to = from; to <= said.size(); ++to) {
        if (middle != (from > 0 && to < said.size())) continue;
        tokens day = slice(said, 0, from);
        const auto after = slice(said, to, said.size());
        day.insert(day.end(), after.begin(), after.end());
        tokens time = slice(said, from, to);
        const bool tonight = matches(day, "tonight");
        if (matches(day, "this")) day = tokens_of("today");  // "this arvo"
        if (tonight && !time.empty()) time.push_back(tokens_of("tonight").front());
        const auto days = day.empty() ? std::vector<date_request>{} : dates_in(day, today, country);
        if (!day.empty() && days.empty()) continue;
        auto times = time.empty() ? std::vector<time_request>{} : times_in(time);
        if (!time.empty() && times.empty()) continue;
        // "early next month": early in the month, not early in the day.
        const bool vague = matches(time, "early|late|mid");
        if (vague && std::any_of(days.begin(), days.end(), [](const date_request& d) {
              return d.what != date_request::kind::day;
            }))
          continue;
        if (tonight && time.empty()) times = times_in(tokens_of("tonight"));
        if (days.empty() && times.empty()) continue;
        for (std::size_t d = 0; d < std::max<std::size_t>(days.size(), 1); ++d)
          for (std::size_t t = 0; t < std::max<std::size_t>(times.size(), 1); ++t)
            out.push_back({days.empty() ? std::nullopt : std::optional{days[d]},
                           times.empty() ? std::nullopt : std::optional{times[t]}});
        if (time.empty()) return out;  // the whole field is a day
      }
  }
  // Words that can be read with a day are ("this evening" is today's, not any evening).
  if (std::any_of(out.begin(), out.end(), [](const when_request& w) { return w.day.has_value(); }))
    std::erase_if(out, [](const when_request& w) { return !w.day; });
  return out;
}

}  // namespace

reading<when_request> read_when(std::string_view said, calendar_date today,
                                std::string_view country) {
  if (has_signed_number(said)) return {};
  const auto trimmed = normalize(said);
  if (auto iso = parse_date(trimmed)) {
    const date_request d{date_request::kind::day, *iso, *iso};
    return reading_of(std::vector<when_request>{{d, std::nullopt}});
  }
  return reading_of(day_and_time(tokens_of(said), today, country));
}

reading<date_request> read_date(std::string_view said, calendar_date today,
                                std::string_view country) {
  std::vector<date_request> days;
  for (const auto& w : read_when(said, today, country).options)
    if (w.day) days.push_back(*w.day);
  return reading_of(days);
}

}  // namespace frontdesk::domain
