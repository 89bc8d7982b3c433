#pragma once

#include <chrono>
#include <optional>
#include <string_view>

#include "domain/date_phrase.hpp"
#include "domain/reading.hpp"
#include "domain/time_phrase.hpp"

// Two readers of one phrase: frontdesk's grammar reads the caller's words, and the agent's LLM,
// which knows today's date, may send its own reading beside them (a date as YYYY-MM-DD, a time as
// HH:MM). Where both exist and agree the call goes ahead; where they disagree the caller is asked
// with both spoken; where one exists it decides with its own verdict.
namespace frontdesk::domain {

enum class decided_by {
  words,    // the caller's words alone
  agent,    // the agent's reading alone
  both,     // both, agreeing
  neither,  // they disagree, or the words could mean several things: the caller is asked
  nothing,  // no reading at all
};

/// How `by` is written in answers and recordings: "words", "agent", "both", "asked", "none".
std::string_view decided_name(decided_by by);

/// The day asked for with the agent's `agent` date beside the words' reading. The agent's date
/// agrees with a reading that covers it (the day, a day of the span, any day for soonest).
reading<date_request> with_agent_date(reading<date_request> words,
                                      std::optional<calendar_date> agent, decided_by* by);

/// The time asked for with the agent's `agent` time beside the words' reading. It agrees with
/// the same time, or one inside the part of the day or bound the words said.
reading<time_request> with_agent_time(reading<time_request> words,
                                      std::optional<std::chrono::minutes> agent, decided_by* by);

/// "14:30" -> 870 minutes; nothing unless it is HH:MM on a 24-hour clock.
std::optional<std::chrono::minutes> parse_clock(std::string_view text);

}  // namespace frontdesk::domain
