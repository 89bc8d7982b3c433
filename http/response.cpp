#include "http/response.hpp"

#include "http/json.hpp"
#include "http/tool_json.hpp"

namespace frontdesk::http {

http_response error_response(unsigned status, std::string_view code, std::string_view message) {
  return {status, to_json(failure(code, message))};
}

}  // namespace frontdesk::http
