// fixed-rate: sends requests at a fixed rate and reports latency percentiles, the way wrk2 does:
// each request has an intended start on a fixed schedule, and its latency runs from that intended
// start, so a slow answer that holds up the next request counts against the server instead of
// hiding (coordinated omission).
//
//   fixed-rate --port 8080 --path /find-next-available --body '{"service":"x"}'
//              --header 'x-api-key: KEY' --rate 50 --seconds 10 --connections 4
//
// "{n}" in the body is replaced by the request's number, and "{s}" (in the body and in headers:
// X-Conversation-Id) by its conversation's (every
// --session-calls requests make one conversation, 8 by default). With --webhook-secret, every
// request is a post-call event of its own, signed as ElevenLabs signs it.
//
// --script FILE gives a conversation's steps, one "PATH BODY" a line, instead of --path and
// --body; with --sessions N, N conversations run side by side, request n going to conversation
// n % N, which takes its next step (a call's tools in order, again and again).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "http/auth.hpp"
#include "support/http_client.hpp"

namespace {

using clock_type = std::chrono::steady_clock;

struct options {
  std::uint16_t port = 8080;
  std::string method = "POST";
  std::string path = "/";
  std::string body;
  frontdesk::test_support::header_list headers;
  double rate = 10;
  double seconds = 10;
  int connections = 2;
  int session_calls = 8;
  std::string webhook_secret;
  /// A conversation's steps (path, body), from --script; empty: --path and --body.
  std::vector<std::pair<std::string, std::string>> steps;
  /// Conversations side by side (0: one after another, --session-calls requests each).
  long sessions = 0;
};

std::vector<std::pair<std::string, std::string>> read_script(const std::string& file) {
  std::vector<std::pair<std::string, std::string>> steps;
  std::FILE* in = std::fopen(file.c_str(), "r");
  if (!in) return steps;
  char line[8192];
  while (std::fgets(line, sizeof line, in)) {
    std::string text(line);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    const auto space = text.find(' ');
    if (text.empty() || text[0] == '#' || space == std::string::npos) continue;
    steps.emplace_back(text.substr(0, space), text.substr(space + 1));
  }
  std::fclose(in);
  return steps;
}

[[noreturn]] void usage(const char* why) {
  std::fprintf(stderr,
               "fixed-rate: %s\nusage: fixed-rate --port N --path P [--method M] [--body JSON] "
               "[--header 'name: value']... [--rate R] [--seconds S] [--connections C]\n"
               "                  [--session-calls K] [--webhook-secret S] [--script FILE]\n"
               "                  [--sessions N]\n",
               why);
  std::exit(2);
}

options parse(int argc, char** argv) {
  options o;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) usage(("missing value for " + flag).c_str());
    const std::string value = argv[++i];
    if (flag == "--port")
      o.port = static_cast<std::uint16_t>(std::stoi(value));
    else if (flag == "--method")
      o.method = value;
    else if (flag == "--path")
      o.path = value;
    else if (flag == "--body")
      o.body = value;
    else if (flag == "--header") {
      const auto colon = value.find(':');
      if (colon == std::string::npos) usage("a header is 'name: value'");
      o.headers.emplace_back(value.substr(0, colon),
                             value.substr(value.find_first_not_of(' ', colon + 1)));
    } else if (flag == "--rate")
      o.rate = std::stod(value);
    else if (flag == "--seconds")
      o.seconds = std::stod(value);
    else if (flag == "--connections")
      o.connections = std::stoi(value);
    else if (flag == "--session-calls")
      o.session_calls = std::max(1, std::stoi(value));
    else if (flag == "--webhook-secret")
      o.webhook_secret = value;
    else if (flag == "--script")
      o.steps = read_script(value);
    else if (flag == "--sessions")
      o.sessions = std::stol(value);
    else
      usage(("unknown flag " + flag).c_str());
  }
  if (o.steps.empty()) o.steps.emplace_back(o.path, o.body);
  if (o.rate <= 0 || o.seconds <= 0 || o.connections <= 0)
    usage("rate, seconds and connections must be positive");
  return o;
}

struct outcome {
  std::vector<double> latencies_ms;
  std::size_t failures = 0;
  /// No answer at all (the connection failed), and answers 500 and above.
  std::size_t unanswered = 0;
  std::size_t server_errors = 0;
  /// When the last failure was sent, in seconds from the start (-1: none).
  double last_failure = -1;
};

void replace_all(std::string& body, const std::string& what, const std::string& with) {
  for (auto at = body.find(what); at != std::string::npos; at = body.find(what, at + with.size()))
    body.replace(at, what.size(), with);
}

long session_of(const options& o, long n) {
  return o.sessions > 0 ? n % o.sessions : n / o.session_calls;
}

// Request `n`'s step of its conversation, its body with its number and its conversation's.
std::pair<std::string, std::string> request_of(const options& o, long n) {
  const auto session = session_of(o, n);
  const auto step = o.sessions > 0 ? n / o.sessions : n % o.session_calls;
  auto [path, body] = o.steps[static_cast<std::size_t>(step) % o.steps.size()];
  replace_all(body, "{n}", std::to_string(n));
  replace_all(body, "{s}", std::to_string(session));
  return {path, body};
}

// Signed now, as ElevenLabs signs a post-call event.
void sign(const std::string& secret, const std::string& body,
          frontdesk::test_support::header_list& headers) {
  const auto t = std::chrono::duration_cast<std::chrono::seconds>(
                     std::chrono::system_clock::now().time_since_epoch())
                     .count();
  headers.emplace_back(
      "ElevenLabs-Signature",
      "t=" + std::to_string(t) +
          ",v0=" + frontdesk::http::hmac_sha256_hex(secret, std::to_string(t) + "." + body));
}

// One connection's share of the schedule: every `connections`-th request, from `first` on.
outcome drive(const options& o, clock_type::time_point start, int first) {
  outcome out;
  auto client = std::make_unique<frontdesk::test_support::http_client>(o.port);
  const auto interval = std::chrono::duration<double>(1.0 / o.rate);
  const auto total = static_cast<long>(o.rate * o.seconds);
  for (long i = first; i < total; i += o.connections) {
    const auto intended =
        start + std::chrono::duration_cast<clock_type::duration>(interval * static_cast<double>(i));
    std::this_thread::sleep_until(intended);
    const auto failed = [&] {
      ++out.failures;
      out.last_failure = std::chrono::duration<double>(intended - start).count();
    };
    try {
      const auto [path, body] = request_of(o, i);
      auto headers = o.headers;
      for (auto& header : headers)
        replace_all(header.second, "{s}", std::to_string(session_of(o, i)));
      if (!o.webhook_secret.empty()) sign(o.webhook_secret, body, headers);
      const auto reply = client->request(o.method, path, body, headers);
      if (reply.status >= 500) ++out.server_errors;
      if (reply.status >= 400) failed();
    } catch (const std::exception&) {
      ++out.unanswered;
      failed();
      try {
        client = std::make_unique<frontdesk::test_support::http_client>(o.port);
      } catch (const std::exception&) {
      }
    }
    out.latencies_ms.push_back(
        std::chrono::duration<double, std::milli>(clock_type::now() - intended).count());
  }
  return out;
}

double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const auto index = static_cast<std::size_t>(p / 100.0 * static_cast<double>(sorted.size() - 1));
  return sorted[index];
}

}  // namespace

int main(int argc, char** argv) {
  const auto o = parse(argc, argv);
  const auto start = clock_type::now() + std::chrono::milliseconds{100};
  std::vector<outcome> outcomes(static_cast<std::size_t>(o.connections));
  std::vector<std::thread> threads;
  for (int c = 0; c < o.connections; ++c)
    threads.emplace_back([&, c] { outcomes[static_cast<std::size_t>(c)] = drive(o, start, c); });
  for (auto& t : threads) t.join();
  const auto elapsed = std::chrono::duration<double>(clock_type::now() - start).count();
  std::vector<double> all;
  std::size_t failures = 0, unanswered = 0, server_errors = 0;
  double last_failure = -1;
  for (const auto& out : outcomes) {
    all.insert(all.end(), out.latencies_ms.begin(), out.latencies_ms.end());
    failures += out.failures;
    unanswered += out.unanswered;
    server_errors += out.server_errors;
    last_failure = std::max(last_failure, out.last_failure);
  }
  std::sort(all.begin(), all.end());
  std::printf(
      "%zu requests at %.0f/s, %zu failed: p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms"
      "  (%.0f/s achieved)\n",
      all.size(), o.rate, failures, percentile(all, 50), percentile(all, 90), percentile(all, 99),
      all.empty() ? 0.0 : all.back(), static_cast<double>(all.size()) / elapsed);
  if (failures > 0)
    std::printf("  %zu unanswered, %zu answered 5xx; the last failure sent at %.2f s\n", unanswered,
                server_errors, last_failure);
  return failures == 0 ? 0 : 1;
}
