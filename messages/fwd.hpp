#pragma once

#include <cstdint>
#include <memory>

// Forward declarations of the vocabulary, for headers that only pass things along: include this
// rather than the interface headers (and the CAF templates behind them) where a name is enough.
namespace frontdesk {

using clinic_id = std::int64_t;
using unix_seconds = std::int64_t;

class json_value;
enum class error_code : std::uint8_t;
enum class priority : std::uint8_t;
struct call_options;

// Cliniko's records (cliniko.hpp).
struct business;
struct practitioner;
struct appointment_type;
struct appointment;
struct patient;
struct new_patient;
struct new_appointment;
struct appointment_change;
struct cancellation;
struct appointment_query;
struct slot_query;

// What the local copy keeps (local_copy.hpp).
struct clinic_record;
struct directory_snapshot;
struct sync_state;
struct local_counts;

// Messages, by the interface that carries them.
struct http_request;
struct http_response;
class reply_sink;
struct call_context;
struct tool_call;
struct tool_answer;
struct clinic_view;
struct slot_request;
struct times_reply;
struct found_slot;
struct booking_intent;
struct booking_request;
struct move_request;
struct cancel_request;
struct booking_outcome;
struct claim_outcome;
struct sync_report;
struct actor_stats;
struct cache_stats;
struct database_status;

}  // namespace frontdesk
