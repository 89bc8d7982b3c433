#pragma once

#include <caf/typed_event_based_actor.hpp>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "messages/booking.hpp"
#include "messages/database.hpp"
#include "messages/error.hpp"

// A stand-in for the database actor: it answers from a ledger the test fills, and writes down in
// it what it was told.
namespace frontdesk::actor_testing {

/// What the stand-in database holds and was told.
struct ledger {
  std::vector<patient> on_number;
  /// The patients the local copy holds, by id (their dates of birth).
  std::vector<patient> patients;
  std::vector<appointment> upcoming;
  /// The times live claims hold, as the held query answers them.
  std::vector<appointment> held;
  std::vector<booking_intent> pending;
  /// What the next claim comes to (claimed: the intent as given, with an id).
  claim_outcome::kind next_claim = claim_outcome::kind::claimed;
  booking_intent earlier;
  std::vector<booking_intent> claims;
  std::vector<std::pair<std::int64_t, appointment>> completed;
  std::vector<std::pair<std::int64_t, std::string>> failed;
  /// The clinics by dialed number (E.164), and the directory every clinic has.
  std::map<std::string, clinic_record> numbers;
  directory_ptr directory;
  /// How often each was read.
  int clinic_reads = 0;
  int directory_reads = 0;
};

inline caf::error not_here() {
  return make_error(error_code::database_error, "not part of this stand-in");
}

inline database_actor::behavior_type stand_in_database(database_actor::pointer,
                                                       std::shared_ptr<ledger> l) {
  return {
      [](ping_atom) -> caf::result<database_status> {
        return database_status{3, 1};
      },
      [](clinics_atom) -> caf::result<std::vector<clinic_record>> { return not_here(); },
      [](save_directory_atom, clinic_id, const directory_snapshot&) -> caf::result<local_counts> {
        return not_here();
      },
      [](save_appointments_atom, clinic_id, const std::vector<appointment>&,
         unix_seconds) -> caf::result<std::int64_t> { return not_here(); },
      [](save_patients_atom, clinic_id, const std::vector<patient>&,
         const std::string&) -> caf::result<std::int64_t> { return std::int64_t{0}; },
      [](sync_state_atom, clinic_id) -> caf::result<sync_state> { return not_here(); },
      [](record_sync_atom, clinic_id, const sync_state&) -> caf::result<bool> {
        return not_here();
      },
      [](counts_atom, clinic_id) -> caf::result<local_counts> { return not_here(); },
      [l](clinic_atom, const std::string& number) -> caf::result<clinic_record> {
        ++l->clinic_reads;
        const auto found = l->numbers.find(number);
        if (found == l->numbers.end()) return make_error(error_code::unknown_clinic);
        return found->second;
      },
      [](agent_atom, const std::string&) -> caf::result<clinic_record> { return not_here(); },
      [l](directory_atom, clinic_id) -> caf::result<directory_ptr> {
        ++l->directory_reads;
        if (!l->directory) return not_here();
        return l->directory;
      },
      [l](phone_lookup_atom, clinic_id, const std::string&) { return l->on_number; },
      [l](patient_atom, clinic_id, const std::string& id) {
        std::vector<patient> out;
        for (const auto& p : l->patients)
          if (p.id == id) out.push_back(p);
        return out;
      },
      [l](claim_atom, booking_intent& i) {
        l->claims.push_back(i);
        i.id = static_cast<std::int64_t>(l->claims.size());
        return claim_outcome{l->next_claim,
                             l->next_claim == claim_outcome::kind::repeated ? l->earlier : i};
      },
      [l](complete_atom, clinic_id, std::int64_t id, const appointment& a) {
        l->completed.emplace_back(id, a);
        return true;
      },
      [l](fail_intent_atom, std::int64_t id, const std::string& why) {
        l->failed.emplace_back(id, why);
        return true;
      },
      [l](pending_atom, std::int64_t) { return l->pending; },
      [l](held_atom, clinic_id, const std::string&, unix_seconds, unix_seconds) { return l->held; },
      [l](upcoming_atom, clinic_id, const std::string&, unix_seconds) { return l->upcoming; },
      [](history_atom, clinic_id, const std::string&, unix_seconds) {
        return std::vector<appointment>{};
      },
      [](store_event_atom, const stored_event&) -> caf::result<event_fate> { return not_here(); },
      [](served_atom, const std::vector<served_call>&) { return true; },
      [](prune_atom, unix_seconds) { return std::int64_t{0}; },
      [](stats_atom) { return actor_stats{}; },
  };
}

}  // namespace frontdesk::actor_testing
