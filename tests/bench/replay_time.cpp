// replay-time: how long a recorded session takes to replay on the deterministic scheduler
// (`frontdesk replay` without the process start and the database read), and to rebuild after a
// restart (recording::rebuild, what the session registry does on a conversation's first call).
//
//   replay-time REC.jsonl [--runs N]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "recording/rebuild.hpp"
#include "replay/replay.hpp"

namespace {

using clock_type = std::chrono::steady_clock;

double median(std::vector<double> xs) {
  std::sort(xs.begin(), xs.end());
  return xs.empty() ? 0 : xs[xs.size() / 2];
}

template <class F>
std::vector<double> timed(int runs, F f) {
  std::vector<double> out;
  for (int i = 0; i < runs; ++i) {
    const auto start = clock_type::now();
    f();
    out.push_back(std::chrono::duration<double, std::milli>(clock_type::now() - start).count());
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: replay-time REC.jsonl [--runs N]\n");
    return 2;
  }
  const int runs = argc >= 4 && std::string(argv[2]) == "--runs" ? std::atoi(argv[3]) : 20;
  std::ifstream in{argv[1]};
  std::stringstream text;
  text << in.rdbuf();
  std::string why;
  const auto r = frontdesk::recording::from_text(text.str(), &why);
  if (!r) {
    std::fprintf(stderr, "replay-time: %s\n", why.c_str());
    return 2;
  }
  int exit_code = 0;
  const auto replays = timed(runs, [&] { exit_code = frontdesk::replay::run(*r).exit_code(); });
  frontdesk::recording::rebuilt_session rebuilt;
  const auto rebuilds = timed(runs, [&] { rebuilt = frontdesk::recording::rebuild(*r, "AU"); });
  std::printf(
      "%d tool calls, %zu entries: replay median %.1f ms (max %.1f, exit %d); rebuild "
      "median %.2f ms (max %.2f, %zu times offered)\n",
      frontdesk::recording::calls_in(*r), r->entries.size(), median(replays),
      *std::max_element(replays.begin(), replays.end()), exit_code, median(rebuilds),
      *std::max_element(rebuilds.begin(), rebuilds.end()), rebuilt.context.offered.size());
  return exit_code;
}
