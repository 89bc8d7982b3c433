#pragma once

#include <string>
#include <string_view>
#include <vector>

// What a phonetic algorithm cannot know: how English speech-to-text writes names from other
// languages ("Nguyen" as "Win", "Siobhan" as "Chevonne", "Wiśniewska" as "Vishnevska"), and the
// other names places and practitioners go by aloud.
namespace frontdesk::domain {

/// How speech-to-text writes a name word (lower case, accents left out): nothing when the word
/// is not one of those it is known to mishear.
const std::vector<std::string>& heard_as(std::string_view name_word);

/// What callers call a practitioner of this designation ("the physio", "the GP"), the
/// designation itself first.
std::vector<std::string> role_names(std::string_view designation);

/// A state or territory by its abbreviation and its name ("NSW", "New South Wales"): both, or
/// the state as given when it is not known.
std::vector<std::string> state_names(std::string_view state);

}  // namespace frontdesk::domain
