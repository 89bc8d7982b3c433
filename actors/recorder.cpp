#include "actors/recorder.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <caf/typed_response_promise.hpp>
#include <pqxx/transaction>
#include <vector>

#include "domain/redact.hpp"
#include "recording/recording.hpp"
#include "recording/stored.hpp"
#include "storage/connection.hpp"
#include "storage/recordings.hpp"
#include "storage/secret_box.hpp"

namespace frontdesk {
namespace {

/// A session's steps, and the session waiting for them to be stored.
struct waiting_steps {
  session_steps steps;
  caf::typed_response_promise<write_outcome> promise;
};

struct recorder_state {
  recorder_state() = default;
  recorder_config config;
  std::unique_ptr<storage::database_link> link;
  std::unique_ptr<storage::secret_box> box;
  /// What sessions noted, still as they noted it: made into JSON when it is written.
  std::vector<waiting_steps> waiting;
  std::size_t waiting_entries = 0;
  bool write_due = false;
  std::int64_t entries = 0, batches = 0, bytes = 0, failures = 0, dropped = 0, conflicts = 0;
  static inline const char* name = "recorder";
};

using recorder_pointer = recorder_actor::stateful_pointer<recorder_state>;

unix_seconds now_of(recorder_pointer self) {
  return domain::seconds_of(self->state.config.clock.now());
}

storage::recording_chunk chunk_of(recorder_pointer self, const session_steps& steps) {
  const auto& s = self->state;
  const auto part = recording::made_of(steps);
  return {
      part,
      s.box->seal(recording::lines_of(part.entries), storage::recording_context(part.session_id)),
      recording::calls_in(part),
      recording::answered_in(part),
      now_of(self),
      steps.calls_before};
}

void answer_all(recorder_pointer self, write_outcome outcome) {
  for (auto& w : self->state.waiting)
    if (w.promise.pending()) w.promise.deliver(outcome);
}

// Kept to try again while the database is away; the sessions waiting answer their callers now.
void keep_waiting(recorder_pointer self) {
  auto& s = self->state;
  ++s.failures;
  s.write_due = true;
  answer_all(self, write_outcome::kept);
  self->delayed_send(self, s.config.retry_after, tick_atom::value);
}

// Everything waiting, in one transaction: one commit for every session that answered meanwhile.
bool write_waiting(recorder_pointer self) {
  auto& s = self->state;
  s.write_due = false;
  if (s.waiting.empty()) return true;
  std::vector<storage::recording_chunk> chunks;
  chunks.reserve(s.waiting.size());
  for (const auto& part : s.waiting) chunks.push_back(chunk_of(self, part.steps));
  const auto stored = s.link->run([&](pqxx::connection& conn) {
    pqxx::work tx{conn};
    std::vector<bool> out;
    out.reserve(chunks.size());
    for (const auto& c : chunks) out.push_back(storage::append_recording(tx, c));
    tx.commit();
    return out;
  });
  if (!stored) {
    keep_waiting(self);
    return false;
  }
  ++s.batches;
  s.entries += static_cast<std::int64_t>(s.waiting_entries);
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    if (!(*stored)[i]) {
      ++s.conflicts;
      spdlog::warn("session {}: another node recorded this conversation meanwhile; not stored",
                   domain::redact_phones(chunks[i].of.session_id));
    }
    s.bytes += static_cast<std::int64_t>(chunks[i].sealed.size());
    auto& promise = s.waiting[i].promise;
    if (promise.pending())
      promise.deliver((*stored)[i] ? write_outcome::stored : write_outcome::conflict);
  }
  s.waiting.clear();
  s.waiting_entries = 0;
  return true;
}

// Written as soon as the recorder is free, with all that arrived while it wrote: the answers
// wait for one commit, never for one commit each.
caf::result<write_outcome> take(recorder_pointer self, session_steps& part) {
  auto& s = self->state;
  if (s.waiting_entries + part.entries.size() > s.config.max_waiting) {
    s.dropped += static_cast<std::int64_t>(part.entries.size());
    return write_outcome::kept;
  }
  auto promise = self->make_response_promise<write_outcome>();
  s.waiting_entries += part.entries.size();
  s.waiting.push_back({std::move(part), promise});
  if (!s.write_due) {
    s.write_due = true;
    self->send(self, tick_atom::value);
  }
  return promise;
}

void prune(recorder_pointer self) {
  const auto before =
      now_of(self) -
      std::chrono::duration_cast<std::chrono::seconds>(self->state.config.retention).count();
  const auto dropped = self->state.link->run([&](pqxx::connection& conn) {
    pqxx::work tx{conn};
    const auto n = storage::prune_recordings(tx, before);
    tx.commit();
    return n;
  });
  if (dropped && *dropped > 0) spdlog::info("pruned {} recording(s) past retention", *dropped);
  self->delayed_send(self, self->state.config.prune_every, prune_atom::value);
}

recorder_actor::behavior_type recorder(recorder_pointer self, recorder_config config) {
  auto& s = self->state;
  s.config = std::move(config);
  s.link = std::make_unique<storage::database_link>(s.config.database_url);
  s.box = std::make_unique<storage::secret_box>(s.config.master_key);
  self->send(self, prune_atom::value);
  return {
      [self](record_atom, session_steps& steps) { return take(self, steps); },
      [self](flush_atom) {
        write_waiting(self);
        return static_cast<std::int64_t>(self->state.waiting_entries);
      },
      [self](tick_atom) {
        if (self->state.write_due) write_waiting(self);
      },
      [self](prune_atom) { prune(self); },
      [self](stats_atom) {
        const auto& s = self->state;
        return actor_stats{
            "recorder",
            {{"entries", s.entries},
             {"batches", s.batches},
             {"bytes", s.bytes},
             {"waiting", static_cast<std::int64_t>(s.waiting_entries), stat_kind::gauge},
             {"failures", s.failures},
             {"conflicts", s.conflicts},
             {"dropped", s.dropped}},
            {}};
      },
  };
}

struct reader_state {
  reader_state() = default;
  recorder_config config;
  std::unique_ptr<storage::database_link> link;
  std::unique_ptr<storage::secret_box> box;
  static inline const char* name = "recordings";
};

using reader_pointer = recordings_actor::stateful_pointer<reader_state>;

// The recording, opened, unless it holds `known` calls (the asking session is current) or was
// not written to within `within` seconds.
caf::result<session_recording> load(reader_pointer self, const std::string& id, std::int64_t known,
                                    std::int64_t within) {
  const auto now = domain::seconds_of(self->state.config.clock.now());
  const auto stored = self->state.link->run([&](pqxx::connection& conn) {
    pqxx::read_transaction tx{conn};
    return storage::read_recording(tx, id, within, now, known);
  });
  if (!stored) return stored.error();
  if (!*stored) return session_recording{};
  std::string why;
  auto out = recording::open_recording(**stored, *self->state.box, &why);
  if (!why.empty())
    spdlog::warn("session {}: its recording is read only in part: {}", domain::redact_phones(id),
                 why);
  return out;
}

recordings_actor::behavior_type reader(reader_pointer self, recorder_config config) {
  auto& s = self->state;
  s.config = std::move(config);
  s.link = std::make_unique<storage::database_link>(s.config.database_url);
  s.box = std::make_unique<storage::secret_box>(s.config.master_key);
  return {
      [self](load_atom, const std::string& id, std::int64_t known, std::int64_t within) {
        return load(self, id, known, within);
      },
  };
}

struct readers_state {
  readers_state() = default;
  std::vector<recordings_actor> readers;
  std::size_t next = 0;
  static inline const char* name = "recordings-readers";
};

// Hands each read to the next reader: every session asks before each tool call, and one
// connection would make them all wait in line.
recordings_actor::behavior_type readers(recordings_actor::stateful_pointer<readers_state> self,
                                        std::vector<recordings_actor> pool) {
  for (const auto& r : pool) self->link_to(r);
  self->state.readers = std::move(pool);
  return {
      [self](load_atom, const std::string& id, std::int64_t known, std::int64_t within) {
        auto& s = self->state;
        const auto& to = s.readers[s.next++ % s.readers.size()];
        return self->delegate(to, load_atom::value, id, known, within);
      },
  };
}

}  // namespace

recordings_actor spawn_recordings(caf::actor_system& system, recorder_config config,
                                  std::size_t connections) {
  std::vector<recordings_actor> pool;
  for (std::size_t i = 0; i < std::max<std::size_t>(connections, 1); ++i)
    pool.push_back(system.spawn<caf::detached>(reader, config));
  if (pool.size() == 1) return pool.front();
  return system.spawn(readers, std::move(pool));
}

recorder_actor spawn_recorder(caf::actor_system& system, recorder_config config) {
  return system.spawn<caf::detached>(recorder, std::move(config));
}

}  // namespace frontdesk
