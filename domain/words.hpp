#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The words of what a caller said, as speech-to-text writes them.
namespace frontdesk::domain {

/// Lower case, punctuation dropped ("O'Brien" -> "obrien", "2:30" kept), spaces collapsed.
std::string normalize(std::string_view text);

/// The normalised words.
std::vector<std::string> words_of(std::string_view text);

/// "3", "three", "a" (one), "a couple of" is not handled here: single words only.
std::optional<int> number_word(std::string_view word);

/// "3rd", "third", "twenty-first" (also "twenty first" when given as one string).
std::optional<int> ordinal_word(std::string_view word);

}  // namespace frontdesk::domain
