#include "storage/changes.hpp"

#include <spdlog/spdlog.h>

#include <pqxx/pqxx>
#include <sstream>

#include "storage/connection.hpp"

namespace frontdesk::storage {
namespace {

constexpr std::size_t most_payload = 7000;

class receiver final : public pqxx::notification_receiver {
 public:
  receiver(pqxx::connection_base& c, const std::function<void(const change&)>& on_change)
      : pqxx::notification_receiver(c, changes_channel), on_change_(on_change) {}

  void operator()(const std::string& payload, int) override {
    if (auto c = change_of(payload)) on_change_(*c);
  }

 private:
  const std::function<void(const change&)>& on_change_;
};

}  // namespace

std::string payload_of(const change& c) {
  std::string out = c.what == change::kind::directory ? "directory " : "times ";
  out += c.node + " " + std::to_string(c.clinic);
  std::string listed;
  for (const auto& p : c.practitioners) listed += " " + p;
  if (out.size() + listed.size() <= most_payload) out += listed;
  return out;
}

std::optional<change> change_of(const std::string& payload) {
  std::istringstream in{payload};
  std::string what;
  change c;
  if (!(in >> what >> c.node >> c.clinic)) return std::nullopt;
  if (what == "directory")
    c.what = change::kind::directory;
  else if (what != "times")
    return std::nullopt;
  for (std::string p; in >> p;) c.practitioners.push_back(p);
  return c;
}

void notify(pqxx::transaction_base& tx, const change& c) {
  tx.exec_params("SELECT pg_notify($1, $2)", changes_channel, payload_of(c));
}

change_listener::change_listener(std::string url, std::function<void(const change&)> on_change)
    : url_(connection_url(std::move(url))),
      on_change_(std::move(on_change)),
      thread_([this] { run(); }) {}

change_listener::~change_listener() {
  stop_ = true;
  thread_.join();
}

void change_listener::run() {
  bool warned = false;
  while (!stop_) {
    try {
      pqxx::connection conn{url_};
      receiver listening{conn, on_change_};
      warned = false;
      while (!stop_) conn.await_notification(0, 200'000);
    } catch (const std::exception& e) {
      // Changes told meanwhile are missed: caches then age out on their own (their TTL).
      if (!warned) spdlog::warn("changes from other nodes are not heard: {}", e.what());
      warned = true;
      for (int i = 0; i < 10 && !stop_; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds{100});
    }
  }
}

}  // namespace frontdesk::storage
