#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/time_zone.hpp"
#include "messages/database.hpp"
#include "messages/directory.hpp"
#include "messages/session.hpp"
#include "recording/recording.hpp"
#include "tools/tool.hpp"

// A recording read call by call: what a replay, or a session rebuilt after a restart, answers
// from.
namespace frontdesk::recording {

/// One recorded tool call: the call, its clock readings, its questions in order (the
/// directory's first), and its answer (null when the recording ends before it).
struct recorded_call {
  tool_call call;
  std::vector<domain::instant> clock;
  std::vector<const json_value*> asks;
  const json_value* answer = nullptr;
};

struct script {
  std::vector<recorded_call> calls;
  /// The directories recorded, by hash.
  std::map<std::string, directory_ptr> directories;
};

/// The recording as a script; nothing, and `why`, when an entry does not read.
std::optional<script> script_of(const recording& r, std::string* why = nullptr);

/// The clinic a recorded directory question was answered with, its directory attached;
/// nothing when the ask has no reply or names a directory the recording lacks.
std::optional<clinic_view> clinic_in(const script& s, const json_value& ask);

/// Whom a question goes to, and its name ("availability", "next_available"): how a recording
/// names it, and how a replay pairs it with the recorded one.
struct question_kind {
  const char* to;
  const char* what;
};

/// A step's kind, from its row in tools/questions.hpp.
template <class Ask, class Reply>
question_kind kind_of(const tools::ask_step<Ask, Reply>&) {
  using question = tools::question_for_t<Ask, Reply>;
  return {tools::name_of(question::to).data(), question::what.data()};
}
inline constexpr question_kind clinic_question{"directory", "clinic"};

/// A question and what came of it (`outcome` "reply" or "error"), as an entry of tool call `call`.
json_value ask_entry(int call, question_kind kind, json_value question, const char* outcome,
                     json_value value);

/// The first of `asks` of that kind not yet `used` (marked used), or nullptr.
const json_value* take_ask(const std::vector<const json_value*>& asks, std::vector<bool>& used,
                           std::string_view to, std::string_view what);

/// Whether an ask entry is the session's question for the clinic of the dialed number.
bool is_clinic_question(const json_value& ask);

}  // namespace frontdesk::recording
