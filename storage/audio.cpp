#include "storage/audio.hpp"

#include <fstream>
#include <system_error>

#include "domain/encoding.hpp"

namespace frontdesk::storage {

namespace fs = std::filesystem;

audio_store::audio_store(fs::path dir, std::chrono::hours retention)
    : dir_(std::move(dir)), retention_(retention) {}

fs::path audio_store::file_of(const std::string& conversation_id) const {
  return dir_ / (domain::sha256_hex(conversation_id) + ".mp3.sealed");
}

bool audio_store::keep(const std::string& conversation_id, std::string_view sealed) {
  if (!enabled() || conversation_id.empty()) return false;
  std::error_code ec;
  fs::create_directories(dir_, ec);
  std::ofstream out(file_of(conversation_id), std::ios::binary | std::ios::trunc);
  out.write(sealed.data(), static_cast<std::streamsize>(sealed.size()));
  return static_cast<bool>(out.flush());
}

std::int64_t audio_store::prune(domain::instant now) {
  std::error_code ec;
  if (!enabled() || !fs::exists(dir_, ec)) return 0;
  const auto oldest = now - retention_;
  std::int64_t removed = 0;
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    if (!entry.is_regular_file(ec)) continue;
    const auto written = std::chrono::file_clock::to_sys(entry.last_write_time(ec));
    if (written < oldest && fs::remove(entry.path(), ec)) ++removed;
  }
  return removed;
}

}  // namespace frontdesk::storage
