#include "recording/recording.hpp"

#include "http/json.hpp"

namespace frontdesk::recording {

json_value entry(std::string_view kind, int call, json_value::object fields) {
  json_value::object e{{"kind", json_value{std::string(kind)}},
                       {"call", json_value{std::int64_t{call}}}};
  for (auto& field : fields) e.push_back(std::move(field));
  return json_value{std::move(e)};
}

std::string_view kind_of(const json_value& entry) {
  const auto* k = entry.find("kind");
  return k && k->is<std::string>() ? std::string_view{k->as<std::string>()} : std::string_view{};
}

int call_of(const json_value& entry) {
  const auto* c = entry.find("call");
  return c && c->is<std::int64_t>() ? static_cast<int>(c->as<std::int64_t>()) : 0;
}

namespace {

json_value header_of(const recording& r) {
  json_value h{json_value::object{}};
  h.set("session_id", json_value{r.session_id});
  h.set("clinic", json_value{r.clinic});
  h.set("version", json_value{r.build.version});
  h.set("commit", json_value{r.build.commit});
  h.set("settings_hash", json_value{r.build.settings_hash});
  h.set("region", json_value{r.region});
  return h;
}

std::string text_of(const json_value& v, std::string_view key) {
  return text_field(v, key).value_or("");
}

bool read_header(const json_value& h, recording& r) {
  if (!h.is_object() || !h.find("session_id")) return false;
  r.session_id = text_of(h, "session_id");
  if (const auto* c = h.find("clinic"); c && c->is<std::int64_t>())
    r.clinic = c->as<std::int64_t>();
  r.build = {text_of(h, "version"), text_of(h, "commit"), text_of(h, "settings_hash")};
  r.region = text_of(h, "region");
  return true;
}

}  // namespace

std::string lines_of(const std::vector<json_value>& entries) {
  std::string out;
  for (const auto& e : entries) {
    out += http::to_json(e);
    out += '\n';
  }
  return out;
}

namespace {

// Calls `each` with every non-blank line and its number; stops at the first it refuses.
template <class F>
bool for_each_line(std::string_view text, F each) {
  int number = 0;
  while (!text.empty()) {
    const auto end = text.find('\n');
    const auto line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    if (!each(line, number)) return false;
  }
  return true;
}

std::optional<json_value> entry_in(std::string_view line) {
  auto v = http::parse_json(line);
  if (!v || !v->is_object() || kind_of(*v).empty()) return std::nullopt;
  return v;
}

}  // namespace

bool read_lines(std::string_view text, std::vector<json_value>& entries) {
  return for_each_line(text, [&](std::string_view line, int) {
    auto e = entry_in(line);
    if (e) entries.push_back(std::move(*e));
    return e.has_value();
  });
}

// One line per entry keeps a recording diffable in review: a re-baseline shows as changed lines.
std::string to_text(const recording& r) {
  return http::to_json(header_of(r)) + "\n" + lines_of(r.entries);
}

std::optional<recording> from_text(std::string_view text, std::string* why) {
  recording r;
  bool header = false;
  std::string reason = "it is empty";
  const bool read = for_each_line(text, [&](std::string_view line, int number) {
    if (!header) {
      const auto v = http::parse_json(line);
      header = v && read_header(*v, r);
      reason = "the first line is not a recording's header";
      return header;
    }
    auto e = entry_in(line);
    reason = "line " + std::to_string(number) + " is not an entry";
    if (e) r.entries.push_back(std::move(*e));
    return e.has_value();
  });
  if (read && header) return r;
  if (why) *why = reason;
  return std::nullopt;
}

recording made_of(const session_steps& steps) {
  recording r{steps, {}};
  r.entries.reserve(steps.entries.size());
  for (const auto& make : steps.entries) r.entries.push_back(make());
  return r;
}

int calls_in(const recording& r) {
  int n = 0;
  for (const auto& e : r.entries) n += kind_of(e) == "call";
  return n;
}

int answered_in(const recording& r) {
  int n = 0;
  for (const auto& e : r.entries) n += kind_of(e) == "answer";
  return n;
}

}  // namespace frontdesk::recording
