#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "domain/time_zone.hpp"

// The sentences the agent speaks, and the pieces they are made of.
namespace frontdesk::domain {

/// "9:30 AM", "2 PM", "12 PM" (minutes since local midnight).
std::string spoken_time(std::chrono::minutes since_midnight);

/// A part of the day or a bound, spoken: "in the morning", "after 3 PM", "before 10 AM",
/// "between 2 PM and 4 PM".
std::string spoken_time_range(std::chrono::minutes from, std::chrono::minutes to);

/// The wall-clock time of `t` in `zone`, spoken.
std::string spoken_time(instant t, std::string_view zone);

/// "Wednesday the 25th of November".
std::string spoken_date(calendar_date d);

/// "25th", "1st", "22nd", "13th".
std::string ordinal(unsigned n);

/// "a", "a or b", "a, b or c" (`last_joiner` "and" for lists that are not choices).
std::string spoken_list(const std::vector<std::string>& items, std::string_view last_joiner = "or");

/// "Dr Sarah Chen is free on Wednesday the 25th of November at 9:30 AM, 10:15 AM or 2 PM. Would
/// any of those suit?" — at most three times are read out; a single time asks "Would that suit?".
std::string offer_sentence(std::string_view practitioner, const std::vector<instant>& times,
                           std::string_view zone);

/// "Dr Sarah Chen's next opening for a Remedial Massage is on Thursday the 26th of November at
/// 10 AM at Bondi Junction. Would that suit?" (`service` and `where` may be empty.)
std::string next_opening_sentence(std::string_view practitioner, std::string_view service,
                                  std::string_view where, instant t, std::string_view zone);

/// "On Wednesday the 25th of November at Bondi Junction, Dr Sarah Chen is free from 9 AM and Tom
/// Nguyen from 12 PM. Who would you like to see?" — at most three people read out, the rest
/// counted.
std::string free_people_sentence(calendar_date day, std::string_view where,
                                 const std::vector<std::pair<std::string, instant>>& first_free,
                                 std::string_view zone);

/// "Dr Sarah Chen for an Initial Consultation at Bondi Junction on Wednesday the 25th of
/// November at 9:30 AM" (`service` and `where` may be empty).
std::string appointment_phrase(std::string_view practitioner, std::string_view service,
                               std::string_view where, instant t, std::string_view zone);

/// A booking reference read out digit by digit: "4 5 7 1 2 3" (the last six digits of `id`).
std::string spoken_reference(std::string_view id);

}  // namespace frontdesk::domain

namespace frontdesk::domain {

/// How a location is named aloud: its label ("Bondi Junction") when it has one.
std::string spoken_location(std::string_view name, std::string_view label);

/// "Dr Sarah Chen offers Follow-up Consultation, Initial Consultation and Telehealth Review." —
/// or the one-service and no-service wordings; `where` ("at Bondi Junction") may be empty.
std::string services_sentence(std::string_view practitioner,
                              const std::vector<std::string>& services, std::string_view where);

/// "an Initial Consultation", "a Remedial Massage".
std::string with_article(std::string_view noun);

}  // namespace frontdesk::domain
