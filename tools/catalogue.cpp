#include "tools/catalogue.hpp"

#include "tools/availability.hpp"
#include "tools/bookings.hpp"
#include "tools/caller.hpp"
#include "tools/field_names.hpp"
#include "tools/locations.hpp"
#include "tools/practitioners.hpp"

namespace frontdesk::tools {
namespace {

namespace in = field_names;

// The three fields every tool takes from the phone call itself (API.md, "Common request
// fields"): the LLM never types a phone number or an id it could get wrong.
tool_field dialed_number(bool required = true) {
  return {in::dialed_number, "string", "The clinic number the caller dialed.",
          "system__called_number", required};
}
tool_field session_id(bool required = false) {
  return {in::session_id, "string", "This conversation's id: the calls of one phone call share it.",
          "system__conversation_id", required};
}
tool_field caller_phone() {
  return {in::caller_phone, "string", "The caller's own number, as the phone system gives it.",
          "system__caller_id"};
}

// The field, required.
tool_field required(tool_field f) {
  f.required = true;
  return f;
}

const tool_field location_words{
    in::location, "string", "The location in the caller's words, when no business_id is known."};
const tool_field business_id{
    in::business_id, "string",
    "The business_id of the location, exactly as a location tool returned it. Leave it out when "
    "no location is settled yet."};
const tool_field practitioner{
    in::practitioner, "string",
    "The practitioner the caller asked for, in their words (\"Dr Chen\", \"Sarah\"), or "
    "\"anyone\"."};
const tool_field service{
    in::appointment_type, "string",
    "The kind of appointment in the caller's words (\"remedial massage\", \"initial "
    "consultation\"). Leave it out when they did not say."};
const tool_field date{in::date, "string",
                      "The day in the caller's own words, as they said it (\"tomorrow\", \"next "
                      "Tuesday\", \"Monday at 10\", \"Thursday arvo\"). Leave it out for the "
                      "soonest."};
const tool_field agent_date{
    in::agent_date, "string",
    "Your own reading of the caller's day as YYYY-MM-DD, worked out from today's date. Leave it "
    "out when you are not sure; never guess."};
const tool_field agent_time{
    in::agent_time, "string",
    "Your own reading of the caller's time as HH:MM on a 24-hour clock. Leave it out when you "
    "are not sure; never guess."};
const tool_field wanted_time{in::time, "string",
                             "The time or part of the day in the caller's own words (\"after "
                             "3\", \"morning\", \"half ten\"), when they said one."};
const tool_field time_field{in::time, "string",
                            "The start time as the tool read it out (\"9:30 AM\" or \"14:30\")."};
const tool_field patient_name{in::patient_name, "string",
                              "The patient's full name as the caller spelled it out."};
const tool_field first_name{in::first_name, "string",
                            "The patient's first name, when given apart from the last."};
const tool_field last_name{in::last_name, "string", "The patient's last name."};
const tool_field date_of_birth{
    in::date_of_birth, "string",
    "The patient's date of birth, YYYY-MM-DD, only when a tool asked to verify who the "
    "appointment belongs to."};
const tool_field patient_phone{
    in::patient_phone, "string",
    "A phone number the caller said for the patient, only when it is not the number they are "
    "calling from."};
const tool_field appointment_id{in::appointment_id, "string",
                                "The appointmentId a tool returned, when there is one."};
const tool_field accept_policy{
    in::accept_policy, "boolean",
    "true only after the caller heard the clinic's cancellation policy and still wants to "
    "cancel (the tool asks for it with confirmWith: acceptPolicy)."};

}  // namespace

const std::vector<catalogue_entry>& catalogue() {
  static const std::vector<catalogue_entry> table{
      {"/location-resolver",
       "location_resolver",
       resolve_location,
       "Finds which of the clinic's locations the caller means. Call it as soon as the caller "
       "names a suburb, street or location.",
       {{in::location_query,
         "string",
         "The location in the caller's words (\"Bondi\", \"the "
         "one on George Street\").",
         {},
         true},
        dialed_number(),
        session_id(),
        caller_phone()}},
      {"/confirm-location",
       "confirm_location",
       confirm_location,
       "Settles the location after location_resolver offered several: pass the caller's reply "
       "and the options that were read out.",
       {{in::user_response, "string", "What the caller answered, in their words.", {}, true},
        {in::options,
         "array",
         "The location names location_resolver offered, as it gave them.",
         {},
         true},
        dialed_number(),
        session_id(),
        caller_phone()}},
      {"/get-location-practitioners",
       "get_location_practitioners",
       location_practitioners,
       "Lists the practitioners who work at a location.",
       {required(business_id),
        {in::location_name, "string", "The location's name, when its business_id is not known."},
        dialed_number(false),
        session_id()}},
      {"/get-practitioner-services",
       "get_practitioner_services",
       practitioner_services,
       "Lists the kinds of appointment a practitioner offers, and their usual one.",
       {required(practitioner), business_id, dialed_number(), session_id()}},
      {"/get-practitioner-info",
       "get_practitioner_info",
       practitioner_info,
       "Tells what a practitioner offers and where they work.",
       {required(practitioner), dialed_number(), session_id()}},
      {"/availability-checker",
       "availability_checker",
       knowing_the_caller<check_availability>,
       "Free times of one practitioner on one day (at most three are read out). Use it when the "
       "caller names a practitioner and a day.",
       {required(practitioner), service, business_id, location_words, date, wanted_time, agent_date,
        agent_time, dialed_number(), session_id(), caller_phone()},
       true},
      {"/get-available-practitioners",
       "get_available_practitioners",
       available_practitioners,
       "Who is free at a location on a day, earliest first.",
       {required(business_id), date, agent_date, dialed_number(), session_id()},
       true},
      {"/find-next-available",
       "find_next_available",
       knowing_the_caller<find_next_available>,
       "The soonest free time: of one practitioner when the caller asked for one, otherwise of "
       "anyone who offers the service. It searches forward day by day.",
       {practitioner,
        {in::service, "string",
         "The kind of appointment in the caller's words, when they asked for a service rather "
         "than a practitioner."},
        service,
        business_id,
        {in::location_query, "string",
         "The location in the caller's words, when no business_id is "
         "known."},
        {in::max_days, "integer", "How many days ahead to look (default 14, at most 90)."},
        dialed_number(),
        session_id(),
        caller_phone()},
       true},
      {"/appointment-handler",
       "appointment_handler",
       handle_appointment,
       "Books, moves or cancels an appointment. Book only a time a tool offered in this call, "
       "after the caller chose it and gave the patient's name.",
       {{in::action, "string", "What to do.", {}, true, {"book", "reschedule", "modify", "cancel"}},
        patient_name,
        first_name,
        last_name,
        date_of_birth,
        practitioner,
        service,
        {in::service, "string", "Same as appointmentType."},
        business_id,
        location_words,
        date,
        time_field,
        agent_date,
        agent_time,
        patient_phone,
        {in::patient_email, "string", "The patient's email, when a new patient gives one."},
        {in::notes, "string", "Anything the caller wants the practitioner to know."},
        appointment_id,
        {in::reason, "string", "Why the caller cancels, in their words."},
        accept_policy,
        dialed_number(),
        session_id(true),
        caller_phone()},
       true},
      {"/cancel-appointment",
       "cancel_appointment",
       cancel_appointment,
       "Cancels an appointment: by appointmentId, or the caller's appointment on a day.",
       {appointment_id,
        patient_phone,
        {in::date, "string", "The day of the appointment, in the caller's words or as YYYY-MM-DD."},
        practitioner,
        time_field,
        agent_date,
        agent_time,
        {in::reason, "string", "Why the caller cancels, in their words."},
        accept_policy,
        patient_name,
        first_name,
        last_name,
        date_of_birth,
        dialed_number(),
        session_id(),
        caller_phone()},
       true}};
  return table;
}

const catalogue_entry* find_tool(std::string_view path) {
  for (const auto& entry : catalogue())
    if (entry.path == path) return &entry;
  return nullptr;
}

}  // namespace frontdesk::tools
