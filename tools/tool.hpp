#pragma once

#include <functional>
#include <string>
#include <variant>

#include "domain/time_zone.hpp"
#include "messages/availability.hpp"
#include "messages/bookings.hpp"
#include "messages/call.hpp"
#include "messages/directory.hpp"
#include "messages/session.hpp"
#include "tools/context.hpp"
#include "tools/questions.hpp"

// The agent's tools as functions: a call's fields and the conversation's context in, the answer
// out (API.md's shapes and spoken messages). The decisions come from domain/; a session calls
// these and keeps the context between calls. A tool that needs another actor answers with a
// step: the question to ask, and what to do with its answer.
namespace frontdesk::tools {

/// One tool call as the tools see it.
struct tool_request {
  const clinic_view& clinic;
  const json_value& input;
  /// The session's clock: "today" and "not before now" come from it.
  domain::instant now;
  call_options call;
  /// The conversation, and the caller's number as the agent passed it (may be empty).
  std::string session_id;
  std::string caller_phone;
  /// Region for reading national phone numbers ("AU").
  std::string region = "AU";
};

template <class Ask, class Reply>
struct ask_step;

template <class Questions>
struct step_of_each;

template <class... Qs>
struct step_of_each<std::tuple<Qs...>> {
  using type =
      std::variant<tool_answer, ask_step<typename Qs::ask_type, typename Qs::reply_type>...>;
};

/// The answer, or a question to ask first: one of `questions` (tools/questions.hpp).
using tool_step = step_of_each<questions>::type;

/// Ask `ask`; the reply, with the context as it then is, gives the next step.
template <class Ask, class Reply>
struct ask_step {
  Ask ask;
  std::function<tool_step(booking_context&, const Reply&)> then;
};

/// A tool: its first step for a call.
using tool_fn = tool_step (*)(booking_context&, const tool_request&);

}  // namespace frontdesk::tools
