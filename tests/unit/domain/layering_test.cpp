#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>
#include <vector>

// The two lowest layers stay untied from CAF: domain/ reads only plain records, and a header of
// messages/ either declares an actor interface or is a plain record (CAF's helpers aside).
namespace {

namespace fs = std::filesystem;

const fs::path root = fs::path(FRONTDESK_DOCS).parent_path();

std::vector<std::string> includes_of(const fs::path& file, const std::regex& which) {
  std::ifstream in(file);
  std::vector<std::string> out;
  std::string line;
  std::smatch m;
  while (std::getline(in, line))
    if (std::regex_search(line, m, which)) out.push_back(m[1]);
  return out;
}

// The first header that includes CAF, reached from `file` through the project's own includes,
// or "".
std::string reaches_caf(const fs::path& file, std::set<std::string>& seen) {
  static const std::regex own{R"x(^#include "([^"]+)")x"};
  static const std::regex caf{R"(^#include <(caf/[^>]+)>)"};
  if (!includes_of(file, caf).empty()) return file.lexically_relative(root).string();
  for (const auto& next : includes_of(file, own)) {
    if (!seen.insert(next).second || !fs::exists(root / next)) continue;
    if (auto found = reaches_caf(root / next, seen); !found.empty()) return found;
  }
  return "";
}

bool declares_an_interface(const fs::path& header) {
  std::ifstream in(header);
  const std::string text{std::istreambuf_iterator<char>(in), {}};
  return text.find("caf::typed_actor<") != std::string::npos;
}

}  // namespace

TEST(Layering, DomainReadsOnlyPlainRecords) {
  for (const auto& entry : fs::directory_iterator(root / "domain")) {
    std::set<std::string> seen;
    EXPECT_EQ(reaches_caf(entry.path(), seen), "")
        << entry.path().filename() << " reaches CAF through its includes";
  }
}

TEST(Layering, AHeaderOfMessagesIsAnInterfaceOrAPlainRecord) {
  // CAF's own vocabulary (atoms, errors as caf::error, the inspect made from field lists) and
  // the list of every interface.
  const std::set<std::string> caf_helpers{"atoms.hpp", "error.hpp", "inspect.hpp",
                                          "interfaces.hpp"};
  int records = 0;
  for (const auto& entry : fs::directory_iterator(root / "messages")) {
    const auto name = entry.path().filename().string();
    if (entry.path().extension() != ".hpp" || caf_helpers.count(name) ||
        declares_an_interface(entry.path()))
      continue;
    ++records;
    std::set<std::string> seen;
    EXPECT_EQ(reaches_caf(entry.path(), seen), "") << name << " is a record header";
  }
  EXPECT_GT(records, 10);
}
