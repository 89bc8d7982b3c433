#include "domain/time_phrase.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <utility>

#include "domain/phrase_tokens.hpp"
#include "domain/words.hpp"

namespace frontdesk::domain {
namespace {

using tokens = std::vector<token>;
using std::chrono::minutes;
constexpr int day_end = 24 * 60;

time_request at(int m) {
  return {time_request::kind::at, minutes{m}, minutes{m}};
}
time_request between(int from, int to) {
  return {time_request::kind::between, minutes{from}, minutes{to}};
}

// Parts of the day as receptionists read them, by their words ("in", "at", "this" and "over"
// left out): minutes from and to.
const std::vector<std::pair<std::string_view, std::pair<int, int>>>& named_parts() {
  static const std::vector<std::pair<std::string_view, std::pair<int, int>>> parts{
      {"morning", {360, 720}},
      {"mornings", {360, 720}},
      {"early morning", {360, 540}},
      {"first thing", {360, 540}},
      {"first thing morning", {360, 540}},
      {"late morning", {600, 720}},
      {"mid morning", {540, 660}},
      {"midmorning", {540, 660}},
      {"afternoon", {720, 1020}},
      {"afternoons", {720, 1020}},
      {"arvo", {720, 1020}},
      {"early afternoon", {720, 900}},
      {"early arvo", {720, 900}},
      {"late afternoon", {900, 1020}},
      {"late arvo", {900, 1020}},
      {"later afternoon", {900, 1020}},
      {"later arvo", {900, 1020}},
      {"later morning", {600, 720}},
      {"mid afternoon", {840, 960}},
      {"midafternoon", {840, 960}},
      {"lunch", {690, 840}},
      {"lunchtime", {690, 840}},
      {"lunch time", {690, 840}},
      {"evening", {1020, 1260}},
      {"evenings", {1020, 1260}},
      {"tonight", {1020, 1260}},
      {"night", {1020, 1260}},
      {"after work", {1020, 1260}},
      {"any time", {0, day_end}},
      {"anytime", {0, day_end}},
      {"whenever", {0, day_end}},
      {"all day", {0, day_end}},
      {"before lunch", {0, 720}},
      {"before lunchtime", {0, 720}},
      {"after lunch", {780, day_end}},
      {"after lunchtime", {780, day_end}},
      {"early", {0, 600}},
      {"early as possible", {0, 600}},
      {"as early as possible", {0, 600}},
      {"early day", {0, 600}},
      {"start day", {0, 600}},
      {"late", {930, day_end}},
      {"end day", {930, day_end}},
      {"close day", {930, day_end}},
      {"last thing", {930, day_end}},
      {"late day", {930, day_end}},
      {"after school", {930, day_end}},
      {"last appointment", {930, day_end}}};
  return parts;
}

std::string part_key(const tokens& said) {
  std::string key;
  for (const auto& t : said)
    if (!t.is("in") && !t.is("at") && !t.is("this") && !t.is("over"))
      key += (key.empty() ? "" : " ") + t.text;
  return key;
}

std::optional<std::pair<int, int>> named_part(const tokens& said) {
  const auto key = part_key(said);
  for (const auto& [name, span] : named_parts())
    if (name == key) return span;
  return std::nullopt;
}

// The half of the day a part names, which settles am or pm: 1 morning, 2 later.
int half_of(const token& t) {
  if (t.is("morning") || t.is("mornings")) return 1;
  if (t.is("afternoon") || t.is("arvo") || t.is("evening") || t.is("night") || t.is("tonight"))
    return 2;
  return 0;
}

struct said_clock {
  int hour = -1;
  int minute = 0;
  int meridiem = 0;
  bool twenty_four = false;  // "09:30", "0930", "14:00": as written
};

// A minute count in words or digits: "fifteen", "thirty", "forty five", "05".
std::optional<int> minutes_word(const token& t) {
  if (t.what != token::kind::number || t.text == "a" || t.text == "an") return std::nullopt;
  if (t.digits == 1 || t.value > 59 || (t.digits == 0 && t.value < 10)) return std::nullopt;
  return t.value;
}

std::optional<int> hour_word(const token& t) {
  if (t.what == token::kind::number && t.digits <= 2 && t.text != "a" && t.text != "an" &&
      t.value >= 1 && t.value <= 12)
    return t.value;
  if (t.what == token::kind::clock && t.minute <= 0 && t.value >= 1 && t.value <= 12)
    return t.value;
  return std::nullopt;
}

// A clock said in tokens, without what says am or pm around it.
std::optional<said_clock> clock_said(const tokens& said) {
  using k = token::kind;
  if (said.size() == 1) {
    const auto& t = said[0];
    if (t.is("noon") || t.is("midday")) return said_clock{12, 0, 2, false};
    if (t.what == k::clock)
      return said_clock{t.value, std::max(t.minute, 0), t.meridiem,
                        (t.text.size() > 1 && t.text[0] == '0') || t.value > 12};
    if (t.what == k::number && t.text != "a" && t.text != "an") {
      if (t.digits >= 3 && t.value / 100 <= 23 && t.value % 100 <= 59)
        return said_clock{t.value / 100, t.value % 100, 0, t.text[0] == '0'};
      if (t.digits >= 3) return std::nullopt;
      if (t.value <= 23) return said_clock{t.value, 0, 0, t.value > 12};
    }
    return std::nullopt;
  }
  if (said.size() == 2) {
    if (said[0].is("half"))
      if (auto h = hour_word(said[1])) return said_clock{*h, 30, said[1].meridiem, false};
    if (said[1].is("noon") && said[0].value == 12) return said_clock{12, 0, 2, false};
    const auto h = hour_word(said[0]);
    const auto m = minutes_word(said[1]);
    if (h && m) return said_clock{*h, *m, 0, false};
    return std::nullopt;
  }
  if (said.size() == 3 && said[1].is("oh"))
    if (auto h = hour_word(said[0]); h && said[2].what == k::number && said[2].value <= 9)
      return said_clock{*h, said[2].value, 0, false};
  // "half past two", "quarter to ten", "ten past three", "twenty five minutes to four"
  tokens rest = said;
  if (rest.size() == 4 && rest[0].text == "a" && (rest[1].is("quarter") || rest[1].is("half")))
    rest.erase(rest.begin());  // "a quarter to five"
  // "20 to 4" in digits is a range unless minutes are said; "twenty to four" is a time.
  const bool counted = rest.size() == 4 && (rest[1].is("minutes") || rest[1].is("mins"));
  if (counted) rest.erase(rest.begin() + 1);
  if (rest.size() != 3) return std::nullopt;
  const bool to = rest[1].is("to") || rest[1].is("til") || rest[1].is("before");
  if (!to && !rest[1].is("past") && !rest[1].is("after")) return std::nullopt;
  std::optional<int> amount;
  if (rest[0].is("half")) amount = 30;
  if (rest[0].is("quarter")) amount = 15;
  if (rest[0].what == k::number && rest[0].value > 0 && rest[0].value < 60 &&
      (counted || rest[0].digits == 0 || !to))
    amount = rest[0].value;
  const auto h = hour_word(rest[2]);
  if (!amount || !h) return std::nullopt;
  const int whole = *h * 60 + (to ? -*amount : *amount);
  return said_clock{whole / 60 == 0 ? 12 : whole / 60, whole % 60, rest[2].meridiem, false};
}

// The minutes since midnight a clock can mean, given the half of the day said with it (0: none):
// one, or two when am and pm are both plausible.
std::vector<int> readings_of(said_clock c, int half) {
  const int m = c.minute;
  if (c.meridiem) {
    if (c.hour < 1 || c.hour > 12) return {};
    return {(c.hour % 12 + (c.meridiem == 2 ? 12 : 0)) * 60 + m};
  }
  if (c.twenty_four || c.hour == 0 || c.hour > 12) return {c.hour * 60 + m};
  if (half == 1) return {(c.hour % 12) * 60 + m};
  if (half == 2) return {(c.hour % 12 + 12) * 60 + m};
  if (c.hour == 12) return {12 * 60 + m};
  if (c.hour >= 9) return {c.hour * 60 + m};
  if (c.hour <= 5) return {(c.hour + 12) * 60 + m};
  return {c.hour * 60 + m, (c.hour + 12) * 60 + m};  // 6, 7 and 8: clinics open early and late
}

// A clock time with what says am or pm: "ten in the morning", "evening at 6", "7 tonight",
// "two thirty pm".
std::vector<int> clock_times(tokens said) {
  int half = 0, meridiem = 0;
  if (!said.empty() && said.back().what == token::kind::meridiem)
    meridiem = said.back().value, said.pop_back();
  if (said.size() >= 2 && half_of(said.back())) {
    half = half_of(said.back());
    said.pop_back();
    while (!said.empty() &&
           (said.back().is("in") || said.back().is("at") || said.back().is("this")))
      said.pop_back();
  } else if (said.size() >= 2 && half_of(said.front())) {
    half = half_of(said.front());
    said.erase(said.begin());
    if (!said.empty() && said.front().is("at")) said.erase(said.begin());
  }
  // A dash joins the ends of a range, never the parts of one time ("10 - 30").
  if (std::any_of(said.begin(), said.end(), [](const token& t) { return t.after_dash; })) return {};
  auto c = clock_said(said);
  if (!c) return {};
  if (meridiem && c->meridiem && meridiem != c->meridiem) return {};
  if (meridiem) c->meridiem = meridiem;
  if (half && c->meridiem && (half == 1) != (c->meridiem == 1)) return {};
  return readings_of(*c, half);
}

bool has_half(const tokens& said) {
  return !said.empty() && (said.back().what == token::kind::meridiem || half_of(said.back()) ||
                           (said.back().what == token::kind::clock && said.back().meridiem));
}

// "between 2 and 4pm", "from 9 to 11", "2-4", "11 till 2": a start said without am or pm takes
// the end's, unless that puts it after the end.
std::vector<time_request> range(const tokens& said) {
  tokens left, right;
  std::size_t split = 0;
  const bool between_words = !said.empty() && (said[0].is("between") || said[0].is("from"));
  for (std::size_t i = between_words ? 1 : 0; i < said.size(); ++i) {
    const auto& t = said[i];
    if (t.is("and") || t.is("to") || t.is("till") || t.is("until") || t.is("til") ||
        (t.after_dash && i > 0)) {
      split = i;
      break;
    }
  }
  if (split == 0) return {};
  // "ten to eleven", "quarter to five": a clock time, not a range.
  const auto& first = said[between_words ? 1 : 0];
  const bool minutes_to =
      split == (between_words ? 2u : 1u) && said[split].is("to") &&
      (first.is("quarter") || first.is("half") ||
       (first.what == token::kind::number && first.digits == 0 &&
        (first.value == 5 || first.value == 10 || first.value == 20 || first.value == 25)));
  if (minutes_to && !between_words) return {};
  left = slice(said, between_words ? 1 : 0, split);
  const bool dash_only = said[split].after_dash && !said[split].is("to") && !said[split].is("and");
  right = slice(said, split + (dash_only ? 0 : 1), said.size());
  if (said[0].is("between") && !said[split].is("and")) return {};
  if (!right.empty()) right.front().after_dash = false;
  const auto ends = clock_times(right);
  auto starts = clock_times(left);
  if (!has_half(left) && has_half(right)) {
    tokens inherited = left;
    inherited.push_back(right.back().what == token::kind::clock
                            ? token{token::kind::meridiem, "", right.back().meridiem}
                            : right.back());
    auto same = clock_times(inherited);
    if (!same.empty() && !ends.empty() && same.front() < ends.front()) starts = same;
  }
  std::vector<time_request> out;
  for (int s : starts)
    for (int e : ends)
      if (s < e) out.push_back(between(s, e));
  return out;
}

// "after 3", "not before 10", "no later than 4", "10 onwards", "any time after 2".
std::vector<time_request> bound(tokens said) {
  static const std::array<std::pair<std::string_view, bool>, 14> openings{
      {{"any time after", true},
       {"anytime after", true},
       {"any time from", true},
       {"no earlier than", true},
       {"not before", true},
       {"after", true},
       {"from", true},
       {"starting", true},
       {"no later than", false},
       {"not after", false},
       {"any time before", false},
       {"before", false},
       {"by", false},
       {"until", false}}};
  std::optional<bool> after;
  for (const auto& [words, is_after] : openings) {
    const auto n = static_cast<std::size_t>(std::count(words.begin(), words.end(), ' ') + 1);
    if (said.size() > n && matches(slice(said, 0, n), words)) {
      after = is_after;
      said = slice(said, n, said.size());
      break;
    }
  }
  if (said.size() >= 2 && (said.back().is("onwards") || said.back().is("on")) &&
      after.value_or(true)) {
    after = true;
    said.pop_back();
  }
  if (!after) return {};
  std::vector<time_request> out;
  for (int t : clock_times(said)) out.push_back(*after ? between(t, day_end) : between(0, t));
  return out;
}

// One reading's worth of words: a part of the day, a bound, a range or a clock time.
std::vector<time_request> one_time(const tokens& said) {
  if (said.empty()) return {};
  if (auto part = named_part(said)) return {between(part->first, part->second)};
  if (auto r = range(said); !r.empty()) return r;
  if (auto b = bound(said); !b.empty()) return b;
  std::vector<time_request> out;
  for (int t : clock_times(said)) out.push_back(at(t));
  return out;
}

// Text that cannot be a time however it is read: symbols no one says.
bool unclear(std::string_view said) {
  return has_signed_number(said) ||
         said.find_first_of("#*=%$@<>[]{}()|\\/;_~^+") != std::string_view::npos;
}

}  // namespace

bool is_part_of_day(const tokens& said) {
  return named_part(said).has_value();
}

std::vector<time_request> times_in(const tokens& said) {
  tokens words = said;
  while (!words.empty() && (words.front().is("at") || words.front().is("either")))
    words.erase(words.begin());
  // "5 or 6": each side is read on its own, and the caller is asked which.
  const auto either =
      std::find_if(words.begin(), words.end(), [](const token& t) { return t.is("or"); });
  if (either == words.end()) return one_time(words);
  auto out = times_in(tokens(words.begin(), either));
  const auto other = times_in(tokens(either + 1, words.end()));
  if (out.empty() || other.empty()) return {};
  out.insert(out.end(), other.begin(), other.end());
  return out;
}

reading<time_request> read_time(std::string_view said) {
  if (unclear(said)) return {};
  return reading_of(times_in(tokens_of(said)));
}

}  // namespace frontdesk::domain
