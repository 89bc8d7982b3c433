// Mutational fuzzing of every reader of outside input: the request JSON reader, the date and
// time phrase readers, phone numbers, and Cliniko's JSON. Seeds are mutated at random (bytes
// flipped, inserted, deleted, repeated, spliced); each reader must not crash (run it in the
// sanitizer build to catch memory and undefined-behaviour errors) and what it accepts must keep
// its invariants. Deterministic for a seed: a failure repeats.
//
//   fuzz-inputs [--count N] [--seed S] [--only json|time|date|phone|cliniko]
//
// Prints, per reader, how many inputs ran and how many were accepted; exits 1 on a broken
// invariant (the input is printed in hex), and a crash is the sanitizer's report.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "cliniko/codec.hpp"
#include "domain/date_phrase.hpp"
#include "domain/phone.hpp"
#include "domain/time_phrase.hpp"
#include "http/json.hpp"

using namespace frontdesk;

namespace {

struct reader {
  const char* name;
  std::vector<std::string> seeds;
  /// Reads one input: whether it was accepted, or a broken invariant (a message).
  std::function<bool(std::string_view, std::string&)> read;
};

[[noreturn]] void broken(const char* reader, std::string_view input, const std::string& why) {
  std::fprintf(stderr, "%s: %s\ninput (hex):", reader, why.c_str());
  for (const char c : input) std::fprintf(stderr, " %02x", static_cast<unsigned char>(c));
  std::fprintf(stderr, "\n");
  std::exit(1);
}

bool read_json(std::string_view in, std::string& why) {
  const auto doc = http::parse_json(in);
  if (!doc) return false;
  // What was read writes back as JSON that reads the same.
  const auto text = http::to_json(*doc);
  const auto again = http::parse_json(text);
  if (!again || http::to_json(*again) != text) why = "does not read back: " + text;
  if (doc->is_object()) (void)text_field(*doc, "sessionId");
  return true;
}

bool read_time(std::string_view in, std::string& why) {
  const auto r = domain::read_time(in);
  if (r.verdict == domain::certainty::unknown) return false;
  if (r.options.empty() || (r.sure() && r.options.size() != 1)) why = "a verdict without readings";
  for (const auto& t : r.options)
    if (t.from.count() < 0 || t.to.count() > 24 * 60 || t.from > t.to)
      why = "a time outside the day: " + std::to_string(t.from.count()) + ".." +
            std::to_string(t.to.count());
  for (std::size_t i = 0; i + 1 < in.size(); ++i)
    if ((in[i] == '-' || in[i] == '+') && in[i + 1] >= '0' && in[i + 1] <= '9' &&
        (i == 0 || in[i - 1] < '0' || in[i - 1] > '9'))
      why = "a signed number read as a time";
  return true;
}

bool read_date(std::string_view in, std::string& why) {
  static const auto today = *domain::parse_date("2026-11-25");
  const auto r = domain::read_date(in, today);
  if (r.verdict == domain::certainty::unknown) return false;
  for (const auto& d : r.options)
    if (d.what != domain::date_request::kind::soonest &&
        (!d.first.ok() || !d.last.ok() || date::sys_days{d.first} > date::sys_days{d.last} ||
         date::sys_days{d.last} < date::sys_days{today}))
      why = "not a run of real dates from today on";
  return true;
}

bool read_phone(std::string_view in, std::string& why) {
  const auto e164 = domain::to_e164(in, "AU");
  if (!e164) return false;
  const bool shape = e164->size() >= 3 && e164->size() <= 16 && e164->front() == '+' &&
                     e164->find_first_not_of("0123456789", 1) == std::string::npos;
  if (!shape) why = "not E.164: " + *e164;
  if (domain::to_e164(*e164, "AU") != e164) why = "E.164 does not read as itself: " + *e164;
  return true;
}

bool read_cliniko(std::string_view in, std::string&) {
  bool any = false;
  for (const char* key : {"individual_appointments", "patients", "businesses", "practitioners"})
    if (auto page = cliniko::parse_page(in, key)) {
      any = true;
      for (const auto& item : page->items) {
        (void)cliniko::to_appointment(item);
        (void)cliniko::to_patient(item);
        (void)cliniko::to_business(item);
        (void)cliniko::to_practitioner(item);
        (void)cliniko::to_appointment_type(item);
      }
    }
  (void)cliniko::validation_summary(in);
  return any;
}

std::vector<reader> readers() {
  return {
      {"json",
       {R"({"sessionId":"conv_1","dialedNumber":"+61 2 9876 5432","maxDays":14})",
        R"({"options":[{"business_id":"17","name":"Bondi"},"City"],"ratio":0.5,"flag":true})",
        R"({"a":99999999999999999999999,"b":1e400,"c":"\u00e9\ud83d\ude00","d":[null,-0.5e-3]})",
        R"([1,2,{"x":{"y":{"z":[]}}}])", R"("text")"},
       read_json},
      {"time",
       {"2:30pm", "14:30", "half past two", "quarter to ten", "between 2 and 4", "after 3pm",
        "morning", "9 a.m.", "two thirty", "noon", "12:05 AM", "10-to.00"},
       read_time},
      {"date",
       {"tomorrow", "next Tuesday", "25th November", "25/11", "in two weeks", "2026-12-01",
        "this weekend", "the 3rd", "as soon as possible"},
       read_date},
      {"phone",
       {"0412 345 678", "+61 2 9876 5432", "61298765432", "(02) 9387-6543", "+1 415 555 2671",
        "0400 700 101"},
       read_phone},
      {"cliniko",
       {R"({"individual_appointments":[{"id":"1","starts_at":"2026-11-26T22:30:00Z",)"
        R"("ends_at":"2026-11-26T23:00:00Z","patient":{"links":{"self":"https://x/v1/patients/9"}}}],)"
        R"("total_entries":1,"links":{"next":"https://api.au1.cliniko.com/v1/x?page=2"}})",
        R"({"patients":[{"id":"9","first_name":"Emma","patient_phone_numbers":[{"number":"0412"}]}],)"
        R"("total_entries":1,"links":{}})",
        R"({"errors":{"starts_at":["is taken"]},"message":"Validation failed"})"},
       read_cliniko},
  };
}

std::string mutate(std::mt19937_64& random, const std::vector<std::string>& seeds) {
  static constexpr char interesting[] = {'0',  '9',  '-',    '+',    '.',    ':',    '"', '\\', '{',
                                         '}',  '[',  ']',    ',',    ' ',    'e',    'a', 'p',  'm',
                                         '\0', '\n', '\x1b', '\x7f', '\xc3', '\xff', '/'};
  const auto below = [&](std::size_t n) { return n == 0 ? 0 : random() % n; };
  std::string s = seeds[below(seeds.size())];
  for (auto ops = 1 + below(8); ops > 0; --ops) {
    const auto at = below(s.size() + 1);
    switch (below(6)) {
      case 0:
        if (!s.empty()) s[below(s.size())] ^= static_cast<char>(1u << below(8));
        break;
      case 1:
        s.insert(at, 1, interesting[below(sizeof interesting)]);
        break;
      case 2:
        if (!s.empty()) s.erase(below(s.size()), 1 + below(4));
        break;
      case 3:
        if (!s.empty()) {
          const auto from = below(s.size());
          s.insert(at, s.substr(from, 1 + below(8)));
        }
        break;
      case 4: {
        const auto& other = seeds[below(seeds.size())];
        s = s.substr(0, at) + other.substr(below(other.size() + 1));
        break;
      }
      default:
        s.insert(at, 1, static_cast<char>(below(256)));
    }
  }
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t count = 100'000;
  std::uint64_t seed = 20261201;
  std::string only;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--count") count = std::strtoull(argv[i + 1], nullptr, 10);
    if (flag == "--seed") seed = std::strtoull(argv[i + 1], nullptr, 10);
    if (flag == "--only") only = argv[i + 1];
  }
  for (const auto& r : readers()) {
    if (!only.empty() && only != r.name) continue;
    std::mt19937_64 random{seed};
    std::uint64_t accepted = 0;
    const auto started = std::chrono::steady_clock::now();
    for (const auto& s : r.seeds) {
      std::string why;
      r.read(s, why);
      if (!why.empty()) broken(r.name, s, why);
    }
    for (std::uint64_t n = 0; n < count; ++n) {
      const auto input = mutate(random, r.seeds);
      std::string why;
      if (r.read(input, why)) ++accepted;
      if (!why.empty()) broken(r.name, input, why);
    }
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    std::printf("%-8s %llu inputs, %llu accepted, 0 failures, %.1f s\n", r.name,
                static_cast<unsigned long long>(count), static_cast<unsigned long long>(accepted),
                took.count());
  }
  return 0;
}
