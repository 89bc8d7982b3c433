#pragma once

#include <cstdint>
#include <optional>
#include <pqxx/transaction_base>
#include <string>
#include <vector>

#include "messages/cliniko.hpp"

// The console's operators, their sessions, their failed logins and the audit of what they
// revealed (migration 0009).
namespace frontdesk::storage {

struct operator_row {
  std::int64_t id = 0;
  std::string email;
  std::string password_hash;
  bool all_clinics = false;
  /// The clinics' ids and names they see (every clinic when `all_clinics`).
  std::vector<std::int64_t> clinic_ids;
  std::vector<std::string> clinic_names;
};

/// Adds an operator of the named clinics (or all); false when the email is taken.
bool add_operator(pqxx::transaction_base& tx, const std::string& email,
                  const std::string& password_hash, bool all_clinics,
                  const std::vector<std::int64_t>& clinic_ids);
std::vector<operator_row> list_operators(pqxx::transaction_base& tx);
std::optional<operator_row> find_operator(pqxx::transaction_base& tx, const std::string& email);
std::optional<operator_row> operator_by_id(pqxx::transaction_base& tx, std::int64_t id);
/// Removes an operator and their sessions; false when there is none of that email.
bool remove_operator(pqxx::transaction_base& tx, const std::string& email);
/// A new password; every session of theirs ends and their failed logins are forgotten.
bool set_password(pqxx::transaction_base& tx, const std::string& email,
                  const std::string& password_hash);

/// A signed-in browser, by the SHA-256 of its cookie's token.
struct console_session {
  std::int64_t operator_id = 0;
  std::string csrf;
};
void open_session(pqxx::transaction_base& tx, const std::string& token_hash,
                  std::int64_t operator_id, const std::string& csrf, unix_seconds expires_at);
/// The session, when it exists, has not expired and was used within `idle_seconds`; its
/// last use is now.
std::optional<console_session> session_of(pqxx::transaction_base& tx, const std::string& token_hash,
                                          unix_seconds now, std::int64_t idle_seconds);
void close_session(pqxx::transaction_base& tx, const std::string& token_hash);

/// Failed logins by "account" (an email) or "address" (a client's IP).
struct login_failures {
  int failures = 0;
  unix_seconds last_failure = 0;
  unix_seconds locked_until = 0;
};
login_failures failures_of(pqxx::transaction_base& tx, const std::string& kind,
                           const std::string& key);
void write_failures(pqxx::transaction_base& tx, const std::string& kind, const std::string& key,
                    const login_failures& f);
void forget_failures(pqxx::transaction_base& tx, const std::string& kind, const std::string& key);

/// Notes that an operator saw something kept from view (a caller's number).
void audit(pqxx::transaction_base& tx, const operator_row& who, const std::string& action,
           const std::string& conversation_id);

struct audit_row {
  std::string operator_email, action, conversation_id;
  unix_seconds at = 0;
};
std::vector<audit_row> audit_of(pqxx::transaction_base& tx, const std::string& conversation_id);

}  // namespace frontdesk::storage
