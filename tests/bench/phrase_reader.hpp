#pragma once

#include <string>
#include <vector>

// How frontdesk reads one phrase of a corpus (tests/data/phrases), in the corpus's own terms:
// dates as YYYY-MM-DD, FROM..TO or soonest; times as HH:MM or HH:MM-HH:MM; a day with a time as
// "DATE TIME"; names, places and services as the corpus clinic's ids.
namespace frontdesk::test_corpus {

enum class corpus { dates, times, when, names, places, services };

struct phrase {
  std::string said;
  /// The clinic's local today (dates and days with times only) and its country.
  std::string today;
  std::string country;
};

enum class certainty { sure, ask, unknown };

struct reading {
  certainty verdict = certainty::unknown;
  /// For sure, the one reading; for ask, those spoken back.
  std::vector<std::string> readings;
};

reading read(corpus c, const phrase& p);

}  // namespace frontdesk::test_corpus
