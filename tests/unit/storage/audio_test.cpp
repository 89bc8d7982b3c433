#include "storage/audio.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "domain/clock.hpp"

// Calls' audio on disk: one file a call, named without the conversation's id, gone after its
// retention by the clock the caller passes.
using namespace frontdesk;
using namespace std::chrono_literals;

TEST(AudioStore, KeepsOneFileACallAndPrunesByTheTimeItIsGiven) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("frontdesk-audio-test-" + std::to_string(::getpid()));
  storage::audio_store store{dir, 24h * 7};
  ASSERT_TRUE(store.keep("conv_1", "sealed bytes"));
  ASSERT_TRUE(store.keep("conv_1", "sealed again"));  // the same call: replaced
  ASSERT_TRUE(store.keep("conv_2", "other"));
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir),
                          std::filesystem::directory_iterator{}),
            2);
  EXPECT_EQ(store.file_of("conv_1").filename().string().find("conv_1"), std::string::npos);
  std::ifstream in(store.file_of("conv_1"), std::ios::binary);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), "sealed again");

  const auto now = domain::system_now();
  EXPECT_EQ(store.prune(now), 0);                 // within its retention
  EXPECT_EQ(store.prune(now + 24h * 7 - 1h), 0);  // still
  EXPECT_EQ(store.prune(now + 24h * 7 + 1h), 2);  // past it
  EXPECT_FALSE(std::filesystem::exists(store.file_of("conv_1")));
  std::filesystem::remove_all(dir);
}

TEST(AudioStore, WithoutADirectoryNothingIsKept) {
  storage::audio_store off{"", 24h};
  EXPECT_FALSE(off.enabled());
  EXPECT_FALSE(off.keep("conv", "bytes"));
  EXPECT_EQ(off.prune(domain::system_now()), 0);
}
