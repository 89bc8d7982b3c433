#include "actors/front.hpp"

#include <spdlog/spdlog.h>

#include <caf/actor_system.hpp>
#include <caf/sec.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "domain/phone.hpp"
#include "http/initiation.hpp"
#include "http/json.hpp"
#include "http/response.hpp"
#include "messages/error.hpp"

namespace frontdesk {
namespace {

using namespace std::chrono_literals;

// Every state struct declares a constructor: CAF constructs a state from the actor pointer when
// it can, and a C++20 aggregate would try exactly that.
struct front_state {
  front_state() = default;
  front_peers peers;
  front_config config;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  static inline const char* name = "front";
};

using front_pointer = front_actor::stateful_pointer<front_state>;
using handler = void (*)(front_pointer, const http_request&, const reply_sink_ptr&);

struct endpoint {
  http::route route;
  handler handle;
};

constexpr auto health_timeout = 2s;

const std::vector<endpoint>& endpoints();

/// An error from a collaborator as the caller should see it: outages are 503 and say that we
/// will be back, anything else is a 500 that does not leak internals.
http_response error_reply(const caf::error& e) {
  if (e == caf::sec::request_timeout)
    return http::error_response(503, "timeout",
                                "That took too long. Please try again in a moment.");
  switch (code_of(e).value_or(error_code::database_error)) {
    case error_code::database_unavailable:
      return http::error_response(503, "database_unavailable",
                                  "The booking system is briefly unavailable. Please try again in "
                                  "a moment.");
    case error_code::deadline_exceeded:
      return http::error_response(503, "timeout",
                                  "That took too long. Please try again in a moment.");
    case error_code::cliniko_unavailable:
    case error_code::cliniko_timeout:
    case error_code::cliniko_rate_limited:
      return http::error_response(503, "cliniko_unavailable",
                                  "The clinic's calendar is not answering right now. Please try "
                                  "again in a moment.");
    default:
      break;
  }
  return http::error_response(500, "internal_error", "Something went wrong on our side.");
}

void serve_root(front_pointer, const http_request&, const reply_sink_ptr& sink) {
  http::json_writer out;
  out.begin_object().key("name").value("frontdesk").key("version").value(FRONTDESK_VERSION);
  out.key("endpoints").begin_array();
  for (const auto& e : endpoints())
    out.begin_object()
        .key("method")
        .value(e.route.method)
        .key("path")
        .value(e.route.path)
        .end_object();
  out.end_array().end_object();
  sink->deliver({200, std::move(out).str()});
}

void serve_health(front_pointer self, const http_request&, const reply_sink_ptr& sink) {
  const auto uptime = std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::steady_clock::now() - self->state.started)
                          .count();
  self->request(self->state.peers.database, health_timeout, ping_atom::value)
      .then(
          [sink, uptime](const database_status& db) {
            http::json_writer out;
            out.begin_object()
                .key("status")
                .value("ok")
                .key("version")
                .value(FRONTDESK_VERSION)
                .key("uptimeSeconds")
                .value(static_cast<std::int64_t>(uptime))
                .key("database")
                .begin_object()
                .key("status")
                .value("ok")
                .key("schemaVersion")
                .value(db.schema_version)
                .key("roundTripMs")
                .value(static_cast<double>(db.round_trip_us) / 1000.0)
                .end_object()
                .end_object();
            sink->deliver({200, std::move(out).str()});
          },
          [sink](caf::error& e) {
            auto reply = error_reply(e);
            reply.status = 503;  // whatever went wrong, the service is not healthy
            sink->deliver(std::move(reply));
          });
}

// The tools give up on Cliniko this long before the deadline, to have time to say so.
constexpr auto answer_margin = 300ms;

// A tool call goes to the conversation's session; its answer, or a 503 when none comes in time.
void serve_tool(front_pointer self, const http_request& req, const reply_sink_ptr& sink) {
  const auto deadline = self->state.config.tool_deadline;
  const auto budget = deadline > 2 * answer_margin ? deadline - answer_margin : deadline / 2;
  tool_call call{req.path.substr(1),
                 {req.session_id, http::text_field(req.body, "dialedNumber").value_or(""),
                  http::text_field(req.body, "callerPhone").value_or(""),
                  call_options::within(budget, priority::interactive).deadline_ns},
                 req.body};
  self->request(self->state.peers.sessions, deadline, std::move(call))
      .then(
          [sink](tool_answer& a) {
            sink->deliver({a.status, http::to_json(a.body)});
          },
          [sink](caf::error& e) { sink->deliver(error_reply(e)); });
}

void write_caches(http::json_writer& out, const std::vector<cache_stats>& caches) {
  for (const auto& c : caches) {
    const auto asked = c.counters.hits + c.counters.misses;
    out.key(c.name)
        .begin_object()
        .key("size")
        .value(c.counters.size)
        .key("hits")
        .value(c.counters.hits)
        .key("misses")
        .value(c.counters.misses)
        .key("hitRate")
        .value(asked > 0 ? static_cast<double>(c.counters.hits) / static_cast<double>(asked) : 0.0)
        .end_object();
  }
}

// Counters of every cache: the directory's, then the availability actor's.
void serve_cache_stats(front_pointer self, const http_request&, const reply_sink_ptr& sink) {
  self->request(self->state.peers.directory, health_timeout, stats_atom::value)
      .then(
          [self, sink](cache_stats& directory) {
            self->request(self->state.peers.availability, health_timeout, stats_atom::value)
                .then(
                    [sink, directory](std::vector<cache_stats>& availability) {
                      availability.insert(availability.begin(), directory);
                      http::json_writer out;
                      out.begin_object().key("success").value(true).key("caches").begin_object();
                      write_caches(out, availability);
                      out.end_object().end_object();
                      sink->deliver({200, std::move(out).str()});
                    },
                    [sink](caf::error& e) { sink->deliver(error_reply(e)); });
          },
          [sink](caf::error& e) { sink->deliver(error_reply(e)); });
}

void answer_initiation(const reply_sink_ptr& sink, const clinic_view* clinic,
                       const std::vector<patient>& callers) {
  const auto now =
      std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  sink->deliver({200, http::to_json(http::initiation_answer(clinic, callers, now))});
}

// ElevenLabs asks as the phone rings: the clinic by the number called (else by its agent), the
// caller by theirs. An unknown clinic or caller still gets every variable (empty), so the call
// goes ahead.
void serve_initiation(front_pointer self, const http_request& req, const reply_sink_ptr& sink) {
  const auto called = http::text_field(req.body, "called_number").value_or("");
  const auto agent = http::text_field(req.body, "agent_id").value_or("");
  const auto caller = domain::to_e164(http::text_field(req.body, "caller_id").value_or(""),
                                      self->state.config.region);
  const auto greet = [self, sink, caller](clinic_view& clinic) {
    if (!caller) return answer_initiation(sink, &clinic, {});
    self->request(self->state.peers.database, health_timeout, phone_lookup_atom::value, clinic.id,
                  *caller)
        .then([sink, clinic](
                  std::vector<patient>& callers) { answer_initiation(sink, &clinic, callers); },
              [sink, clinic](caf::error&) { answer_initiation(sink, &clinic, {}); });
  };
  const auto unknown = [sink](caf::error& e) {
    if (code_of(e) != error_code::unknown_clinic) return sink->deliver(error_reply(e));
    spdlog::warn("conversation initiation for a number and agent no clinic answers");
    answer_initiation(sink, nullptr, {});
  };
  self->request(self->state.peers.directory, health_timeout, clinic_atom::value, called)
      .then(greet, [self, agent, greet, unknown](caf::error& e) {
        if (code_of(e) != error_code::unknown_clinic || agent.empty()) return unknown(e);
        self->request(self->state.peers.directory, health_timeout, agent_atom::value, agent)
            .then(greet, unknown);
      });
}

http::route tool(const char* path) {
  return {"POST", path, http::access::api_key, true};
}

const std::vector<endpoint>& endpoints() {
  static const std::vector<endpoint> table{
      {{"GET", "/", http::access::open, false}, serve_root},
      {{"GET", "/health", http::access::open, false}, serve_health},
      {tool("/location-resolver"), serve_tool},
      {tool("/confirm-location"), serve_tool},
      {tool("/get-location-practitioners"), serve_tool},
      {tool("/get-practitioner-services"), serve_tool},
      {tool("/get-practitioner-info"), serve_tool},
      {tool("/availability-checker"), serve_tool},
      {tool("/get-available-practitioners"), serve_tool},
      {tool("/find-next-available"), serve_tool},
      {tool("/appointment-handler"), serve_tool},
      {tool("/cancel-appointment"), serve_tool},
      {{"POST", "/conversation-initiation", http::access::api_key, true}, serve_initiation},
      {{"GET", "/cache-stats", http::access::api_key, false}, serve_cache_stats},
  };
  return table;
}

front_actor::behavior_type front(front_pointer self, front_peers peers, front_config config) {
  self->state.peers = std::move(peers);
  self->state.config = std::move(config);
  return {
      [self](http_request& request, reply_sink_ptr& sink) {
        for (const auto& e : endpoints())
          if (e.route.method == request.method && e.route.path == request.path)
            return e.handle(self, request, sink);
        sink->deliver(http::error_response(404, "not_found",
                                           "There is no endpoint at " + request.path + "."));
      },
  };
}

}  // namespace

http::router front_routes() {
  std::vector<http::route> routes;
  for (const auto& e : endpoints()) routes.push_back(e.route);
  return http::router{std::move(routes)};
}

front_actor spawn_front(caf::actor_system& system, front_peers peers, front_config config) {
  return system.spawn(front, std::move(peers), config);
}

}  // namespace frontdesk
