#include "actors/background.hpp"

#include <spdlog/spdlog.h>

#include <caf/error.hpp>

#include "messages/error.hpp"

namespace frontdesk {

namespace {

// Our own errors by their words; CAF's (a timeout, a peer gone) as CAF renders them.
std::string words_of(const caf::error& e) {
  if (const auto code = code_of(e)) {
    const auto context = context_of(e);
    return context.empty() ? to_string(*code) : context;
  }
  return caf::to_string(e);
}

}  // namespace

void background_failures::note(std::string_view ask, const caf::error& e, std::int64_t lost) {
  spdlog::warn("{} failed ({} lost): {}", ask, lost, words_of(e));
  auto it = by_ask_.find(ask);
  if (it == by_ask_.end()) it = by_ask_.emplace(std::string(ask), 0).first;
  it->second += lost;
}

std::vector<metric> background_failures::metrics(std::string_view actor) const {
  std::vector<metric> out;
  for (const auto& [ask, count] : by_ask_)
    out.push_back({"background_failures_total",
                   "Asks nobody waited on that failed (or what was lost with them), by actor.",
                   metric_kind::counter,
                   {{"actor", std::string(actor)}, {"ask", ask}},
                   static_cast<double>(count)});
  return out;
}

}  // namespace frontdesk
