#include "support/test_database.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <pqxx/pqxx>
#include <regex>

#include "storage/clinics.hpp"
#include "storage/migrations.hpp"

namespace frontdesk::test_support {

test_database::test_database() {
  const char* admin = std::getenv("FRONTDESK_TEST_DATABASE_URL");
  if (!admin)
    throw std::runtime_error(
        "FRONTDESK_TEST_DATABASE_URL is not set: run the tests with scripts/test, which starts a "
        "throw-away PostgreSQL");
  admin_url_ = admin;
  // postgresql://user@host:port/db
  std::smatch m;
  static const std::regex pattern{R"(^(postgres(?:ql)?://[^@/]*@)([^:/]+):(\d+)/([^?]*)(.*)$)"};
  if (!std::regex_match(admin_url_, m, pattern))
    throw std::runtime_error(
        "FRONTDESK_TEST_DATABASE_URL must look like postgresql://user@host:port/db");
  host_ = m[2];
  port_ = std::stoi(m[3]);
  static std::atomic<int> counter{0};
  name_ = "test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
  url_ = std::string(m[1]) + host_ + ":" + std::to_string(port_) + "/" + name_ + std::string(m[5]);
  pqxx::connection conn{admin_url_};
  pqxx::nontransaction tx{conn};
  tx.exec("DROP DATABASE IF EXISTS " + tx.quote_name(name_));
  tx.exec("CREATE DATABASE " + tx.quote_name(name_));
}

test_database::~test_database() {
  try {
    pqxx::connection conn{admin_url_};
    pqxx::nontransaction tx{conn};
    tx.exec("DROP DATABASE IF EXISTS " + tx.quote_name(name_) + " WITH (FORCE)");
  } catch (const std::exception& e) {
    ADD_FAILURE() << "could not drop " << name_ << ": " << e.what();
  }
}

std::string test_database::url_via(int port) const {
  auto at = url_.find('@');
  auto slash = url_.find('/', at);
  return url_.substr(0, at + 1) + "127.0.0.1:" + std::to_string(port) + url_.substr(slash);
}

std::int64_t onboard_demo_clinic(const std::string& url) {
  pqxx::connection conn{url};
  storage::apply_migrations(conn);
  std::array<unsigned char, 32> master{};
  master.fill(9);
  pqxx::work tx{conn};
  const auto clinic = storage::add_clinic(
      tx, {"Harbour Health", "Australia/Sydney", "demo-cliniko-key", "au1", {"+61298765432"}, {}},
      storage::secret_box{master});
  tx.commit();
  return clinic;
}

std::string demo_master_key_hex() {
  std::string hex;
  for (int i = 0; i < 32; ++i) hex += "09";
  return hex;
}

std::string query_value(const std::string& url, const std::string& sql) {
  pqxx::connection conn{url};
  pqxx::nontransaction tx{conn};
  auto result = tx.exec(sql);
  if (result.empty() || result[0][0].is_null()) return "";
  return result[0][0].as<std::string>();
}

}  // namespace frontdesk::test_support
