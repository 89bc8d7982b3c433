#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

// The local spool: verified post-call events wait here, appended and fsynced, while PostgreSQL
// cannot take them. Each record is framed and checksummed, so a write cut short by a crash is
// told from a whole one and skipped (it was never acknowledged).
namespace frontdesk::storage {

class spool {
 public:
  /// Creates the directory if needed (mode 0700: what waits here is a patient's call).
  explicit spool(std::filesystem::path dir);
  ~spool();
  spool(const spool&) = delete;
  spool& operator=(const spool&) = delete;

  /// Appends one record and fsyncs it; false when the disk would not take it.
  bool append(std::string_view record);

  /// Whether anything waits (appended, or set aside for draining).
  bool empty() const;

  /// Bytes waiting for PostgreSQL: appended, and set aside for draining (a file is counted
  /// until it is drained whole).
  std::uintmax_t waiting_bytes() const;

  /// Sets what was appended so far aside for draining (new appends go to a fresh file), and
  /// lists every file set aside, oldest first, this one included.
  std::vector<std::filesystem::path> set_aside();

  /// The whole records of a file set aside, in order.
  static std::vector<std::string> read(const std::filesystem::path& file);

  /// A drained file is done with.
  static void remove(const std::filesystem::path& file);

  /// A file with records that could not be opened (sealed under another master key) is kept
  /// aside, as `.unreadable`, for an operator: never deleted, never drained again.
  static void keep_unreadable(const std::filesystem::path& file);

 private:
  std::filesystem::path dir_;
  int fd_ = -1;
  std::uint64_t appended_ = 0;
};

}  // namespace frontdesk::storage
