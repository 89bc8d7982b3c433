#include "recording/timeline.hpp"

#include <cstdio>

#include "http/json.hpp"

namespace frontdesk::recording {
namespace {

std::string cut(std::string text, std::size_t width) {
  if (width == 0 || text.size() <= width) return text;
  text.resize(width);
  return text + "...";
}

std::string json_of(const json_value* v, std::size_t width) {
  return v ? cut(http::to_json(*v), width) : std::string{};
}

std::string text_of(const json_value& v, std::string_view key) {
  return text_field(v, key).value_or("");
}

std::string count_of(const json_value& directory, std::string_view key, std::string_view noun) {
  const auto* list = directory.find(key);
  const auto n = list && list->is<json_value::array>() ? list->as<json_value::array>().size() : 0;
  return std::to_string(n) + " " + std::string(noun);
}

std::string line_of(const json_value& e, std::size_t width) {
  const auto kind = kind_of(e);
  if (kind == "call") {
    const auto* request = e.find("request");
    const auto tool = request ? text_of(*request, "tool") : std::string{};
    return "call " + std::to_string(call_of(e)) + "  " + tool + "  " +
           json_of(request ? request->find("input") : nullptr, width);
  }
  if (kind == "clock") return "  clock   " + text_of(e, "now");
  if (kind == "directory") {
    const auto* d = e.find("directory");
    if (!d) return "  directory " + text_of(e, "hash");
    return "  directory " + text_of(e, "hash") + " (" + count_of(*d, "locations", "locations") +
           ", " + count_of(*d, "practitioners", "practitioners") + ", " +
           count_of(*d, "services", "services") + ")";
  }
  if (kind == "ask") {
    std::string line = "  asked   " + text_of(e, "to") + "." + text_of(e, "what") + " " +
                       json_of(e.find("question"), width) + "\n      ";
    if (const auto* reply = e.find("reply")) {
      line += "  got     " + json_of(reply, width);
    } else {
      line += "  got     error " + json_of(e.find("error"), width);
    }
    if (const auto note = text_of(e, "replayed"); !note.empty()) line += "  [" + note + "]";
    return line;
  }
  if (kind == "answer") {
    const auto* answer = e.find("answer");
    if (!answer) return "  said    ?";
    const auto* body = answer->find("body");
    std::string line = "  said    " + json_of(answer->find("status"), width) + " ";
    if (body && body->find("message")) line += "\"" + text_of(*body, "message") + "\"  ";
    return line + json_of(body, width);
  }
  return "  " + std::string(kind) + " " + json_of(&e, width);
}

}  // namespace

// Each entry is numbered as --at names it.
std::string timeline_text(const recording& r, std::size_t width) {
  std::string out = "session " + r.session_id + "  (build " + r.build.version + " " +
                    r.build.commit + ", settings " + r.build.settings_hash + ")\n";
  for (std::size_t i = 0; i < r.entries.size(); ++i) {
    char number[32];
    std::snprintf(number, sizeof number, "%4zu  ", i + 1);
    out.append(number).append(line_of(r.entries[i], width)).append("\n");
  }
  return out;
}

}  // namespace frontdesk::recording
