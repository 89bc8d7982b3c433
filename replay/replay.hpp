#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "actors/session.hpp"
#include "recording/compare.hpp"
#include "recording/recording.hpp"

namespace caf {
class actor_system;
}

// A recorded session run again: today's session registry and session actors on CAF's
// deterministic scheduler, fed the recorded tool calls, with stand-in collaborators that answer
// from the recording and a clock that reads the recorded times. What they did is recorded again
// and compared with what was recorded.
namespace frontdesk::replay {

struct options {
  /// The entry (numbered from 1, as the timeline shows) whose recorded outcome is replaced, and
  /// the outcome to give instead: {"reply": ...} or {"error": {"code": "cliniko_unavailable"}}.
  int at = 0;
  json_value answer;
  /// Moves every recorded clock reading (the same call across midnight or a DST change).
  std::chrono::seconds clock_shift{0};
  /// Today's collaborators, asked what the recording never saw; without them such a question
  /// fails its step.
  caf::actor_system* live_system = nullptr;
  session_peers live{};
  /// Noted in the replay's own recording.
  build_info build;
};

struct outcome {
  /// What today's code did, as a recording (each stand-in's part noted under "replayed").
  recording::recording today;
  std::vector<recording::divergence> report;
  /// Why the recording cannot be replayed (then nothing else is set).
  std::string why_not;
  /// Questions nobody could answer: the recording never saw them, and none was asked live.
  int unanswerable = 0;

  /// 0 when every answer is as recorded, 1 when one differs, 2 when it cannot be replayed.
  int exit_code() const;
};

outcome run(const recording::recording& recorded, const options& o = {});

}  // namespace frontdesk::replay
