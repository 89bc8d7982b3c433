#pragma once

#include <cstdint>
#include <string>

namespace frontdesk::test_support {

/// A database of its own for one test, created empty on the throw-away cluster that scripts/test
/// starts (FRONTDESK_TEST_DATABASE_URL) and dropped afterwards.
class test_database {
 public:
  test_database();
  ~test_database();
  test_database(const test_database&) = delete;
  test_database& operator=(const test_database&) = delete;

  /// Connection URL of this database.
  const std::string& url() const { return url_; }
  /// Host and port of the cluster.
  const std::string& host() const { return host_; }
  int port() const { return port_; }
  const std::string& name() const { return name_; }

  /// This database's URL, but reached through 127.0.0.1:`port` (a proxy in front of it).
  std::string url_via(int port) const;

 private:
  std::string admin_url_;
  std::string url_;
  std::string host_;
  int port_ = 0;
  std::string name_;
};

/// Migrates the database at `url` and onboards the demo clinic ("Harbour Health", dialed on
/// +61 2 9876 5432, the simulator's demo key) the way `frontdesk clinic add` does; its id.
std::int64_t onboard_demo_clinic(const std::string& url);

/// The FRONTDESK_MASTER_KEY (hex) that opens what onboard_demo_clinic sealed: 32 bytes of 9.
std::string demo_master_key_hex();

/// Runs one SQL statement on `url` and returns the first column of the first row ("" if none).
std::string query_value(const std::string& url, const std::string& sql);

}  // namespace frontdesk::test_support
