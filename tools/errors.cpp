#include "tools/errors.hpp"

#include <caf/error.hpp>
#include <string_view>

#include "messages/error.hpp"
#include "tools/answers.hpp"

namespace frontdesk::tools {
namespace {

struct spoken_error {
  unsigned status;
  std::string_view code;
  std::string_view message;
};

spoken_error spoken(error_code code) {
  switch (code) {
    case error_code::unknown_clinic:
      return {200, "clinic_not_found",
              "I'm sorry, I can't reach this clinic's bookings right now. Please call back "
              "shortly."};
    case error_code::cliniko_rate_limited:
      // The calendar is busy, not down: the agent can wait a moment and ask again.
      return {200, "busy",
              "The clinic's calendar is busy. Please hold on a moment while I check again."};
    case error_code::cliniko_validation:
      // Cliniko refused the data itself: trying again will not help, asking differently may.
      return {200, "booking_rejected",
              "The clinic's system didn't accept that. Could we try a different time, or shall I "
              "ask the clinic to call you back?"};
    case error_code::database_unavailable:
      return {503, "database_unavailable",
              "The booking system is briefly unavailable. Please hold on a moment and try again."};
    case error_code::deadline_exceeded:
      return {503, "timeout", "That took too long. Please try again in a moment."};
    case error_code::invalid_request:
      // Asked for something that cannot be (a malformed id, dates out of range): the call's
      // fault, not an outage.
      return {200, "invalid_field", "I couldn't use that. Could you say it another way?"};
    case error_code::conversation_moved:
      // Rare: two calls of one conversation at once on two nodes. Asked again, it is answered
      // from the conversation as the other left it.
      return {503, "retry", "Sorry, I lost my place for a moment. Could you say that again?"};
    case error_code::database_error:
      // A bug or a broken constraint: say nothing of the internals.
      return {500, "internal_error", "Something went wrong on our side."};
    default:
      return {503, "cliniko_unavailable",
              "I can't reach the clinic's calendar right now. Please hold on a moment and try "
              "again."};
  }
}

}  // namespace

tool_answer error_answer(const caf::error& e) {
  // CAF's own errors (a collaborator that did not answer in time, or is gone) come from asking
  // for the clinic's calendar, so they read as Cliniko being unreachable.
  const auto said = spoken(code_of(e).value_or(error_code::cliniko_unavailable));
  auto body = failure(said.code, said.message);
  if (said.code == "busy") body.set("retryAfterSeconds", json_value{std::int64_t{5}});
  return {said.status, std::move(body)};
}

}  // namespace frontdesk::tools
