#pragma once

#include <string_view>

// The names of the fields the agent sends, each written once: the readers of a call (tools/) and
// the profiles the agent's LLM reads (tools/catalogue.cpp) use these, so that a field renamed in
// one is renamed in both. API.md lists them with their meaning.
namespace frontdesk::tools::field_names {

// Bound by ElevenLabs to the phone call's system variables.
inline constexpr std::string_view dialed_number = "dialedNumber";
inline constexpr std::string_view session_id = "sessionId";
inline constexpr std::string_view caller_phone = "callerPhone";

// Where, who, what and when.
inline constexpr std::string_view business_id = "business_id";
inline constexpr std::string_view location = "location";
inline constexpr std::string_view location_name = "locationName";
inline constexpr std::string_view location_query = "locationQuery";
inline constexpr std::string_view user_response = "userResponse";
inline constexpr std::string_view options = "options";
inline constexpr std::string_view practitioner = "practitioner";
inline constexpr std::string_view appointment_type = "appointmentType";
inline constexpr std::string_view service = "service";
inline constexpr std::string_view date = "date";
inline constexpr std::string_view time = "time";
// The agent's own reading of the caller's day and time, beside their words.
inline constexpr std::string_view agent_date = "agentDate";
inline constexpr std::string_view agent_time = "agentTime";
inline constexpr std::string_view max_days = "maxDays";

// A booking, a move or a cancellation.
inline constexpr std::string_view action = "action";
inline constexpr std::string_view patient_name = "patientName";
inline constexpr std::string_view first_name = "firstName";
inline constexpr std::string_view last_name = "lastName";
inline constexpr std::string_view date_of_birth = "dateOfBirth";
inline constexpr std::string_view patient_phone = "patientPhone";
inline constexpr std::string_view patient_email = "patientEmail";
inline constexpr std::string_view notes = "notes";
inline constexpr std::string_view appointment_id = "appointmentId";
inline constexpr std::string_view reason = "reason";
inline constexpr std::string_view accept_policy = "acceptPolicy";

}  // namespace frontdesk::tools::field_names
