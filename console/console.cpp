#include "console/console.hpp"

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <pqxx/pqxx>
#include <thread>

#include "console/pages.hpp"
#include "console/passwords.hpp"
#include "console/web.hpp"
#include "domain/call_report.hpp"
#include "domain/encoding.hpp"
#include "domain/lockout.hpp"
#include "domain/redact.hpp"
#include "domain/time_zone.hpp"
#include "http/elevenlabs_codec.hpp"
#include "http/json.hpp"
#include "recording/compare.hpp"
#include "recording/pseudonymise.hpp"
#include "recording/stored.hpp"
#include "replay/replay.hpp"
#include "storage/calls.hpp"
#include "storage/clinics.hpp"
#include "storage/cluster.hpp"
#include "storage/connection.hpp"
#include "storage/health.hpp"
#include "storage/local_copy.hpp"
#include "storage/operators.hpp"
#include "storage/recordings.hpp"
#include "storage/secret_box.hpp"

namespace frontdesk::console {
namespace {

constexpr std::string_view session_cookie = "fd_console";
constexpr std::string_view login_cookie = "fd_login";

unix_seconds now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

http_response html(unsigned status, std::string body) {
  http_response r{status, std::move(body)};
  r.content_type = "text/html; charset=utf-8";
  r.headers.emplace_back("x-frame-options", "DENY");
  r.headers.emplace_back("content-security-policy",
                         "default-src 'self'; form-action 'self'; frame-ancestors 'none'");
  return r;
}

http_response redirect(std::string_view to) {
  http_response r{303, ""};
  r.headers.emplace_back("location", std::string(to));
  return r;
}

// Someone signed in: who, and the token their forms carry.
struct signed_in {
  storage::operator_row who;
  std::string csrf;
  std::string token_hash;
  viewer view() const { return {who.email, csrf}; }
};

std::string mm_ss(std::int64_t seconds) {
  return std::to_string(seconds / 60) + ":" + (seconds % 60 < 10 ? "0" : "") +
         std::to_string(seconds % 60);
}

}  // namespace

struct console::impl {
  console_options options;
  storage::database_link db;
  std::optional<storage::secret_box> box;
  std::mutex lock;
  std::condition_variable wake;
  std::deque<std::pair<http_request, reply_sink_ptr>> queue;
  bool stopping = false;
  std::thread worker;

  explicit impl(console_options o) : options(std::move(o)), db(options.database_url) {
    if (options.master_key) box.emplace(*options.master_key);
    worker = std::thread([this] { run(); });
  }

  ~impl() {
    {
      std::lock_guard guard{lock};
      stopping = true;
    }
    wake.notify_all();
    worker.join();
  }

  void run() {
    for (;;) {
      std::unique_lock guard{lock};
      wake.wait(guard, [&] { return stopping || !queue.empty(); });
      if (queue.empty()) return;
      auto [request, sink] = std::move(queue.front());
      queue.pop_front();
      guard.unlock();
      sink->deliver(answer(request));
    }
  }

  std::string cookie_of(std::string_view name, std::string_view value, long max_age) const {
    std::string c = std::string(name) + "=" + std::string(value) +
                    "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age);
    if (options.secure_cookies) c += "; Secure";
    return c;
  }

  // ---- who is asking ----

  std::optional<signed_in> session(const http_request& r) {
    const auto token = cookie(r.header("cookie"), session_cookie);
    if (token.empty()) return std::nullopt;
    const auto hash = domain::sha256_hex(token);
    auto found = db.run([&](pqxx::connection& conn) -> std::optional<signed_in> {
      pqxx::work tx{conn};
      const auto s = storage::session_of(tx, hash, now_seconds(), options.session_idle.count());
      if (!s) return std::nullopt;
      auto who = storage::operator_by_id(tx, s->operator_id);
      tx.commit();
      if (!who) return std::nullopt;
      return signed_in{std::move(*who), s->csrf, hash};
    });
    return found ? *found : std::nullopt;
  }

  static bool form_token_matches(const http_request& r, const std::string& expected) {
    return same_secret(form_fields(r.raw_body)["csrf"], expected);
  }

  // ---- signing in and out ----

  // The sign-in form, its token kept in a cookie too (double submit: a form posted from another
  // site cannot carry it). A token the browser holds already is kept, so that a second tab or a
  // favicon's redirect does not void the first form.
  http_response login_form(std::string_view problem, unsigned status = 200,
                           std::string_view held = {}) {
    const bool usable =
        held.size() == 64 && held.find_first_not_of("0123456789abcdef") == std::string_view::npos;
    const auto token = usable ? std::string(held) : random_token();
    auto page = html(status, login_page(token, problem));
    page.headers.emplace_back("set-cookie", cookie_of(login_cookie, token, 3600));
    return page;
  }

  http_response login(const http_request& r) {
    auto fields = form_fields(r.raw_body);
    const auto expected = cookie(r.header("cookie"), login_cookie);
    if (expected.empty() || !same_secret(fields["csrf"], expected))
      return login_form("That form had expired. Please sign in again.", 403);
    std::string email = fields["email"];
    for (auto& c : email) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto now = now_seconds();
    using outcome = std::variant<http_response, signed_in>;
    auto result = db.run([&](pqxx::connection& conn) -> outcome {
      pqxx::work tx{conn};
      for (const auto& [kind, key] : {std::pair{"account", email}, std::pair{"address", r.peer}})
        if (const auto f = storage::failures_of(tx, kind, key); f.locked_until > now)
          return login_form("Too many failed attempts. Please try again in " +
                                std::to_string((f.locked_until - now + 59) / 60) + " minute(s).",
                            429);
      const auto who = storage::find_operator(tx, email);
      // A missing account costs the same time as a wrong password: no hint that it exists.
      static const std::string decoy = hash_password("decoy").value_or("");
      const bool right =
          password_matches(fields["password"], who ? who->password_hash : decoy) && who.has_value();
      if (!right) {
        for (const auto& [kind, key] :
             {std::pair{"account", email}, std::pair{"address", r.peer}}) {
          auto f = storage::failures_of(tx, kind, key);
          f.failures =
              domain::failures_in_run(f.failures, std::chrono::seconds{now - f.last_failure}) + 1;
          f.last_failure = now;
          f.locked_until = now + domain::refused_for(f.failures).count();
          storage::write_failures(tx, kind, key, f);
        }
        tx.commit();
        return login_form("That email and password do not match.", 401);
      }
      storage::forget_failures(tx, "account", email);
      signed_in s{*who, random_token(), ""};
      const auto token = random_token();
      s.token_hash = token;  // handed back to set the cookie; only its hash is stored
      storage::open_session(tx, domain::sha256_hex(token), who->id, s.csrf,
                            now + options.session_life.count());
      tx.commit();
      return s;
    });
    if (!result) return html(503, "<p>The console cannot reach its database. Try again soon.</p>");
    if (auto* page = std::get_if<http_response>(&*result)) return std::move(*page);
    const auto& s = std::get<signed_in>(*result);
    auto to = redirect("/calls");
    // A new token at every sign-in: a token planted before it is worth nothing after.
    to.headers.emplace_back("set-cookie",
                            cookie_of(session_cookie, s.token_hash, options.session_life.count()));
    to.headers.emplace_back("set-cookie", cookie_of(login_cookie, "", 0));
    return to;
  }

  http_response logout(const http_request& r, const signed_in& s) {
    if (!form_token_matches(r, s.csrf)) return html(403, not_found_page(nullptr));
    db.run([&](pqxx::connection& conn) {
      pqxx::work tx{conn};
      storage::close_session(tx, s.token_hash);
      tx.commit();
      return 0;
    });
    auto to = redirect("/");
    to.headers.emplace_back("set-cookie", cookie_of(session_cookie, "", 0));
    return to;
  }

  // ---- pages ----

  std::string open(const std::string& sealed, const std::string& id, std::string_view field) {
    if (!box || sealed.empty()) return {};
    return box->open(sealed, storage::call_context(id, field)).value_or("");
  }

  bool sees(const signed_in& s, const std::string& clinic) const {
    const auto& names = s.who.clinic_names;
    return std::find(names.begin(), names.end(), clinic) != names.end();
  }

  http_response calls(const http_request& r, const signed_in& s) {
    auto q = form_fields(r.query);
    call_filters f;
    f.day = q["day"];
    f.outcome = q["outcome"];
    f.practitioner = q["practitioner"];
    f.missed = q["missed"] == "1";
    f.diverges = q["diverges"] == "1";
    auto rows = db.run([&](pqxx::connection& conn) {
      pqxx::read_transaction tx{conn};
      auto zones = storage::clinic_zones(tx);
      if (f.day.empty() || !domain::parse_date(f.day)) {
        const auto zone =
            s.who.clinic_names.empty() ? std::string("UTC") : zones[s.who.clinic_names.front()];
        f.day = domain::format_date(domain::local_date(
            std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()), zone));
      }
      storage::call_filter filter;
      filter.since =
          date::sys_days{*domain::parse_date(f.day)}.time_since_epoch().count() * 86400 - 86400;
      filter.outcome = f.outcome;
      filter.missed_only = f.missed;
      filter.limit = 2000;
      std::vector<call_line> out;
      for (const auto& c : storage::list_calls(tx, filter)) {
        if (!sees(s, c.clinic)) continue;
        const auto zone = zones.count(c.clinic) ? zones[c.clinic] : "UTC";
        const auto at =
            domain::instant{std::chrono::seconds{c.started_at ? c.started_at : c.received_at}};
        if (domain::format_date(domain::local_date(at, zone)) != f.day) continue;
        const bool diverges = c.tool_errors || c.slow_tools || c.unserved_tools;
        if (f.diverges && !diverges) continue;
        const auto minutes = domain::local_minutes(at, zone).count();
        char time[8];
        std::snprintf(time, sizeof time, "%02d:%02d", static_cast<int>(minutes / 60),
                      static_cast<int>(minutes % 60));
        out.push_back(
            {c.conversation_id, time, c.clinic,
             domain::mask_phone(open(c.caller, c.conversation_id, "caller")),
             mm_ss(c.duration_secs), c.missed ? "missed (" + c.failure_reason + ")" : c.outcome,
             open(c.title, c.conversation_id, "title"), c.tool_calls, c.missed, diverges});
      }
      changes_of(tx, s, zones, out, f);
      std::sort(out.begin(), out.end(),
                [](const call_line& a, const call_line& b) { return a.time < b.time; });
      return out;
    });
    if (!rows) return html(503, "<p>The console cannot reach its database. Try again soon.</p>");
    return html(200, calls_page(s.view(), f, *rows));
  }

  // What each call booked, moved or cancelled (its conversation's booking intents that were
  // carried out), and the practitioners to filter by; calls not with `f.practitioner` dropped.
  static void changes_of(pqxx::transaction_base& tx, const signed_in& s,
                         std::map<std::string, std::string>& zones, std::vector<call_line>& calls,
                         call_filters& f) {
    f.practitioners = storage::practitioner_names(tx, s.who.clinic_ids);
    const std::map<std::string, std::string> names(f.practitioners.begin(), f.practitioners.end());
    std::vector<std::string> ids;
    ids.reserve(calls.size());
    for (const auto& c : calls) ids.push_back(c.id);
    std::map<std::string, std::vector<std::string>> with, changes;
    for (const auto& b : storage::changes_in(tx, ids)) {
      const auto when = domain::instant{std::chrono::seconds{b.starts_at}};
      const auto verb = b.kind == "book" ? "booked" : b.kind == "move" ? "moved to" : "cancelled";
      const auto name = names.find(b.practitioner_id);
      const auto zone = zones.count(b.clinic) ? zones[b.clinic] : std::string("UTC");
      auto local = domain::format_local(when, zone).substr(0, 16);  // "2026-08-04T14:00"
      local[10] = ' ';
      changes[b.session_id].push_back(std::string(verb) + " " +
                                      (name == names.end() ? "a practitioner" : name->second) +
                                      ", " + local);
      with[b.session_id].push_back(b.practitioner_id);
    }
    for (auto& c : calls) c.changes = changes[c.id];
    if (!f.practitioner.empty())
      std::erase_if(calls, [&](const call_line& c) {
        const auto& who = with[c.id];
        return std::find(who.begin(), who.end(), f.practitioner) == who.end();
      });
  }

  // `reveal`: the caller's number shown, and the showing recorded.
  http_response call(const std::string& id, const signed_in& s, bool reveal) {
    auto view = db.run([&](pqxx::connection& conn) -> std::optional<call_view> {
      pqxx::work tx{conn};
      const auto c = storage::find_call(tx, id);
      // Another clinic's call is not there at all, even by its address.
      if (!c || !sees(s, c->clinic)) return std::nullopt;
      if (reveal) storage::audit(tx, s.who, "revealed the caller's number", id);
      call_view v;
      v.id = id;
      v.clinic = c->clinic;
      v.started = c->started_at
                      ? domain::format_utc(domain::instant{std::chrono::seconds{c->started_at}})
                      : "-";
      v.length = mm_ss(c->duration_secs);
      v.outcome = c->missed ? "missed (" + c->failure_reason + ")" : c->outcome;
      v.title = open(c->title, id, "title");
      v.summary = open(c->summary, id, "summary");
      const auto number = open(c->caller, id, "caller");
      v.revealed = reveal;
      v.caller = reveal ? number : domain::mask_phone(number);
      const auto details = http::parse_json(open(c->details, id, "details")).value_or(json_value{});
      const auto agent = http::agent_tool_calls(details);
      const auto served = storage::served_in(tx, id);
      const auto report = domain::report_call(agent, served);
      timeline(details, report, v);
      for (const auto& b : storage::changes_in(tx, {id})) {
        const auto verb = b.kind == "book" ? "Booked" : b.kind == "move" ? "Moved to" : "Cancelled";
        auto local = domain::format_local(domain::instant{std::chrono::seconds{b.starts_at}},
                                          zone_named(tx, c->clinic))
                         .substr(0, 16);
        local[10] = ' ';
        v.changes.push_back(std::string(verb) + " " + local + " (Cliniko appointment " +
                            (b.appointment_id.empty() ? "not known" : b.appointment_id) + ")");
      }
      if (auto stored = storage::read_recording(tx, id); stored && box) {
        std::string why;
        const auto r = recording::open_recording(*stored, *box, &why);
        v.recorded = why.empty();
        if (v.recorded) v.steps = steps_of(r);
      }
      for (const auto& a : storage::audit_of(tx, id))
        v.audit.push_back(a.operator_email + " " + a.action + " at " +
                          domain::format_utc(domain::instant{std::chrono::seconds{a.at}}));
      tx.commit();
      return v;
    });
    if (!view) return html(503, "<p>The console cannot reach its database. Try again soon.</p>");
    const auto v = s.view();
    if (!*view) return html(404, not_found_page(&v));
    return html(200, call_page(v, **view));
  }

  static std::string zone_named(pqxx::transaction_base& tx, const std::string& clinic) {
    const auto zones = storage::clinic_zones(tx);
    const auto it = zones.find(clinic);
    return it == zones.end() ? "UTC" : it->second;
  }

  // The recording as a list of steps: each tool call, the session's questions and their
  // answers, and what it answered the agent.
  static std::vector<call_view::step> steps_of(const recording::recording& r) {
    std::vector<call_view::step> out;
    const auto shortened = [](std::string text) {
      if (text.size() > 600) text = text.substr(0, 600) + " …";
      return text;
    };
    for (const auto& e : r.entries) {
      const auto kind = recording::kind_of(e);
      const int call = recording::call_of(e);
      if (kind == "call") {
        const auto* request = e.find("request");
        const auto tool = request ? text_field(*request, "tool").value_or("") : std::string{};
        const auto* input = request ? request->find("input") : nullptr;
        out.push_back({call, "call", tool, input ? shortened(http::to_json(*input)) : ""});
      } else if (kind == "ask") {
        const auto* reply = e.find("reply");
        const auto* error = e.find("error");
        out.push_back({call, "ask",
                       "asked " + text_field(e, "to").value_or("") + ": " +
                           text_field(e, "what").value_or("") + (error ? " (failed)" : ""),
                       shortened(reply   ? http::to_json(*reply)
                                 : error ? http::to_json(*error)
                                         : std::string{})});
      } else if (kind == "answer") {
        const auto* answer = e.find("answer");
        const auto* body = answer ? answer->find("body") : nullptr;
        out.push_back({call, "answer",
                       "answered " + (answer ? text_field(*answer, "status").value_or("") : "") +
                           ": " + (body ? text_field(*body, "message").value_or("") : ""),
                       body ? shortened(http::to_json(*body)) : ""});
      }
    }
    return out;
  }

  // The first of the viewer's clinics' zone, in which "today" and the hours are read.
  static std::string zone_of(pqxx::transaction_base& tx, const signed_in& s) {
    const auto zones = storage::clinic_zones(tx);
    if (s.who.clinic_names.empty() || !zones.count(s.who.clinic_names.front())) return "UTC";
    return zones.at(s.who.clinic_names.front());
  }

  static std::string age(unix_seconds then, unix_seconds now) {
    if (then == 0) return "never";
    const auto s = now - then;
    if (s < 120) return std::to_string(s) + " s";
    if (s < 7200) return std::to_string(s / 60) + " min";
    return std::to_string(s / 3600) + " h";
  }

  int spooled() const {
    if (options.spool_dir.empty()) return -1;
    std::error_code ec;
    int n = 0;
    for (const auto& e : std::filesystem::directory_iterator{options.spool_dir, ec})
      if (e.is_regular_file()) ++n;
    return ec ? -1 : n;
  }

  http_response health(const http_request& r, const signed_in& s) {
    auto q = form_fields(r.query);
    const auto now = now_seconds();
    auto view = db.run([&](pqxx::connection& conn) {
      pqxx::read_transaction tx{conn};
      const auto zone = zone_of(tx, s);
      health_view h;
      const auto day = domain::parse_date(q["day"]).value_or(
          domain::local_date(domain::instant{std::chrono::seconds{now}}, zone));
      h.day = domain::format_date(day);
      const auto from =
          domain::seconds_of(domain::at_local_time(day, std::chrono::minutes{0}, zone));
      const auto to = domain::seconds_of(
          domain::at_local_time(domain::plus_days(day, 1), std::chrono::minutes{0}, zone));
      for (const auto& x : storage::sync_states(tx, s.who.clinic_ids))
        h.syncs.push_back({x.clinic,
                           x.last_success_at ? domain::format_utc(domain::instant{
                                                   std::chrono::seconds{x.last_success_at}})
                                             : "never",
                           age(x.last_success_at, now), x.last_error,
                           x.last_success_at == 0 || now - x.last_success_at > 3600});
      for (const auto& x : storage::tool_latency(tx, s.who.clinic_ids, from, to, zone))
        h.hours.push_back({x.hour, x.calls, x.failed, x.waited, x.p50_ms, x.p95_ms});
      h.budget_per_minute = options.cliniko_rate_limit;
      for (const auto& clinic : storage::active_clinics(tx)) {
        if (!sees(s, clinic.name) || !box) continue;
        const auto key = box->open(clinic.sealed_key, storage::key_context(clinic.id));
        if (!key) continue;
        health_view::budget b{clinic.name, {}};
        for (const auto& u : storage::cliniko_usage(tx, domain::sha256_hex(*key), from, to, zone))
          b.hours.push_back({u.hour, u.granted, u.busiest_minute});
        h.budgets.push_back(std::move(b));
      }
      for (const auto& e : storage::webhook_events(tx, s.who.clinic_ids, from, to))
        h.events.emplace_back(e.type, e.events);
      for (const auto& n : storage::list_nodes(tx, storage::node_gone_after.count())) {
        std::string leads;
        for (const auto& c : n.leads)
          if (sees(s, c)) leads += (leads.empty() ? "" : ", ") + c;
        h.nodes.push_back({n.name, n.address, n.draining ? "draining" : "serving", leads});
      }
      return h;
    });
    if (!view) return html(503, "<p>The console cannot reach its database. Try again soon.</p>");
    view->spooled = spooled();
    return html(200, health_page(s.view(), *view));
  }

  // The recorded conversation, when the viewer sees its clinic's call: read, opened.
  std::variant<recording::recording, std::string, std::nullptr_t> recorded(const std::string& id,
                                                                           const signed_in& s) {
    auto found =
        db.run([&](pqxx::connection& conn)
                   -> std::variant<storage::stored_recording, std::string, std::nullptr_t> {
          pqxx::read_transaction tx{conn};
          const auto c = storage::find_call(tx, id);
          if (!c || !sees(s, c->clinic)) return nullptr;
          auto r = storage::read_recording(tx, id);
          if (!r)
            return std::string(
                "no recording of this conversation is kept (or it is past its "
                "retention)");
          return std::move(*r);
        });
    if (!found) return std::string("the database cannot be reached");
    if (std::holds_alternative<std::nullptr_t>(*found)) return nullptr;
    if (auto* why = std::get_if<std::string>(&*found)) return *why;
    if (!box) return std::string("FRONTDESK_MASTER_KEY is needed to open recordings");
    std::string why;
    auto r = recording::open_recording(std::get<storage::stored_recording>(*found), *box, &why);
    if (!why.empty()) return why;
    return r;
  }

  http_response replay(const http_request& r, const std::string& id, const signed_in& s) {
    const auto v = s.view();
    auto got = recorded(id, s);
    if (std::holds_alternative<std::nullptr_t>(got)) return html(404, not_found_page(&v));
    replay_view view;
    view.id = id;
    if (auto* why = std::get_if<std::string>(&got)) {
      view.why_not = *why;
      return html(200, replay_page(v, view));
    }
    const auto& recording = std::get<recording::recording>(got);
    for (std::size_t i = 0; i < recording.entries.size(); ++i) {
      const auto& e = recording.entries[i];
      if (recording::kind_of(e) != "ask") continue;
      view.questions.emplace_back(static_cast<int>(i + 1),
                                  "call " + std::to_string(recording::call_of(e)) + ": " +
                                      text_field(e, "to").value_or("") + " asked " +
                                      text_field(e, "what").value_or(""));
    }
    replay::options o;
    if (r.method == "POST") {
      auto fields = form_fields(r.raw_body);
      view.at = std::atoi(fields["at"].c_str());
      view.answer = fields["answer"];
      const auto answer = http::parse_json(view.answer);
      if (view.at < 1 || !answer) {
        view.why_not = "the what-if needs an entry number and an answer in JSON";
        return html(400, replay_page(v, view));
      }
      o.at = view.at;
      o.answer = *answer;
    }
    const auto out = replay::run(recording, o);
    view.why_not = out.why_not;
    view.calls = recording::calls_in(recording);
    for (const auto& d : out.report) {
      replay_difference diff{d.call,     d.tool, std::string(recording::name_of(d.what)),
                             d.question, d.note, {}};
      for (const auto& f : d.changes) diff.fields.push_back({f.path, f.was, f.now});
      view.differences.push_back(std::move(diff));
    }
    return html(200, replay_page(v, view));
  }

  http_response export_recording(const std::string& id, const signed_in& s) {
    const auto v = s.view();
    auto got = recorded(id, s);
    if (std::holds_alternative<std::nullptr_t>(got)) return html(404, not_found_page(&v));
    if (auto* why = std::get_if<std::string>(&got))
      return html(404, "<p>" + escaped(*why) + "</p>");
    http_response file{
        200, recording::to_text(recording::pseudonymise(std::get<recording::recording>(got)))};
    file.content_type = "application/x-ndjson";
    file.headers.emplace_back("content-disposition",
                              "attachment; filename=\"" + id + "-pseudonymised.jsonl\"");
    return file;
  }

  static void timeline(const json_value& details, const domain::call_report& report, call_view& v) {
    std::vector<std::pair<std::int64_t, timeline_line>> lines;
    if (const auto* turns = details.find("transcript"); turns && turns->is<json_value::array>())
      for (const auto& t : turns->as<json_value::array>()) {
        const auto at = std::stoll(text_field(t, "t").value_or("0"));
        const auto role = text_field(t, "role").value_or("");
        lines.push_back({at,
                         {mm_ss(at), role == "user" ? "caller" : role,
                          text_field(t, "message").value_or(""), "", "", false}});
      }
    for (const auto& check : report.checks) {
      const auto& c = *check.agent;
      std::string note = std::to_string(c.latency_ms) + " ms at the agent";
      if (check.served)
        note += ", " + std::to_string(check.served->latency_ms) + " ms here, HTTP " +
                std::to_string(check.served->status);
      const bool problem = check.errored || check.slow || check.unserved;
      lines.push_back({c.time_in_call_secs,
                       {mm_ss(c.time_in_call_secs), "tool", c.tool_name + " " + c.params, c.result,
                        note, problem}});
      const auto where = c.tool_name + " at " + mm_ss(c.time_in_call_secs);
      if (check.errored) v.differences.push_back(where + ": the agent saw an error");
      if (check.slow) v.differences.push_back(where + ": slow (over 2 s at the agent)");
      if (check.unserved) v.differences.push_back(where + ": never reached frontdesk");
    }
    std::stable_sort(lines.begin(), lines.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [at, line] : lines) v.timeline.push_back(std::move(line));
  }

  http_response answer(const http_request& r) {
    if (r.path == "/console.css") {
      http_response css{200, std::string(stylesheet())};
      css.content_type = "text/css; charset=utf-8";
      return css;
    }
    const auto who = session(r);
    if (r.path == "/favicon.ico" || r.path == "/favicon.svg") {
      http_response icon{200, std::string(favicon())};
      icon.content_type = "image/svg+xml";
      return icon;
    }
    if (r.path == "/" && r.method == "GET")
      return who ? redirect("/calls")
                 : login_form("", 200, cookie(r.header("cookie"), login_cookie));
    if (r.path == "/login" && r.method == "POST") return login(r);
    if (!who) return r.method == "GET" ? redirect("/") : html(403, not_found_page(nullptr));
    if (r.path == "/logout" && r.method == "POST") return logout(r, *who);
    if (r.path == "/calls" && r.method == "GET") return calls(r, *who);
    if (r.path == "/health" && r.method == "GET") return health(r, *who);
    constexpr std::string_view prefix = "/calls/";
    if (r.path.starts_with(prefix) && r.path.ends_with("/replay")) {
      const auto id = r.path.substr(prefix.size(), r.path.size() - prefix.size() - 7);
      if (r.method == "POST" && !form_token_matches(r, who->csrf))
        return html(403, not_found_page(nullptr));
      return replay(r, id, *who);
    }
    if (r.path.starts_with(prefix) && r.path.ends_with("/export") && r.method == "GET")
      return export_recording(r.path.substr(prefix.size(), r.path.size() - prefix.size() - 7),
                              *who);
    if (r.path.starts_with(prefix)) {
      auto id = r.path.substr(prefix.size());
      const bool reveal = id.ends_with("/reveal");
      if (reveal) id.resize(id.size() - 7);
      const auto v = who->view();
      if (id.empty() || id.find('/') != std::string::npos) return html(404, not_found_page(&v));
      if (reveal && (r.method != "POST" || !form_token_matches(r, who->csrf)))
        return html(403, not_found_page(nullptr));
      if (!reveal && r.method != "GET") return html(404, not_found_page(&v));
      return call(id, *who, reveal);
    }
    auto v = who->view();
    return html(404, not_found_page(&v));
  }
};

console::console(console_options options) : impl_(std::make_unique<impl>(std::move(options))) {}
console::~console() = default;

http::router console::routes() {
  using http::access;
  std::vector<http::route> all;
  for (const char* method : {"GET", "POST"})
    all.push_back({method, "/*", access::open, false, std::size_t{16} * 1024});
  return http::router{std::move(all)};
}

void console::handle(http_request request, reply_sink_ptr sink) {
  {
    std::lock_guard guard{impl_->lock};
    impl_->queue.emplace_back(std::move(request), std::move(sink));
  }
  impl_->wake.notify_one();
}

}  // namespace frontdesk::console
