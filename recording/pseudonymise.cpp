#include "recording/pseudonymise.hpp"

#include <strings.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <optional>
#include <random>
#include <set>

#include "domain/phone.hpp"
#include "domain/time_zone.hpp"
#include "domain/words.hpp"

namespace frontdesk::recording {
namespace {

using object = json_value::object;
using array = json_value::array;

enum class personal : std::uint8_t { none, name, phone, email, birth_date, reason, free_text };

// The fields that carry a person's details, in the tools' inputs and in Cliniko's records.
personal kind_of_field(std::string_view key) {
  static const std::map<std::string_view, personal> fields{
      {"first_name", personal::name},
      {"last_name", personal::name},
      {"preferred_first_name", personal::name},
      {"patient_name", personal::name},
      {"patientName", personal::name},
      {"firstName", personal::name},
      {"lastName", personal::name},
      {"said_name", personal::name},
      {"caller_name", personal::name},
      {"callerName", personal::name},
      {"phone", personal::phone},
      {"caller_phone", personal::phone},
      {"callerPhone", personal::phone},
      {"patientPhone", personal::phone},
      {"number", personal::phone},
      {"phone_number", personal::phone},
      {"email", personal::email},
      {"patientEmail", personal::email},
      {"date_of_birth", personal::birth_date},
      {"dateOfBirth", personal::birth_date},
      {"said_birth_date", personal::birth_date},
      // What callers say in their own words: a cancellation's reason, notes for the practitioner.
      {"reason", personal::reason},
      {"note", personal::reason},
      {"notes", personal::free_text},
  };
  const auto it = fields.find(key);
  return it == fields.end() ? personal::none : it->second;
}

constexpr std::array<const char*, 12> month_names{"January",   "February", "March",    "April",
                                                  "May",       "June",     "July",     "August",
                                                  "September", "October",  "November", "December"};

// A birth date said in words ("12 March 1985", "March 12th, 1985"): a day, a month's name and
// a year, in any order; nothing when it is not one.
std::optional<domain::calendar_date> spoken_date(const std::string& text) {
  unsigned day = 0, month = 0;
  int year = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto start = i;
    while (i < text.size() && std::isalnum(static_cast<unsigned char>(text[i]))) ++i;
    const std::string word = text.substr(start, i - start);
    if (i == start) ++i;
    if (word.empty()) continue;
    if (std::isdigit(static_cast<unsigned char>(word.front()))) {
      const auto n = std::stoi(word.substr(0, std::min<std::size_t>(word.size(), 6)));
      if (n >= 1 && n <= 31 && word.size() <= 4 && day == 0) day = static_cast<unsigned>(n);
      if (n > 1800 && n < 2200) year = n;
      continue;
    }
    for (std::size_t m = 0; m < month_names.size() && word.size() >= 3; ++m)
      if (strncasecmp(month_names[m], word.c_str(), word.size()) == 0)
        month = static_cast<unsigned>(m + 1);
  }
  if (day == 0 || month == 0 || year == 0) return std::nullopt;
  const domain::calendar_date d{date::year{year}, date::month{month}, date::day{day}};
  return d.ok() ? std::optional{d} : std::nullopt;
}

std::string spoken(domain::calendar_date d) {
  return std::to_string(static_cast<unsigned>(d.day())) + " " +
         month_names[static_cast<unsigned>(d.month()) - 1] + " " +
         std::to_string(static_cast<int>(d.year()));
}

constexpr std::array<const char*, 12> given_names{"Avery", "Blake",  "Casey",  "Devon",
                                                  "Emery", "Finley", "Harper", "Indie",
                                                  "Jules", "Kendal", "Linden", "Marlow"};

class pseudonyms {
 public:
  explicit pseudonyms(std::string region) : region_(std::move(region)) {}

  // First pass: every personal value, by the field it sits in.
  void collect(const json_value& v, personal as = personal::none) {
    if (v.is_object()) {
      for (const auto& [key, member] : v.as<object>()) collect(member, kind_of_field(key));
    } else if (v.is<array>()) {
      for (const auto& item : v.as<array>()) collect(item, as);
    } else if (v.is<std::string>() && !v.as<std::string>().empty()) {
      add(v.as<std::string>(), as);
    }
  }

  // Second pass: every string, whole values first, then names and numbers inside sentences.
  void apply(json_value& v) const {
    if (v.is_object()) {
      for (auto& [key, member] : v.as<object>()) apply(member);
    } else if (v.is<array>()) {
      for (auto& item : v.as<array>()) apply(item);
    } else if (v.is<std::string>()) {
      v = json_value{replace(v.as<std::string>())};
    }
  }

 private:
  void add(const std::string& value, personal as) {
    switch (as) {
      case personal::name:
        return add_name(value);
      case personal::phone:
        return add_phone(value);
      case personal::email:
        return add_whole(value, std::string("person").append(next(emails_)).append("@example.com"));
      case personal::birth_date:
        return add_birth_date(value);
      case personal::reason:
        exact_.emplace(value, domain::cancellation_words(domain::cancellation_code(value)));
        return;
      case personal::free_text:
        exact_.emplace(
            value, "(said in the caller's words; " + std::to_string(value.size()) + " characters)");
        return;
      case personal::none:
        return;
    }
  }

  // Names are replaced word by word, so "Jane Smith" and "Jane" stay the same person.
  void add_name(const std::string& value) {
    std::size_t i = 0;
    while (i < value.size()) {
      const auto start = value.find_first_not_of(" ,.-'", i);
      if (start == std::string::npos) break;
      auto end = value.find_first_of(" ,.-'", start);
      if (end == std::string::npos) end = value.size();
      const auto word = value.substr(start, end - start);
      if (word.size() > 1 && !words_.count(lower(word))) {
        const auto n = words_.size();
        words_[lower(word)] = std::string(given_names[n % given_names.size()]) +
                              (n < given_names.size() ? "" : std::to_string(n));
      }
      i = end;
    }
  }

  // Numbers from ACMA's range for fiction (0491 570 xxx), in the style they came in.
  void add_phone(const std::string& value) {
    const auto e164 = domain::to_e164(value, region_);
    if (!e164) return;
    auto it = phones_.find(*e164);
    if (it == phones_.end())
      it = phones_.emplace(*e164, std::to_string(110 + phones_.size())).first;
    const auto international = std::string("+61491570").append(it->second);
    whole_[value] =
        value.starts_with("+") ? international : std::string("0491 570 ").append(it->second);
    whole_[*e164] = international;
  }

  // Shifted by the same number of days wherever it occurs, in the form it came in (ISO stays ISO,
  // words stay words), so that what the tools read of it, and what they compare, is unchanged.
  // What is not a date is replaced by something that is not one either.
  void add_birth_date(const std::string& value) {
    if (const auto iso = domain::parse_date(value)) {
      whole_[value] = domain::format_date(shifted(*iso));
      whole_[spoken(*iso)] = spoken(shifted(*iso));
    } else if (const auto said = spoken_date(value)) {
      whole_[value] = spoken(shifted(*said));
      whole_[domain::format_date(*said)] = domain::format_date(shifted(*said));
    } else {
      exact_.emplace(value, "(a birth date)");
    }
  }

  domain::calendar_date shifted(domain::calendar_date d) const {
    return domain::calendar_date{date::sys_days{d} - date::days{shift_days_}};
  }

  void add_whole(const std::string& value, std::string pseudonym) {
    whole_.emplace(value, std::move(pseudonym));
  }

  static std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }
  static std::string next(int& counter) { return std::to_string(++counter); }
  static int random_shift() {
    std::random_device device;
    return std::uniform_int_distribution<int>{400, 4000}(device);
  }

  std::string replace(const std::string& text) const {
    if (const auto it = exact_.find(text); it != exact_.end()) return it->second;
    if (const auto it = whole_.find(text); it != whole_.end()) return it->second;
    std::string out = text;
    for (const auto& [value, pseudonym] : whole_) replace_all(out, value, pseudonym, false);
    for (const auto& [word, pseudonym] : words_) replace_all(out, word, pseudonym, true);
    return out;
  }

  // Every occurrence of `what` (as a whole word, case-insensitively, for names).
  static void replace_all(std::string& text, const std::string& what, const std::string& with,
                          bool word) {
    if (what.size() < 2) return;
    const auto is_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
    auto haystack = word ? lower(text) : text;
    std::size_t at = 0;
    while ((at = haystack.find(what, at)) != std::string::npos) {
      const auto end = at + what.size();
      const bool bounded = !word || ((at == 0 || !is_word(text[at - 1])) &&
                                     (end >= text.size() || !is_word(text[end])));
      if (!bounded) {
        at = end;
        continue;
      }
      text.replace(at, what.size(), with);
      haystack.replace(at, what.size(), word ? lower(with) : with);
      at += with.size();
    }
  }

  std::string region_;
  std::map<std::string, std::string> words_;  // lower-cased name word -> pseudonym
  std::map<std::string, std::string> whole_;  // a whole value -> pseudonym, also inside text
  std::map<std::string, std::string> exact_;  // free text -> its stand-in, only as a whole
  // Birth dates move back by this many days: at random, so that the export does not tell them.
  int shift_days_ = random_shift();
  std::map<std::string, std::string> phones_;  // E.164 -> the last three digits given
  int emails_ = 0;
};

}  // namespace

recording pseudonymise(const recording& r) {
  pseudonyms p{r.region.empty() ? "AU" : r.region};
  for (const auto& e : r.entries)
    if (kind_of(e) != "directory") p.collect(e);
  auto out = r;
  for (auto& e : out.entries)
    if (kind_of(e) != "directory") p.apply(e);
  return out;
}

}  // namespace frontdesk::recording
