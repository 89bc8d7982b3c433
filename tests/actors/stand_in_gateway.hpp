#pragma once

#include <caf/event_based_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "messages/cliniko_gateway.hpp"
#include "messages/error.hpp"

// A Cliniko gateway that answers as a test says and records what it was asked. Questions a test
// gave no answer for fail as Cliniko being down, so a test sees at once what it did not expect.
namespace frontdesk::actor_testing {

struct gateway_script {
  std::function<caf::expected<std::vector<unix_seconds>>(const slot_query&)> available_times;
  std::function<caf::expected<std::vector<appointment>>(const appointment_query&)> appointments;
  std::function<caf::expected<appointment>(const std::string&)> appointment_by_id;
  std::function<caf::expected<patient>(const new_patient&)> create_patient;
  std::function<caf::expected<appointment>(const new_appointment&)> book;
  std::function<caf::expected<appointment>(const std::string&, const appointment_change&)> move;
  std::function<caf::expected<std::string>(const std::string&, const cancellation&)> cancel;

  /// Every question, by name ("available_times", "book", ...), in the order asked.
  std::vector<std::string> asked;
  std::vector<slot_query> slot_queries;

  std::size_t count(const std::string& what) const {
    std::size_t n = 0;
    for (const auto& a : asked) n += a == what;
    return n;
  }
};

template <class T, class F, class... Ts>
caf::result<T> answer_from(const F& f, const Ts&... xs) {
  if (!f) return make_error(error_code::cliniko_unavailable, "not scripted");
  auto got = f(xs...);
  if (!got) return std::move(got.error());
  return std::move(*got);
}

inline caf::error not_scripted() {
  return make_error(error_code::cliniko_unavailable, "not scripted");
}

inline cliniko_gateway_actor::behavior_type stand_in_gateway(cliniko_gateway_actor::pointer,
                                                             std::shared_ptr<gateway_script> s) {
  return {
      [](businesses_atom, call_options) -> caf::result<std::vector<business>> {
        return not_scripted();
      },
      [](practitioners_atom, call_options) -> caf::result<std::vector<practitioner>> {
        return not_scripted();
      },
      [](appointment_types_atom, call_options) -> caf::result<std::vector<appointment_type>> {
        return not_scripted();
      },
      [](roster_atom, const std::string&, call_options) -> caf::result<business_roster> {
        return not_scripted();
      },
      [](services_atom, const std::string&, call_options) -> caf::result<practitioner_services> {
        return not_scripted();
      },
      [s](appointments_atom, const appointment_query& q, call_options) {
        s->asked.push_back("appointments");
        return answer_from<std::vector<appointment>>(s->appointments, q);
      },
      [](patients_atom, unix_seconds, call_options) -> caf::result<std::vector<patient>> {
        return not_scripted();
      },
      [s](available_times_atom, const slot_query& q, call_options) {
        s->asked.push_back("available_times");
        s->slot_queries.push_back(q);
        return answer_from<std::vector<unix_seconds>>(s->available_times, q);
      },
      [s](appointment_atom, const std::string& id, call_options) {
        s->asked.push_back("appointment");
        return answer_from<appointment>(s->appointment_by_id, id);
      },
      [s](create_patient_atom, const new_patient& p, call_options) {
        s->asked.push_back("create_patient");
        return answer_from<patient>(s->create_patient, p);
      },
      [s](book_atom, const new_appointment& a, call_options) {
        s->asked.push_back("book");
        return answer_from<appointment>(s->book, a);
      },
      [s](move_atom, const std::string& id, const appointment_change& c, call_options) {
        s->asked.push_back("move");
        return answer_from<appointment>(s->move, id, c);
      },
      [s](cancel_atom, const std::string& id, const cancellation& c, call_options) {
        s->asked.push_back("cancel");
        return answer_from<std::string>(s->cancel, id, c);
      },
      [](settings_atom, call_options) -> caf::result<account_settings> { return not_scripted(); },
      [](verify_atom, call_options) -> caf::result<std::int64_t> { return std::int64_t{1}; },
      [s](stats_atom) {
        return actor_stats{
            "gateway", {{"requests", static_cast<std::int64_t>(s->asked.size())}}, {}};
      },
  };
}

}  // namespace frontdesk::actor_testing
