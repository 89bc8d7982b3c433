#pragma once

#include <string>
#include <vector>

#include "messages/stats.hpp"

// Prometheus' text exposition format (0.0.4): what /metrics answers. Every name carries the
// `frontdesk_` prefix, figures are in base units (seconds, bytes), counters end in `_total`.
namespace frontdesk::http {

/// The content type Prometheus asks for and expects back.
inline constexpr const char* exposition_content_type = "text/plain; version=0.0.4; charset=utf-8";

/// Every figure of a report as metrics, each with `labels` added: plain ones as
/// `<actor>_<name>` (milliseconds as `_seconds`, instants `_at` as `_timestamp_seconds`, counters
/// with `_total`), caches as `cache_{hits,misses}_total` and `cache_entries` by `cache`, and
/// the labelled ones as they are.
std::vector<metric> metrics_of(const actor_stats& report, const metric_labels& labels = {});

/// The process' own figures, as Prometheus' client libraries name them: resident and virtual
/// memory, CPU time, open file descriptors, start time.
std::vector<metric> process_metrics();

/// The exposition of `metrics`: one family per name, in order of first appearance, each with
/// its HELP and TYPE once.
std::string exposition(const std::vector<metric>& metrics);

}  // namespace frontdesk::http
