#pragma once

#include <string>
#include <vector>

#include "messages/json_value.hpp"
#include "recording/recording.hpp"

// Two recordings of one conversation side by side: the recorded run and today's replay of it.
// Every answer that differs is shown field by field, and every question to a collaborator that
// was added, dropped, reordered or changed.
namespace frontdesk::recording {

/// One field that differs: its path ("$.body.message"), and its value then and now as JSON text
/// ("" where it is absent).
struct field_change {
  std::string path;
  std::string was;
  std::string now;
};

/// Where two JSON trees differ, field by field, in document order.
std::vector<field_change> json_diff(const json_value& was, const json_value& now);

struct divergence {
  enum class kind : std::uint8_t {
    answer,
    question_changed,
    question_added,
    question_dropped,
    question_reordered,
    call_unanswered
  };
  kind what = kind::answer;
  /// The tool call (from 1), its tool, and the question ("bookings.book"; empty for an answer).
  int call = 0;
  std::string tool;
  std::string question;
  std::vector<field_change> changes;
  /// For an added question: what the stand-in did ("failed: not in the recording", "asked live").
  std::string note;
};

std::string_view name_of(divergence::kind k);

/// Every divergence of `today` from `recorded`, call by call.
std::vector<divergence> compare(const recording& recorded, const recording& today);

/// Whether any answer differs (the replay's exit code is then 1).
bool answers_differ(const std::vector<divergence>& report);

/// The report for a person, and as JSON.
std::string report_text(const std::vector<divergence>& report);
json_value report_json(const std::vector<divergence>& report);

}  // namespace frontdesk::recording
