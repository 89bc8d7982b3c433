#include "recording/compare.hpp"

#include <algorithm>

#include "http/json.hpp"

namespace frontdesk::recording {
namespace {

using object = json_value::object;
using array = json_value::array;

void diff_into(const json_value& was, const json_value& now, const std::string& path,
               std::vector<field_change>& out);

void diff_objects(const object& was, const object& now, const std::string& path,
                  std::vector<field_change>& out) {
  const auto find = [](const object& o, const std::string& key) -> const json_value* {
    for (const auto& [k, v] : o)
      if (k == key) return &v;
    return nullptr;
  };
  const auto at = [&](const std::string& key) { return std::string(path).append(".").append(key); };
  for (const auto& [key, value] : was) {
    const auto* other = find(now, key);
    if (other) {
      diff_into(value, *other, at(key), out);
    } else {
      out.push_back({at(key), http::to_json(value), ""});
    }
  }
  for (const auto& [key, value] : now)
    if (!find(was, key)) out.push_back({at(key), "", http::to_json(value)});
}

void diff_arrays(const array& was, const array& now, const std::string& path,
                 std::vector<field_change>& out) {
  const auto common = std::min(was.size(), now.size());
  for (std::size_t i = 0; i < common; ++i)
    diff_into(was[i], now[i], path + "[" + std::to_string(i) + "]", out);
  for (std::size_t i = common; i < was.size(); ++i)
    out.push_back({path + "[" + std::to_string(i) + "]", http::to_json(was[i]), ""});
  for (std::size_t i = common; i < now.size(); ++i)
    out.push_back({path + "[" + std::to_string(i) + "]", "", http::to_json(now[i])});
}

void diff_into(const json_value& was, const json_value& now, const std::string& path,
               std::vector<field_change>& out) {
  if (was.is_object() && now.is_object())
    return diff_objects(was.as<object>(), now.as<object>(), path, out);
  if (was.is<array>() && now.is<array>())
    return diff_arrays(was.as<array>(), now.as<array>(), path, out);
  auto a = http::to_json(was);
  auto b = http::to_json(now);
  if (a != b) out.push_back({path, std::move(a), std::move(b)});
}

/// One tool call of a recording: its tool, its questions in order, its answer.
struct call_view {
  std::string tool;
  std::vector<const json_value*> asks;
  const json_value* answer = nullptr;
};

std::vector<call_view> calls_of(const recording& r) {
  std::vector<call_view> calls;
  for (const auto& e : r.entries) {
    const auto kind = kind_of(e);
    if (kind == "call") {
      auto& c = calls.emplace_back();
      if (const auto* request = e.find("request"))
        c.tool = text_field(*request, "tool").value_or("");
      continue;
    }
    const auto n = call_of(e);
    if (n < 1 || n > static_cast<int>(calls.size())) continue;
    if (kind == "ask") calls[n - 1].asks.push_back(&e);
    if (kind == "answer") calls[n - 1].answer = &e;
  }
  return calls;
}

std::string question_name(const json_value& ask) {
  return text_field(ask, "to").value_or("") + "." + text_field(ask, "what").value_or("");
}

const json_value& member(const json_value& v, std::string_view key) {
  static const json_value none;
  const auto* m = v.find(key);
  return m ? *m : none;
}

// Questions are paired by kind, in order (as Temporal pairs commands); a pair whose payloads
// differ is changed, a pair out of the recorded order is reordered.
void compare_questions(int n, const call_view& was, const call_view& now,
                       std::vector<divergence>& out) {
  std::vector<bool> used(was.asks.size(), false);
  std::size_t last_matched = 0;
  bool any_matched = false;
  for (const auto* ask : now.asks) {
    const auto name = question_name(*ask);
    std::size_t i = 0;
    while (i < was.asks.size() && (used[i] || question_name(*was.asks[i]) != name)) ++i;
    if (i == was.asks.size()) {
      out.push_back({divergence::kind::question_added, n, now.tool, name,
                     json_diff(json_value{}, member(*ask, "question")),
                     text_field(*ask, "replayed").value_or("")});
      continue;
    }
    used[i] = true;
    if (any_matched && i < last_matched)
      out.push_back({divergence::kind::question_reordered, n, now.tool, name, {}, {}});
    last_matched = i;
    any_matched = true;
    auto changes = json_diff(member(*was.asks[i], "question"), member(*ask, "question"));
    if (!changes.empty())
      out.push_back(
          {divergence::kind::question_changed, n, now.tool, name, std::move(changes), {}});
  }
  for (std::size_t i = 0; i < was.asks.size(); ++i)
    if (!used[i])
      out.push_back(
          {divergence::kind::question_dropped, n, was.tool, question_name(*was.asks[i]), {}, {}});
}

void compare_answers(int n, const call_view& was, const call_view& now,
                     std::vector<divergence>& out) {
  if (!was.answer) return;  // the recording ends before it: nothing to compare with
  if (!now.answer) {
    out.push_back({divergence::kind::call_unanswered, n, was.tool, {}, {}, {}});
    return;
  }
  auto changes = json_diff(member(*was.answer, "answer"), member(*now.answer, "answer"));
  if (!changes.empty())
    out.push_back({divergence::kind::answer, n, was.tool, {}, std::move(changes), {}});
}

}  // namespace

std::vector<field_change> json_diff(const json_value& was, const json_value& now) {
  std::vector<field_change> out;
  diff_into(was, now, "$", out);
  return out;
}

std::string_view name_of(divergence::kind k) {
  switch (k) {
    case divergence::kind::answer:
      return "answer differs";
    case divergence::kind::question_changed:
      return "question changed";
    case divergence::kind::question_added:
      return "question added";
    case divergence::kind::question_dropped:
      return "question dropped";
    case divergence::kind::question_reordered:
      return "question reordered";
    case divergence::kind::call_unanswered:
      return "no answer";
  }
  return "";
}

std::vector<divergence> compare(const recording& recorded, const recording& today) {
  const auto was = calls_of(recorded);
  const auto now = calls_of(today);
  std::vector<divergence> out;
  for (std::size_t i = 0; i < was.size(); ++i) {
    const auto n = static_cast<int>(i + 1);
    const call_view none{was[i].tool, {}, nullptr};
    const auto& replayed = i < now.size() ? now[i] : none;
    compare_questions(n, was[i], replayed, out);
    compare_answers(n, was[i], replayed, out);
  }
  return out;
}

bool answers_differ(const std::vector<divergence>& report) {
  return std::any_of(report.begin(), report.end(), [](const divergence& d) {
    return d.what == divergence::kind::answer || d.what == divergence::kind::call_unanswered;
  });
}

std::string report_text(const std::vector<divergence>& report) {
  if (report.empty()) return "no divergence: every answer and every question is as recorded\n";
  std::string out;
  for (const auto& d : report) {
    out.append("call ").append(std::to_string(d.call)).append(" ").append(d.tool).append(": ");
    out.append(name_of(d.what));
    if (!d.question.empty()) out.append(" (").append(d.question).append(")");
    if (!d.note.empty()) out.append(": ").append(d.note);
    out += '\n';
    for (const auto& c : d.changes) {
      out.append("    ").append(c.path).append(": ");
      out.append(c.was.empty() ? "(absent)" : c.was).append(" -> ");
      out.append(c.now.empty() ? "(absent)" : c.now).append("\n");
    }
  }
  return out;
}

json_value report_json(const std::vector<divergence>& report) {
  array out;
  for (const auto& d : report) {
    array changes;
    for (const auto& c : d.changes)
      changes.emplace_back(object{
          {"path", json_value{c.path}}, {"was", json_value{c.was}}, {"now", json_value{c.now}}});
    out.emplace_back(object{{"call", json_value{std::int64_t{d.call}}},
                            {"tool", json_value{d.tool}},
                            {"divergence", json_value{std::string(name_of(d.what))}},
                            {"question", json_value{d.question}},
                            {"note", json_value{d.note}},
                            {"changes", json_value{std::move(changes)}}});
  }
  return json_value{std::move(out)};
}

}  // namespace frontdesk::recording
