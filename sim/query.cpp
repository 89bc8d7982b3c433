#include "sim/query.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

#include "http/url.hpp"

namespace frontdesk::sim {

using http::url_decode;

namespace {

bool is_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Negative, zero or positive as a < b, a == b, a > b; digit strings compare as numbers.
int compare(std::string_view a, std::string_view b) {
  if (is_digits(a) && is_digits(b) && a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return a.compare(b) < 0 ? -1 : (a == b ? 0 : 1);
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// SQL-style wildcard: % matches any run of characters.
bool wildcard(std::string_view text, std::string_view pattern) {
  if (pattern.empty()) return text.empty();
  if (pattern.front() == '%') {
    for (std::size_t i = 0; i <= text.size(); ++i)
      if (wildcard(text.substr(i), pattern.substr(1))) return true;
    return false;
  }
  return !text.empty() &&
         std::tolower(static_cast<unsigned char>(text.front())) ==
             std::tolower(static_cast<unsigned char>(pattern.front())) &&
         wildcard(text.substr(1), pattern.substr(1));
}

std::optional<filter> parse_filter(std::string_view text) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  filter f{std::string(text.substr(0, colon)), "", ""};
  auto rest = text.substr(colon + 1);
  static const std::array<std::string_view, 11> ops{"!=", ">=", "<=", "!?", "~~", "=",
                                                    ">",  "<",  "~",  "?",  "*"};
  for (auto op : ops)
    if (rest.starts_with(op)) {
      f.op = op;
      f.value = rest.substr(op.size());
      return f;
    }
  return std::nullopt;
}

std::optional<int> to_int(std::string_view s) {
  int value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  return value;
}

}  // namespace

std::optional<list_query> parse_query(std::string_view query, std::string* error) {
  list_query q;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    const auto key = url_decode(pair.substr(0, eq));
    const auto value =
        eq == std::string_view::npos ? std::string{} : url_decode(pair.substr(eq + 1));
    if (key == "q[]" || key == "q") {
      auto f = parse_filter(value);
      if (!f) {
        if (error) *error = "Invalid filter: " + value;
        return std::nullopt;
      }
      q.filters.push_back(std::move(*f));
    } else if (key == "sort") {
      std::string_view fields = value;
      while (!fields.empty()) {
        const auto comma = fields.find(',');
        auto item = fields.substr(0, comma);
        fields = comma == std::string_view::npos ? std::string_view{} : fields.substr(comma + 1);
        const bool desc = item.ends_with(":desc");
        if (desc || item.ends_with(":asc")) item = item.substr(0, item.rfind(':'));
        q.sort.emplace_back(std::string(item), desc);
      }
    } else if (key == "page" || key == "per_page") {
      const auto n = to_int(value);
      if (!n || *n < 1) {
        if (error) *error = key + " must be a positive whole number";
        return std::nullopt;
      }
      (key == "page" ? q.page : q.per_page) = key == "page" ? *n : std::min(*n, 100);
    } else {
      q.params[key] = value;
    }
  }
  return q;
}

bool matches(const json_value& record, const filter& f) {
  const auto* field = record.find(f.field);
  const bool present = field && !field->is_null();
  if (f.op == "*") return true;
  if (f.op == "?") return present;
  if (f.op == "!?") return !present;
  if (!present) return false;
  const auto text = text_field(record, f.field)
                        .value_or(field->is<bool>() ? (field->as<bool>() ? "true" : "false") : "");
  if (f.op == "~") return lower(text).find(lower(f.value)) != std::string::npos;
  if (f.op == "~~") return wildcard(text, f.value);
  if (f.op == "=" && f.value.find(',') != std::string::npos) {
    std::string_view values = f.value;
    while (!values.empty()) {
      const auto comma = values.find(',');
      if (compare(text, values.substr(0, comma)) == 0) return true;
      values = comma == std::string_view::npos ? std::string_view{} : values.substr(comma + 1);
    }
    return false;
  }
  // Date filters (YYYY-MM-DD) against date-times compare on the date part.
  const std::string_view left = f.value.size() == 10 && text.size() > 10 && text[10] == 'T'
                                    ? std::string_view(text).substr(0, 10)
                                    : std::string_view(text);
  const int c = compare(left, f.value);
  if (f.op == "=") return c == 0;
  if (f.op == "!=") return c != 0;
  if (f.op == ">") return c > 0;
  if (f.op == ">=") return c >= 0;
  if (f.op == "<") return c < 0;
  if (f.op == "<=") return c <= 0;
  return false;
}

bool mentions(const list_query& q, std::string_view field) {
  return std::any_of(q.filters.begin(), q.filters.end(),
                     [&](const filter& f) { return f.field == field; });
}

void sort_records(std::vector<const json_value*>& records, const list_query& q) {
  auto keys = q.sort;
  if (keys.empty()) keys.emplace_back("created_at", false);
  keys.emplace_back("id", false);  // a stable order among equals
  std::stable_sort(records.begin(), records.end(), [&](const json_value* a, const json_value* b) {
    for (const auto& [field, desc] : keys) {
      const int c = compare(text_field(*a, field).value_or(""), text_field(*b, field).value_or(""));
      if (c != 0) return desc ? c > 0 : c < 0;
    }
    return false;
  });
}

}  // namespace frontdesk::sim
