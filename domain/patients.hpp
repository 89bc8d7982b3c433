#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

// Who is calling: which of the patients on the caller's number, if any, the caller is.
namespace frontdesk::domain {

struct patient_name {
  std::string first_name;
  std::string last_name;
  /// The name they go by, when Cliniko has one.
  std::string preferred_first_name;
};

struct patient_choice {
  enum class kind {
    existing,     // `index` among those on the number
    new_patient,  // none of them: a new patient (a family member not yet registered, say)
    ask,          // several could be meant: ask which
    need_name,    // nobody on the number and no name given
  };
  kind what = kind::need_name;
  std::size_t index = 0;
};

/// Chooses among the patients on the caller's number by the name given (may be empty). With no
/// name, the only patient on the number is taken; several are asked about. A name that matches
/// one clearly takes that one; one that matches none means a new patient.
patient_choice choose_patient(const std::vector<patient_name>& on_number,
                              std::string_view said_name);

/// "Sarah Jane Chen" -> {"Sarah Jane", "Chen"}; "Chen" -> {"Chen", ""}.
std::pair<std::string, std::string> split_name(std::string_view full_name);

}  // namespace frontdesk::domain
