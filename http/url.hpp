#pragma once

#include <string>
#include <string_view>

namespace frontdesk::http {

/// Percent-decodes a query component ('+' is a space).
std::string url_decode(std::string_view text);
/// Percent-encodes everything but unreserved characters (RFC 3986).
std::string url_encode(std::string_view text);

}  // namespace frontdesk::http
