#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/json.hpp"

// Cliniko's list parameters: q[]=field:OPvalue filters, sort, page and per_page.
namespace frontdesk::sim {

struct filter {
  std::string field;
  /// One of = != >= > <= < ~ ~~ ? !? * (Cliniko's operators).
  std::string op;
  std::string value;
};

struct list_query {
  std::vector<filter> filters;
  /// Field names with descending flags, in order of precedence.
  std::vector<std::pair<std::string, bool>> sort;
  int page = 1;
  int per_page = 50;
  /// Every other parameter (from, to, …), decoded.
  std::map<std::string, std::string> params;
};

/// Nothing (and `error` says why) when a parameter is malformed.
std::optional<list_query> parse_query(std::string_view query, std::string* error);

/// Whether `record` passes `f`. Ids (digit strings) compare as numbers, times as ISO text.
bool matches(const json_value& record, const filter& f);

/// Whether the query filters on `field`: a list that leaves archived (or cancelled) records out
/// brings them back for any filter on archived_at (cancelled_at), `*` included.
bool mentions(const list_query& q, std::string_view field);

/// Sorts by the query's sort keys, created_at ascending when there are none.
void sort_records(std::vector<const json_value*>& records, const list_query& q);

}  // namespace frontdesk::sim
