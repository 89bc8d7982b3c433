#include "domain/patients.hpp"

#include "domain/name_match.hpp"

namespace frontdesk::domain {

patient_choice choose_patient(const std::vector<patient_name>& on_number,
                              std::string_view said_name) {
  using kind = patient_choice::kind;
  if (on_number.empty()) return {said_name.empty() ? kind::need_name : kind::new_patient, 0};
  if (said_name.empty()) return {on_number.size() == 1 ? kind::existing : kind::ask, 0};
  std::vector<name_candidate> candidates;
  for (std::size_t i = 0; i < on_number.size(); ++i) {
    const auto& p = on_number[i];
    std::vector<std::string> names{p.first_name + " " + p.last_name};
    if (!p.preferred_first_name.empty())
      names.push_back(p.preferred_first_name + " " + p.last_name);
    candidates.push_back({std::to_string(i), std::move(names)});
  }
  // Every word must match: a sibling shares the surname. The number is theirs already, so one
  // name on it that sounds like the one said is the caller ("Ema Thomson" for Emma Thompson).
  const auto matches = match_names(said_name, candidates, false);
  if (matches.ranked.empty()) return {kind::new_patient, 0};
  if (matches.ranked.size() == 1) return {kind::existing, std::stoul(matches.ranked.front().id)};
  return {kind::ask, 0};
}

std::pair<std::string, std::string> split_name(std::string_view full_name) {
  std::string name(full_name);
  while (!name.empty() && name.back() == ' ') name.pop_back();
  while (!name.empty() && name.front() == ' ') name.erase(0, 1);
  const auto space = name.rfind(' ');
  if (space == std::string::npos) return {name, ""};
  auto first = name.substr(0, space);
  while (!first.empty() && first.back() == ' ') first.pop_back();
  return {first, name.substr(space + 1)};
}

}  // namespace frontdesk::domain
