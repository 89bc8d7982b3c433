#include "actors/front.hpp"

#include <spdlog/spdlog.h>

#include <caf/actor_system.hpp>
#include <caf/sec.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/background.hpp"
#include "actors/fan_in.hpp"
#include "domain/phone.hpp"
#include "http/auth.hpp"
#include "http/json.hpp"
#include "http/prometheus.hpp"
#include "http/request_meter.hpp"
#include "http/response.hpp"
#include "messages/error.hpp"
#include "tools/call.hpp"
#include "tools/catalogue.hpp"
#include "tools/errors.hpp"
#include "tools/initiation.hpp"

namespace frontdesk {
namespace {

using namespace std::chrono_literals;

// Every state struct declares a constructor: CAF constructs a state from the actor pointer when
// it can, and a C++20 aggregate would try exactly that.
struct front_state {
  front_state() = default;
  front_peers peers;
  front_config config;
  std::chrono::steady_clock::time_point started;
  /// Answered tool calls not yet written: they go to PostgreSQL together, a few ms later.
  std::vector<served_call> served;
  /// Answered calls whose writing failed (the call report then misses them), and the like.
  background_failures failures;
  bool draining = false;
  static inline const char* name = "front";
};

using front_pointer = front_actor::stateful_pointer<front_state>;
using handler = void (*)(front_pointer, http_request&, const reply_sink_ptr&);

struct endpoint {
  http::route route;
  handler handle;
};

constexpr auto health_timeout = 2s;

const std::vector<endpoint>& endpoints();

http_response to_response(const tool_answer& answer, std::string session_id = {}) {
  http_response out{answer.status, http::to_json(answer.body)};
  out.session_id = std::move(session_id);
  return out;
}

// A collaborator's error as the caller hears it; a request of the front's own that got no
// answer in time is the deadline passing.
http_response error_reply(const caf::error& e) {
  if (e == caf::sec::request_timeout)
    return to_response(tools::error_answer(make_error(error_code::deadline_exceeded)));
  return to_response(tools::error_answer(e));
}

void serve_root(front_pointer, http_request&, const reply_sink_ptr& sink) {
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

std::string health_json(const database_status& db, std::int64_t uptime) {
  http::json_writer out;
  out.begin_object()
      .key("status")
      .value("ok")
      .key("version")
      .value(FRONTDESK_VERSION)
      .key("uptimeSeconds")
      .value(uptime)
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
  return std::move(out).str();
}

void serve_health(front_pointer self, http_request&, const reply_sink_ptr& sink) {
  if (self->state.draining)
    return sink->deliver({503, R"({"status":"draining","message":"this node is stopping"})"});
  const auto uptime = std::chrono::duration_cast<std::chrono::seconds>(
                          self->state.config.clock.steady() - self->state.started)
                          .count();
  self->request(self->state.peers.database, health_timeout, ping_atom::value)
      .then(
          [sink, uptime](const database_status& db) {
            sink->deliver({200, health_json(db, uptime)});
          },
          [sink](caf::error& e) {
            auto reply = error_reply(e);
            reply.status = 503;  // whatever went wrong, the service is not healthy
            sink->deliver(std::move(reply));
          });
}

// The tools give up on Cliniko this long before the deadline, to have time to say so.
constexpr auto answer_margin = 300ms;

constexpr auto served_batch_wait = 5ms;

// What frontdesk answered in a conversation, for the call report when the call's transcript
// arrives (after the answer was sent: never in the caller's way).
void record_served(front_pointer self, const std::string& session, const std::string& path,
                   std::chrono::steady_clock::time_point started, const tool_answer& a) {
  if (session.empty()) return;
  served_call s;
  s.session_id = session;
  s.path = path;
  s.received_at = domain::seconds_of(self->state.config.clock.now());
  s.latency_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                     self->state.config.clock.steady() - started)
                     .count();
  s.status = static_cast<int>(a.status);
  if (const auto* success = a.body.find("success"); success && success->is<bool>())
    s.success = success->as<bool>();
  s.error = text_field(a.body, "error").value_or("");
  s.waited = a.waited_on_cliniko;
  auto& waiting = self->state.served;
  if (waiting.empty()) self->delayed_send(self, served_batch_wait, flush_atom::value);
  waiting.push_back(std::move(s));
}

// One transaction for all the calls answered since the first of them: a commit per tool call
// would cost more than the call.
void write_served(front_pointer self) {
  if (self->state.served.empty()) return;
  const auto lost = static_cast<std::int64_t>(self->state.served.size());
  self->request(self->state.peers.database, health_timeout, served_atom::value,
                std::exchange(self->state.served, {}))
      .then([](bool) {},
            [self, lost](caf::error& e) {
              self->state.failures.note("writing answered tool calls", e, lost);
            });
}

// A tool call goes to the conversation's session; the server answers for it if that takes too long.
void serve_tool(front_pointer self, http_request& req, const reply_sink_ptr& sink) {
  auto read = tools::read_call(req.body);
  if (auto* refused = std::get_if<tool_answer>(&read)) return sink->deliver(to_response(*refused));
  auto call = std::get<call_context>(std::move(read));
  const auto deadline = self->state.config.tool_deadline;
  const auto budget = deadline > 2 * answer_margin ? deadline - answer_margin : deadline / 2;
  call.deadline_ns = call_options::within(budget, priority::interactive).deadline_ns;
  auto session = call.session_id;
  const auto path = req.path;
  const auto started = req.received_at;
  // No CAF timeout: the server answers for a call that takes longer (front_timeout_reply), and
  // a timeout per call would be a message to the front for every call, seconds later.
  self->request(self->state.peers.sessions, caf::infinite,
                tool_call{req.path, std::move(call), std::move(req.body)})
      .then(
          [self, sink, session, path, started](tool_answer& a) {
            sink->deliver(to_response(a, session));
            record_served(self, session, path, started, a);
          },
          [self, sink, session, path, started](caf::error& e) {
            auto reply = error_reply(e);
            reply.session_id = session;
            sink->deliver(std::move(reply));
            record_served(self, session, path, started,
                          tools::error_answer(make_error(error_code::deadline_exceeded)));
          });
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

// The caches, then each actor's own counters under its name (how the availability answers
// went, what the webhook took).
std::string cache_stats_json(const std::vector<cache_stats>& caches,
                             const std::vector<actor_stats>& reports) {
  http::json_writer out;
  out.begin_object().key("success").value(true).key("caches").begin_object();
  write_caches(out, caches);
  out.end_object();
  for (const auto& report : reports) {
    out.key(report.actor).begin_object();
    for (const auto& c : report.counters) out.key(c.name).value(c.value);
    out.end_object();
  }
  out.end_object();
  return std::move(out).str();
}

// The directory's caches first, then each other actor's caches and counters.
void answer_cache_stats(const reply_sink_ptr& sink, const std::vector<actor_stats>& got) {
  auto caches = got.front().caches;
  const std::vector<actor_stats> reports(got.begin() + 1, got.end());
  for (const auto& r : reports) caches.insert(caches.end(), r.caches.begin(), r.caches.end());
  sink->deliver({200, cache_stats_json(caches, reports)});
}

using stats_done = std::function<void(const std::vector<actor_stats>&)>;

// Asks every actor for its figures at once; `done` has them all, in the order asked, unless one
// failed to answer: then the request gets that error.
void gather_stats(front_pointer self, const std::vector<stats_actor>& actors,
                  const reply_sink_ptr& sink, stats_done done) {
  auto got = std::make_shared<std::vector<actor_stats>>(actors.size());
  auto failure = std::make_shared<caf::error>();
  auto gather = make_fan_in([got, failure, sink, done = std::move(done)] {
    if (*failure) return sink->deliver(error_reply(*failure));
    done(*got);
  });
  gather->add(actors.size());
  for (std::size_t i = 0; i < actors.size(); ++i)
    self->request(actors[i], health_timeout, stats_atom::value)
        .then(
            [got, gather, i](actor_stats& report) {
              (*got)[i] = std::move(report);
              gather->release();
            },
            [failure, gather](caf::error& e) {
              *failure = std::move(e);
              gather->release();
            });
  gather->release();
}

// Counters of every cache: the directory's, then the availability actor's; and what the webhook
// took and the recorder wrote.
void serve_cache_stats(front_pointer self, http_request&, const reply_sink_ptr& sink) {
  const auto& p = self->state.peers;
  std::vector<stats_actor> reporters{caf::actor_cast<stats_actor>(p.directory),
                                     caf::actor_cast<stats_actor>(p.availability)};
  if (p.webhook) reporters.push_back(caf::actor_cast<stats_actor>(p.webhook));
  if (p.recorder) reporters.push_back(caf::actor_cast<stats_actor>(p.recorder));
  gather_stats(self, reporters, sink,
               [sink](const std::vector<actor_stats>& got) { answer_cache_stats(sink, got); });
}

std::vector<metric> own_metrics(front_pointer self) {
  std::vector<metric> out;
  if (const auto& requests = self->state.config.requests) out = requests->metrics();
  auto process = http::process_metrics();
  out.insert(out.end(), process.begin(), process.end());
  auto failures = self->state.failures.metrics("front");
  out.insert(out.end(), failures.begin(), failures.end());
  out.push_back({"build_info",
                 "The version serving (always 1).",
                 metric_kind::gauge,
                 {{"version", FRONTDESK_VERSION}},
                 1.0});
  return out;
}

// Every reporter's figures with its labels, then the server's requests and the process'.
void serve_metrics(front_pointer self, http_request&, const reply_sink_ptr& sink) {
  std::vector<stats_actor> actors;
  for (const auto& r : self->state.peers.reporters) actors.push_back(r.actor);
  gather_stats(self, actors, sink, [self, sink](const std::vector<actor_stats>& got) {
    std::vector<metric> all;
    const auto& reporters = self->state.peers.reporters;
    for (std::size_t i = 0; i < got.size(); ++i) {
      auto some = http::metrics_of(got[i], reporters[i].labels);
      all.insert(all.end(), some.begin(), some.end());
    }
    auto own = own_metrics(self);
    all.insert(all.end(), own.begin(), own.end());
    http_response out{200, http::exposition(all)};
    out.content_type = http::exposition_content_type;
    sink->deliver(std::move(out));
  });
}

void answer_initiation(front_pointer self, const reply_sink_ptr& sink, const clinic_view* clinic,
                       const tools::caller_lookup& caller) {
  const auto answer = tools::initiation_answer(clinic, caller, self->state.config.clock.now());
  sink->deliver({200, http::to_json(answer)});
}

// Greets the call to `clinic`: by name when the caller's number belongs to one of its patients.
void greet(front_pointer self, const reply_sink_ptr& sink, const clinic_view& clinic,
           const std::optional<std::string>& caller) {
  // No number, or none that could be looked up: unknown, which is not the same as new.
  if (!caller) return answer_initiation(self, sink, &clinic, {false, {}});
  self->request(self->state.peers.database, health_timeout, phone_lookup_atom::value, clinic.id,
                *caller)
      .then(
          [self, sink, clinic](std::vector<patient>& callers) {
            answer_initiation(self, sink, &clinic, {true, std::move(callers)});
          },
          [self, sink, clinic](caf::error&) {
            answer_initiation(self, sink, &clinic, {false, {}});
          });
}

// ElevenLabs asks as the phone rings: the clinic by the number called (else by its agent), the
// caller by theirs. An unknown clinic or caller still gets every variable (empty), so the call
// goes ahead.
void serve_initiation(front_pointer self, http_request& req, const reply_sink_ptr& sink) {
  if (auto legacy = tools::legacy_field_answer(req.body))
    return sink->deliver(to_response(*legacy));
  const auto call = tools::read_initiation(req.body);
  const auto caller = domain::to_e164(call.caller_id, self->state.config.region);
  const auto found = [self, sink, caller](clinic_view& clinic) {
    greet(self, sink, clinic, caller);
  };
  const auto unknown = [self, sink](caf::error& e) {
    if (code_of(e) != error_code::unknown_clinic) return sink->deliver(error_reply(e));
    spdlog::warn("conversation initiation for a number and agent no clinic answers");
    answer_initiation(self, sink, nullptr, {false, {}});
  };
  const auto& directory = self->state.peers.directory;
  self->request(directory, health_timeout, clinic_atom::value, call.called_number)
      .then(found, [self, agent = call.agent_id, found, unknown](caf::error& e) {
        if (code_of(e) != error_code::unknown_clinic || agent.empty()) return unknown(e);
        self->request(self->state.peers.directory, health_timeout, agent_atom::value, agent)
            .then(found, unknown);
      });
}

constexpr std::string_view webhook_path = "/post-call-webhook";

// The signature, as ElevenLabs' SDKs check it; without a secret, nothing is taken (unless
// development takes unsigned events).
std::optional<http_response> refuse_unsigned(front_pointer self, const http_request& req) {
  const auto& auth = self->state.config.webhook;
  const auto header = req.header("elevenlabs-signature");
  if (auth.secrets.empty()) {
    if (auth.accept_unsigned) return std::nullopt;
    return http::error_response(401, "unauthorized",
                                "No webhook secret is configured (ELEVENLABS_WEBHOOK_SECRET): "
                                "every event is refused.");
  }
  if (header.empty() && auth.accept_unsigned) return std::nullopt;
  const auto now = domain::seconds_of(self->state.config.clock.now());
  const auto check = http::check_signature(header, req.raw_body, auth.secrets, now, auth.window);
  if (check == http::signature_check::valid) return std::nullopt;
  spdlog::warn("a post-call event was refused: {}", http::explain(check));
  return http::error_response(401, "unauthorized", std::string(http::explain(check)));
}

// A verified event is answered once the webhook actor has it durably.
void serve_webhook(front_pointer self, http_request& req, const reply_sink_ptr& sink) {
  if (auto refused = refuse_unsigned(self, req)) return sink->deliver(std::move(*refused));
  const auto& webhook = self->state.peers.webhook;
  if (!webhook)
    return sink->deliver(
        http::error_response(503, "unavailable", "Post-call events are not being taken."));
  webhook_delivery delivery{std::move(req.raw_body),
                            domain::seconds_of(self->state.config.clock.now())};
  self->request(webhook, 10s, std::move(delivery))
      .then(
          [sink](event_fate) {
            sink->deliver({200, R"({"status":"success"})"});
          },
          [sink](caf::error& e) {
            if (code_of(e) == error_code::invalid_request)
              return sink->deliver(http::error_response(
                  400, "invalid_event", "The body is not an ElevenLabs post-call event."));
            sink->deliver(http::error_response(503, "unavailable",
                                               "The event could not be kept; send it again."));
          });
}

// The front's own endpoints, then one row per tool of the catalogue.
std::vector<endpoint> make_endpoints() {
  std::vector<endpoint> table{
      {{"GET", "/", http::access::open, false}, serve_root},
      {{"GET", "/health", http::access::open, false}, serve_health},
  };
  for (const auto& tool : tools::catalogue())
    table.push_back({{"POST", std::string(tool.path), http::access::api_key, true}, serve_tool});
  table.push_back(
      {{"POST", "/conversation-initiation", http::access::api_key, true}, serve_initiation});
  table.push_back({{"GET", "/cache-stats", http::access::api_key, false}, serve_cache_stats});
  table.push_back({{"GET", "/metrics", http::access::api_key, false}, serve_metrics});
  table.push_back(
      {{"POST", std::string(webhook_path), http::access::signature, false}, serve_webhook});
  return table;
}

const std::vector<endpoint>& endpoints() {
  static const std::vector<endpoint> table = make_endpoints();
  return table;
}

front_actor::behavior_type front(front_pointer self, front_peers peers, front_config config) {
  self->state.peers = std::move(peers);
  self->state.config = std::move(config);
  self->state.started = self->state.config.clock.steady();
  return {
      // The server matched the route; its place in front_routes() is the endpoint's here.
      [self](http_request& request, reply_sink_ptr& sink) {
        if (request.route >= endpoints().size())
          return sink->deliver(http::error_response(
              404, "not_found", "There is no endpoint at " + request.path + "."));
        endpoints()[request.route].handle(self, request, sink);
      },
      [self](flush_atom) { write_served(self); },
      [self](drain_atom) { self->state.draining = true; },
  };
}

}  // namespace

http_response front_timeout_reply() {
  return error_reply(make_error(error_code::deadline_exceeded));
}

http::router front_routes(std::size_t webhook_body_limit) {
  std::vector<http::route> routes;
  for (const auto& e : endpoints()) {
    routes.push_back(e.route);
    if (e.route.path == webhook_path) routes.back().max_body_bytes = webhook_body_limit;
  }
  return http::router{std::move(routes)};
}

front_actor spawn_front(caf::actor_system& system, front_peers peers, front_config config) {
  return system.spawn(front, std::move(peers), std::move(config));
}

}  // namespace frontdesk
