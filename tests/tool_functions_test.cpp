#include <gtest/gtest.h>

#include "http/tools.hpp"

// The tools as plain functions, on a directory built by hand: no actors, no database.
using namespace frontdesk;
using http::json_value;

namespace {

clinic_view two_locations() {
  auto d = std::make_shared<domain::clinic_directory>();
  d->clinic_id = 1;
  d->clinic_name = "Harbour Health";
  d->locations = {
      {"11", "Harbour Health Bondi Junction", "Bondi Junction", "", "Bondi Junction",
       "Australia/Sydney"},
      {"12", "Harbour Health Richmond", "Richmond", "", "Richmond", "Australia/Melbourne"}};
  d->practitioners = {{"21", "Dr Sarah Chen", "Sarah", "Chen", "Physiotherapist"}};
  d->services = {{"31", "Initial Consultation", "Physiotherapy", 45}};
  d->offerings = {{"21", "11", "31"}};
  d->works_at = {{"21", "11"}, {"21", "12"}};
  return {1, "Harbour Health", "Australia/Sydney", d};
}

json_value body(std::string_view text) {
  return *http::parse_json(text);
}

std::string text(const json_value& v, std::string_view key) {
  return http::text_field(v, key).value_or("");
}

// Wednesday the 25th of November 2026, 11 AM in Sydney: the session's clock in these tests.
const domain::instant wednesday_11am = *domain::parse_instant("2026-11-25T00:00:00Z");

std::optional<http::tool_step> step(std::string_view tool, const clinic_view& clinic,
                                    booking_context& context, std::string_view input) {
  const auto fields = body(input);
  return http::run_tool(tool, {clinic, fields, wednesday_11am, {}}, context);
}

// The answer of a tool that needs no free times.
std::optional<tool_answer> run(std::string_view tool, const clinic_view& clinic,
                               booking_context& context, std::string_view input) {
  auto next = step(tool, clinic, context, input);
  if (!next) return std::nullopt;
  auto* answer = std::get_if<tool_answer>(&*next);
  if (!answer) {
    ADD_FAILURE() << tool << " asked for free times";
    return std::nullopt;
  }
  return std::move(*answer);
}

}  // namespace

TEST(ToolFunctions, ResolvingALocationSettlesIt) {
  booking_context context;
  const auto a =
      run("location-resolver", two_locations(), context, R"({"locationQuery":"Richmond"})");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->status, 200u);
  EXPECT_EQ(text(*a->body.find("location"), "business_id"), "12");
  EXPECT_EQ(context.location_id, "12");
}

TEST(ToolFunctions, ConfirmingIgnoresOptionsThatAreNotTheClinics) {
  booking_context context;
  const auto a = run(
      "confirm-location", two_locations(), context,
      (R"({"userResponse":"the first one","options":[{"business_id":"999","name":"Elsewhere"},{"business_id":"11","name":"Bondi Junction"}]})"));
  ASSERT_TRUE(a);
  EXPECT_EQ(text(*a->body.find("location"), "business_id"),
            "11");  // the foreign option was never offered
  EXPECT_EQ(context.location_id, "11");
}

TEST(ToolFunctions, AServiceListFollowsTheSettledLocation) {
  booking_context context;
  context.location_id = "12";
  const auto at_richmond =
      run("get-practitioner-services", two_locations(), context, R"({"practitioner":"Sarah"})");
  ASSERT_TRUE(at_richmond);
  EXPECT_EQ(text(at_richmond->body, "error"),
            "no_services");  // she works there, offers nothing there
  EXPECT_EQ(context.practitioner_id, "21");
  const auto at_bondi = run("get-practitioner-services", two_locations(), context,
                            R"({"practitioner":"Sarah","business_id":"11"})");
  EXPECT_EQ(text(at_bondi->body, "count"), "1");
  EXPECT_EQ(text(*at_bondi->body.find("defaultService"), "id"), "31");
}

TEST(ToolFunctions, UnknownToolsAreNotAnswered) {
  booking_context context;
  EXPECT_FALSE(step("book-everything", two_locations(), context, "{}"));
}
