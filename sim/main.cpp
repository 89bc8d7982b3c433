// cliniko-sim: a Cliniko API stand-in for the demo and the tests.
#include <spdlog/spdlog.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "http/server.hpp"
#include "sim/simulator.hpp"

namespace {

using namespace frontdesk;

constexpr const char* usage =
    "usage: cliniko-sim [options]\n"
    "\n"
    "Serves a simulated Cliniko API under /v1 until SIGINT or SIGTERM.\n"
    "\n"
    "  --port N             TCP port (default 9000; 0 picks a free one)\n"
    "  --bind ADDRESS       address to listen on (default 127.0.0.1)\n"
    "  --scenario FILE      the account's starting content (default: the built-in demo clinic)\n"
    "  --generate LxP       a generated clinic of L locations and P practitioners instead\n"
    "  --api-key KEY        the API key accepted (default demo-cliniko-key)\n"
    "  --latency-ms N       added to every answer (default 0)\n"
    "  --jitter-ms N        plus a random 0..N ms (default 0)\n"
    "  --error-rate R       fraction answered 500/502/503 (default 0)\n"
    "  --drop-rate R        fraction whose connection is closed without an answer (default 0)\n"
    "  --timeout-rate R     fraction never answered (default 0)\n"
    "  --rate-limit N       requests per rolling minute per key (default 200)\n"
    "  --seed N             seed of the fault and jitter dice (default 1)\n"
    "  --settings-forbidden the key may not view /settings (403; /settings/public answers)\n"
    "  --empty-string-dates absent date-times as \"\" instead of null\n"
    "  --relative-links     links relative to the API base (/practitioners/42)\n"
    "  --public-url URL     base of the links in answers, when behind a proxy\n";

struct arguments {
  http::server_options server;
  sim::sim_options sim;
  std::string scenario_file;
  int locations = 0, practitioners = 0;
};

[[noreturn]] void fail(const std::string& why) {
  std::fprintf(stderr, "cliniko-sim: %s\n\n%s", why.c_str(), usage);
  std::exit(2);
}

arguments parse(const std::vector<std::string>& args) {
  arguments a;
  a.server.port = 9000;
  a.server.server_name = "cliniko-sim";
  a.server.reply_timeout = std::chrono::minutes{10};  // --timeout-rate answers never come
  a.server.max_body_bytes = 1 << 20;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto& flag = args[i];
    if (flag == "--help" || flag == "-h") {
      std::fputs(usage, stdout);
      std::exit(0);
    }
    if (flag == "--settings-forbidden" || flag == "--empty-string-dates" ||
        flag == "--relative-links") {
      (flag == "--settings-forbidden"   ? a.sim.settings_forbidden
       : flag == "--empty-string-dates" ? a.sim.empty_string_dates
                                        : a.sim.relative_links) = true;
      continue;
    }
    if (i + 1 >= args.size()) fail(flag + " needs a value");
    const auto& v = args[++i];
    try {
      if (flag == "--port")
        a.server.port = static_cast<std::uint16_t>(std::stoi(v));
      else if (flag == "--bind")
        a.server.bind_address = v;
      else if (flag == "--scenario")
        a.scenario_file = v;
      else if (flag == "--generate") {
        const auto x = v.find('x');
        if (x == std::string::npos) fail("--generate takes LxP, e.g. 20x50");
        a.locations = std::stoi(v.substr(0, x));
        a.practitioners = std::stoi(v.substr(x + 1));
      } else if (flag == "--api-key")
        a.sim.api_key = v;
      else if (flag == "--latency-ms")
        a.sim.latency = std::chrono::milliseconds{std::stoi(v)};
      else if (flag == "--jitter-ms")
        a.sim.jitter = std::chrono::milliseconds{std::stoi(v)};
      else if (flag == "--error-rate")
        a.sim.error_rate = std::stod(v);
      else if (flag == "--drop-rate")
        a.sim.drop_rate = std::stod(v);
      else if (flag == "--timeout-rate")
        a.sim.timeout_rate = std::stod(v);
      else if (flag == "--rate-limit")
        a.sim.rate_limit = std::stoi(v);
      else if (flag == "--seed")
        a.sim.seed = static_cast<unsigned>(std::stoul(v));
      else if (flag == "--public-url")
        a.sim.public_url = v;
      else
        fail("unknown option " + flag);
    } catch (const std::logic_error&) {
      fail("invalid value for " + flag + ": " + v);
    }
  }
  return a;
}

sim::scenario load(const arguments& a, domain::instant now) {
  if (a.locations > 0) return sim::generated_scenario(a.locations, a.practitioners, now);
  if (a.scenario_file.empty()) return sim::demo_scenario(now);
  std::ifstream file(a.scenario_file);
  if (!file) fail("cannot read " + a.scenario_file);
  std::stringstream text;
  text << file.rdbuf();
  return sim::load_scenario(text.str(), now);
}

}  // namespace

int main(int argc, char** argv) {
  const auto args = parse({argv + 1, argv + argc});
  spdlog::set_pattern("%Y-%m-%d %H:%M:%S.%e cliniko-sim %^%-5l%$ %v");
  const auto now =
      std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  try {
    sim::simulator simulator{load(args, now), args.sim};
    http::router routes{{{"GET", "/v1/*", http::access::open, false},
                         {"POST", "/v1/*", http::access::open, false},
                         {"PATCH", "/v1/*", http::access::open, false}}};
    http::server server{args.server, std::move(routes), http::api_key_set{{}},
                        [&simulator](http_request request, reply_sink_ptr sink) {
                          simulator.handle(request, std::move(sink));
                        }};
    const auto port = server.start();
    spdlog::info("serving the Cliniko API on http://{}:{}/v1 (API key {})",
                 args.server.bind_address, port, args.sim.api_key);
    server.run_until_signal(std::chrono::seconds{2});
  } catch (const std::exception& e) {
    std::fprintf(stderr, "cliniko-sim: %s\n", e.what());
    return 1;
  }
  return 0;
}
