#pragma once

#include <string>
#include <string_view>
#include <vector>

// The console's pages, rendered by the server as plain HTML: readable without JavaScript, with
// labels and landmarks a screen reader follows.
namespace frontdesk::console {

/// Who is looking, for the header and the forms (the token every form carries).
struct viewer {
  std::string email;
  std::string csrf;
};

std::string login_page(std::string_view login_token, std::string_view problem = {});

/// One call in the day's list.
struct call_line {
  std::string id;
  std::string time;  // local to the clinic, "09:41"
  std::string clinic;
  std::string caller;  // masked
  std::string length;  // "3:05"
  std::string outcome;
  std::string title;
  int tools = 0;
  bool missed = false;
  bool diverges = false;  // the agent saw an error, a slow tool, or one that never reached us
  /// What the call booked, moved or cancelled ("booked Dr Sarah Chen, 8 Dec 10:00").
  std::vector<std::string> changes;
};

struct call_filters {
  std::string day;  // YYYY-MM-DD
  std::string outcome;
  std::string practitioner;  // an id; "" any
  /// The practitioners to filter by: id and name.
  std::vector<std::pair<std::string, std::string>> practitioners;
  bool missed = false;
  bool diverges = false;
};

std::string calls_page(const viewer& v, const call_filters& f, const std::vector<call_line>& calls);

/// One line of a call's timeline: what the caller or the agent said, or a tool call with what
/// frontdesk answered.
struct timeline_line {
  std::string at;      // "01:12" into the call
  std::string who;     // "caller", "agent", "tool"
  std::string text;    // what was said, or the tool and its parameters
  std::string answer;  // a tool's answer as the agent saw it
  std::string note;    // "812 ms at the agent, 35 ms here, HTTP 200"
  bool problem = false;
};

struct call_view {
  std::string id, clinic, started, length, outcome, title, summary;
  std::string caller;  // masked, or revealed
  bool revealed = false;
  std::vector<timeline_line> timeline;
  std::vector<std::string> differences;  // between the agent's view and ours
  std::vector<std::string> audit;        // who revealed the number, when
  /// What the call booked, moved or cancelled, with Cliniko's appointment reference.
  std::vector<std::string> changes;
  /// frontdesk's own record of the call (its recording): each tool call, what the session asked
  /// its collaborators and what came back, and what it answered.
  struct step {
    int call = 0;
    std::string kind;  // "call", "ask", "answer"
    std::string text;
    std::string detail;
  };
  std::vector<step> steps;
  bool recorded = false;
};

std::string call_page(const viewer& v, const call_view& c);

/// One answer or question of the replay that is not as recorded, field by field.
struct replay_difference {
  int call = 0;
  std::string tool, kind, question, note;
  struct field {
    std::string path, was, now;
  };
  std::vector<field> fields;
};

struct replay_view {
  std::string id, title;
  std::string why_not;  // the recording cannot be replayed (or there is none)
  int calls = 0;
  int at = 0;          // the what-if's entry, 0 for a plain replay
  std::string answer;  // the what-if's outcome given instead (JSON)
  /// The recorded questions a what-if can answer otherwise: entry number, and what it asked.
  std::vector<std::pair<int, std::string>> questions;
  std::vector<replay_difference> differences;
};

std::string replay_page(const viewer& v, const replay_view& r);

/// The clinics' health on one day.
struct health_view {
  std::string day;
  struct sync_line {
    std::string clinic, synced, age, error;
    bool stale = false;
  };
  std::vector<sync_line> syncs;
  struct hour {
    int hour = 0, calls = 0, failed = 0, waited = 0;
    double p50_ms = 0, p95_ms = 0;
  };
  std::vector<hour> hours;                          // tool latency over the day
  std::vector<std::pair<std::string, int>> events;  // webhook events by type
  int spooled = -1;  // events waiting in this node's spool (-1: not known here)
  struct node_line {
    std::string name, address, state, leads;
  };
  std::vector<node_line> nodes;
  /// Cliniko requests granted per hour against each clinic's key, and the key's budget.
  struct usage {
    int hour = 0, granted = 0, busiest_minute = 0;
  };
  struct budget {
    std::string clinic;
    std::vector<usage> hours;
  };
  std::vector<budget> budgets;
  int budget_per_minute = 0;
};

std::string health_page(const viewer& v, const health_view& h);

/// One hour's bar in a chart, an optional tick above it, and what a screen reader says of it.
struct chart_bar {
  int hour = 0;
  double value = 0;
  double tick = 0;  // 0: none
  std::string label;
};

/// A day by the hour as an SVG drawn by the server (no script), titled for a screen reader.
std::string hourly_chart(std::string_view id, std::string_view title,
                         const std::vector<chart_bar>& bars, std::string_view unit);

std::string not_found_page(const viewer* v);

/// The stylesheet every page links to: shipped with frontdesk, no outside CDN.
std::string_view stylesheet();

/// The console's icon (SVG).
std::string_view favicon();

}  // namespace frontdesk::console
