#pragma once

#include <string_view>

#include "messages/front.hpp"

namespace frontdesk::http {

/// The error shape every endpoint shares: {"success":false,"error":code,"message":message}.
/// `message` is a sentence fit to be read out or shown to an integrator.
http_response error_response(unsigned status, std::string_view code, std::string_view message);

}  // namespace frontdesk::http
