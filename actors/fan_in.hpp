#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <utility>

namespace frontdesk {

/// Joins asks sent side by side: `done` runs once, after the last of them has answered. The
/// asker holds one share itself while it sends, and releases it when all are sent, so that asks
/// answered at once cannot finish the join before the rest are sent.
class fan_in {
 public:
  explicit fan_in(std::function<void()> done) : done_(std::move(done)) {}

  /// `n` more answers to wait for.
  void add(std::size_t n = 1) { pending_ += n; }

  /// One answer came, or the asker has sent them all.
  void release() {
    if (--pending_ == 0 && done_) std::exchange(done_, {})();
  }

 private:
  std::size_t pending_ = 1;
  std::function<void()> done_;
};

/// A join shared by the handlers of the asks it waits for.
inline std::shared_ptr<fan_in> make_fan_in(std::function<void()> done) {
  return std::make_shared<fan_in>(std::move(done));
}

}  // namespace frontdesk
