// frontdesk operator: who may sign in to the web console, and which clinics they see.
#include "storage/operators.hpp"

#include <cstdio>
#include <iostream>
#include <pqxx/pqxx>

#include "cli/commands.hpp"
#include "console/passwords.hpp"
#include "storage/clinics.hpp"

namespace frontdesk::cli {
namespace {

constexpr const char* usage =
    "usage: frontdesk operator <action> [options]\n"
    "\n"
    "  add EMAIL --clinic NAME [--clinic NAME ...] [--password-stdin]\n"
    "  add EMAIL --all [--password-stdin]\n"
    "        an operator of those clinics (a practice manager), or of all (the integrator)\n"
    "  list  the operators and the clinics each sees\n"
    "  remove EMAIL\n"
    "  reset EMAIL [--password-stdin]\n"
    "        a new password; their sessions end and their failed logins are forgotten\n"
    "\n"
    "The password is read from standard input with --password-stdin (at least 12 characters);\n"
    "otherwise a one-time password is made and printed once. Passwords are kept as Argon2id.\n";

struct operator_args {
  std::string action, email;
  std::vector<std::string> clinics;
  bool all = false, password_stdin = false;
};

operator_args parse(const std::vector<std::string>& rest) {
  operator_args a;
  if (rest.empty()) usage_error("which action? add, list, remove or reset");
  a.action = rest[0];
  for (std::size_t i = 1; i < rest.size(); ++i) {
    const auto& x = rest[i];
    if (x == "--clinic" && i + 1 < rest.size())
      a.clinics.push_back(rest[++i]);
    else if (x == "--all")
      a.all = true;
    else if (x == "--password-stdin")
      a.password_stdin = true;
    else if (!x.starts_with("--") && a.email.empty())
      a.email = x;
    else
      usage_error("unknown argument " + x);
  }
  for (auto& c : a.email) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const bool needs_email = a.action != "list";
  if (needs_email && a.email.find('@') == std::string::npos)
    usage_error("which operator? an email");
  if (a.action == "add" && a.all == !a.clinics.empty())
    usage_error("add needs --clinic NAME (one or more) or --all");
  return a;
}

// The password given on standard input, or a one-time one printed for the operator.
std::string password_for(const operator_args& a) {
  if (!a.password_stdin) {
    auto made = console::one_time_password();
    std::printf("one-time password for %s: %s\n", a.email.c_str(), made.c_str());
    return made;
  }
  std::string line;
  std::getline(std::cin, line);
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
  if (line.size() < 12) usage_error("a password of at least 12 characters, please");
  return line;
}

std::string hashed(const std::string& password) {
  auto h = console::hash_password(password);
  if (!h) throw std::runtime_error("libsodium could not hash the password (out of memory?)");
  return *h;
}

int add(pqxx::connection& conn, const operator_args& a) {
  pqxx::work tx{conn};
  std::vector<std::int64_t> ids;
  for (const auto& name : a.clinics) {
    const auto c = storage::find_clinic(tx, name);
    if (!c) {
      std::fprintf(stderr, "frontdesk operator: no clinic called %s\n", name.c_str());
      return 1;
    }
    ids.push_back(c->id);
  }
  if (storage::find_operator(tx, a.email)) {
    std::fprintf(stderr, "frontdesk operator: %s is an operator already (reset?)\n",
                 a.email.c_str());
    return 1;
  }
  storage::add_operator(tx, a.email, hashed(password_for(a)), a.all, ids);
  tx.commit();
  std::printf("added %s\n", a.email.c_str());
  return 0;
}

int list(pqxx::connection& conn) {
  pqxx::read_transaction tx{conn};
  for (const auto& o : storage::list_operators(tx)) {
    std::string sees = o.all_clinics ? "every clinic" : "";
    if (!o.all_clinics)
      for (const auto& n : o.clinic_names) sees += (sees.empty() ? "" : ", ") + n;
    std::printf("%-36s %s\n", o.email.c_str(), sees.empty() ? "-" : sees.c_str());
  }
  return 0;
}

}  // namespace

int operators(const std::vector<std::string>& args) {
  return run_database_command(
      "operator", usage, config::uses::database, args, parse,
      [](const config::settings&, const operator_args& a, pqxx::connection& conn) {
        if (a.action == "add") return add(conn, a);
        if (a.action == "list") return list(conn);
        pqxx::work tx{conn};
        bool done = false;
        if (a.action == "remove")
          done = storage::remove_operator(tx, a.email);
        else if (a.action == "reset")
          done = storage::set_password(tx, a.email, hashed(password_for(a)));
        else
          usage_error("unknown action '" + a.action + "' (add, list, remove, reset)");
        if (!done) {
          std::fprintf(stderr, "frontdesk operator: no operator %s\n", a.email.c_str());
          return 1;
        }
        tx.commit();
        std::printf("%s %s\n", a.action == "remove" ? "removed" : "reset", a.email.c_str());
        return 0;
      });
}

}  // namespace frontdesk::cli
