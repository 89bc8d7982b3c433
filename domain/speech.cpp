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

std::string spoken_time_range(std::chrono::minutes from, std::chrono::minutes to) {
  using std::chrono::hours;
  if (from == hours{6} && to == hours{12}) return "in the morning";
  if (from == hours{12} && to == hours{17}) return "in the afternoon";
  if (from == hours{17} && to == hours{21}) return "in the evening";
  if (to >= hours{24}) return "after " + spoken_time(from);
  if (from == hours{0}) return "before " + spoken_time(to);
  return "between " + spoken_time(from) + " and " + spoken_time(to);
}

std::string spoken_time(instant t, std::string_view zone) {
  return spoken_time(local_minutes(t, zone));
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

std::string next_opening_sentence(std::string_view practitioner, std::string_view service,
                                  std::string_view where, instant t, std::string_view zone) {
  std::string out(practitioner);
  out += "'s next opening";
  if (!service.empty()) {
    out += " for ";
    out += service;
  }
  out += " is on " + spoken_date(local_date(t, zone)) + " at " + spoken_time(t, zone);
  if (!where.empty()) {
    out += " at ";
    out += where;
  }
  out += ". Would that suit?";
  return out;
}

std::string free_people_sentence(calendar_date day, std::string_view where,
                                 const std::vector<std::pair<std::string, instant>>& first_free,
                                 std::string_view zone) {
  std::string out = "On " + spoken_date(day);
  if (!where.empty()) {
    out += " at ";
    out += where;
  }
  std::vector<std::string> people;
  for (std::size_t i = 0; i < first_free.size() && i < 3; ++i)
    people.push_back(first_free[i].first + (i == 0 ? " is free from " : " from ") +
                     spoken_time(first_free[i].second, zone));
  if (first_free.size() > 3) {
    const auto others = first_free.size() - 3;
    people.push_back(std::to_string(others) + (others == 1 ? " other" : " others"));
  }
  out += ", " + spoken_list(people, "and") + ". Who would you like to see?";
  return out;
}

std::string appointment_phrase(std::string_view practitioner, std::string_view service,
                               std::string_view where, instant t, std::string_view zone) {
  std::string out(practitioner);
  if (!service.empty()) {
    const bool vowel = std::string_view{"AEIOUaeiou"}.find(service.front()) != std::string::npos;
    out += vowel ? " for an " : " for a ";
    out += service;
  }
  if (!where.empty()) {
    out += " at ";
    out += where;
  }
  out += " on " + spoken_date(local_date(t, zone)) + " at " + spoken_time(t, zone);
  return out;
}

std::string spoken_reference(std::string_view id) {
  const auto digits = id.substr(id.size() > 6 ? id.size() - 6 : 0);
  std::string out;
  for (const char c : digits) {
    if (!out.empty()) out += ' ';
    out += c;
  }
  return out;
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

std::string with_article(std::string_view noun) {
  const bool vowel =
      !noun.empty() && std::string_view("aeiouAEIOU").find(noun.front()) != std::string_view::npos;
  std::string out = vowel ? "an " : "a ";  // appended: GCC 12 warns falsely on operator+ here
  return out.append(noun);
}

}  // namespace frontdesk::domain
