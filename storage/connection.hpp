#pragma once

#include <atomic>
#include <caf/expected.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <pqxx/connection>
#include <pqxx/except>
#include <string>
#include <utility>

#include "messages/error.hpp"

// One PostgreSQL connection owned by one storage actor: opened lazily, re-opened after it breaks,
// and not retried in a tight loop while the database is down.
namespace frontdesk::storage {

/// DATABASE_URL with the options every frontdesk connection needs added: a connect timeout,
/// TCP keepalives (so a vanished server is noticed), a statement timeout and an application
/// name. Options already present in the URL are kept.
std::string connection_url(std::string url);

/// A connection for start-up work (migrations, checks), retried while the database is still
/// coming up, for at most `wait`. Throws pqxx::broken_connection when it never answers.
std::unique_ptr<pqxx::connection> connect_with_retry(const std::string& url,
                                                     std::chrono::seconds wait);

/// What the connections of one pool did, counted across their threads.
struct database_meter {
  /// Units of work run (a transaction, or a query outside one).
  std::atomic<std::int64_t> queries{0};
  /// PostgreSQL refused the work (database_error).
  std::atomic<std::int64_t> rejected{0};
  /// No connection could be had, or it broke (database_unavailable).
  std::atomic<std::int64_t> unavailable{0};
  /// Time spent in the work, in nanoseconds.
  std::atomic<std::int64_t> busy_ns{0};
};

class database_link {
 public:
  explicit database_link(std::string url,
                         std::chrono::milliseconds backoff = std::chrono::milliseconds{500},
                         std::shared_ptr<database_meter> meter = nullptr)
      : url_(connection_url(std::move(url))), backoff_(backoff), meter_(std::move(meter)) {}

  /// Runs `work(pqxx::connection&)`; failures come back as errors, never as exceptions:
  /// database_unavailable when the connection cannot be had or broke (it is dropped and made
  /// anew later), database_error when PostgreSQL rejected the work.
  template <class Work>
  auto run(Work&& work) -> caf::expected<decltype(work(std::declval<pqxx::connection&>()))> {
    const auto started = std::chrono::steady_clock::now();
    auto result = attempt(std::forward<Work>(work));
    count(started, result ? std::nullopt : code_of(result.error()));
    return result;
  }

 private:
  template <class Work>
  auto attempt(Work&& work) -> caf::expected<decltype(work(std::declval<pqxx::connection&>()))> {
    pqxx::connection* conn = connect();
    if (!conn) return make_error(error_code::database_unavailable, last_failure_);
    try {
      return work(*conn);
    } catch (const pqxx::broken_connection& e) {
      drop(e.what());
      return make_error(error_code::database_unavailable, last_failure_);
    } catch (const std::exception& e) {
      // A query on a connection that died in between surfaces as an sql_error on some versions.
      if (!conn->is_open()) {
        drop(e.what());
        return make_error(error_code::database_unavailable, last_failure_);
      }
      return make_error(error_code::database_error, e.what());
    }
  }

  pqxx::connection* connect();
  void drop(std::string why);
  void count(std::chrono::steady_clock::time_point started, std::optional<error_code> failure);

  std::string url_;
  std::chrono::milliseconds backoff_;
  std::unique_ptr<pqxx::connection> conn_;
  std::chrono::steady_clock::time_point retry_after_{};
  std::string last_failure_;
  std::shared_ptr<database_meter> meter_;
};

}  // namespace frontdesk::storage
