#pragma once

#include <caf/expected.hpp>
#include <chrono>
#include <memory>
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

class database_link {
 public:
  explicit database_link(std::string url,
                         std::chrono::milliseconds backoff = std::chrono::milliseconds{500})
      : url_(connection_url(std::move(url))), backoff_(backoff) {}

  /// Runs `work(pqxx::connection&)`; failures come back as errors, never as exceptions:
  /// database_unavailable when the connection cannot be had or broke (it is dropped and made
  /// anew later), database_error when PostgreSQL rejected the work.
  template <class Work>
  auto run(Work&& work) -> caf::expected<decltype(work(std::declval<pqxx::connection&>()))> {
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

 private:
  pqxx::connection* connect();
  void drop(std::string why);

  std::string url_;
  std::chrono::milliseconds backoff_;
  std::unique_ptr<pqxx::connection> conn_;
  std::chrono::steady_clock::time_point retry_after_{};
  std::string last_failure_;
};

}  // namespace frontdesk::storage
