#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "domain/time_zone.hpp"

// Calls' audio on disk: one sealed file a call, named by a hash of its conversation (never the
// id itself), removed once past its retention. The time is passed in: the caller's clock decides.
namespace frontdesk::storage {

class audio_store {
 public:
  /// Keeps nothing when `dir` is empty.
  audio_store(std::filesystem::path dir, std::chrono::hours retention);

  bool enabled() const { return !dir_.empty(); }

  /// Writes a call's sealed audio (replacing what the call had); false when it could not be
  /// written or the store is off.
  bool keep(const std::string& conversation_id, std::string_view sealed);

  /// Removes the files written before `now` less the retention; how many.
  std::int64_t prune(domain::instant now);

  /// Where a conversation's audio is (or would be) kept.
  std::filesystem::path file_of(const std::string& conversation_id) const;

 private:
  std::filesystem::path dir_;
  std::chrono::hours retention_;
};

}  // namespace frontdesk::storage
