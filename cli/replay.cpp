// frontdesk replay and frontdesk sessions: recorded sessions run again against today's code, and
// found by clinic, time and outcome.
#include "replay/replay.hpp"

#include <caf/send.hpp>
#include <cstdio>
#include <fstream>
#include <pqxx/pqxx>
#include <sstream>

#include "cli/collaborators.hpp"
#include "cli/commands.hpp"
#include "config/logging.hpp"
#include "domain/time_zone.hpp"
#include "http/json.hpp"
#include "recording/pseudonymise.hpp"
#include "recording/stored.hpp"
#include "recording/timeline.hpp"
#include "storage/calls.hpp"
#include "storage/connection.hpp"
#include "storage/recordings.hpp"
#include "storage/secret_box.hpp"

namespace frontdesk::cli {
namespace {

constexpr const char* replay_usage =
    "usage: frontdesk replay SESSION_ID [options]       a recorded session, from the database\n"
    "       frontdesk replay --file REC.jsonl [options]  a recording kept as a file\n"
    "       frontdesk replay export SESSION_ID [--pseudonymise] > REC.jsonl\n"
    "\n"
    "Runs the session again on today's code (its actors on a deterministic scheduler), with\n"
    "stand-ins that answer its questions from the recording and a clock that reads the recorded\n"
    "times. Prints the timeline (call, what it asked, what it got, what it said) and every place\n"
    "where today's code differs: answers field by field; questions added, dropped, reordered or\n"
    "changed.\n"
    "\n"
    "  --at N --answer FILE  give question N (its number in the timeline) the outcome in FILE\n"
    "                        instead: {\"reply\": ...} or {\"error\": {\"code\": "
    "\"cliniko_unavailable\"}}\n"
    "  --clock-shift D       move the recorded clock by D: 90m, -3h, 1d, 45s\n"
    "  --live                ask today's directory, free times and history what the recording\n"
    "                        never saw (never a booking, move or cancellation: those fail)\n"
    "  --accept              with --file: write today's run over the file (a re-baseline,\n"
    "                        reviewed in the diff)\n"
    "  --quiet               the report only, no timeline\n"
    "  --json                the timeline and the report as JSON\n"
    "  --pseudonymise        (export) names, phone numbers, emails and birth dates replaced,\n"
    "                        the same way everywhere: fit for a bug report\n"
    "\n"
    "Exit status: 0 every answer as recorded, 1 an answer differs, 2 the recording cannot be\n"
    "replayed (the reason is printed).\n";

constexpr const char* sessions_usage =
    "usage: frontdesk sessions list [--clinic NAME] [--since YYYY-MM-DD]\n"
    "                               [--outcome success|failure|unknown] [--diverges] [--limit N]\n"
    "                               [--json]\n"
    "\n"
    "The recorded sessions, newest first, with the outcome and summary of their call as the\n"
    "post-call webhook told it. --diverges replays each and lists those whose answers today's\n"
    "code would give differently.\n";

struct replay_args {
  bool do_export = false;
  std::string id;
  std::string file;
  std::string answer_file;
  replay::options options;
  bool live = false;
  bool accept = false;
  bool quiet = false;
  bool json = false;
  bool pseudonymise = false;
};

std::chrono::seconds shift_of(const std::string& text) {
  static const std::map<char, int> units{{'s', 1}, {'m', 60}, {'h', 3600}, {'d', 86400}};
  std::size_t used = 0;
  long long n = 0;
  try {
    n = std::stoll(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  const auto unit = used + 1 == text.size() ? units.find(text.back()) : units.end();
  if (used == 0 || unit == units.end())
    usage_error("invalid --clock-shift '" + text + "': expected a number and s, m, h or d");
  return std::chrono::seconds{n * unit->second};
}

std::string read_file(const std::string& path) {
  std::ifstream in{path, std::ios::binary};
  if (!in) usage_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool take_flag(replay_args& a, const std::string& flag) {
  bool* target = flag == "--live"           ? &a.live
                 : flag == "--accept"       ? &a.accept
                 : flag == "--quiet"        ? &a.quiet
                 : flag == "--json"         ? &a.json
                 : flag == "--pseudonymise" ? &a.pseudonymise
                                            : nullptr;
  if (target) *target = true;
  return target != nullptr;
}

void take_option(replay_args& a, const std::string& flag, const std::string& value) {
  if (flag == "--file") {
    a.file = value;
  } else if (flag == "--at") {
    a.options.at = std::atoi(value.c_str());
    if (a.options.at < 1) usage_error("invalid --at '" + value + "': a question's number");
  } else if (flag == "--answer") {
    a.answer_file = value;
  } else if (flag == "--clock-shift") {
    a.options.clock_shift = shift_of(value);
  } else {
    usage_error("unknown option " + flag);
  }
}

replay_args parse_replay(const std::vector<std::string>& rest) {
  replay_args a;
  std::size_t i = 0;
  if (!rest.empty() && rest[0] == "export") {
    a.do_export = true;
    i = 1;
  }
  for (; i < rest.size(); ++i) {
    const auto& arg = rest[i];
    if (!arg.starts_with("--")) {
      if (!a.id.empty()) usage_error("one session at a time: " + a.id + " or " + arg + "?");
      a.id = arg;
    } else if (!take_flag(a, arg)) {
      if (i + 1 >= rest.size()) usage_error(arg + " needs a value");
      take_option(a, arg, rest[++i]);
    }
  }
  if (a.id.empty() == a.file.empty()) usage_error("replay a SESSION_ID or a --file, one of them");
  if ((a.options.at == 0) != a.answer_file.empty()) usage_error("--at and --answer go together");
  if (a.accept && a.file.empty()) usage_error("--accept re-baselines a --file");
  if (!a.answer_file.empty()) {
    auto answer = http::parse_json(read_file(a.answer_file));
    if (!answer || !answer->is_object() || (!answer->find("reply") && !answer->find("error")))
      usage_error(a.answer_file + " is not {\"reply\": ...} or {\"error\": {...}}");
    a.options.answer = std::move(*answer);
  }
  return a;
}

[[noreturn]] void unreplayable(const std::string& why) {
  std::fprintf(stderr, "frontdesk replay: cannot replay: %s\n", why.c_str());
  std::exit(2);
}

recording::recording from_database(const config::settings& s, const std::string& id) {
  if (s.database_url.empty()) usage_error("DATABASE_URL is not set");
  if (!s.master_key) usage_error("FRONTDESK_MASTER_KEY is needed to open recordings");
  std::optional<storage::stored_recording> stored;
  try {
    auto conn = storage::connect_with_retry(s.database_url, std::chrono::seconds{10});
    pqxx::read_transaction tx{*conn};
    stored = storage::read_recording(tx, id);
  } catch (const std::exception& e) {
    unreplayable(std::string("the database: ") + e.what());
  }
  if (!stored) unreplayable("no session " + id + " is recorded (or it is past its retention)");
  std::string why;
  auto r = recording::open_recording(*stored, storage::secret_box{*s.master_key}, &why);
  if (!why.empty()) unreplayable(why);
  return r;
}

recording::recording from_file(const std::string& path) {
  std::string why;
  auto r = recording::from_text(read_file(path), &why);
  if (!r) unreplayable(path + ": " + why);
  return std::move(*r);
}

void print(const replay_args& a, const replay::outcome& out) {
  if (a.json) {
    json_value report{json_value::object{}};
    report.set("session", json_value{out.today.session_id});
    report.set("exit", json_value{std::int64_t{out.exit_code()}});
    if (!a.quiet) report.set("timeline", json_value{out.today.entries});
    report.set("divergences", recording::report_json(out.report));
    std::printf("%s\n", http::to_json(report).c_str());
    return;
  }
  if (!a.quiet) std::printf("%s\n", recording::timeline_text(out.today).c_str());
  std::printf("%s", recording::report_text(out.report).c_str());
}

int accept(const replay_args& a, const replay::outcome& out) {
  if (out.unanswerable > 0) {
    std::fprintf(stderr,
                 "frontdesk replay: not accepted: %d question(s) had no recorded answer; replay "
                 "with --live to record today's\n",
                 out.unanswerable);
    return 2;
  }
  std::ofstream file{a.file, std::ios::binary | std::ios::trunc};
  file << recording::to_text(out.today);
  if (!file) unreplayable("cannot write " + a.file);
  std::fprintf(stderr, "frontdesk replay: %s re-baselined\n", a.file.c_str());
  return 0;
}

// Today's collaborators, for --live: the clinics as `serve` would serve them.
struct live_world {
  explicit live_world(const config::settings& s)
      : cliniko(s), served(start_collaborators(cliniko, s)) {}
  ~live_world() {
    served.stop();
    cliniko.stop();
    caf::anon_send_exit(served.database, caf::exit_reason::user_shutdown);
  }
  cliniko_runtime cliniko;
  collaborators served;
};

int run_replay(const replay_args& a, const config::settings& s) {
  auto recorded = a.file.empty() ? from_database(s, a.id) : from_file(a.file);
  if (a.do_export) {
    std::printf(
        "%s",
        recording::to_text(a.pseudonymise ? recording::pseudonymise(recorded) : recorded).c_str());
    return 0;
  }
  auto options = a.options;
  options.build = build_of(s);
  std::unique_ptr<live_world> live;
  if (a.live) {
    if (s.database_url.empty()) usage_error("--live needs DATABASE_URL (and the clinics' keys)");
    live = std::make_unique<live_world>(s);
    options.live_system = &live->cliniko.system();
    options.live = {live->served.directory, live->served.availability, live->served.bookings, {}};
  }
  const auto out = replay::run(recorded, options);
  if (!out.why_not.empty()) unreplayable(out.why_not);
  print(a, out);
  if (a.accept) return accept(a, out);
  return out.exit_code();
}

}  // namespace

int replay(const std::vector<std::string>& args) {
  if (const auto asked = usage_if_asked(args, replay_usage)) return *asked;
  std::vector<std::string> rest;
  // A recording in a file needs no database; one in PostgreSQL asks for it when it is read.
  const auto s = config::load_settings(args, &rest, config::uses::nothing);
  config::setup_logging(s);
  return run_replay(parse_replay(rest), s);
}

namespace {

struct sessions_args {
  storage::recording_filter filter;
  bool diverges = false;
  bool json = false;
};

sessions_args parse_sessions(const std::vector<std::string>& rest) {
  sessions_args a;
  if (rest.empty() || rest[0] != "list") usage_error("which action? list");
  for (std::size_t i = 1; i < rest.size(); ++i) {
    const auto& flag = rest[i];
    if (flag == "--diverges" || flag == "--json") {
      (flag == "--json" ? a.json : a.diverges) = true;
      continue;
    }
    if (i + 1 >= rest.size()) usage_error(flag + " needs a value");
    take_list_filter(flag, rest[++i], a.filter);
  }
  return a;
}

std::string when(unix_seconds t) {
  const auto text = domain::format_utc(domain::instant{std::chrono::seconds{t}});
  return text.substr(0, 10) + " " + text.substr(11, 5);
}

/// A listed session, with what a replay of it says when asked.
struct listed {
  storage::recording_row row;
  std::string summary;
  int exit = -1;  // -1: not replayed
  std::size_t divergences = 0;
};

void replay_each(std::vector<listed>& rows, pqxx::connection& conn, const config::settings& s,
                 const storage::secret_box& box) {
  for (auto& l : rows) {
    pqxx::read_transaction tx{conn};
    const auto stored = storage::read_recording(tx, l.row.session_id);
    tx.commit();
    if (!stored) continue;
    replay::options options;
    options.build = build_of(s);
    const auto out = replay::run(recording::open_recording(*stored, box), options);
    l.exit = out.exit_code();
    l.divergences = out.report.size();
  }
}

void print_sessions(const std::vector<listed>& rows, const sessions_args& a) {
  if (a.json) {
    http::json_writer out;
    out.begin_array();
    for (const auto& l : rows) {
      out.begin_object()
          .key("id")
          .value(l.row.session_id)
          .key("clinic")
          .value(l.row.clinic)
          .key("started")
          .value(when(l.row.started_at))
          .key("calls")
          .value(l.row.calls)
          .key("answered")
          .value(l.row.answered)
          .key("bytes")
          .value(l.row.bytes)
          .key("build")
          .value(l.row.build)
          .key("outcome")
          .value(l.row.outcome)
          .key("summary")
          .value(l.summary);
      if (l.exit >= 0)
        out.key("replay")
            .value(l.exit)
            .key("divergences")
            .value(static_cast<std::int64_t>(l.divergences));
      out.end_object();
    }
    out.end_array();
    std::printf("%s\n", out.str().c_str());
    return;
  }
  if (rows.empty()) std::printf("No sessions.\n");
  const int clinic_width = clinic_column(rows, [](const listed& l) { return l.row.clinic; });
  for (const auto& l : rows) {
    std::printf("%s  %-*s  %2d calls  %6lld B  %-8s  %s%s\n", when(l.row.started_at).c_str(),
                clinic_width, l.row.clinic.empty() ? "?" : l.row.clinic.c_str(), l.row.calls,
                static_cast<long long>(l.row.bytes),
                l.row.outcome.empty() ? "-" : l.row.outcome.c_str(), l.row.session_id.c_str(),
                l.exit == 1   ? "  DIVERGES"
                : l.exit == 2 ? "  (cannot replay)"
                              : "");
    if (!l.summary.empty()) std::printf("  %.150s\n", l.summary.c_str());
  }
}

}  // namespace

int sessions(const std::vector<std::string>& args) {
  return run_database_command(
      "sessions", sessions_usage, config::uses::sealed, args, parse_sessions,
      [](const config::settings& s, const sessions_args& a, pqxx::connection& conn) {
        std::vector<listed> rows;
        {
          pqxx::read_transaction tx{conn};
          for (auto& row : storage::list_recordings(tx, a.filter))
            rows.push_back({std::move(row), {}});
        }
        std::optional<storage::secret_box> box;
        if (s.master_key) box.emplace(*s.master_key);
        for (auto& l : rows)
          if (box && !l.row.summary.empty())
            l.summary = box->open(l.row.summary, storage::call_context(l.row.session_id, "summary"))
                            .value_or("");
        if (a.diverges) {
          if (!box) usage_error("--diverges needs FRONTDESK_MASTER_KEY to open the recordings");
          replay_each(rows, conn, s, *box);
          std::erase_if(rows, [](const listed& l) { return l.exit != 1; });
        }
        print_sessions(rows, a);
        return 0;
      });
}

}  // namespace frontdesk::cli
