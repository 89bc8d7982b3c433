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

/// "3", "three", "forty", "a" (one); "a couple of" is not handled here: single words only.
std::optional<int> number_word(std::string_view word);

/// "3rd", "third", "twenty-first" (also "twenty first" when given as one string).
std::optional<int> ordinal_word(std::string_view word);

/// Whether `text` holds a signed number ("-1pm", "at -10:00", "+2"): a minus or plus sign right
/// before a digit, not between two (as in "2026-11-25"). Speech has no signed times or dates.
bool has_signed_number(std::string_view text);

/// Cliniko's cancellation reason code for a reason said in words: 10 feeling better, 20
/// condition worse, 30 sick, 40 away, 60 work, otherwise 50 (other).
int cancellation_code(std::string_view said);

/// Words that cancellation_code reads as `code` ("feeling better" for 10; "another reason" for
/// 50 or any code it does not know).
std::string cancellation_words(int code);

}  // namespace frontdesk::domain
