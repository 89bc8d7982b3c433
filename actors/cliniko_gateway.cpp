#include "actors/cliniko_gateway.hpp"

#include <algorithm>
#include <caf/actor_cast.hpp>
#include <caf/actor_system.hpp>
#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/sec.hpp>
#include <caf/send.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <charconv>
#include <functional>
#include <map>
#include <random>
#include <stdexcept>

#include "cliniko/codec.hpp"
#include "cliniko/requests.hpp"
#include "cliniko/verdict.hpp"
#include "domain/encoding.hpp"
#include "domain/numbers.hpp"
#include "domain/time_zone.hpp"
#include "http/url.hpp"
#include "messages/error.hpp"

// Produced and consumed inside the gateway only.
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(frontdesk::http::client_result)

namespace frontdesk {
namespace {

using namespace std::chrono_literals;
using reply = caf::expected<http::client_response>;
using reply_handler = std::function<void(reply)>;
using records_handler = std::function<void(caf::expected<std::vector<json_value>>)>;

struct gateway_state {
  gateway_state() = default;
  gateway_config config;
  std::unique_ptr<http::client> client;
  std::string base_path;
  header_fields headers;
  rate_limiter_actor limiter;
  std::uint64_t next_id = 0;
  /// What to do when the exchange (or retry wait) with that id is over.
  std::map<std::uint64_t, std::function<void(http::client_result)>> pending;
  std::mt19937 random{std::random_device{}()};
  struct {
    std::int64_t requests = 0;
    std::int64_t retries = 0;
    std::int64_t failures = 0;
    /// Exchanges by route and outcome, and how long each route's took.
    std::map<std::pair<std::string, std::string>, std::int64_t> outcomes;
    std::map<std::string, domain::histogram> latency;
  } stats;
  static inline const char* name = "cliniko_gateway";
};

/// The gateway as it runs: its interface, and the message by which a finished HTTP exchange (or
/// the wait before a retry) reaches it from the client's thread.
using gateway_actor = cliniko_gateway_actor::extend<
    caf::reacts_to<exchange_done_atom, std::uint64_t, http::client_result>>;
using gateway_pointer = gateway_actor::stateful_pointer<gateway_state>;

/// One logical request to Cliniko, through its attempts.
struct exchange {
  std::string method;
  std::string target;  // path and query, base path included
  std::string body;
  call_options call;
  bool repeatable = true;
  int attempt = 0;
};

bool is_id(const std::string& s) {
  return domain::is_cliniko_id(s);
}

void count_exchange(gateway_pointer self, const exchange& x, const http::client_result& r,
                    std::chrono::steady_clock::time_point sent) {
  auto& stats = self->state.stats;
  auto route = cliniko::route_of(x.method, x.target, self->state.base_path);
  ++stats.outcomes[{route, std::string(cliniko::outcome_of(r))}];
  const std::chrono::duration<double> took = self->state.config.clock.steady() - sent;
  stats.latency[std::move(route)].observe(took.count());
}

void send(gateway_pointer self, const exchange& x, const reply_handler& done);

// Runs `then` when the exchange with that id is over (the gateway is told by a message).
std::uint64_t expect(gateway_pointer self, std::function<void(http::client_result)> then) {
  const auto id = ++self->state.next_id;
  self->state.pending.emplace(id, std::move(then));
  return id;
}

void retry_later(gateway_pointer self, exchange x, const reply_handler& done,
                 std::chrono::milliseconds wait) {
  ++x.attempt;
  ++self->state.stats.retries;
  const auto id =
      expect(self, [self, x, done](const http::client_result&) { send(self, x, done); });
  self->delayed_send(self, wait, exchange_done_atom::value, id, http::client_result{});
}

void on_answer(gateway_pointer self, const exchange& x, http::client_result r,
               const reply_handler& done) {
  auto v = cliniko::judge(r);
  if (!v.error) return done(std::move(*r.response));
  auto& s = self->state;
  if (r.response && r.response->status == 429)
    self->send(s.limiter, pause_atom::value,
               cliniko::window_opens_at(r, domain::seconds_of(s.config.clock.now())));
  const auto wait =
      cliniko::retry_wait(x.attempt, std::uniform_real_distribution{0.5, 1.5}(s.random));
  if (cliniko::try_again(x.repeatable, v, x.attempt, s.config.read_attempts, wait,
                         x.call.time_left()))
    return retry_later(self, x, done, wait);
  ++s.stats.failures;
  if (!x.repeatable && !r.response) return done(cliniko::unanswered_write());
  done(std::move(v.error));
}

void transmit(gateway_pointer self, const exchange& x, const reply_handler& done) {
  const auto sent = self->state.config.clock.steady();
  const auto id = expect(self, [self, x, done, sent](http::client_result r) {
    count_exchange(self, x, r, sent);
    on_answer(self, x, std::move(r), done);
  });
  auto headers = self->state.headers;
  if (!x.body.empty()) headers.emplace_back("Content-Type", "application/json");
  auto handle = caf::actor_cast<gateway_actor>(self);
  ++self->state.stats.requests;
  self->state.client->send(x.method, x.target, std::move(headers), x.body, x.call.deadline(),
                           [handle, id](http::client_result r) {
                             caf::anon_send(handle, exchange_done_atom::value, id, std::move(r));
                           });
}

// Every request first waits for a grant from the key's rate limiter.
void send(gateway_pointer self, const exchange& x, const reply_handler& done) {
  const auto left = x.call.time_left();
  if (left.count() == 0)
    return done(make_error(error_code::cliniko_timeout, "the deadline passed"));
  self->request(self->state.limiter, left + 100ms, acquire_atom::value, x.call)
      .then([self, x, done](std::int64_t) { transmit(self, x, done); },
            [done](caf::error& e) {
              done(e == caf::sec::request_timeout
                       ? make_error(error_code::cliniko_rate_limited, "no grant in time")
                       : std::move(e));
            });
}

// Follows `next` links to the end, collecting the records under `key`.
void fetch_all(gateway_pointer self, std::string target, const std::string& key, call_options call,
               const std::shared_ptr<std::vector<json_value>>& found, const records_handler& done) {
  send(self, {"GET", std::move(target), "", call, true, 0},
       [self, key, call, found, done](reply r) {
         if (!r) return done(r.error());
         auto page = cliniko::parse_page(r->body, key);
         if (!page)
           return done(make_error(error_code::cliniko_unavailable,
                                  "Cliniko sent a page that could not be read"));
         std::move(page->items.begin(), page->items.end(), std::back_inserter(*found));
         if (!page->next) return done(std::move(*found));
         fetch_all(self, cliniko::target_of(*page->next, self->state.base_path), key, call, found,
                   done);
       });
}

template <class T, class Convert>
void list_records(gateway_pointer self, const std::string& path, const std::string& key,
                  call_options call, Convert convert,
                  std::function<void(caf::expected<std::vector<T>>)> done) {
  fetch_all(self, self->state.base_path + cliniko::listed(path), key, call,
            std::make_shared<std::vector<json_value>>(),
            [convert, done](caf::expected<std::vector<json_value>> r) {
              if (!r) return done(r.error());
              std::vector<T> out;
              for (const auto& record : *r)
                if (auto item = convert(record)) out.push_back(std::move(*item));
              done(std::move(out));
            });
}

template <class T, class Convert>
caf::result<std::vector<T>> answer_list(gateway_pointer self, const std::string& path,
                                        const std::string& key, call_options call,
                                        Convert convert) {
  auto rp = self->make_response_promise<std::vector<T>>();
  list_records<T>(self, path, key, call, convert, [rp](caf::expected<std::vector<T>> r) mutable {
    if (r)
      rp.deliver(std::move(*r));
    else
      rp.deliver(std::move(r.error()));
  });
  return rp;
}

std::optional<std::string> id_in(const json_value& record) {
  return text_field(record, "id");
}

caf::result<std::vector<practitioner>> all_practitioners(gateway_pointer self, call_options call) {
  auto rp = self->make_response_promise<std::vector<practitioner>>();
  list_records<practitioner>(
      self, "/practitioners", "practitioners", call, cliniko::to_practitioner,
      [self, call, rp](caf::expected<std::vector<practitioner>> active) mutable {
        if (!active) {
          rp.deliver(std::move(active.error()));
          return;
        }
        list_records<practitioner>(
            self, "/practitioners/inactive", "practitioners", call, cliniko::to_practitioner,
            [rp, active](caf::expected<std::vector<practitioner>> inactive) mutable {
              if (!inactive) {
                rp.deliver(std::move(inactive.error()));
                return;
              }
              for (auto& p : *inactive) p.active = false;
              active->insert(active->end(), inactive->begin(), inactive->end());
              rp.deliver(std::move(*active));
            });
      });
  return rp;
}

caf::result<business_roster> roster_of(gateway_pointer self, const std::string& business_id,
                                       call_options call) {
  if (!is_id(business_id)) return make_error(error_code::invalid_request, "not a Cliniko id");
  auto rp = self->make_response_promise<business_roster>();
  list_records<std::string>(self, "/businesses/" + business_id + "/practitioners", "practitioners",
                            call, id_in,
                            [rp, business_id](caf::expected<std::vector<std::string>> ids) mutable {
                              if (!ids) {
                                rp.deliver(std::move(ids.error()));
                                return;
                              }
                              rp.deliver(business_roster{business_id, std::move(*ids)});
                            });
  return rp;
}

caf::result<practitioner_services> services_of(gateway_pointer self,
                                               const std::string& practitioner_id,
                                               call_options call) {
  if (!is_id(practitioner_id)) return make_error(error_code::invalid_request, "not a Cliniko id");
  auto rp = self->make_response_promise<practitioner_services>();
  list_records<std::string>(
      self, "/practitioners/" + practitioner_id + "/appointment_types", "appointment_types", call,
      id_in, [rp, practitioner_id](caf::expected<std::vector<std::string>> ids) mutable {
        if (!ids) {
          rp.deliver(std::move(ids.error()));
          return;
        }
        rp.deliver(practitioner_services{practitioner_id, std::move(*ids)});
      });
  return rp;
}

std::optional<unix_seconds> start_of(const json_value& record) {
  const auto text = text_field(record, "appointment_start");
  const auto t = text ? domain::parse_instant(*text) : std::nullopt;
  if (!t) return std::nullopt;
  return domain::seconds_of(*t);
}

caf::result<std::vector<unix_seconds>> free_times(gateway_pointer self, const slot_query& q,
                                                  call_options call) {
  const auto path = cliniko::slots_path(q);
  if (!path)
    return make_error(error_code::invalid_request,
                      "free times need ids and from/to dates at most 6 days apart");
  return answer_list<unix_seconds>(self, *path, "available_times", call, start_of);
}

// One record by GET, POST or PATCH; writes go once (repeatable = false).
template <class T, class Convert>
caf::result<T> answer_record(gateway_pointer self, std::string method, const std::string& path,
                             std::string body, call_options call, Convert convert) {
  auto rp = self->make_response_promise<T>();
  const bool repeatable = method == "GET";
  send(self,
       {std::move(method), self->state.base_path + path, std::move(body), call, repeatable, 0},
       [rp, convert](reply r) mutable {
         if (!r) {
           rp.deliver(std::move(r.error()));
           return;
         }
         const auto doc = http::parse_json(r->body);
         auto record = doc ? convert(*doc) : std::nullopt;
         if (!record) {
           rp.deliver(
               make_error(error_code::cliniko_unavailable, "Cliniko's answer could not be read"));
           return;
         }
         rp.deliver(std::move(*record));
       });
  return rp;
}

caf::result<std::string> cancel(gateway_pointer self, const std::string& id,
                                const cancellation& why, call_options call) {
  if (!is_id(id)) return make_error(error_code::invalid_request, "not a Cliniko id");
  auto rp = self->make_response_promise<std::string>();
  send(self,
       {"PATCH", self->state.base_path + "/individual_appointments/" + id + "/cancel",
        cliniko::to_json(why), call, false, 0},
       [rp, id](reply r) mutable {
         if (!r) {
           rp.deliver(std::move(r.error()));
           return;
         }
         rp.deliver(id);  // 204, no body
       });
  return rp;
}

using settings_handler = std::function<void(caf::expected<account_settings>)>;

void read_settings(gateway_pointer self, const std::string& path, bool full, call_options call,
                   const settings_handler& then) {
  send(self, {"GET", self->state.base_path + path, "", call, true, 0}, [full, then](reply r) {
    if (!r) return then(std::move(r.error()));
    const auto doc = http::parse_json(r->body);
    auto s = doc ? cliniko::to_account_settings(*doc, full) : std::nullopt;
    if (!s)
      return then(
          make_error(error_code::cliniko_unavailable, "Cliniko's settings could not be read"));
    then(std::move(*s));
  });
}

// GET /settings, falling back to /settings/public when the key's role may not view settings.
caf::result<account_settings> settings_of(gateway_pointer self, call_options call) {
  auto rp = self->make_response_promise<account_settings>();
  const settings_handler deliver = [rp](caf::expected<account_settings> r) mutable {
    if (r)
      rp.deliver(std::move(*r));
    else
      rp.deliver(std::move(r.error()));
  };
  read_settings(self, "/settings", true, call,
                [self, call, deliver](caf::expected<account_settings> full) {
                  if (full || code_of(full.error()) != error_code::cliniko_unauthorized)
                    return deliver(std::move(full));
                  read_settings(self, "/settings/public", false, call, deliver);
                });
  return rp;
}

caf::result<std::int64_t> verify(gateway_pointer self, call_options call) {
  auto rp = self->make_response_promise<std::int64_t>();
  send(self, {"GET", self->state.base_path + "/businesses?per_page=1", "", call, true, 0},
       [rp](reply r) mutable {
         if (!r) {
           rp.deliver(std::move(r.error()));
           return;
         }
         const auto page = cliniko::parse_page(r->body, "businesses");
         if (!page) {
           rp.deliver(
               make_error(error_code::cliniko_unavailable, "this does not look like Cliniko"));
           return;
         }
         rp.deliver(page->total_entries);
       });
  return rp;
}

void exchange_over(gateway_pointer self, std::uint64_t id, http::client_result& r) {
  auto it = self->state.pending.find(id);
  if (it == self->state.pending.end()) return;
  auto then = std::move(it->second);
  self->state.pending.erase(it);
  then(std::move(r));
}

void set_up(gateway_pointer self, http::client_runtime* runtime, gateway_config config,
            rate_limiter_actor limiter) {
  auto where = http::parse_base_url(config.base_url);
  auto& s = self->state;
  s.base_path = where->second;
  s.client =
      std::make_unique<http::client>(*runtime, where->first, http::client_options{config.ca_file});
  s.headers = cliniko::headers_for(config.api_key, config.user_agent);
  s.limiter = std::move(limiter);
  s.config = std::move(config);
}

caf::result<std::vector<business>> businesses(gateway_pointer self, call_options call) {
  return answer_list<business>(self, cliniko::businesses_path(), "businesses", call,
                               cliniko::to_business);
}

caf::result<std::vector<appointment_type>> appointment_types(gateway_pointer self,
                                                             call_options call) {
  return answer_list<appointment_type>(self, cliniko::appointment_types_path(), "appointment_types",
                                       call, cliniko::to_appointment_type);
}

caf::result<appointment> appointment_by_id(gateway_pointer self, const std::string& id,
                                           call_options call) {
  if (!is_id(id)) return make_error(error_code::invalid_request, "not a Cliniko id");
  return answer_record<appointment>(self, "GET", "/individual_appointments/" + id, "", call,
                                    cliniko::to_appointment);
}

caf::result<appointment> move_appointment(gateway_pointer self, const std::string& id,
                                          const appointment_change& c, call_options call) {
  if (!is_id(id)) return make_error(error_code::invalid_request, "not a Cliniko id");
  return answer_record<appointment>(self, "PATCH", "/individual_appointments/" + id,
                                    cliniko::to_json(c), call, cliniko::to_appointment);
}

caf::result<std::vector<appointment>> appointments(gateway_pointer self, const appointment_query& q,
                                                   call_options call) {
  return answer_list<appointment>(self, cliniko::appointments_path(q), "individual_appointments",
                                  call, cliniko::to_appointment);
}

caf::result<std::vector<patient>> patients(gateway_pointer self, unix_seconds since,
                                           call_options call) {
  return answer_list<patient>(self, cliniko::patients_path(since), "patients", call,
                              cliniko::to_patient);
}

caf::result<patient> create_patient(gateway_pointer self, const new_patient& p, call_options call) {
  return answer_record<patient>(self, "POST", "/patients", cliniko::to_json(p), call,
                                cliniko::to_patient);
}

caf::result<appointment> book(gateway_pointer self, const new_appointment& a, call_options call) {
  return answer_record<appointment>(self, "POST", "/individual_appointments", cliniko::to_json(a),
                                    call, cliniko::to_appointment);
}

actor_stats stats_of(gateway_pointer self) {
  const auto& stats = self->state.stats;
  actor_stats out{
      "cliniko_gateway",
      {{"requests", stats.requests}, {"retries", stats.retries}, {"failures", stats.failures}},
      {}};
  for (const auto& [key, count] : stats.outcomes)
    out.metrics.push_back({"cliniko_requests_total",
                           "Requests sent to Cliniko (each retry one), by route and outcome.",
                           metric_kind::counter,
                           {{"route", key.first}, {"outcome", key.second}},
                           static_cast<double>(count)});
  for (const auto& [route, took] : stats.latency)
    out.metrics.push_back({"cliniko_request_duration_seconds",
                           "Time from sending a request to Cliniko to its answer, by route.",
                           {{"route", route}},
                           took});
  return out;
}

gateway_actor::behavior_type gateway(gateway_pointer self, http::client_runtime* runtime,
                                     gateway_config config, rate_limiter_actor limiter) {
  set_up(self, runtime, std::move(config), std::move(limiter));
  using std::string;
  return {
      [self](businesses_atom, call_options c) { return businesses(self, c); },
      [self](practitioners_atom, call_options c) { return all_practitioners(self, c); },
      [self](appointment_types_atom, call_options c) { return appointment_types(self, c); },
      [self](roster_atom, const string& id, call_options c) { return roster_of(self, id, c); },
      [self](services_atom, const string& id, call_options c) { return services_of(self, id, c); },
      [self](appointments_atom, const appointment_query& q, call_options c) {
        return appointments(self, q, c);
      },
      [self](patients_atom, unix_seconds since, call_options c) {
        return patients(self, since, c);
      },
      [self](available_times_atom, const slot_query& q, call_options c) {
        return free_times(self, q, c);
      },
      [self](appointment_atom, const string& id, call_options c) {
        return appointment_by_id(self, id, c);
      },
      [self](create_patient_atom, const new_patient& p, call_options c) {
        return create_patient(self, p, c);
      },
      [self](book_atom, const new_appointment& a, call_options c) { return book(self, a, c); },
      [self](move_atom, const string& id, const appointment_change& change, call_options c) {
        return move_appointment(self, id, change, c);
      },
      [self](cancel_atom, const string& id, const cancellation& why, call_options c) {
        return cancel(self, id, why, c);
      },
      [self](settings_atom, call_options c) { return settings_of(self, c); },
      [self](verify_atom, call_options c) { return verify(self, c); },
      [self](stats_atom) { return stats_of(self); },
      [self](exchange_done_atom, std::uint64_t id, http::client_result& r) {
        exchange_over(self, id, r);
      },
  };
}

}  // namespace

cliniko_gateway_actor spawn_cliniko_gateway(caf::actor_system& system,
                                            http::client_runtime& runtime, gateway_config config,
                                            rate_limiter_actor limiter) {
  if (!http::parse_base_url(config.base_url))
    throw std::invalid_argument("not a Cliniko base URL: " + config.base_url);
  return system.spawn(gateway, &runtime, std::move(config), std::move(limiter));
}

}  // namespace frontdesk
