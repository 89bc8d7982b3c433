#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/cache_counters.hpp"
#include "domain/histogram.hpp"

// What an actor reports of itself: plain figures, caches, labelled metrics. Plain records: no CAF
// here.
namespace frontdesk {

/// A cache, named ("free_times"), with its counters.
struct cache_stats {
  std::string name;
  domain::cache_counters counters;
};

/// A count that only grows (requests since start), or a level that goes up and down (sessions
/// live now).
enum class stat_kind : std::uint8_t { counter, gauge };

/// One of an actor's plain figures, named for /cache-stats ("answers", "read_age_ms_max").
struct stat {
  std::string name;
  std::int64_t value = 0;
  stat_kind kind = stat_kind::counter;
};

/// Prometheus labels, in order: bounded values only (an endpoint, a clinic; never a caller).
using metric_labels = std::vector<std::pair<std::string, std::string>>;

enum class metric_kind : std::uint8_t { counter, gauge, histogram };

/// A labelled figure for /metrics, named in full without the `frontdesk_` prefix
/// ("cliniko_requests_total", "cliniko_request_duration_seconds").
struct metric {
  metric() = default;
  metric(std::string name, std::string help, metric_kind kind, metric_labels labels = {},
         double value = 0)
      : name(std::move(name)),
        help(std::move(help)),
        kind(kind),
        labels(std::move(labels)),
        value(value) {}
  /// A histogram's.
  metric(std::string name, std::string help, metric_labels labels, domain::histogram histogram)
      : name(std::move(name)),
        help(std::move(help)),
        kind(metric_kind::histogram),
        labels(std::move(labels)),
        histogram(std::move(histogram)) {}

  std::string name;
  std::string help;
  metric_kind kind = metric_kind::counter;
  metric_labels labels;
  double value = 0;
  /// The distribution, when kind is histogram.
  domain::histogram histogram;
};

/// What an actor reports: its plain figures (in /cache-stats, and in /metrics as
/// `frontdesk_<actor>_<name>`), its caches, and labelled figures for /metrics only.
struct actor_stats {
  actor_stats() = default;
  actor_stats(std::string actor, std::vector<stat> counters, std::vector<cache_stats> caches = {},
              std::vector<metric> metrics = {})
      : actor(std::move(actor)),
        counters(std::move(counters)),
        caches(std::move(caches)),
        metrics(std::move(metrics)) {}

  std::string actor;
  std::vector<stat> counters;
  std::vector<cache_stats> caches;
  std::vector<metric> metrics;

  /// The figure of that name, 0 when there is none.
  std::int64_t value(std::string_view name) const {
    for (const auto& c : counters)
      if (c.name == name) return c.value;
    return 0;
  }
};

}  // namespace frontdesk
