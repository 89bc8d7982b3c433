#pragma once

#include <string>

#include "domain/time_zone.hpp"
#include "recording/codec.hpp"
#include "recording/recording.hpp"
#include "support/directories.hpp"

// Recordings made by hand, as a session would have written them.
namespace frontdesk::recording_testing {

inline json_value entry(std::string kind, int call, json_value::object fields = {}) {
  json_value e{json_value::object{{"kind", json_value{std::move(kind)}},
                                  {"call", json_value{std::int64_t{call}}}}};
  for (auto& [key, value] : fields) e.set(key, std::move(value));
  return e;
}

/// A conversation of one call: "when is Sean free?", answered with his next opening.
inline recording::recording sean_is_free_at(unix_seconds start) {
  const auto clinic = test_support::two_locations();
  const auto directory = recording::encode(*clinic.directory);
  const auto hash = recording::directory_hash(directory);
  tool_call call;
  call.tool = "/find-next-available";
  call.call.session_id = "conv";
  call.call.dialed_number = "+61290000000";
  // No caller's number: the tool does not look up the caller's history first.
  call.input = json_value{json_value::object{}};
  call.input.set("practitioner", json_value{std::string("Sean")});
  found_slot found{start, {"12", "22", "31", "Australia/Melbourne"}, 0};
  recording::recording r{{"conv", 1, {"test", "test", "test"}, "AU"}, {}};
  r.entries = {
      entry("call", 1, {{"request", recording::encode(call)}}),
      entry("clock", 1, {{"now", json_value{std::string("2026-11-25T00:00:00Z")}}}),
      entry("directory", 1, {{"hash", json_value{hash}}, {"directory", directory}}),
      entry("ask", 1,
            {{"to", json_value{std::string("directory")}},
             {"what", json_value{std::string("clinic")}},
             {"question", json_value{std::string("+61290000000")}},
             {"reply", recording::encode(clinic, hash)}}),
      entry("ask", 1,
            {{"to", json_value{std::string("availability")}},
             {"what", json_value{std::string("next_available")}},
             {"question", json_value{std::string("Sean's next opening")}},
             {"reply", recording::encode(found)}}),
      entry("answer", 1, {{"answer", json_value{std::string("Thursday at 9")}}}),
  };
  return r;
}

}  // namespace frontdesk::recording_testing
