#include "actors/recorder.hpp"

#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <pqxx/transaction>
#include <set>

#include "domain/redact.hpp"
#include "recording/recording.hpp"
#include "recording/stored.hpp"
#include "storage/connection.hpp"
#include "storage/recordings.hpp"
#include "storage/secret_box.hpp"

namespace frontdesk {
namespace {

struct recorder_state {
  recorder_state() = default;
  recorder_config config;
  std::unique_ptr<storage::database_link> link;
  std::unique_ptr<storage::secret_box> box;
  /// What sessions noted, still as they noted it: made into JSON when it is written.
  std::vector<session_steps> waiting;
  std::size_t waiting_entries = 0;
  bool write_due = false;
  std::int64_t entries = 0, batches = 0, bytes = 0, failures = 0, dropped = 0;
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
      recording::calls_in(part), recording::answered_in(part), now_of(self)};
}

// Everything waiting, in one transaction; kept to try again when the database is away.
bool write_waiting(recorder_pointer self) {
  auto& s = self->state;
  s.write_due = false;
  if (s.waiting.empty()) return true;
  std::vector<storage::recording_chunk> chunks;
  chunks.reserve(s.waiting.size());
  for (const auto& part : s.waiting) chunks.push_back(chunk_of(self, part));
  const auto written = s.link->run([&](pqxx::connection& conn) {
    pqxx::work tx{conn};
    for (const auto& c : chunks) storage::append_recording(tx, c);
    tx.commit();
    return true;
  });
  if (!written) {
    ++s.failures;
    s.write_due = true;
    self->delayed_send(self, s.config.retry_after, tick_atom::value);
    return false;
  }
  ++s.batches;
  s.entries += static_cast<std::int64_t>(s.waiting_entries);
  for (const auto& c : chunks) s.bytes += static_cast<std::int64_t>(c.sealed.size());
  s.waiting.clear();
  s.waiting_entries = 0;
  return true;
}

// Written a moment later, with whatever else arrives meanwhile: by then the answer the entries
// came with is on its way to the caller, and the work competes with no one's reply.
void take(recorder_pointer self, session_steps& part) {
  auto& s = self->state;
  if (s.waiting_entries + part.entries.size() > s.config.max_waiting) {
    s.dropped += static_cast<std::int64_t>(part.entries.size());
    return;
  }
  s.waiting_entries += part.entries.size();
  s.waiting.push_back(std::move(part));
  if (s.write_due) return;
  s.write_due = true;
  self->delayed_send(self, s.config.write_after, tick_atom::value);
}

// Recording is background work: its thread yields to those answering calls.
void lower_priority() {
  ::setpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)), 10);
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
  lower_priority();
  self->send(self, prune_atom::value);
  return {
      [self](record_atom, session_steps& steps) { take(self, steps); },
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
  /// The conversations under way when this process started (written to within the idle time):
  /// only theirs are read back; any other is new, and starts at once.
  std::set<std::string> under_way;
  static inline const char* name = "recordings";
};

using reader_pointer = recordings_actor::stateful_pointer<reader_state>;

// The recording so far, opened; none when it was not written to within `within` seconds.
session_recording load(reader_pointer self, const std::string& id, std::int64_t within) {
  if (self->state.under_way.erase(id) == 0) return {};
  const auto now = domain::seconds_of(self->state.config.clock.now());
  const auto stored = self->state.link->run([&](pqxx::connection& conn) {
    pqxx::read_transaction tx{conn};
    return storage::read_recording(tx, id, within, now);
  });
  if (!stored || !*stored) return {};
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
  const auto since = domain::seconds_of(s.config.clock.now()) - s.config.resume_within.count();
  const auto ids = s.link->run([&](pqxx::connection& conn) {
    pqxx::read_transaction tx{conn};
    return storage::recorded_since(tx, since);
  });
  if (ids)
    s.under_way.insert(ids->begin(), ids->end());
  else
    spdlog::warn("recordings: the conversations under way could not be read; none is resumed");
  return {
      [self](load_atom, const std::string& id, std::int64_t within) {
        return load(self, id, within);
      },
      [self](pending_atom) {
        const auto& ids = self->state.under_way;
        return std::vector<std::string>(ids.begin(), ids.end());
      },
  };
}

}  // namespace

recordings_actor spawn_recordings(caf::actor_system& system, recorder_config config) {
  return system.spawn<caf::detached>(reader, std::move(config));
}

recorder_actor spawn_recorder(caf::actor_system& system, recorder_config config) {
  return system.spawn<caf::detached>(recorder, std::move(config));
}

}  // namespace frontdesk
