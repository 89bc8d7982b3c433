#include "domain/phone.hpp"

#include <phonenumbers/phonenumberutil.h>

#include <set>
#include <unordered_map>

namespace frontdesk::domain {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

namespace {

std::optional<std::string> parse_e164(std::string_view number, std::string_view default_region) {
  const auto* util = PhoneNumberUtil::GetInstance();
  PhoneNumber parsed;
  if (util->Parse(std::string(number), std::string(default_region), &parsed) !=
      PhoneNumberUtil::NO_PARSING_ERROR)
    return std::nullopt;
  // "61298765432" (an E.164 number typed without its '+') parses as a national number of the
  // default region; when that is not a possible number there, read it as international.
  if (!util->IsPossibleNumber(parsed)) {
    PhoneNumber international;
    // Appended, not "+" + string: GCC 12 warns falsely (-Wrestrict) about the operator+ form.
    std::string with_plus = "+";
    with_plus.append(number);
    if (util->Parse(with_plus, "ZZ", &international) != PhoneNumberUtil::NO_PARSING_ERROR ||
        !util->IsPossibleNumber(international))
      return std::nullopt;
    parsed = international;
  }
  std::string out;
  util->Format(parsed, PhoneNumberUtil::E164, &out);
  // The phone index matches numbers by this text, so it must read back as itself: one that does
  // not ("0010 6543" has an international prefix in it) cannot be matched, and is not taken.
  PhoneNumber again;
  std::string check;
  if (util->Parse(out, "ZZ", &again) != PhoneNumberUtil::NO_PARSING_ERROR) return std::nullopt;
  util->Format(again, PhoneNumberUtil::E164, &check);
  // E.164 has at most fifteen digits; libphonenumber lets longer ones through for some codes.
  if (check != out || out.size() > 16) return std::nullopt;
  return out;
}

}  // namespace

// Every tool call reads the number dialed, and libphonenumber's regular expressions cost more
// than the rest of a warm call: the few numbers a thread sees are read once each. Bounded, so
// that a caller sending endless different numbers costs only the reading.
std::optional<std::string> to_e164(std::string_view number, std::string_view default_region) {
  constexpr std::size_t most = 4096;
  thread_local std::unordered_map<std::string, std::optional<std::string>> known;
  std::string key{default_region};
  key += '\0';
  key += number;
  if (const auto it = known.find(key); it != known.end()) return it->second;
  auto e164 = parse_e164(number, default_region);
  if (known.size() >= most) known.clear();
  known.emplace(std::move(key), e164);
  return e164;
}

std::string cliniko_phone_type(std::string_view number, std::string_view default_region) {
  const auto* util = PhoneNumberUtil::GetInstance();
  PhoneNumber parsed;
  if (util->Parse(std::string(number), std::string(default_region), &parsed) !=
      PhoneNumberUtil::NO_PARSING_ERROR)
    return "Mobile";
  switch (util->GetNumberType(parsed)) {
    case PhoneNumberUtil::FIXED_LINE:
      return "Home";
    case PhoneNumberUtil::MOBILE:
    case PhoneNumberUtil::FIXED_LINE_OR_MOBILE:
    case PhoneNumberUtil::UNKNOWN:
      return "Mobile";
    default:
      return "Other";
  }
}

bool is_supported_region(std::string_view region) {
  std::set<std::string> regions;
  PhoneNumberUtil::GetInstance()->GetSupportedRegions(&regions);
  return regions.count(std::string(region)) > 0;
}

}  // namespace frontdesk::domain
