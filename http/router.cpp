#include "http/router.hpp"

namespace frontdesk::http {

router::match router::find(std::string_view method, std::string_view path) const {
  match result;
  for (const auto& r : routes_) {
    const bool prefix = r.path.size() >= 2 && r.path.ends_with("/*");
    if (prefix ? !path.starts_with(std::string_view(r.path).substr(0, r.path.size() - 1))
               : r.path != path)
      continue;
    result.path_known = true;
    if (r.method == method) {
      result.found = &r;
      break;
    }
  }
  return result;
}

}  // namespace frontdesk::http
