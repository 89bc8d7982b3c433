#include "console/pages.hpp"

#include <algorithm>

#include "console/web.hpp"

namespace frontdesk::console {
namespace {

std::string header(const viewer* v) {
  std::string out = R"(<header><a class="brand" href="/calls">frontdesk</a>)";
  if (v) {
    out +=
        R"(<nav aria-label="Main"><a href="/calls">Calls</a> <a href="/health">Clinic health</a></nav>)";
    out += R"(<form class="logout" method="post" action="/logout"><span>)" + escaped(v->email) +
           R"(</span><input type="hidden" name="csrf" value=")" + escaped(v->csrf) +
           R"("><button type="submit">Sign out</button></form>)";
  }
  return out + "</header>";
}

std::string layout(const viewer* v, std::string_view title, std::string_view body) {
  return R"(<!doctype html><html lang="en"><head><meta charset="utf-8">)"
         R"(<meta name="viewport" content="width=device-width, initial-scale=1">)"
         "<title>" +
         escaped(title) +
         R"( · frontdesk</title><link rel="icon" href="/favicon.svg" type="image/svg+xml">)"
         R"(<link rel="stylesheet" href="/console.css"></head><body>)" +
         header(v) + "<main>" + std::string(body) + "</main></body></html>";
}

std::string option(std::string_view value, std::string_view label, std::string_view chosen) {
  return "<option value=\"" + escaped(value) + "\"" + (value == chosen ? " selected" : "") + ">" +
         escaped(label) + "</option>";
}

std::string checkbox(std::string_view name, std::string_view label, bool on) {
  return "<label><input type=\"checkbox\" name=\"" + std::string(name) + "\" value=\"1\"" +
         (on ? " checked" : "") + "> " + std::string(label) + "</label>";
}

std::string practitioner_select(const call_filters& f) {
  std::string select = R"(<label for="practitioner">Practitioner</label>)"
                       R"(<select id="practitioner" name="practitioner">)" +
                       option("", "any", f.practitioner);
  for (const auto& [id, name] : f.practitioners) select += option(id, name, f.practitioner);
  return select + "</select>";
}

// The missed calls, to be called back.
std::string missed_calls(const std::vector<call_line>& calls) {
  std::string items;
  for (const auto& c : calls)
    if (c.missed)
      items += "<li>" + escaped(c.time) + " · " + escaped(c.clinic) + " · " +
               escaped(c.caller.empty() ? "number withheld" : c.caller) + R"( · <a href="/calls/)" +
               escaped(c.id) + R"(">the call</a></li>)";
  if (items.empty()) return {};
  return R"(<section aria-labelledby="back"><h2 id="back">Missed calls to return</h2><ul>)" +
         items + "</ul></section>";
}

std::string changes_cell(const call_line& c) {
  std::string done;
  for (const auto& x : c.changes) done += (done.empty() ? "" : "<br>") + escaped(x);
  return done.empty() ? std::string("-") : done;
}

}  // namespace

std::string login_page(std::string_view login_token, std::string_view problem) {
  std::string body = R"(<h1>Sign in</h1>)";
  if (!problem.empty()) body += R"(<p class="problem" role="alert">)" + escaped(problem) + "</p>";
  body += R"(<form method="post" action="/login" class="login">)"
          R"(<input type="hidden" name="csrf" value=")" +
          escaped(login_token) +
          R"(">)"
          R"(<label for="email">Email</label>)"
          R"(<input id="email" name="email" type="email" autocomplete="username" required>)"
          R"(<label for="password">Password</label>)"
          R"(<input id="password" name="password" type="password" )"
          R"(autocomplete="current-password" required>)"
          R"(<button type="submit">Sign in</button></form>)";
  return layout(nullptr, "Sign in", body);
}

std::string calls_page(const viewer& v, const call_filters& f,
                       const std::vector<call_line>& calls) {
  std::string body = "<h1>Calls on " + escaped(f.day) + "</h1>";
  body += R"(<form method="get" action="/calls" class="filters" aria-label="Filters">)"
          R"(<label for="day">Day</label><input id="day" name="day" type="date" value=")" +
          escaped(f.day) +
          R"(">)"
          R"(<label for="outcome">Outcome</label><select id="outcome" name="outcome">)" +
          option("", "any", f.outcome) + option("success", "success", f.outcome) +
          option("failure", "failure", f.outcome) + option("unknown", "unknown", f.outcome) +
          "</select>" + practitioner_select(f) + checkbox("missed", "missed only", f.missed) +
          checkbox("diverges", "diverges only", f.diverges) +
          R"(<button type="submit">Show</button></form>)";
  if (calls.empty()) return layout(&v, "Calls", body + R"(<p class="empty">No calls.</p>)");
  body += missed_calls(calls);
  body += R"(<table class="calls"><caption>)" + std::to_string(calls.size()) +
          R"( calls</caption><thead><tr><th scope="col">Time</th><th scope="col">Clinic</th>)"
          R"(<th scope="col">Caller</th><th scope="col">Length</th><th scope="col">Outcome</th>)"
          R"(<th scope="col">What happened</th><th scope="col">Booked, moved or cancelled</th>)"
          R"(<th scope="col">Tools</th></tr></thead><tbody>)";
  for (const auto& c : calls) {
    body += "<tr" + std::string(c.missed ? R"( class="missed")" : "") + "><td>" + escaped(c.time) +
            "</td><td>" + escaped(c.clinic) + "</td><td>" + escaped(c.caller) + "</td><td>" +
            escaped(c.length) + "</td><td>" + escaped(c.outcome) +
            (c.diverges ? R"( <span class="flag">diverges</span>)" : "") +
            R"(</td><td><a href="/calls/)" + escaped(c.id) + R"(">)" +
            escaped(c.title.empty() ? c.id : c.title) + "</a></td><td>" + changes_cell(c) +
            "</td><td>" + std::to_string(c.tools) + "</td></tr>";
  }
  body += "</tbody></table>";
  return layout(&v, "Calls", body);
}

std::string call_page(const viewer& v, const call_view& c) {
  std::string body = "<h1>" + escaped(c.title.empty() ? "Call " + c.id : c.title) + "</h1>";
  body += R"(<dl class="facts"><dt>Clinic</dt><dd>)" + escaped(c.clinic) +
          "</dd><dt>Started</dt><dd>" + escaped(c.started) + "</dd><dt>Length</dt><dd>" +
          escaped(c.length) + "</dd><dt>Outcome</dt><dd>" + escaped(c.outcome) +
          "</dd><dt>Caller</dt><dd>" + escaped(c.caller.empty() ? "unknown" : c.caller);
  if (!c.revealed && !c.caller.empty())
    body += R"( <form method="post" action="/calls/)" + escaped(c.id) +
            R"(/reveal" class="inline"><input type="hidden" name="csrf" value=")" +
            escaped(v.csrf) +
            R"("><button type="submit">Show the number</button></form>)"
            R"( <small>(recorded with your name)</small>)";
  body += "</dd><dt>Conversation</dt><dd><code>" + escaped(c.id) + "</code></dd></dl>";
  if (!c.summary.empty()) body += "<p class=\"summary\">" + escaped(c.summary) + "</p>";
  if (!c.changes.empty()) {
    body +=
        R"(<section aria-labelledby="changes"><h2 id="changes">Booked, moved or cancelled</h2><ul>)";
    for (const auto& x : c.changes) body += "<li>" + escaped(x) + "</li>";
    body += "</ul></section>";
  }
  if (!c.differences.empty()) {
    body +=
        R"(<section aria-labelledby="diff"><h2 id="diff">Where the agent's view and ours differ</h2><ul>)";
    for (const auto& d : c.differences) body += "<li>" + escaped(d) + "</li>";
    body += "</ul></section>";
  }
  body += R"(<section aria-labelledby="timeline"><h2 id="timeline">What was said and done</h2>)"
          R"(<ol class="timeline">)";
  for (const auto& t : c.timeline) {
    body += R"(<li class=")" + escaped(t.who) + (t.problem ? " problem" : "") +
            R"("><span class="at">)" + escaped(t.at) + R"(</span> <span class="who">)" +
            escaped(t.who) + "</span> <span class=\"text\">" + escaped(t.text) + "</span>";
    if (!t.answer.empty())
      body += R"(<details><summary>frontdesk answered</summary><pre>)" + escaped(t.answer) +
              "</pre></details>";
    if (!t.note.empty()) body += R"( <span class="note">)" + escaped(t.note) + "</span>";
    body += "</li>";
  }
  body += "</ol></section>";
  body += R"(<section aria-labelledby="inside"><h2 id="inside">What frontdesk did</h2>)";
  if (!c.recorded) {
    body +=
        "<p>No recording of this conversation is kept (sessions not recorded, or past their "
        "retention).</p>";
  } else {
    body += R"(<ol class="steps">)";
    for (const auto& st : c.steps) {
      body += R"(<li class=")" + escaped(st.kind) + R"("><span class="at">call )" +
              std::to_string(st.call) + "</span> " + escaped(st.text);
      if (!st.detail.empty())
        body +=
            "<details><summary>details</summary><pre>" + escaped(st.detail) + "</pre></details>";
      body += "</li>";
    }
    body += "</ol>";
  }
  body += R"(<p><a href="/calls/)" + escaped(c.id) +
          R"(/replay">Replay this call on today's build</a></p></section>)";
  if (!c.audit.empty()) {
    body += R"(<section aria-labelledby="audit"><h2 id="audit">Who saw the number</h2><ul>)";
    for (const auto& a : c.audit) body += "<li>" + escaped(a) + "</li>";
    body += "</ul></section>";
  }
  return layout(&v, c.title.empty() ? "Call" : c.title, body);
}

std::string replay_page(const viewer& v, const replay_view& r) {
  std::string body = "<h1>Replay of " + escaped(r.title.empty() ? r.id : r.title) + "</h1>";
  body += R"(<p><a href="/calls/)" + escaped(r.id) + R"(">Back to the call</a> · )" +
          R"(<a href="/calls/)" + escaped(r.id) +
          R"(/export" download>Download the recording, pseudonymised</a></p>)";
  if (!r.why_not.empty()) {
    body += R"(<p class="verdict" role="status">Cannot replay: )" + escaped(r.why_not) + "</p>";
    return layout(&v, "Replay", body);
  }
  body += "<p>The " + std::to_string(r.calls) +
          " tool calls of this conversation, run again on the build serving this page, each "
          "collaborator answering as recorded";
  if (r.at > 0)
    body += ", except entry " + std::to_string(r.at) + ", answered <code>" + escaped(r.answer) +
            "</code>";
  body += ".</p>";
  if (r.differences.empty()) {
    body += R"(<p class="verdict same" role="status">no divergence</p>)";
  } else {
    body += R"(<p class="verdict differs" role="status">)" + std::to_string(r.differences.size()) +
            " divergence(s)</p>";
    for (const auto& d : r.differences) {
      body += "<section><h2>Call " + std::to_string(d.call) + " · " + escaped(d.tool) + " · " +
              escaped(d.kind) + (d.question.empty() ? "" : " · " + escaped(d.question)) + "</h2>";
      if (!d.note.empty()) body += "<p>" + escaped(d.note) + "</p>";
      if (!d.fields.empty()) {
        body += R"(<table><thead><tr><th scope="col">Field</th><th scope="col">Recorded</th>)"
                R"(<th scope="col">Today</th></tr></thead><tbody>)";
        for (const auto& f : d.fields)
          body += "<tr><td><code>" + escaped(f.path) + "</code></td><td>" + escaped(f.was) +
                  "</td><td>" + escaped(f.now) + "</td></tr>";
        body += "</tbody></table>";
      }
      body += "</section>";
    }
  }
  body += R"(<section aria-labelledby="whatif"><h2 id="whatif">What if</h2>)"
          R"(<form method="post" action="/calls/)" +
          escaped(r.id) + R"(/replay"><input type="hidden" name="csrf" value=")" + escaped(v.csrf) +
          R"("><label for="at">The question</label><select id="at" name="at">)" +
          [&] {
            std::string options;
            for (const auto& [entry, what] : r.questions)
              options += "<option value=\"" + std::to_string(entry) + "\"" +
                         (entry == r.at ? " selected" : "") + ">" + escaped(what) + "</option>";
            return options;
          }() +
          R"(</select><label for="answer">answered instead (JSON)</label>)"
          R"(<textarea id="answer" name="answer" rows="3" required>)" +
          escaped(r.answer.empty() ? R"({"error": {"code": "cliniko_unavailable"}})" : r.answer) +
          R"(</textarea><button type="submit">Run again</button></form></section>)";
  return layout(&v, "Replay", body);
}

std::string hourly_chart(std::string_view id, std::string_view title,
                         const std::vector<chart_bar>& bars, std::string_view unit) {
  double top = 1;
  for (const auto& b : bars) top = std::max({top, b.value, b.tick});
  constexpr int width = 720, height = 180, bar = 24, left = 40;
  const auto y = [&](double v) { return height - 20 - static_cast<int>((height - 30) * v / top); };
  std::string svg = R"(<svg class="chart" viewBox="0 0 )" + std::to_string(width) + " " +
                    std::to_string(height) + R"(" role="img" aria-labelledby=")" + std::string(id) +
                    R"("><title id=")" + std::string(id) + R"(">)" + escaped(title) + "</title>";
  svg += "<text x=\"0\" y=\"12\" class=\"axis\">" + std::to_string(static_cast<int>(top)) + " " +
         escaped(unit) + "</text>";
  for (const auto& b : bars) {
    const int x = left + b.hour * (bar + 4);
    svg += "<rect x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(y(b.value)) +
           "\" width=\"" + std::to_string(bar) + "\" height=\"" +
           std::to_string(height - 20 - y(b.value)) + "\" class=\"bar\"><title>" +
           escaped(b.label) + "</title></rect>";
    if (b.tick > 0)
      svg += "<line x1=\"" + std::to_string(x) + "\" x2=\"" + std::to_string(x + bar) + "\" y1=\"" +
             std::to_string(y(b.tick)) + "\" y2=\"" + std::to_string(y(b.tick)) +
             "\" class=\"tick\"/>";
  }
  for (int hour = 0; hour < 24; hour += 3)
    svg += "<text x=\"" + std::to_string(left + hour * (bar + 4)) + "\" y=\"" +
           std::to_string(height - 4) + "\" class=\"axis\">" + std::to_string(hour) + ":00</text>";
  return svg + "</svg>";
}

std::string health_page(const viewer& v, const health_view& h) {
  std::string body = "<h1>Clinic health on " + escaped(h.day) + "</h1>";
  body += R"(<section aria-labelledby="sync"><h2 id="sync">Sync with Cliniko</h2><table>)"
          R"(<thead><tr><th scope="col">Clinic</th><th scope="col">Last synced</th>)"
          R"(<th scope="col">Age</th><th scope="col">Last error</th></tr></thead><tbody>)";
  for (const auto& s : h.syncs)
    body += std::string("<tr") + (s.stale ? R"( class="missed")" : "") + "><td>" +
            escaped(s.clinic) + "</td><td>" + escaped(s.synced) + "</td><td>" + escaped(s.age) +
            "</td><td>" + escaped(s.error.empty() ? "-" : s.error) + "</td></tr>";
  body += "</tbody></table></section>";
  int calls = 0, failed = 0, waited = 0;
  for (const auto& x : h.hours) calls += x.calls, failed += x.failed, waited += x.waited;
  body += R"(<section aria-labelledby="latency"><h2 id="latency">Tool calls over the day</h2>)"
          "<p>" +
          std::to_string(calls) + " tool calls answered, " + std::to_string(failed) +
          " of them with a failure; " + std::to_string(waited) + " (" +
          std::to_string(calls ? 100 * waited / calls : 0) +
          " %) waited on Cliniko, the others were answered from the local copy and cache.</p>";
  body += h.hours.empty() ? "<p class=\"empty\">No tool calls that day.</p>" : [&] {
    std::vector<chart_bar> bars;
    for (const auto& x : h.hours)
      bars.push_back({x.hour, x.p50_ms, x.p95_ms,
                      std::to_string(x.hour) + ":00, " + std::to_string(x.calls) +
                          " calls, median " + std::to_string(static_cast<int>(x.p50_ms)) +
                          " ms, 95th percentile " + std::to_string(static_cast<int>(x.p95_ms)) +
                          " ms"});
    return hourly_chart("latency-chart", "Tool latency by hour: median bars, 95th percentile ticks",
                        bars, "ms");
  }();
  body += "</section>";
  body += R"(<section aria-labelledby="budget"><h2 id="budget">Cliniko requests</h2>)";
  for (const auto& b : h.budgets) {
    int total = 0, busiest = 0;
    std::vector<chart_bar> bars;
    for (const auto& x : b.hours) {
      total += x.granted, busiest = std::max(busiest, x.busiest_minute);
      bars.push_back({x.hour, static_cast<double>(x.granted), 0,
                      std::to_string(x.hour) + ":00, " + std::to_string(x.granted) +
                          " requests, at most " + std::to_string(x.busiest_minute) +
                          " in one minute"});
    }
    body += "<h3>" + escaped(b.clinic) + "</h3><p>" + std::to_string(total) +
            " requests to Cliniko that day; the busiest minute used " + std::to_string(busiest) +
            " of the " + std::to_string(h.budget_per_minute) + " a minute the key allows.</p>";
    if (!bars.empty())
      body += hourly_chart("budget-" + std::to_string(&b - h.budgets.data()),
                           "Cliniko requests by hour for " + b.clinic, bars, "requests");
  }
  if (h.budgets.empty()) body += "<p class=\"empty\">No Cliniko key could be opened here.</p>";
  body += "</section>";
  body += R"(<section aria-labelledby="events"><h2 id="events">Post-call events</h2><ul>)";
  for (const auto& [type, n] : h.events)
    body += "<li>" + escaped(type) + ": " + std::to_string(n) + "</li>";
  if (h.events.empty()) body += "<li>none that day</li>";
  body += "</ul>";
  if (h.spooled >= 0)
    body += "<p>Waiting in this node's spool for PostgreSQL: " + std::to_string(h.spooled) + "</p>";
  body += "</section>";
  body += R"(<section aria-labelledby="nodes"><h2 id="nodes">Nodes</h2><table><thead><tr>)"
          R"(<th scope="col">Node</th><th scope="col">Address</th><th scope="col">State</th>)"
          R"(<th scope="col">Leads</th></tr></thead><tbody>)";
  for (const auto& n : h.nodes)
    body += "<tr><td>" + escaped(n.name) + "</td><td>" + escaped(n.address) + "</td><td>" +
            escaped(n.state) + "</td><td>" + escaped(n.leads.empty() ? "-" : n.leads) +
            "</td></tr>";
  body += "</tbody></table></section>";
  return layout(&v, "Clinic health", body);
}

std::string not_found_page(const viewer* v) {
  return layout(
      v, "Not found",
      R"(<h1>Not found</h1><p>There is nothing here. <a href="/calls">Back to the calls</a></p>)");
}

std::string_view favicon() {
  return R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">)"
         R"(<rect width="16" height="16" rx="3" fill="#1d3557"/>)"
         R"(<path d="M4 4h8v2H6v2h5v2H6v2H4z" fill="#fff"/></svg>)";
}

std::string_view stylesheet() {
  return R"(body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1d2330;background:#f7f8fa}
header{display:flex;gap:1.5rem;align-items:center;padding:.6rem 1.5rem;background:#1d3557;color:#fff}
header a{color:#fff}.brand{font-weight:700;text-decoration:none}
.logout{margin-left:auto;display:flex;gap:.6rem;align-items:center}
main{max-width:70rem;margin:1.5rem auto;padding:0 1.5rem}
.login{display:grid;gap:.4rem;max-width:22rem}
.problem{color:#9b1c1c;font-weight:600}
.filters{display:flex;flex-wrap:wrap;gap:.6rem;align-items:center;margin-bottom:1rem}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #dde1e8}
tr.missed td{background:#fff4e5}.flag{color:#9b1c1c;font-size:.85em}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}
.timeline{list-style:none;padding:0}.timeline li{padding:.4rem 0;border-bottom:1px solid #eee}
.timeline .who{font-weight:600;min-width:4rem;display:inline-block}
.timeline .tool{background:#eef3fb}.timeline li.problem{background:#fdecec;color:inherit;font-weight:normal}
.at,.note{color:#5a6272;font-size:.9em}
.steps{list-style:none;padding:0}.steps li{padding:.25rem 0}.steps li.call{margin-top:.6rem;font-weight:600}
.steps li.ask,.steps li.answer{padding-left:1.5rem}.inline{display:inline}
pre{white-space:pre-wrap;font-size:.85em}
.verdict{font-size:1.2em;font-weight:700}.same{color:#1b6e3a}.differs{color:#9b1c1c}
textarea{width:100%;font-family:monospace}
.chart{width:100%;max-width:48rem;background:#fff}.chart .bar{fill:#457b9d}
.chart .tick{stroke:#e63946;stroke-width:2}.chart .axis{font-size:10px;fill:#5a6272}
:focus{outline:3px solid #f4a261;outline-offset:2px}
)";
}

}  // namespace frontdesk::console
