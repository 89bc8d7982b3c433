#pragma once

#include <map>
#include <string>
#include <string_view>

// What a browser sends and what a page is made of: form fields, cookies, escaped text.
namespace frontdesk::console {

/// The fields of an application/x-www-form-urlencoded body or a query string.
std::map<std::string, std::string> form_fields(std::string_view body);

/// The value of cookie `name` in a Cookie header, "" when absent.
std::string cookie(std::string_view header, std::string_view name);

/// Text made safe inside HTML, attributes included.
std::string escaped(std::string_view text);

}  // namespace frontdesk::console
