#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace frontdesk::test_support {

/// A program started by a test, with its stdout and stderr read through one pipe.
class child_process {
 public:
  /// Starts `program` with `args`; `env` is added to (and overrides) the test's environment.
  child_process(const std::string& program, const std::vector<std::string>& args,
                const std::map<std::string, std::string>& env = {});
  ~child_process();
  child_process(const child_process&) = delete;
  child_process& operator=(const child_process&) = delete;

  /// Reads output until a line contains `text` (true) or `limit` passes or the output ends.
  bool wait_for_output(const std::string& text, std::chrono::milliseconds limit);
  /// Sends `signal` to the child.
  void signal(int signal);
  /// Waits for the child to exit (killing it after `limit`) and returns its exit code; a child
  /// ended by a signal returns 128 + the signal.
  int wait(std::chrono::milliseconds limit);
  /// Everything the child has printed so far.
  const std::string& output() const { return output_; }

 private:
  bool read_some(std::chrono::milliseconds limit);

  pid_t pid_ = -1;
  int out_ = -1;
  int status_ = -1;
  std::string output_;
};

}  // namespace frontdesk::test_support
