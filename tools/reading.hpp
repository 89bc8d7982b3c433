#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/date_phrase.hpp"
#include "domain/directory.hpp"
#include "domain/time_phrase.hpp"
#include "domain/time_zone.hpp"
#include "messages/cliniko.hpp"
#include "messages/directory.hpp"
#include "messages/json_value.hpp"
#include "messages/session.hpp"
#include "tools/context.hpp"

// Pieces the tools share: reading fields, naming places, finding what a call refers to.
namespace frontdesk::tools {

inline tool_answer answer(json_value body) {
  return {200, std::move(body)};
}

/// A text field, "" when absent, null or empty.
std::string field(const json_value& input, std::string_view key);
/// Whether the caller agreed: `true`, or "true" / "yes" as the agent may write it.
bool agreed(const json_value& input, std::string_view key);

/// How a location is spoken ("Bondi Junction").
std::string place(const domain::location& l);
std::vector<std::string> places(const std::vector<const domain::location*>& locations);

/// The location named by business_id (only ever one of this clinic's), else the one confirmed.
const domain::location* location_in(const booking_context& context, const clinic_view& clinic,
                                    const json_value& input);

/// The answer for a business_id that is not one of this clinic's locations.
tool_answer unknown_location();

/// The practitioner named in `practitioner` (recorded in the context); when the name is
/// missing, unknown or could be several people, the answer that says so instead.
std::variant<const domain::practitioner*, tool_answer> practitioner_in(booking_context& context,
                                                                       const clinic_view& clinic,
                                                                       const json_value& input);

/// What a call settles, or the answer to give instead (a question, or why not).
template <class T>
using choice = std::variant<T, tool_answer>;

template <class T>
bool is_answer(const choice<T>& c) {
  return std::holds_alternative<tool_answer>(c);
}

template <class T>
tool_answer take_answer(choice<T>& c) {
  return std::move(std::get<tool_answer>(c));
}

using domain::at;
using domain::plus_days;
using domain::seconds_of;

/// The names of services, and the names practitioners go by, to read out.
std::vector<std::string> names_of(const std::vector<const domain::service*>& services);
std::vector<std::string> names_of(const std::vector<const domain::practitioner*>& people);

/// A question for the caller: `needsClarification`, what is unclear (`clarify`), the options.
tool_answer clarify(const std::string& message, std::string_view what, json_value options);

/// A location the caller named by `business_id` or in words (`words_field`); null when they
/// named none.
choice<const domain::location*> named_location(const clinic_view& clinic, const json_value& input,
                                               std::string_view words_field);

/// Where to see the practitioner: as named (`business_id`, `location`), as confirmed earlier,
/// or the one place they work.
choice<const domain::location*> location_for(const booking_context& context,
                                             const clinic_view& clinic, const json_value& input,
                                             const domain::practitioner& p);

/// The service named in `appointmentType` (or `service`), "" when none.
std::string service_named(const json_value& input);

/// What the appointment is for: as named, as settled earlier, the only thing on offer (by the
/// practitioner at the location; either may be empty for any), or for a named practitioner their
/// usual service (domain::usual_service), when `assumed` is given to be told so. `who` names the
/// practitioner, `day` the day understood ("on Friday the 27th of November"); a question names
/// who, where and when was understood.
choice<const domain::service*> service_for(const booking_context& context,
                                           const clinic_view& clinic, const json_value& input,
                                           const std::string& practitioner_id,
                                           const std::string& location_id, std::string_view who,
                                           bool* assumed = nullptr, std::string_view day = {});

/// Whose public holidays callers name: the clinic's country, else the deployment's region.
std::string_view holiday_country(const clinic_view& clinic, std::string_view region);

/// The day or days asked for: the caller's words in `date` (a time said with them is left to
/// time_in) beside the agent's own reading in `agentDate` (YYYY-MM-DD), second_reading.hpp's
/// rules deciding; "soonest" when asked, or when no day was given and `soonest`. A phrase with
/// two plausible days answers with the question ("Did you mean ...?", `clarify: "date"`).
/// Holidays are those of `country` (holiday_country). `understood`, when given, gets both
/// readings and which decided.
choice<domain::date_request> date_in(const json_value& input, domain::calendar_date today,
                                     bool soonest, std::string_view country = "AU",
                                     json_value* understood = nullptr);

/// The time asked for, if any: the caller's words in `time`, else the time said in `date`
/// ("Thursday arvo"), beside the agent's `agentTime` (HH:MM); asked about as date_in does.
choice<std::optional<domain::time_request>> time_in(const json_value& input,
                                                    domain::calendar_date today,
                                                    std::string_view country = "AU",
                                                    json_value* understood = nullptr);

}  // namespace frontdesk::tools
