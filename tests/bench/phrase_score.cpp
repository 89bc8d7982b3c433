// Scores the date reading on a corpus of what callers say (tests/data/phrases/dates.tsv): per
// kind, how many phrases are read right, how many are asked about, how many are not understood,
// and how many are guesses (a reading taken as settled that is wrong, or a reading taken where
// the phrase must be asked about). A guess costs a caller an appointment; a question costs them a
// turn.
//
//   phrase-score [FILE]        prints the table, and each guess
//
// Today's reader has no "ask" verdict: a phrase it reads is taken as settled, one it does not
// read is "not understood".
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "domain/date_phrase.hpp"
#include "domain/time_zone.hpp"

namespace {

using namespace frontdesk::domain;

struct tally {
  int phrases = 0, right = 0, asked = 0, not_understood = 0, guesses = 0;
};

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream in{line};
  for (std::string field; std::getline(in, field, '\t');) out.push_back(field);
  return out;
}

// The reading as the corpus writes it: a date, FROM..TO, or soonest.
std::string written(const date_request& r) {
  switch (r.what) {
    case date_request::kind::soonest:
      return "soonest";
    case date_request::kind::span:
      return format_date(r.first) + ".." + format_date(r.last);
    case date_request::kind::day:
      return format_date(r.first);
  }
  return "";
}

}  // namespace

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : FRONTDESK_PHRASES "/dates.tsv";
  std::ifstream file{path};
  if (!file) {
    std::fprintf(stderr, "phrase-score: cannot read %s\n", path.c_str());
    return 2;
  }
  std::map<std::string, tally> by_kind;
  tally all;
  for (std::string line; std::getline(file, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto f = split(line);
    if (f.size() != 5) {
      std::fprintf(stderr, "phrase-score: not five fields: %s\n", line.c_str());
      return 2;
    }
    const auto& [kind, phrase, today_text, country, expected] =
        std::tie(f[0], f[1], f[2], f[3], f[4]);
    const auto today = parse_date(today_text);
    if (!today) {
      std::fprintf(stderr, "phrase-score: bad date %s\n", today_text.c_str());
      return 2;
    }
    auto& t = by_kind[kind];
    ++t.phrases;
    ++all.phrases;
    const auto read = parse_date_phrase(phrase, *today, country);
    if (!read) {
      ++t.not_understood;
      ++all.not_understood;
      continue;
    }
    if (expected != "ask" && written(*read) == expected) {
      ++t.right;
      ++all.right;
      continue;
    }
    ++t.guesses;
    ++all.guesses;
    std::printf("guess: %-14s %-32s read %s, meant %s\n", kind.c_str(),
                ("\"" + phrase + "\"").c_str(), written(*read).c_str(), expected.c_str());
  }
  std::printf("\n%-24s %8s %8s %8s %8s %8s %9s\n", "kind", "phrases", "right", "asked", "unknown",
              "guesses", "right %");
  const auto row = [](const std::string& name, const tally& t) {
    std::printf("%-24s %8d %8d %8d %8d %8d %8.1f%%\n", name.c_str(), t.phrases, t.right, t.asked,
                t.not_understood, t.guesses,
                t.phrases ? 100.0 * (t.right + t.asked) / t.phrases : 0.0);
  };
  for (const auto& [kind, t] : by_kind) row(kind, t);
  row("all", all);
  return 0;
}
