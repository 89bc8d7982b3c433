#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Matching what a caller said ("Dr Chan", "Shawn", "the city one", "a massage") to the names the
// clinic uses, through speech-to-text's mishearings.
namespace frontdesk::domain {

/// Something the caller may be naming: its id and every name it goes by ("Dr Sarah Chen",
/// "Sarah", "Chen"; a location's name, label and suburb; a service's name and category).
struct name_candidate {
  std::string id;
  std::vector<std::string> names;
};

struct name_match {
  std::string id;
  /// 0 (nothing alike) to 1 (the same words).
  double confidence = 0;
};

struct name_matches {
  /// Candidates that could be meant, best first.
  std::vector<name_match> ranked;
  /// The best is good enough and clearly ahead of the next: take it without asking.
  bool clear = false;
};

/// Scores every candidate; those below `floor` are left out.
name_matches match_names(std::string_view spoken, const std::vector<name_candidate>& candidates,
                         double floor = 0.72);

/// A sound-alike key: "Sean" and "Shawn", "Chen" and "Chan", "Catherine" and "Katherine" share
/// theirs.
std::string sound_key(std::string_view word);

/// Jaro-Winkler similarity of two words, 0 to 1.
double similarity(std::string_view a, std::string_view b);

/// "the second one", "number 2", "the last one", "2" -> 0-based index among `count` options.
std::optional<std::size_t> ordinal_choice(std::string_view spoken, std::size_t count);

}  // namespace frontdesk::domain
