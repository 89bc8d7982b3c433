#include "domain/holidays.hpp"

#include <string>
#include <vector>

#include "domain/words.hpp"

namespace frontdesk::domain {

using date::days;
using date::sys_days;

sys_days next_weekday(sys_days from, unsigned wd) {
  const auto today = date::weekday{from}.c_encoding();
  return from + days{(wd + 7 - today) % 7};
}

namespace {

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

}  // namespace

std::optional<calendar_date> holiday_named(std::string_view said, calendar_date today,
                                           std::string_view country) {
  auto rest = words_of(said);
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
  if (name == "christmas day" || name == "xmas day" || name == "xmas") name = "christmas";
  for (int y = static_cast<int>(today.year()); y <= static_cast<int>(today.year()) + 1; ++y) {
    auto d = holiday_in(name, y, country);
    if (!d && name.ends_with(" day")) d = holiday_in(name.substr(0, name.size() - 4), y, country);
    if (d && *d + days{shift} >= sys_days{today}) return calendar_date{*d + days{shift}};
  }
  return std::nullopt;
}

}  // namespace frontdesk::domain
