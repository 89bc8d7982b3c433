#include "domain/speech.hpp"

#include <array>

namespace frontdesk::domain {

std::string spoken_time(std::chrono::minutes since_midnight) {
  const auto total = since_midnight.count() % (24L * 60);
  const auto hour = total / 60, minute = total % 60;
  const auto twelve = hour % 12 == 0 ? 12 : hour % 12;
  std::string out = std::to_string(twelve);
  if (minute != 0) {
    out += minute < 10 ? ":0" : ":";
    out += std::to_string(minute);
  }
  out += hour < 12 ? " AM" : " PM";
  return out;
}

std::string spoken_time(instant t, std::string_view zone) {
  // Wall-clock minutes, not those elapsed since midnight: on a DST day they differ.
  const auto local = format_local(t, zone);  // 2026-11-25T09:30:00+11:00
  const auto hour = std::stoi(local.substr(11, 2)), minute = std::stoi(local.substr(14, 2));
  return spoken_time(std::chrono::minutes{hour * 60 + minute});
}

std::string ordinal(unsigned n) {
  const auto tens = n % 100;
  const char* suffix = "th";
  if (tens < 11 || tens > 13) {
    switch (n % 10) {
      case 1:
        suffix = "st";
        break;
      case 2:
        suffix = "nd";
        break;
      case 3:
        suffix = "rd";
        break;
      default:
        break;
    }
  }
  return std::to_string(n) + suffix;
}

std::string spoken_date(calendar_date d) {
  static const std::array<const char*, 7> weekdays{"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                   "Thursday", "Friday", "Saturday"};
  static const std::array<const char*, 12> months{"January",   "February", "March",    "April",
                                                  "May",       "June",     "July",     "August",
                                                  "September", "October",  "November", "December"};
  const date::weekday wd{date::sys_days{d}};
  return std::string(weekdays[wd.c_encoding()]) + " the " +
         ordinal(static_cast<unsigned>(d.day())) + " of " +
         months[static_cast<unsigned>(d.month()) - 1];
}

std::string spoken_list(const std::vector<std::string>& items, std::string_view last_joiner) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0 && i + 1 == items.size()) {
      out += ' ';
      out += last_joiner;
      out += ' ';
    } else if (i > 0) {
      out += ", ";
    }
    out += items[i];
  }
  return out;
}

std::string offer_sentence(std::string_view practitioner, const std::vector<instant>& times,
                           std::string_view zone) {
  if (times.empty()) return std::string(practitioner) + " has no free times then.";
  std::vector<std::string> spoken;
  for (std::size_t i = 0; i < times.size() && i < 3; ++i)
    spoken.push_back(spoken_time(times[i], zone));
  return std::string(practitioner) + " is free on " + spoken_date(local_date(times.front(), zone)) +
         " at " + spoken_list(spoken) +
         (spoken.size() == 1 ? ". Would that suit?" : ". Would any of those suit?");
}

}  // namespace frontdesk::domain

namespace frontdesk::domain {

std::string spoken_location(std::string_view name, std::string_view label) {
  return std::string(label.empty() ? name : label);
}

std::string services_sentence(std::string_view practitioner,
                              const std::vector<std::string>& services, std::string_view where) {
  std::string out(practitioner);
  std::string place;
  if (!where.empty()) {
    place += ' ';
    place += where;
  }
  if (services.empty()) {
    out += " doesn't have any appointments we can book";
    out += place;
    out += '.';
    return out;
  }
  out += " offers ";
  out += services.size() == 1 ? services.front() : spoken_list(services, "and");
  out += place;
  out += services.size() == 1 ? ". Shall I look for a time?" : ". Which would you like?";
  return out;
}

}  // namespace frontdesk::domain
