#include "http/prometheus.hpp"

#include <unistd.h>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>

namespace frontdesk::http {
namespace {

std::string number(double v) {
  char text[32];
  const auto [end, ec] = std::to_chars(text, text + sizeof text, v);
  return ec == std::errc{} ? std::string(text, end) : "NaN";
}

bool ends_with(const std::string& s, std::string_view tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// A plain figure in base units: "waited_ms" 1500 -> "waited_seconds_total" 1.5,
// "read_age_ms_sum" -> "read_age_seconds_total" (a counter is a sum already), "synced_at" ->
// "synced_timestamp_seconds".
metric plain(const std::string& actor, const stat& s, const metric_labels& labels) {
  const bool counter = s.kind == stat_kind::counter;
  auto name = actor + "_" + s.name;
  if (counter && ends_with(name, "_sum")) name.resize(name.size() - 4);
  auto value = static_cast<double>(s.value);
  if (const auto ms = name.find("_ms");
      ms != std::string::npos && (ms + 3 == name.size() || name[ms + 3] == '_')) {
    name.replace(ms, 3, "_seconds");
    value /= 1000.0;
  } else if (ends_with(name, "_at")) {
    name.resize(name.size() - 3);
    name += "_timestamp_seconds";
  }
  if (counter) name += "_total";
  return {std::move(name), "The " + actor + " actor's " + s.name + ".",
          counter ? metric_kind::counter : metric_kind::gauge, labels, value};
}

void caches_of(const actor_stats& report, const metric_labels& labels, std::vector<metric>& out) {
  for (const auto& c : report.caches) {
    auto with_cache = labels;
    with_cache.emplace_back("cache", c.name);
    out.push_back({"cache_hits_total", "Lookups a cache answered.", metric_kind::counter,
                   with_cache, static_cast<double>(c.counters.hits)});
    out.push_back({"cache_misses_total", "Lookups a cache could not answer.", metric_kind::counter,
                   with_cache, static_cast<double>(c.counters.misses)});
    out.push_back({"cache_entries", "Entries a cache holds now.", metric_kind::gauge, with_cache,
                   static_cast<double>(c.counters.size)});
  }
}

void escape(std::string& out, std::string_view text, bool quotes) {
  for (const char c : text) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else if (c == '"' && quotes)
      out += "\\\"";
    else
      out += c;
  }
}

void write_labels(std::string& out, const metric_labels& labels, const char* le = nullptr) {
  if (labels.empty() && !le) return;
  out += '{';
  bool first = true;
  for (const auto& [key, value] : labels) {
    if (!first) out += ',';
    first = false;
    out += key;
    out += "=\"";
    escape(out, value, true);
    out += '"';
  }
  if (le) {
    if (!first) out += ',';
    out += "le=\"";
    out += le;
    out += '"';
  }
  out += '}';
}

void write_sample(std::string& out, std::string_view name, const metric_labels& labels,
                  double value, const char* le = nullptr) {
  out += name;
  write_labels(out, labels, le);
  out += ' ';
  out += number(value);
  out += '\n';
}

void write_histogram(std::string& out, const std::string& name, const metric& m) {
  const auto& h = m.histogram;
  const auto bucket = name + "_bucket";
  for (std::size_t i = 0; i <= h.bounds.size(); ++i) {
    const auto le = i < h.bounds.size() ? number(h.bounds[i]) : std::string("+Inf");
    write_sample(out, bucket, m.labels, static_cast<double>(h.at_or_below(i)), le.c_str());
  }
  write_sample(out, name + "_sum", m.labels, h.sum);
  write_sample(out, name + "_count", m.labels, static_cast<double>(h.count()));
}

const char* type_name(metric_kind k) {
  switch (k) {
    case metric_kind::counter:
      return "counter";
    case metric_kind::gauge:
      return "gauge";
    case metric_kind::histogram:
      return "histogram";
  }
  return "untyped";
}

// /proc/self/stat's fields after the command name (which may hold spaces).
std::vector<std::string> stat_fields() {
  std::ifstream in("/proc/self/stat");
  const std::string line{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  std::istringstream rest(line.substr(line.rfind(')') + 1));
  return {std::istream_iterator<std::string>(rest), std::istream_iterator<std::string>()};
}

double field(const std::vector<std::string>& fields, std::size_t i) {
  return i < fields.size() ? std::strtod(fields[i].c_str(), nullptr) : 0.0;
}

double boot_time() {
  std::ifstream in("/proc/stat");
  std::string key;
  double value = 0;
  while (in >> key) {
    if (key == "btime" && in >> value) return value;
    in.ignore(1 << 16, '\n');
  }
  return 0;
}

}  // namespace

std::vector<metric> metrics_of(const actor_stats& report, const metric_labels& labels) {
  std::vector<metric> out;
  for (const auto& s : report.counters) out.push_back(plain(report.actor, s, labels));
  caches_of(report, labels, out);
  for (auto m : report.metrics) {
    m.labels.insert(m.labels.begin(), labels.begin(), labels.end());
    out.push_back(std::move(m));
  }
  return out;
}

std::vector<metric> process_metrics() {
  // Fields of proc(5) counted from the state (field 3): utime 14, stime 15, starttime 22,
  // vsize 23, rss 24.
  const auto f = stat_fields();
  const auto ticks = static_cast<double>(::sysconf(_SC_CLK_TCK));
  const auto page = static_cast<double>(::sysconf(_SC_PAGESIZE));
  std::error_code ec;
  double fds = 0;
  for (auto it = std::filesystem::directory_iterator("/proc/self/fd", ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec))
    ++fds;
  return {
      {"process_resident_memory_bytes",
       "Resident memory.",
       metric_kind::gauge,
       {},
       field(f, 24 - 3) * page},
      {"process_virtual_memory_bytes", "Virtual memory.", metric_kind::gauge, {}, field(f, 23 - 3)},
      {"process_cpu_seconds_total",
       "CPU time, user and system.",
       metric_kind::counter,
       {},
       (field(f, 14 - 3) + field(f, 15 - 3)) / ticks},
      {"process_open_fds", "Open file descriptors.", metric_kind::gauge, {}, fds},
      {"process_start_time_seconds",
       "When the process started, in seconds since the epoch.",
       metric_kind::gauge,
       {},
       boot_time() + field(f, 22 - 3) / ticks},
  };
}

std::string exposition(const std::vector<metric>& metrics) {
  std::map<std::string, std::vector<const metric*>> families;
  std::vector<std::string> order;
  for (const auto& m : metrics) {
    auto& family = families[m.name];
    if (family.empty()) order.push_back(m.name);
    family.push_back(&m);
  }
  std::string out;
  for (const auto& name : order) {
    const auto& family = families[name];
    const auto full = "frontdesk_" + name;
    out += "# HELP " + full + " ";
    escape(out, family.front()->help, false);
    out += "\n# TYPE " + full + " " + type_name(family.front()->kind) + "\n";
    for (const auto* m : family) {
      if (m->kind != family.front()->kind) continue;  // one family, one type
      if (m->kind == metric_kind::histogram)
        write_histogram(out, full, *m);
      else
        write_sample(out, full, m->labels, m->value);
    }
  }
  return out;
}

}  // namespace frontdesk::http
