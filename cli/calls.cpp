// frontdesk calls: the calls ElevenLabs reported after they ended, for the clinic and the
// operator.
#include "storage/calls.hpp"

#include <cstdio>
#include <pqxx/pqxx>

#include "cli/commands.hpp"
#include "config/logging.hpp"
#include "config/settings.hpp"
#include "domain/call_report.hpp"
#include "domain/redact.hpp"
#include "domain/time_zone.hpp"
#include "http/elevenlabs_codec.hpp"
#include "http/json.hpp"
#include "storage/connection.hpp"
#include "storage/secret_box.hpp"

namespace frontdesk::cli {
namespace {

constexpr const char* usage =
    "usage: frontdesk calls <action> [options]\n"
    "\n"
    "  list [--clinic NAME] [--since YYYY-MM-DD] [--outcome success|failure|unknown] [--missed]\n"
    "       [--limit N] [--reveal] [--json]\n"
    "        the latest calls, newest first: outcome, length, tool calls and what went wrong\n"
    "  show CONVERSATION_ID [--reveal] [--json]\n"
    "        one call: what the caller said, which tools ran with what, what frontdesk answered,\n"
    "        the outcome and the summary\n"
    "\n"
    "Callers' numbers are masked unless --reveal is given (to call a missed caller back).\n"
    "Titles, summaries, transcripts and callers' numbers are sealed: they are opened with\n"
    "FRONTDESK_MASTER_KEY, and are gone once TRANSCRIPT_RETENTION_DAYS have passed.\n";

struct calls_args {
  std::string action;
  std::string id;
  storage::call_filter filter;
  bool json = false;
  bool reveal = false;
};

calls_args parse(const std::vector<std::string>& rest) {
  calls_args a;
  if (rest.empty()) usage_error("which action? list or show");
  a.action = rest[0];
  std::size_t i = 1;
  if (a.action == "show") {
    if (rest.size() < 2 || rest[1].starts_with("--")) usage_error("'calls show' needs an id");
    a.id = rest[1];
    i = 2;
  }
  for (; i < rest.size(); ++i) {
    const auto& flag = rest[i];
    if (flag == "--json" || flag == "--missed" || flag == "--reveal") {
      (flag == "--json" ? a.json : flag == "--missed" ? a.filter.missed_only : a.reveal) = true;
      continue;
    }
    if (i + 1 >= rest.size()) usage_error(flag + " needs a value");
    take_list_filter(flag, rest[++i], a.filter);
  }
  return a;
}

// What was said, opened; "" when it is gone, or there is no key.
struct opener {
  std::optional<storage::secret_box> box;
  bool reveal = false;
  /// The caller's number, masked unless the operator asked to see it.
  std::string caller(const storage::call_row& c) const {
    const auto number = open(c.caller, c.conversation_id, "caller");
    return reveal ? number : domain::mask_phone(number);
  }
  std::string open(const std::string& sealed, const std::string& id, std::string_view field) const {
    if (!box || sealed.empty()) return {};
    return box->open(sealed, storage::call_context(id, field)).value_or("");
  }
};

std::string when(unix_seconds t) {
  if (t == 0) return "-";
  const auto text = domain::format_utc(domain::instant{std::chrono::seconds{t}});
  return text.substr(0, 10) + " " + text.substr(11, 5);
}

std::string outcome_of(const storage::call_row& c) {
  return c.missed ? "missed (" + c.failure_reason + ")" : c.outcome;
}

std::string flags_of(const storage::call_row& c) {
  std::string out;
  if (c.tool_errors) out += std::to_string(c.tool_errors) + " failed ";
  if (c.slow_tools) out += std::to_string(c.slow_tools) + " slow ";
  if (c.unserved_tools) out += std::to_string(c.unserved_tools) + " never reached us ";
  return out.empty() ? "-" : out;
}

void write_row(http::json_writer& out, const storage::call_row& c, const opener& keys) {
  out.begin_object()
      .key("id")
      .value(c.conversation_id)
      .key("clinic")
      .value(c.clinic)
      .key("received")
      .value(when(c.received_at))
      .key("started")
      .value(when(c.started_at))
      .key("durationSecs")
      .value(c.duration_secs)
      .key("outcome")
      .value(c.outcome)
      .key("missed")
      .value(c.missed)
      .key("failureReason")
      .value(c.failure_reason)
      .key("status")
      .value(c.status)
      .key("toolCalls")
      .value(c.tool_calls)
      .key("toolErrors")
      .value(c.tool_errors)
      .key("slowTools")
      .value(c.slow_tools)
      .key("unservedTools")
      .value(c.unserved_tools)
      .key("caller")
      .value(keys.caller(c))
      .key("title")
      .value(keys.open(c.title, c.conversation_id, "title"));
}

int list(pqxx::connection& conn, const calls_args& a, const opener& keys) {
  pqxx::read_transaction tx{conn};
  const auto calls = storage::list_calls(tx, a.filter);
  if (a.json) {
    http::json_writer out;
    out.begin_array();
    for (const auto& c : calls) {
      write_row(out, c, keys);
      out.end_object();
    }
    out.end_array();
    std::printf("%s\n", out.str().c_str());
    return 0;
  }
  if (calls.empty()) std::printf("No calls.\n");
  const int clinic_width = clinic_column(calls, [](const auto& c) { return c.clinic; });
  for (const auto& c : calls)
    std::printf("%-16s  %-*s  %-22.22s  %4llds  %2d tools  %-24s %s\n  %s  %s\n",
                when(c.received_at).c_str(), clinic_width,
                c.clinic.empty() ? "?" : c.clinic.c_str(), outcome_of(c).c_str(),
                static_cast<long long>(c.duration_secs), c.tool_calls, flags_of(c).c_str(),
                keys.open(c.title, c.conversation_id, "title").c_str(), c.conversation_id.c_str(),
                keys.caller(c).c_str());
  return 0;
}

std::string clock_of(std::int64_t seconds) {
  char text[48];
  std::snprintf(text, sizeof text, "%02lld:%02lld", static_cast<long long>(seconds / 60),
                static_cast<long long>(seconds % 60));
  return text;
}

void print_timeline(const json_value& details, const domain::call_report& report) {
  std::vector<std::pair<std::int64_t, std::string>> lines;
  if (const auto* turns = details.find("transcript"); turns && turns->is<json_value::array>())
    for (const auto& t : turns->as<json_value::array>()) {
      const auto role = text_field(t, "role").value_or("");
      lines.emplace_back(
          std::stoll(text_field(t, "t").value_or("0")),
          (role == "user" ? "caller: " : role + ":  ") + text_field(t, "message").value_or(""));
    }
  for (const auto& check : report.checks) {
    const auto& c = *check.agent;
    std::string line = "tool   " + c.tool_name + " " + c.path + " " + c.params + "\n         -> " +
                       c.result + " (" + std::to_string(c.latency_ms) + " ms at the agent";
    if (check.served)
      line += ", " + std::to_string(check.served->latency_ms) + " ms here, HTTP " +
              std::to_string(check.served->status);
    line += ")";
    if (check.errored) line += "  [the agent saw an error]";
    if (check.slow) line += "  [slow: over 2 s]";
    if (check.unserved) line += "  [never reached frontdesk]";
    lines.emplace_back(c.time_in_call_secs, line);
  }
  std::stable_sort(lines.begin(), lines.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [t, line] : lines) std::printf("  [%s] %s\n", clock_of(t).c_str(), line.c_str());
}

int show(pqxx::connection& conn, const calls_args& a, const opener& keys) {
  pqxx::read_transaction tx{conn};
  const auto c = storage::find_call(tx, a.id);
  if (!c) {
    std::fprintf(stderr, "frontdesk calls: no call %s\n", a.id.c_str());
    return 1;
  }
  const auto details =
      http::parse_json(keys.open(c->details, c->conversation_id, "details")).value_or(json_value{});
  const auto served = storage::served_in(tx, c->conversation_id);
  const auto agent = http::agent_tool_calls(details);
  const auto report = domain::report_call(agent, served);
  const auto summary = keys.open(c->summary, c->conversation_id, "summary");
  if (a.json) {
    http::json_writer out;
    write_row(out, *c, keys);
    out.key("summary").value(summary).key("terminationReason").value(c->termination_reason);
    out.key("details");
    http::write_json(out, details);
    out.key("served").begin_array();
    for (const auto& s : served)
      out.begin_object()
          .key("path")
          .value(s.path)
          .key("latencyMs")
          .value(s.latency_ms)
          .key("status")
          .value(s.status)
          .key("success")
          .value(s.success)
          .key("error")
          .value(s.error)
          .end_object();
    out.end_array().end_object();
    std::printf("%s\n", out.str().c_str());
    return 0;
  }
  std::printf("%s  %s\n", c->conversation_id.c_str(), c->clinic.c_str());
  std::printf("  started %s, %llds, %s; outcome %s\n", when(c->started_at).c_str(),
              static_cast<long long>(c->duration_secs),
              c->termination_reason.empty() ? "ended" : c->termination_reason.c_str(),
              outcome_of(*c).c_str());
  std::printf("  caller %s\n", keys.caller(*c).c_str());
  if (const auto title = keys.open(c->title, c->conversation_id, "title"); !title.empty())
    std::printf("  %s\n", title.c_str());
  if (!summary.empty()) std::printf("  %s\n", summary.c_str());
  std::printf("  tool calls: %zu, %d the agent saw fail, %d slow, %d never reached frontdesk\n\n",
              agent.size(), report.errors, report.slow, report.unserved);
  print_timeline(details, report);
  if (details.is_null() && !c->missed) std::printf("  (what was said is no longer kept)\n");
  return 0;
}

}  // namespace

int calls(const std::vector<std::string>& args) {
  return run_database_command(
      "calls", usage, config::uses::sealed, args, parse,
      [](const config::settings& s, const calls_args& a, pqxx::connection& conn) {
        opener keys;
        if (s.master_key) keys.box.emplace(*s.master_key);
        keys.reveal = a.reveal;
        if (a.action == "list") return list(conn, a, keys);
        if (a.action == "show") return show(conn, a, keys);
        usage_error("unknown action '" + a.action + "' (list, show)");
      });
}

}  // namespace frontdesk::cli
