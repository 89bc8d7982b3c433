#include "http/router.hpp"

namespace frontdesk::http {

router::match router::find(std::string_view method, std::string_view path) const {
  match result;
  for (const auto& r : routes_) {
    if (r.path != path) continue;
    result.path_known = true;
    if (r.method == method) {
      result.found = &r;
      break;
    }
  }
  return result;
}

}  // namespace frontdesk::http
