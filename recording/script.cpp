#include "recording/script.hpp"

#include "recording/codec.hpp"

namespace frontdesk::recording {

json_value ask_entry(int call, question_kind kind, json_value question, const char* outcome,
                     json_value value) {
  return entry("ask", call,
               {{"to", json_value{std::string(kind.to)}},
                {"what", json_value{std::string(kind.what)}},
                {"question", std::move(question)},
                {outcome, std::move(value)}});
}

// Paired by kind, in order, never by payload (as Temporal pairs a workflow's commands).
const json_value* take_ask(const std::vector<const json_value*>& asks, std::vector<bool>& used,
                           std::string_view to, std::string_view what) {
  for (std::size_t i = 0; i < asks.size(); ++i) {
    if (used[i] || text_field(*asks[i], "to") != to || text_field(*asks[i], "what") != what)
      continue;
    used[i] = true;
    return asks[i];
  }
  return nullptr;
}

bool is_clinic_question(const json_value& ask) {
  return text_field(ask, "to").value_or("") == "directory";
}

std::optional<clinic_view> clinic_in(const script& s, const json_value& ask) {
  const auto* reply = ask.find("reply");
  clinic_view clinic;
  std::string hash;
  if (!reply || !decode(*reply, clinic, hash)) return std::nullopt;
  const auto it = s.directories.find(hash);
  if (it == s.directories.end()) return std::nullopt;
  clinic.directory = it->second;
  return clinic;
}

namespace {

bool add_directory(script& s, const json_value& entry) {
  const auto* d = entry.find("directory");
  auto directory = std::make_shared<domain::clinic_directory>();
  if (!d || !decode(*d, *directory)) return false;
  s.directories[text_field(entry, "hash").value_or("")] = std::move(directory);
  return true;
}

// Adds one entry to the call it belongs to; false when it does not read.
bool add_entry(script& s, const json_value& entry) {
  const auto kind = kind_of(entry);
  if (kind == "directory") return add_directory(s, entry);
  if (kind == "call") {
    auto& c = s.calls.emplace_back();
    const auto* request = entry.find("request");
    return request && decode(*request, c.call);
  }
  const auto n = call_of(entry);
  if (n < 1 || n > static_cast<int>(s.calls.size())) return false;
  auto& c = s.calls[n - 1];
  if (kind == "clock") {
    const auto at = domain::parse_instant(text_field(entry, "now").value_or(""));
    if (at) c.clock.push_back(*at);
    return at.has_value();
  }
  if (kind == "ask") {
    c.asks.push_back(&entry);
    return true;
  }
  if (kind == "answer") {
    c.answer = &entry;
    return true;
  }
  return false;
}

}  // namespace

std::optional<script> script_of(const recording& r, std::string* why) {
  script s;
  for (std::size_t i = 0; i < r.entries.size(); ++i) {
    if (add_entry(s, r.entries[i])) continue;
    if (why)
      *why = "entry " + std::to_string(i + 1) + " (" + std::string(kind_of(r.entries[i])) +
             ") does not read";
    return std::nullopt;
  }
  return s;
}

}  // namespace frontdesk::recording
