#include "domain/lockout.hpp"

namespace frontdesk::domain {

std::chrono::seconds refused_for(int failures) {
  using std::chrono::seconds;
  if (failures < 4) return seconds{0};
  if (failures >= 8) return std::chrono::minutes{15};
  return seconds{1 << (failures - 3)};
}

int failures_in_run(int failures, std::chrono::seconds since_last) {
  return since_last >= std::chrono::hours{1} ? 0 : failures;
}

}  // namespace frontdesk::domain
