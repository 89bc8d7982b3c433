#include "http/response.hpp"

#include "http/json.hpp"

namespace frontdesk::http {

http_response error_response(unsigned status, std::string_view code, std::string_view message) {
  json_writer out;
  out.begin_object().key("success").value(false).key("error").value(code);
  out.key("message").value(message).end_object();
  return {status, std::move(out).str()};
}

}  // namespace frontdesk::http
