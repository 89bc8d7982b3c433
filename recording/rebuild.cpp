#include "recording/rebuild.hpp"

#include "recording/codec.hpp"
#include "recording/compare.hpp"
#include "recording/script.hpp"
#include "tools/catalogue.hpp"

namespace frontdesk::recording {
namespace {

// The step after a question, from its recorded reply; nothing when the tool answered, or when
// the question was recorded failing or not at all (the session then answered with the error).
struct recorded_asks {
  const std::vector<const json_value*>& asks;
  std::vector<bool> used;
};

std::optional<tools::tool_step> after(tool_answer&, tools::booking_context&, recorded_asks&) {
  return std::nullopt;
}

template <class Ask, class Reply>
std::optional<tools::tool_step> after(tools::ask_step<Ask, Reply>& step,
                                      tools::booking_context& context,
                                      recorded_asks& recorded_ones) {
  const auto kind = kind_of(step);
  const auto* ask = take_ask(recorded_ones.asks, recorded_ones.used, kind.to, kind.what);
  const auto* recorded = ask ? ask->find("reply") : nullptr;
  Reply reply;
  if (!recorded || !decode(*recorded, reply)) return std::nullopt;
  return step.then(context, reply);
}

void run_again(const script& s, const recorded_call& c, std::string_view region,
               rebuilt_session& out) {
  if (c.asks.empty() || !is_clinic_question(*c.asks.front()) || c.clock.empty()) return;
  const auto clinic = clinic_in(s, *c.asks.front());
  const auto* tool = tools::find_tool(c.call.tool);
  if (!clinic || !tool) return;
  out.directory_hash = text_field(*c.asks.front()->find("reply"), "directory").value_or("");
  const tools::tool_request request{*clinic,
                                    c.call.input,
                                    c.clock.front(),
                                    {priority::interactive, 0},
                                    c.call.call.session_id,
                                    c.call.call.caller_phone,
                                    std::string(region)};
  recorded_asks recorded{c.asks, std::vector<bool>(c.asks.size(), false)};
  recorded.used.front() = true;  // the clinic's
  auto step = tool->run(out.context, request);
  while (true) {
    auto following = std::visit([&](auto& now) { return after(now, out.context, recorded); }, step);
    if (!following) break;
    step = std::move(*following);
  }
  const auto* today = std::get_if<tool_answer>(&step);
  const auto* then = c.answer ? c.answer->find("answer") : nullptr;
  if (today && then && !json_diff(*then, encode(*today)).empty()) ++out.diverged;
}

}  // namespace

rebuilt_session rebuild(const recording& r, std::string_view region, std::string* why) {
  rebuilt_session out;
  const auto s = script_of(r, why);
  if (!s) return out;
  for (const auto& c : s->calls) run_again(*s, c, region, out);
  out.calls = static_cast<int>(s->calls.size());
  return out;
}

}  // namespace frontdesk::recording
