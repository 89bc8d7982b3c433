#include "recording/pseudonymise.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <set>

#include "domain/phone.hpp"

namespace frontdesk::recording {
namespace {

using object = json_value::object;
using array = json_value::array;

enum class personal : std::uint8_t { none, name, phone, email, birth_date };

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
  };
  const auto it = fields.find(key);
  return it == fields.end() ? personal::none : it->second;
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
        return add_whole(value, std::string("1970-01-").append(two(next_number(dates_))));
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

  void add_whole(const std::string& value, std::string pseudonym) {
    whole_.emplace(value, std::move(pseudonym));
  }

  static std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }
  static std::string next(int& counter) { return std::to_string(++counter); }
  static int next_number(int& counter) { return ++counter; }
  static std::string two(int n) {
    auto digits = std::to_string(n);
    return n < 10 ? std::string("0").append(digits) : digits;
  }

  std::string replace(const std::string& text) const {
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
  std::map<std::string, std::string> words_;   // lower-cased name word -> pseudonym
  std::map<std::string, std::string> whole_;   // a whole value -> pseudonym
  std::map<std::string, std::string> phones_;  // E.164 -> the last three digits given
  int emails_ = 0;
  int dates_ = 0;
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
