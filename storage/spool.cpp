#include "storage/spool.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <boost/crc.hpp>
#include <chrono>
#include <fstream>
#include <iterator>
#include <system_error>

namespace frontdesk::storage {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view magic = "FDSP";
constexpr std::size_t header_size = 4 + 8 + 4;  // magic, length, crc32
const char* const current_name = "events.spool";

std::uint32_t crc_of(std::string_view bytes) {
  boost::crc_32_type crc;
  crc.process_bytes(bytes.data(), bytes.size());
  return crc.checksum();
}

template <class T>
void put(std::string& out, T value) {
  for (std::size_t i = 0; i < sizeof(T); ++i)
    out.push_back(static_cast<char>((static_cast<std::uint64_t>(value) >> (8 * i)) & 0xFF));
}

template <class T>
T get(std::string_view in) {
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < sizeof(T); ++i)
    value |= static_cast<std::uint64_t>(static_cast<unsigned char>(in[i])) << (8 * i);
  return static_cast<T>(value);
}

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const auto n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

void sync_dir(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

spool::spool(fs::path dir) : dir_(std::move(dir)) {
  fs::create_directories(dir_);
  fs::permissions(dir_, fs::perms::owner_all, fs::perm_options::replace);
  // What a previous run left is set aside whole: a write a crash cut short stays at its end.
  if (const auto left = dir_ / current_name; fs::exists(left) && fs::file_size(left) > 0)
    fs::rename(left,
               dir_ / (std::to_string(std::chrono::system_clock::now().time_since_epoch().count()) +
                       ".draining"));
  fd_ = ::open((dir_ / current_name).c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd_ < 0)
    throw std::system_error(errno, std::generic_category(),
                            "cannot open the spool in " + dir_.string());
  sync_dir(dir_);
}

spool::~spool() {
  if (fd_ >= 0) ::close(fd_);
}

bool spool::append(std::string_view record) {
  std::string frame;
  frame.reserve(header_size + record.size());
  frame.append(magic);
  put<std::uint64_t>(frame, record.size());
  put<std::uint32_t>(frame, crc_of(record));
  frame.append(record);
  if (!write_all(fd_, frame) || ::fdatasync(fd_) != 0) return false;
  appended_ += frame.size();
  return true;
}

bool spool::empty() const {
  if (appended_ > 0) return false;
  for (const auto& entry : fs::directory_iterator(dir_))
    if (entry.path().extension() == ".draining") return false;
  return true;
}

std::uintmax_t spool::waiting_bytes() const {
  std::uintmax_t bytes = appended_;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    if (entry.path().extension() != ".draining") continue;
    const auto size = entry.file_size(ec);
    if (!ec) bytes += size;
  }
  return bytes;
}

std::vector<fs::path> spool::set_aside() {
  if (appended_ > 0) {
    const auto stamp = std::chrono::system_clock::now().time_since_epoch().count();
    fs::rename(dir_ / current_name, dir_ / (std::to_string(stamp) + ".draining"));
    ::close(fd_);
    fd_ = ::open((dir_ / current_name).c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    appended_ = 0;
    sync_dir(dir_);
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir_))
    if (entry.path().extension() == ".draining") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<std::string> spool::read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  std::vector<std::string> records;
  std::string_view rest = bytes;
  while (rest.size() >= header_size && rest.substr(0, 4) == magic) {
    const auto length = get<std::uint64_t>(rest.substr(4));
    const auto crc = get<std::uint32_t>(rest.substr(12));
    if (rest.size() - header_size < length) break;  // cut short by a crash: never acknowledged
    const auto record = rest.substr(header_size, length);
    if (crc_of(record) == crc) records.emplace_back(record);
    rest.remove_prefix(header_size + length);
  }
  return records;
}

void spool::keep_unreadable(const fs::path& file) {
  auto kept = file;
  kept.replace_extension(".unreadable");
  fs::rename(file, kept);
  sync_dir(file.parent_path());
}

void spool::remove(const fs::path& file) {
  fs::remove(file);
  sync_dir(file.parent_path());
}

}  // namespace frontdesk::storage
