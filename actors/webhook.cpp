#include "actors/webhook.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <caf/typed_response_promise.hpp>
#include <map>
#include <memory>

#include "actors/background.hpp"
#include "domain/encoding.hpp"
#include "domain/phone.hpp"
#include "domain/redact.hpp"
#include "http/auth.hpp"
#include "http/elevenlabs_codec.hpp"
#include "http/json.hpp"
#include "messages/error.hpp"
#include "storage/audio.hpp"
#include "storage/calls.hpp"
#include "storage/secret_box.hpp"
#include "storage/spool.hpp"

namespace frontdesk {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

struct webhook_state {
  webhook_state() = default;
  calls_actor calls;
  session_registry_actor sessions;
  webhook_config config;
  std::unique_ptr<storage::secret_box> box;
  std::unique_ptr<storage::spool> spool;
  std::unique_ptr<storage::audio_store> audio;
  bool draining = false;
  std::chrono::steady_clock::time_point drain_started{};
  /// PostgreSQL failed to take an event and has not taken one since: events go straight to the
  /// spool (no sender waits out a timeout) until a drain finds it back.
  bool database_away = false;
  /// Events since start: stored, delivered again, spooled, and moved from the spool.
  std::int64_t stored = 0, repeated = 0, spooled = 0, drained = 0;
  /// Events by type and how they were taken.
  std::map<std::pair<std::string, std::string>, std::int64_t> events;
  std::chrono::steady_clock::time_point pruned{};
  background_failures failures;
  static inline const char* name = "webhook";
};

using webhook_pointer = webhook_actor::stateful_pointer<webhook_state>;
using fate_promise = caf::typed_response_promise<event_fate>;

constexpr std::string_view spool_context = "spool";

// The same event delivered again has the same key: its type and conversation (or, without a
// conversation, its bytes).
std::string key_of(const call_event& e, std::string_view raw) {
  return e.type + ":" + (e.conversation_id.empty() ? domain::sha256_hex(raw) : e.conversation_id);
}

// The event read and what is secret in it sealed, for storage::store_event.
std::optional<stored_event> prepare(webhook_pointer self, const webhook_delivery& d) {
  auto event = http::read_call_event(d.raw_body);
  if (!event) return std::nullopt;
  const auto& box = *self->state.box;
  const auto& id = event->conversation_id;
  stored_event e;
  e.key = key_of(*event, d.raw_body);
  e.received_at = d.received_at;
  e.expires_at = d.received_at + std::chrono::duration_cast<std::chrono::seconds>(
                                     self->state.config.transcript_retention)
                                     .count();
  e.dialed = domain::to_e164(event->agent_number, self->state.config.region).value_or("");
  const auto seal = [&](const std::string& text, std::string_view field) {
    return text.empty() ? std::string{} : box.seal(text, storage::call_context(id, field));
  };
  if (event->type != "post_call_audio") e.raw = seal(d.raw_body, "raw");
  // The caller's number as E.164 when it reads as a number at all (a withheld one stays as given).
  e.caller = seal(domain::to_e164(event->caller_number, self->state.config.region)
                      .value_or(event->caller_number),
                  "caller");
  e.title = seal(event->title, "title");
  e.summary = seal(event->summary, "summary");
  if (describes_call(*event)) e.details = seal(http::call_details_json(*event), "details");
  e.event = std::move(*event);
  return e;
}

// Audio is kept only where configured, sealed, one file a call.
void keep_audio(webhook_pointer self, const stored_event& e, std::string_view raw) {
  auto& audio = *self->state.audio;
  const auto& id = e.event.conversation_id;
  if (!audio.enabled() || id.empty()) return;
  const auto bytes = domain::base64_decode(http::audio_of(raw)).value_or("");
  if (bytes.empty()) return;
  if (!audio.keep(id, self->state.box->seal(bytes, storage::call_context(id, "audio"))))
    spdlog::error("a call's audio could not be written to AUDIO_DIR");
}

// A transcription or a missed call ends the conversation: its session goes, context and all.
void end_session(webhook_pointer self, const call_event& e) {
  if (e.conversation_id.empty() || e.type == "post_call_audio") return;
  self->send(self->state.sessions, end_atom::value, e.conversation_id);
}

std::string spool_record(webhook_pointer self, const webhook_delivery& d) {
  std::string plain = std::to_string(d.received_at);
  plain.push_back('\n');
  plain.append(d.raw_body);
  return self->state.box->seal(plain, spool_context);
}

std::optional<webhook_delivery> from_spool(webhook_pointer self, const std::string& record) {
  auto plain = self->state.box->open(record, spool_context);
  if (!plain) return std::nullopt;
  const auto newline = plain->find('\n');
  if (newline == std::string::npos) return std::nullopt;
  return webhook_delivery{plain->substr(newline + 1), std::stoll(plain->substr(0, newline))};
}

// Types are ElevenLabs' few; any other is counted as "other", so metrics keep few names.
void count_event(webhook_pointer self, std::string_view type, std::string_view outcome) {
  static constexpr std::array<std::string_view, 4> known{
      "post_call_transcription", "post_call_transcription_otel", "post_call_audio",
      "call_initiation_failure"};
  const bool is_known = std::find(known.begin(), known.end(), type) != known.end();
  ++self->state.events[{std::string(is_known ? type : "other"), std::string(outcome)}];
}

// PostgreSQL did not take it in time: the spool does, or nothing can.
void spool_it(webhook_pointer self, fate_promise rp, const webhook_delivery& d, const call_event& e,
              const caf::error& why) {
  if (!self->state.spool->append(spool_record(self, d))) {
    count_event(self, e.type, "lost");
    spdlog::error("a post-call event could not be kept: the database and the spool both failed");
    rp.deliver(make_error(error_code::database_unavailable, "the spool would not take it"));
    return;
  }
  ++self->state.spooled;
  count_event(self, e.type, "spooled");
  spdlog::warn("post-call event {} spooled: {}", e.type, to_string(why));
  end_session(self, e);
  rp.deliver(event_fate::spooled);
}

caf::result<event_fate> take(webhook_pointer self, webhook_delivery& d) {
  auto prepared = prepare(self, d);
  if (!prepared) {
    count_event(self, "other", "invalid");
    return make_error(error_code::invalid_request, "not an ElevenLabs post-call event");
  }
  keep_audio(self, *prepared, d.raw_body);
  if (prepared->event.type == "post_call_audio")
    d.raw_body = http::without_audio_json(prepared->event);
  auto rp = self->make_response_promise<event_fate>();
  if (self->state.database_away) {
    spool_it(self, rp, d, prepared->event, make_error(error_code::database_unavailable));
    return rp;
  }
  auto event = std::make_shared<const call_event>(prepared->event);
  auto delivery = std::make_shared<webhook_delivery>(std::move(d));
  self->request(self->state.calls, self->state.config.database_wait, store_event_atom::value,
                std::move(*prepared))
      .then(
          [self, rp, event](event_fate fate) mutable {
            self->state.database_away = false;
            ++(fate == event_fate::stored ? self->state.stored : self->state.repeated);
            count_event(self, event->type, fate == event_fate::stored ? "stored" : "repeated");
            if (fate == event_fate::stored) spdlog::info("post-call event {} stored", event->type);
            end_session(self, *event);
            rp.deliver(fate);
          },
          [self, rp, event, delivery](caf::error& e) mutable {
            self->state.database_away = true;
            spool_it(self, rp, *delivery, *event, e);
          });
  return rp;
}

// A drain under way: the files set aside, the records of the first, and what was moved.
struct drain_run {
  std::vector<fs::path> files;
  std::vector<std::string> records;
  std::size_t next = 0;
  std::int64_t moved = 0;
  /// Records of the current file that would not open: the file is then kept, not removed.
  std::int64_t unreadable = 0;
  caf::typed_response_promise<std::int64_t> promise;
};
using drain_ptr = std::shared_ptr<drain_run>;

void drain_next(webhook_pointer self, const drain_ptr& run);

void drain_done(webhook_pointer self, const drain_ptr& run) {
  auto& s = self->state;
  s.draining = false;
  s.database_away = false;
  if (run->moved > 0)
    spdlog::warn("{} spooled post-call event(s) stored in {} ms", run->moved,
                 std::chrono::duration_cast<std::chrono::milliseconds>(s.config.clock.steady() -
                                                                       s.drain_started)
                     .count());
  run->promise.deliver(run->moved);
}

// The next file's records; a file goes once all its records are in.
void next_file(webhook_pointer self, const drain_ptr& run) {
  if (run->files.empty()) return drain_done(self, run);
  run->records = storage::spool::read(run->files.front());
  run->next = 0;
  run->unreadable = 0;
  drain_next(self, run);
}

// Stores the records one after another, each in its own transaction: a drain cut short by a
// kill repeats nothing (the keys) and loses nothing (the file stays until all are in).
void drain_next(webhook_pointer self, const drain_ptr& run) {
  if (run->next == run->records.size()) {
    if (run->unreadable > 0) {
      spdlog::error(
          "{} spooled record(s) would not open (another FRONTDESK_MASTER_KEY?): kept "
          "in {}",
          run->unreadable, run->files.front().string());
      storage::spool::keep_unreadable(run->files.front());
    } else {
      storage::spool::remove(run->files.front());
    }
    run->files.erase(run->files.begin());
    return next_file(self, run);
  }
  const auto delivery = from_spool(self, run->records[run->next++]);
  auto prepared = delivery ? prepare(self, *delivery) : std::nullopt;
  if (!prepared) {
    ++run->unreadable;
    return drain_next(self, run);
  }
  auto type = prepared->event.type;
  self->request(self->state.calls, 5s, store_event_atom::value, std::move(*prepared))
      .then(
          [self, run, type](event_fate) {
            self->state.database_away = false;
            ++self->state.drained;
            count_event(self, type, "drained");
            ++run->moved;
            drain_next(self, run);
          },
          [self, run](caf::error& e) {
            // PostgreSQL is still away: the rest waits for the next try.
            self->state.draining = false;
            spdlog::warn("the spool waits for the database: {}", to_string(e));
            run->promise.deliver(run->moved);
          });
}

caf::result<std::int64_t> drain(webhook_pointer self) {
  if (self->state.draining) return std::int64_t{0};
  self->state.draining = true;
  self->state.drain_started = self->state.config.clock.steady();
  auto run = std::make_shared<drain_run>();
  run->promise = self->make_response_promise<std::int64_t>();
  run->files = self->state.spool->set_aside();
  next_file(self, run);
  return run->promise;
}

void on_tick(webhook_pointer self) {
  auto& s = self->state;
  self->delayed_send(self, s.config.drain_every, tick_atom::value);
  if (!s.spool->empty() && !s.draining)
    self->request(caf::actor_cast<webhook_actor>(self), 60s, drain_atom::value)
        .then([](std::int64_t) {}, s.failures.on_error("draining the spool"));
  const auto now = s.config.clock.steady();
  if (now - s.pruned < s.config.prune_every) return;
  s.pruned = now;
  if (const auto removed = s.audio->prune(s.config.clock.now()); removed > 0)
    spdlog::info("{} call recording(s) past retention removed", removed);
  self->request(s.calls, 30s, prune_atom::value, domain::seconds_of(s.config.clock.now()))
      .then(
          [](std::int64_t cleared) {
            if (cleared > 0) spdlog::info("{} call(s) past retention cleared", cleared);
          },
          s.failures.on_error("clearing calls past retention"));
}

actor_stats stats_of(const webhook_state& s) {
  actor_stats out{"webhook",
                  {{"stored", s.stored},
                   {"repeated", s.repeated},
                   {"spooled", s.spooled},
                   {"drained", s.drained},
                   {"database_away", s.database_away ? 1 : 0, stat_kind::gauge}},
                  {}};
  for (const auto& [key, count] : s.events)
    out.metrics.push_back({"webhook_events_total",
                           "Post-call events by type and how they were taken (stored, repeated, "
                           "spooled, drained from the spool, invalid, lost).",
                           metric_kind::counter,
                           {{"type", key.first}, {"outcome", key.second}},
                           static_cast<double>(count)});
  metric depth{"webhook_spool_bytes",
               "Bytes of post-call events waiting in the spool for PostgreSQL.",
               metric_kind::gauge};
  depth.value = static_cast<double>(s.spool->waiting_bytes());
  out.metrics.push_back(std::move(depth));
  for (auto& m : s.failures.metrics("webhook")) out.metrics.push_back(std::move(m));
  return out;
}

webhook_actor::behavior_type webhook(webhook_pointer self, calls_actor calls,
                                     session_registry_actor sessions, webhook_config config) {
  auto& s = self->state;
  s.calls = std::move(calls);
  s.sessions = std::move(sessions);
  s.config = std::move(config);
  s.box = std::make_unique<storage::secret_box>(s.config.master_key);
  s.spool = std::make_unique<storage::spool>(s.config.spool_dir);
  s.audio = std::make_unique<storage::audio_store>(s.config.audio_dir, s.config.audio_retention);
  s.pruned = s.config.clock.steady() - s.config.prune_every;
  self->send(self, tick_atom::value);
  return {
      [self](webhook_delivery& d) { return take(self, d); },
      [self](drain_atom) { return drain(self); },
      [self](tick_atom) { on_tick(self); },
      [self](stats_atom) { return stats_of(self->state); },
  };
}

}  // namespace

webhook_actor spawn_webhook(caf::actor_system& system, calls_actor calls,
                            session_registry_actor sessions, webhook_config config) {
  return system.spawn<caf::detached>(webhook, std::move(calls), std::move(sessions),
                                     std::move(config));
}

}  // namespace frontdesk
