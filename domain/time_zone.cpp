#include "domain/time_zone.hpp"

#include <date/tz.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <map>
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

// The Rails labels that are not the last part of their IANA name ("Sydney" is found as
// "Australia/Sydney" without help).
const std::map<std::string_view, std::string_view>& rails_labels() {
  static const std::map<std::string_view, std::string_view> labels{
      {"International Date Line West", "Etc/GMT+12"},
      {"American Samoa", "Pacific/Pago_Pago"},
      {"Midway Island", "Pacific/Midway"},
      {"Hawaii", "Pacific/Honolulu"},
      {"Alaska", "America/Juneau"},
      {"Pacific Time (US & Canada)", "America/Los_Angeles"},
      {"Mountain Time (US & Canada)", "America/Denver"},
      {"Arizona", "America/Phoenix"},
      {"Central Time (US & Canada)", "America/Chicago"},
      {"Saskatchewan", "America/Regina"},
      {"Guadalajara", "America/Mexico_City"},
      {"Central America", "America/Guatemala"},
      {"Eastern Time (US & Canada)", "America/New_York"},
      {"Indiana (East)", "America/Indiana/Indianapolis"},
      {"Quito", "America/Lima"},
      {"Atlantic Time (Canada)", "America/Halifax"},
      {"Newfoundland", "America/St_Johns"},
      {"Brasilia", "America/Sao_Paulo"},
      {"Georgetown", "America/Guyana"},
      {"Greenland", "America/Nuuk"},
      {"Mid-Atlantic", "Atlantic/South_Georgia"},
      {"Cape Verde Is.", "Atlantic/Cape_Verde"},
      {"Edinburgh", "Europe/London"},
      {"UTC", "Etc/UTC"},
      {"Bern", "Europe/Zurich"},
      {"West Central Africa", "Africa/Algiers"},
      {"Pretoria", "Africa/Johannesburg"},
      {"Kyiv", "Europe/Kiev"},
      {"St. Petersburg", "Europe/Moscow"},
      {"Abu Dhabi", "Asia/Muscat"},
      {"Islamabad", "Asia/Karachi"},
      {"Chennai", "Asia/Kolkata"},
      {"Mumbai", "Asia/Kolkata"},
      {"New Delhi", "Asia/Kolkata"},
      {"Sri Jayawardenepura", "Asia/Colombo"},
      {"Astana", "Asia/Dhaka"},
      {"Hanoi", "Asia/Bangkok"},
      {"Beijing", "Asia/Shanghai"},
      {"Osaka", "Asia/Tokyo"},
      {"Sapporo", "Asia/Tokyo"},
      {"Canberra", "Australia/Sydney"},
      {"Wellington", "Pacific/Auckland"},
      {"Solomon Is.", "Pacific/Guadalcanal"},
      {"New Caledonia", "Pacific/Noumea"},
      {"Marshall Is.", "Pacific/Majuro"},
      {"Chatham Is.", "Pacific/Chatham"},
      {"Samoa", "Pacific/Apia"},
      {"Tokelau Is.", "Pacific/Fakaofo"},
      {"Nuku'alofa", "Pacific/Tongatapu"},
  };
  return labels;
}

}  // namespace

std::optional<std::string> zone_of_account_label(std::string_view label) {
  if (label.empty()) return std::nullopt;
  if (label.find('/') != std::string_view::npos)
    return is_known_time_zone(label) ? std::optional<std::string>{std::string(label)}
                                     : std::nullopt;
  if (const auto it = rails_labels().find(label); it != rails_labels().end())
    return std::string(it->second);
  std::string tail = "/";  // appended: GCC 12 warns falsely (-Wrestrict) on the operator+ form
  tail.append(label);
  std::replace(tail.begin(), tail.end(), ' ', '_');
  for (const auto& zone : date::get_tzdb().zones)
    if (zone.name().ends_with(tail)) return zone.name();
  return std::nullopt;
}

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
