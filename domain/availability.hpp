#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "domain/cache_counters.hpp"
#include "domain/directory.hpp"
#include "domain/time_phrase.hpp"
#include "domain/time_zone.hpp"

// Free times: the windows they are fetched in, what is kept of them and for how long, which were
// tried and failed, and which are read out to a caller.
namespace frontdesk::domain {

/// Cliniko lists free times for at most seven dates at once, dates in the account's zone. Every
/// fetch asks for one such week, counted from the account's today, so that all callers of a day
/// ask for (and share) the same windows, and a search of three weeks is three windows, not four.
inline constexpr int window_days = 7;

/// The first day of the window holding `d`, windows counted from `today` (no earlier date is
/// asked of Cliniko).
date::sys_days window_of(calendar_date d, calendar_date today);

/// The windows that together hold `from`..`to` (inclusive, from `today` on), in order.
std::vector<date::sys_days> windows_between(calendar_date from, calendar_date to,
                                            calendar_date today);

/// The account's dates that hold the local dates `from`..`to` of `zone`: where the account's zone
/// differs from a location's, a local day can straddle two of the account's.
std::pair<calendar_date, calendar_date> account_dates(calendar_date from, calendar_date to,
                                                      std::string_view zone,
                                                      std::string_view account_zone);

/// What is known of a clinic's free times, each fact for a while (`ttl`): the free times of a
/// source in a window. Also the times that failed to book lately, which are not offered again for
/// `failed_for`. Time is passed in, never read.
struct slot_cache_settings {
  std::chrono::seconds ttl{120};
  std::chrono::seconds failed_for{900};
};

class slot_cache {
 public:
  using clock = std::chrono::steady_clock;
  using settings = slot_cache_settings;

  /// A window's free times and when they were fetched.
  struct window_times {
    std::vector<instant> times;
    clock::time_point fetched;
  };

  explicit slot_cache(settings s = {}) : settings_(s) {}

  /// The free times of `source` in the window starting `window`, fetched at `now`.
  void store_window(std::int64_t clinic, const offering& source, date::sys_days window,
                    std::vector<instant> times, clock::time_point now);

  /// The cached free times of that window when they are fresh (counted as a hit or a miss).
  const window_times* window(std::int64_t clinic, const offering& source, date::sys_days window,
                             clock::time_point now);

  /// Forgets what is known of these practitioners' times (all of the clinic's when empty).
  void forget(std::int64_t clinic, const std::vector<std::string>& practitioner_ids = {});

  /// A time that failed to book: the practitioner is not offered at it again for a while.
  void remember_failed(std::int64_t clinic, const std::string& practitioner_id, instant start,
                       clock::time_point now);
  bool failed(std::int64_t clinic, const std::string& practitioner_id, instant start,
              clock::time_point now) const;

  /// `times` less those before `not_before` and those that failed lately.
  std::vector<instant> usable(std::int64_t clinic, const std::string& practitioner_id,
                              const std::vector<instant>& times, instant not_before,
                              clock::time_point now) const;

  /// How long ago that window was fetched (without counting a hit or a miss); nothing when it
  /// is not held.
  std::optional<clock::duration> age(std::int64_t clinic, const offering& source,
                                     date::sys_days window, clock::time_point now) const;

  cache_counters window_counters() const;
  std::int64_t failed_count(clock::time_point now) const;

 private:
  using window_key = std::tuple<std::int64_t, offering, date::sys_days>;
  using failed_key = std::tuple<std::int64_t, std::string, instant>;

  bool fresh(clock::time_point stored, clock::time_point now) const;

  settings settings_;
  std::map<window_key, window_times> windows_;
  std::map<failed_key, clock::time_point> failed_;
  cache_counters window_counts_;
};

/// Which sources callers ask about, and how much lately: every question adds one, and what was
/// asked fades by half every `half_life`. The free times kept warm are those of the most asked.
class demand {
 public:
  using clock = std::chrono::steady_clock;
  using key = std::pair<std::int64_t, offering>;

  explicit demand(std::chrono::seconds half_life = std::chrono::hours{1}) : half_life_(half_life) {}

  void asked(std::int64_t clinic, const offering& source, clock::time_point now);

  /// What a clinic offers: ranked after everything asked, so that a first caller finds it warm.
  void know(std::int64_t clinic, std::vector<offering> offered);

  /// Up to `most` sources, most asked first, then those only known; what was asked and has faded
  /// below a hundredth is forgotten.
  std::vector<key> most_asked(clock::time_point now, std::size_t most);

 private:
  struct entry {
    double score = 0;
    clock::time_point at;
  };
  double faded(const entry& e, clock::time_point now) const;

  std::chrono::seconds half_life_;
  std::map<key, entry> asked_;
  std::map<std::int64_t, std::vector<offering>> known_;
};

/// Up to `most` of a day's free times to read out: with a time asked for, that time or those
/// nearest it; with a part of the day or a bound, the first ones in it, or when none is, those
/// nearest it; otherwise spread over the day (the first, one in the middle, the last), so a
/// caller hears the range. In time order.
std::vector<instant> pick_offers(const std::vector<instant>& times,
                                 const std::optional<time_request>& wanted, std::string_view zone,
                                 std::size_t most = 3);

/// Whether `t` is what was asked for: that time, or inside that part of the day or bound.
bool within(instant t, const time_request& wanted, std::string_view zone);

/// The free times to offer instead of `wanted` when it is gone: up to `most` of `free`, those
/// nearest its time of day, none before `not_before` and never `wanted` itself. In time order.
std::vector<instant> alternatives_to(instant wanted, const std::vector<instant>& free,
                                     instant not_before, std::string_view zone,
                                     std::size_t most = 3);

}  // namespace frontdesk::domain
