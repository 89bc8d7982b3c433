#include "domain/rate_window.hpp"

#include <algorithm>

namespace frontdesk::domain {

void rate_window::forget_before(clock::time_point now) {
  while (!sent_.empty() && now - sent_.front() >= window_) sent_.pop_front();
}

bool rate_window::can_send(clock::time_point now) {
  forget_before(now);
  return now >= paused_until_ && static_cast<int>(sent_.size()) < limit_;
}

void rate_window::record(clock::time_point now) {
  sent_.push_back(now);
}

rate_window::clock::time_point rate_window::next_opening(std::size_t ahead, clock::time_point now) {
  forget_before(now);
  const auto start = std::max(now, paused_until_);
  const auto sent = sent_.size();
  const auto limit = static_cast<std::size_t>(limit_);
  if (sent + ahead < limit) return start;
  // The request goes once enough of what was sent (or will be, by those ahead) has aged out:
  // openings come as each send ages out, and those ahead take them first.
  const auto opening = sent + ahead - limit;
  if (sent == 0) return start;
  const auto rounds = static_cast<clock::rep>(opening / sent + 1);
  return std::max(start, sent_[opening % sent] + window_ * rounds);
}

void rate_window::pause_until(clock::time_point until) {
  paused_until_ = std::max(paused_until_, until);
}

int rate_window::in_window(clock::time_point now) {
  forget_before(now);
  return static_cast<int>(sent_.size());
}

}  // namespace frontdesk::domain
