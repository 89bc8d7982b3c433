// Scores the date and time readings on corpora of what callers say (tests/data/phrases): per
// kind, how many phrases are read right, how many are asked about, how many are not understood,
// and how many are guesses (a reading taken as settled that is wrong, or a reading taken where
// the phrase must be asked about). A guess costs a caller an appointment; a question costs them a
// turn.
//
//   phrase-score [FILE...]     prints each guess and a table by kind per file (default: every
//                              corpus in tests/data/phrases)
//
// Today's reader has no "ask" verdict: a phrase it reads is taken as settled, one it does not
// read is "not understood".
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/date_phrase.hpp"
#include "domain/resolve.hpp"
#include "domain/time_phrase.hpp"
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

std::string clock(std::chrono::minutes m) {
  char out[8];
  std::snprintf(out, sizeof out, "%02d:%02d", static_cast<int>(m.count() / 60),
                static_cast<int>(m.count() % 60));
  return out;
}

// A time as HH:MM, a part of the day or a bound as HH:MM-HH:MM.
std::string written(const time_request& r) {
  if (r.what == time_request::kind::at) return clock(r.from);
  return clock(r.from) + "-" + clock(r.to);
}

// The clinic the names corpus is said to: names from the languages speech-to-text mishears most
// in Australian clinics, two Sarahs and two Walshes, and roles.
const clinic_directory& corpus_clinic() {
  static const clinic_directory d = [] {
    clinic_directory c;
    c.clinic_name = "Harbour Health";
    c.locations = {{"11", "Harbour Health City", "City", "", "Sydney", "Australia/Sydney"}};
    c.practitioners = {
        {"41", "Dr Thi Nguyen", "Thi", "Nguyen", "General Practitioner"},
        {"42", "Siobhan O'Sullivan", "Siobhan", "O'Sullivan", "Physiotherapist"},
        {"43", "Niamh Kelly", "Niamh", "Kelly", "Physiotherapist"},
        {"44", "Aoife Byrne", "Aoife", "Byrne", "Osteopath"},
        {"45", "Tadhg Walsh", "Tadhg", "Walsh", "Chiropractor"},
        {"46", "Katarzyna Wisniewska", "Katarzyna", "Wisniewska", "Massage Therapist"},
        {"47", "Xiao Li", "Xiao", "Li", "Acupuncturist"},
        {"48", "Sean Murphy", "Sean", "Murphy", "Physiotherapist"},
        {"49", "Dr Sarah Chen", "Sarah", "Chen", "General Practitioner"},
        {"50", "Sarah Walsh", "Sarah", "Walsh", "Podiatrist"}};
    for (const auto& p : c.practitioners) c.works_at.push_back({p.id, "11"});
    return c;
  }();
  return d;
}

/// A name's reading: right, asked with the right ones among the options, not understood, or a
/// guess. Expected: an id (found it, or asked with it among the options), or "ask:ID,..." (asked,
/// with each of them among the options: finding any one is a guess).
enum class verdict { right, asked, unknown, guess };

verdict read_name(const std::string& phrase, const std::string& expected, std::string* read) {
  const auto r = resolve_practitioner(phrase, corpus_clinic());
  const auto offered = [&](const std::string& id) {
    return std::any_of(r.options.begin(), r.options.end(),
                       [&](const practitioner* p) { return p->id == id; });
  };
  const bool must_ask = expected.rfind("ask:", 0) == 0;
  std::vector<std::string> meant;
  std::stringstream ids{must_ask ? expected.substr(4) : expected};
  for (std::string id; std::getline(ids, id, ',');) meant.push_back(id);
  using kind = resolution<practitioner>::kind;
  if (r.what == kind::found) {
    *read = r.chosen->id;
    return !must_ask && r.chosen->id == meant.front() ? verdict::right : verdict::guess;
  }
  if (r.what == kind::ask && std::all_of(meant.begin(), meant.end(), offered)) {
    *read = "ask";
    return verdict::asked;
  }
  return verdict::unknown;
}

// The reading of one corpus line, as written there; nothing when it is not understood. Date
// lines carry the clinic's today and country; time lines only the phrase.
std::optional<std::string> read(const std::vector<std::string>& f) {
  if (f.size() == 3) {
    const auto t = parse_time_phrase(f[1]);
    return t ? std::optional{written(*t)} : std::nullopt;
  }
  const auto today = parse_date(f[2]);
  if (!today) throw std::runtime_error("bad date " + f[2]);
  const auto d = parse_date_phrase(f[1], *today, f[3]);
  return d ? std::optional{written(*d)} : std::nullopt;
}

void row(const std::string& name, const tally& t) {
  std::printf("%-24s %8d %8d %8d %8d %8d %8.1f%%\n", name.c_str(), t.phrases, t.right, t.asked,
              t.not_understood, t.guesses,
              t.phrases ? 100.0 * (t.right + t.asked) / t.phrases : 0.0);
}

// Scores one corpus file: its guesses, then its table by kind.
tally score(const std::string& path) {
  std::ifstream file{path};
  if (!file) throw std::runtime_error("cannot read " + path);
  std::map<std::string, tally> by_kind;
  tally all;
  const bool names = path.size() >= 9 && path.compare(path.size() - 9, 9, "names.tsv") == 0;
  for (std::string line; std::getline(file, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto f = split(line);
    if (f.size() != 3 && f.size() != 5) throw std::runtime_error("not 3 or 5 fields: " + line);
    const auto& kind = f[0];
    const auto& expected = f.back();
    auto& t = by_kind[kind];
    ++t.phrases;
    ++all.phrases;
    std::string reading;
    verdict v = verdict::unknown;
    if (names) {
      v = read_name(f[1], expected, &reading);
    } else if (const auto r = read(f)) {
      reading = *r;
      v = expected != "ask" && reading == expected ? verdict::right : verdict::guess;
    }
    switch (v) {
      case verdict::right:
        ++t.right, ++all.right;
        break;
      case verdict::asked:
        ++t.asked, ++all.asked;
        break;
      case verdict::unknown:
        ++t.not_understood, ++all.not_understood;
        break;
      case verdict::guess:
        ++t.guesses, ++all.guesses;
        std::printf("guess: %-22s %-34s read %s, meant %s\n", kind.c_str(),
                    ("\"" + f[1] + "\"").c_str(), reading.c_str(), expected.c_str());
        break;
    }
  }
  std::printf("\n%s\n%-24s %8s %8s %8s %8s %8s %9s\n", path.c_str(), "kind", "phrases", "right",
              "asked", "unknown", "guesses", "right %");
  for (const auto& [kind, t] : by_kind) row(kind, t);
  row("all", all);
  std::printf("\n");
  return all;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) files.emplace_back(argv[i]);
  if (files.empty())
    files = {FRONTDESK_PHRASES "/dates.tsv", FRONTDESK_PHRASES "/times.tsv",
             FRONTDESK_PHRASES "/names.tsv"};
  try {
    tally total;
    for (const auto& path : files) {
      const auto t = score(path);
      total.phrases += t.phrases;
      total.right += t.right;
      total.asked += t.asked;
      total.not_understood += t.not_understood;
      total.guesses += t.guesses;
    }
    row("every corpus", total);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "phrase-score: %s\n", e.what());
    return 2;
  }
  return 0;
}
