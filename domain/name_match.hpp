#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/reading.hpp"

// Matching what a caller said ("Dr Chan", "Shawn", "the city one", "Bondi Junc") to the names the
// clinic uses, through speech-to-text's mishearings: taken when every word is the clinic's own,
// asked about when a word only sounds like it.
namespace frontdesk::domain {

/// Something the caller may be naming: its id, every name it goes by ("Dr Sarah Chen", "Sarah
/// Chen", "physiotherapist", "physio"; a location's name, label, suburb and state), and spellings
/// speech-to-text writes for them (spoken_forms), which are never taken without asking.
struct name_candidate {
  std::string id;
  std::vector<std::string> names;
  std::vector<std::string> heard_as{};
};

struct name_match {
  std::string id;
  /// 0 (nothing alike) to 1 (the same words).
  double confidence = 0;
};

struct name_matches {
  /// Sure: the one meant first. Ask: those that could be meant, best first.
  std::vector<name_match> ranked;
  /// Sure when exactly one candidate has every word said (a word may be a prefix of four
  /// letters or more, "Junc", or share its stem, "chiropractor"); ask when several do, or when
  /// some words only sound alike (Double Metaphone, the spellings speech-to-text writes, a typo)
  /// or, with `partial`, when some words match and others nothing ("Bondi Beach"); unknown
  /// otherwise.
  certainty verdict = certainty::unknown;
  bool clear = false;  // verdict == sure
  /// Those ranked have every word said (sure, or several to ask between).
  bool exact = false;
};

name_matches match_names(std::string_view spoken, const std::vector<name_candidate>& candidates,
                         bool partial = true);

/// The words of a name as they are compared: lower case, accents and punctuation left out,
/// spellings folded ("Harbour" and "Harbor", "Saint" and "St"), titles and filler dropped.
std::vector<std::string> name_words(std::string_view text);

/// One spelling for a word written two ways: "harbour"/"harbor", "centre"/"center", "saint"/"st".
std::string folded_word(std::string word);

/// Jaro-Winkler similarity of two words, 0 to 1.
double similarity(std::string_view a, std::string_view b);

/// "the second one", "number 2", "the last one", "2" -> 0-based index among `count` options.
std::optional<std::size_t> ordinal_choice(std::string_view spoken, std::size_t count);

}  // namespace frontdesk::domain
