#pragma once

#include <string>
#include <string_view>

// How a name sounds, for matching what speech-to-text wrote against how the clinic spells it.
namespace frontdesk::domain {

/// Lawrence Philips' Double Metaphone: a primary and an alternate key of how a word sounds in
/// English, from its spelling with the rules of the languages names come from (Germanic, Slavic,
/// Romance, Greek, Chinese, Irish...). "Chen" and "Chan" share keys, as do "Sarah" and "Sara",
/// "Katherine" and "Catherine", "Schmidt" and "Smith" (alternate). Keys are capped at `longest`.
struct sound_keys {
  std::string primary;
  std::string alternate;
};
sound_keys double_metaphone(std::string_view word, std::size_t longest = 8);

/// Whether two words share a Double Metaphone key.
bool sound_alike(std::string_view a, std::string_view b);

/// Letters with accents written without them, in lower case ("Wiśniewska" -> "wisniewska",
/// "Órla" -> "orla"); other characters as they are.
std::string without_accents(std::string_view text);

}  // namespace frontdesk::domain
