#include "storage/connection.hpp"

#include <spdlog/spdlog.h>

#include <thread>

namespace frontdesk::storage {
namespace {

void add_option(std::string& url, std::string_view name, std::string_view value) {
  if (url.find(std::string(name) + "=") != std::string::npos) return;
  const bool uri = url.find("://") != std::string::npos;
  if (uri)
    url += url.find('?') == std::string::npos ? '?' : '&';
  else
    url += ' ';
  url += name;
  url += '=';
  url += value;
}

}  // namespace

std::string connection_url(std::string url) {
  const bool uri = url.find("://") != std::string::npos;
  add_option(url, "connect_timeout", "3");
  add_option(url, "keepalives", "1");
  add_option(url, "keepalives_idle", "10");
  add_option(url, "keepalives_interval", "3");
  add_option(url, "keepalives_count", "3");
  add_option(url, "application_name", "frontdesk");
  // A runaway query must not hold a pool connection for ever.
  add_option(url, "options",
             uri ? "-c%20statement_timeout%3D15000" : "'-c statement_timeout=15000'");
  return url;
}

std::unique_ptr<pqxx::connection> connect_with_retry(const std::string& url,
                                                     std::chrono::seconds wait) {
  const auto deadline = std::chrono::steady_clock::now() + wait;
  for (bool first = true;; first = false) {
    try {
      return std::make_unique<pqxx::connection>(connection_url(url));
    } catch (const pqxx::broken_connection& e) {
      if (std::chrono::steady_clock::now() >= deadline) throw;
      if (first) spdlog::info("waiting for the database: {}", e.what());
      std::this_thread::sleep_for(std::chrono::milliseconds{250});
    }
  }
}

pqxx::connection* database_link::connect() {
  if (conn_ && conn_->is_open()) return conn_.get();
  conn_.reset();
  const auto now = std::chrono::steady_clock::now();
  if (now < retry_after_) return nullptr;
  try {
    conn_ = std::make_unique<pqxx::connection>(url_);
    if (!last_failure_.empty()) spdlog::info("database connection re-established");
    last_failure_.clear();
    return conn_.get();
  } catch (const std::exception& e) {
    drop(e.what());
    return nullptr;
  }
}

void database_link::count(std::chrono::steady_clock::time_point started,
                          std::optional<error_code> failure) {
  if (!meter_) return;
  ++meter_->queries;
  meter_->busy_ns += std::chrono::duration_cast<std::chrono::nanoseconds>(
                         std::chrono::steady_clock::now() - started)
                         .count();
  if (failure == error_code::database_unavailable) ++meter_->unavailable;
  if (failure == error_code::database_error) ++meter_->rejected;
}

void database_link::drop(std::string why) {
  if (last_failure_.empty()) spdlog::warn("database unavailable: {}", why);
  conn_.reset();
  last_failure_ = why.empty() ? "database unavailable" : std::move(why);
  retry_after_ = std::chrono::steady_clock::now() + backoff_;
}

}  // namespace frontdesk::storage
