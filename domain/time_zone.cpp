#include "domain/time_zone.hpp"

#include <date/tz.h>

#include <charconv>
#include <cstdio>
#include <stdexcept>

namespace frontdesk::domain {
namespace {

bool read_int(std::string_view text, std::size_t at, std::size_t length, int& out) {
  if (at + length > text.size()) return false;
  auto [end, ec] = std::from_chars(text.data() + at, text.data() + at + length, out);
  return ec == std::errc{} && end == text.data() + at + length;
}

const date::time_zone* zone_named(std::string_view zone) {
  return date::locate_zone(std::string(zone));
}

}  // namespace

bool is_known_time_zone(std::string_view name) {
  try {
    return zone_named(name) != nullptr;
  } catch (const std::runtime_error&) {
    return false;
  }
}

std::string format_utc(instant t) {
  const auto day = date::floor<date::days>(t);
  const date::year_month_day d{day};
  const date::hh_mm_ss clock{t - day};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()),
                static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
                static_cast<int>(clock.seconds().count()));
  return buffer;
}

std::optional<instant> parse_instant(std::string_view text) {
  int hour = 0, minute = 0, second = 0;
  if (text.size() < 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':')
    return std::nullopt;
  const auto day = parse_date(text.substr(0, 10));
  if (!day || !read_int(text, 11, 2, hour) || !read_int(text, 14, 2, minute) ||
      !read_int(text, 17, 2, second) || hour > 23 || minute > 59 || second > 60)
    return std::nullopt;
  std::size_t at = 19;
  if (at < text.size() && text[at] == '.') {  // fractional seconds are dropped
    ++at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
  }
  std::chrono::minutes offset{0};
  const auto zone = text.substr(at);
  if (zone != "Z") {
    int oh = 0, om = 0;
    if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':' ||
        !read_int(zone, 1, 2, oh) || !read_int(zone, 4, 2, om))
      return std::nullopt;
    offset = std::chrono::minutes{oh * 60 + om} * (zone[0] == '-' ? -1 : 1);
  }
  return instant{date::sys_days{*day}} + std::chrono::hours{hour} + std::chrono::minutes{minute} +
         std::chrono::seconds{second} - offset;
}

std::string format_date(calendar_date d) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buffer;
}

std::optional<calendar_date> parse_date(std::string_view text) {
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !read_int(text, 0, 4, y) ||
      !read_int(text, 5, 2, m) || !read_int(text, 8, 2, d))
    return std::nullopt;
  const calendar_date date{date::year{y}, date::month{static_cast<unsigned>(m)},
                           date::day{static_cast<unsigned>(d)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

calendar_date local_date(instant t, std::string_view zone) {
  const auto local = zone_named(zone)->to_local(t);
  return calendar_date{date::floor<date::days>(local)};
}

instant at_local_time(calendar_date d, std::chrono::minutes since_midnight, std::string_view zone) {
  const auto local = date::local_days{d} + since_midnight;
  // For a unique or repeated wall time, first is the (earlier) offset in force; for a wall time a
  // DST change skips, first is the offset before the gap, which lands as far past the gap.
  const auto offset = zone_named(zone)->get_info(local).first.offset;
  return instant{
      std::chrono::duration_cast<std::chrono::seconds>((local - offset).time_since_epoch())};
}

std::string format_local(instant t, std::string_view zone) {
  const auto info = zone_named(zone)->get_info(t);
  const auto local = t + info.offset;
  auto text = format_utc(local);
  text.pop_back();  // the Z
  const auto offset = std::chrono::duration_cast<std::chrono::minutes>(info.offset).count();
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%c%02d:%02d", offset < 0 ? '-' : '+',
                static_cast<int>(std::abs(offset) / 60), static_cast<int>(std::abs(offset) % 60));
  return text + buffer;
}

std::chrono::minutes local_minutes(instant t, std::string_view zone) {
  const auto local = t + zone_named(zone)->get_info(t).offset;
  const auto since_midnight = local - date::floor<date::days>(local);
  return std::chrono::duration_cast<std::chrono::minutes>(since_midnight);
}

}  // namespace frontdesk::domain
