#include "http/json.hpp"

#include <gtest/gtest.h>

using namespace frontdesk;
using namespace frontdesk::http;

TEST(JsonReader, ParsesAnObjectWithNestedValues) {
  const auto doc =
      parse_json(R"({"sessionId":"conv_1","options":[{"business_id":"17","name":"Bondi"},"City"],)"
                 R"("maxDays":14,"ratio":0.5,"flag":true,"none":null})");
  ASSERT_TRUE(doc && doc->is_object());
  const auto* options = doc->find("options");
  ASSERT_NE(options, nullptr);
  ASSERT_TRUE(options->is<json_value::array>());
  const auto& list = options->as<json_value::array>();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(text_field(list[0], "name"), "Bondi");
  EXPECT_EQ(list[1].as<std::string>(), "City");
  EXPECT_EQ(doc->find("maxDays")->as<std::int64_t>(), 14);
  EXPECT_DOUBLE_EQ(doc->find("ratio")->as<double>(), 0.5);
  EXPECT_TRUE(doc->find("flag")->as<bool>());
  EXPECT_TRUE(doc->find("none")->is<std::nullptr_t>());
  EXPECT_EQ(doc->find("missing"), nullptr);
}

TEST(JsonReader, RejectsMalformedText) {
  std::string why;
  EXPECT_FALSE(parse_json(R"({"a":)", &why));
  EXPECT_FALSE(why.empty());
  EXPECT_FALSE(parse_json("{'single':'quotes'}"));
  EXPECT_FALSE(parse_json(""));
  EXPECT_FALSE(parse_json(R"({"a":1} trailing)"));
  EXPECT_FALSE(parse_json("{\"bad\":\"\xff\"}"));  // not UTF-8
  const auto array = parse_json("[1,2]");
  ASSERT_TRUE(array);
  EXPECT_FALSE(array->is_object());
}

TEST(JsonReader, TextFieldsTreatNullAndEmptyAsAbsent) {
  const auto doc = parse_json(
      R"({"a":null,"b":"","c":"  ","d":" Bondi ","e":514810976554457178,"f":42.0,"g":true})");
  ASSERT_TRUE(doc);
  EXPECT_EQ(text_field(*doc, "a"), std::nullopt);
  EXPECT_EQ(text_field(*doc, "b"), std::nullopt);
  EXPECT_EQ(text_field(*doc, "c"), std::nullopt);
  EXPECT_EQ(text_field(*doc, "d"), "Bondi");
  // A 64-bit id sent as a number survives exactly (it would not as a double).
  EXPECT_EQ(text_field(*doc, "e"), "514810976554457178");
  EXPECT_EQ(text_field(*doc, "f"), "42");
  EXPECT_EQ(text_field(*doc, "g"), std::nullopt);
  EXPECT_EQ(text_field(*doc, "zzz"), std::nullopt);
}

TEST(JsonWriter, WritesObjectsAndArraysWithCommas) {
  json_writer w;
  w.begin_object()
      .key("success")
      .value(true)
      .key("count")
      .value(3)
      .key("items")
      .begin_array()
      .value("a")
      .value(std::int64_t{-7})
      .null()
      .begin_object()
      .end_object()
      .end_array()
      .key("empty")
      .begin_array()
      .end_array()
      .key("ratio")
      .value(0.25)
      .end_object();
  EXPECT_EQ(w.str(),
            R"({"success":true,"count":3,"items":["a",-7,null,{}],"empty":[],"ratio":0.25})");
}

TEST(JsonWriter, EscapesQuotesBackslashesAndControlCharacters) {
  json_writer w;
  w.begin_object()
      .key("m")
      .value(std::string_view("say \"hi\"\\\n\t\r\b\f\x01\x1f\x7f", 17))
      .end_object();
  EXPECT_EQ(w.str(), R"({"m":"say \"hi\"\\\n\t\r\b\f\u0001\u001f\u007f"})");
}

TEST(JsonWriter, KeepsNonAsciiAndRepairsInvalidUtf8) {
  std::string out;
  append_json_string(out, "Zoë · 東京 · 😀");
  EXPECT_EQ(out, "\"Zoë · 東京 · 😀\"");
  out.clear();
  append_json_string(out, "bad\xff\xc3(end");  // a stray byte and a truncated sequence
  EXPECT_EQ(out, "\"bad\xEF\xBF\xBD\xEF\xBF\xBD(end\"");
  out.clear();
  append_json_string(out, "\xED\xA0\x80");  // a UTF-16 surrogate encoded in UTF-8
  EXPECT_EQ(out, "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
  out.clear();
  append_json_string(out, "line\xE2\x80\xA8sep");
  EXPECT_EQ(out, "\"line\\u2028sep\"");
}

TEST(JsonWriter, OutputParsesBackToTheSameText) {
  const std::string tricky = "Dr O'Brien said \"9:30\" \\ ok\n\x02 café";
  json_writer w;
  w.begin_object()
      .key("message")
      .value(tricky)
      .key("n")
      .value(std::int64_t{9007199254740993})
      .end_object();
  const auto doc = parse_json(w.str());
  ASSERT_TRUE(doc);
  EXPECT_EQ(doc->find("message")->as<std::string>(), tricky);
  EXPECT_EQ(doc->find("n")->as<std::int64_t>(), 9007199254740993);
}

TEST(JsonWriter, WritesNonFiniteNumbersAsNull) {
  json_writer w;
  w.begin_array().value(std::numeric_limits<double>::quiet_NaN()).value(1.721).end_array();
  EXPECT_EQ(w.str(), "[null,1.721]");  // and doubles in their shortest exact form
}

TEST(JsonValue, EditsAndWritesBackTheSameDocument) {
  auto doc =
      parse_json(R"({"id":"514810976554457178","n":3,"list":[true,null,1.5],"o":{"a":"b"}})");
  ASSERT_TRUE(doc);
  EXPECT_EQ(to_json(*doc),
            R"({"id":"514810976554457178","n":3,"list":[true,null,1.5],"o":{"a":"b"}})");
  doc->set("n", json_value{std::int64_t{4}});
  doc->set("added", json_value{std::string("x")});
  doc->erase("list");
  EXPECT_EQ(to_json(*doc), R"({"id":"514810976554457178","n":4,"o":{"a":"b"},"added":"x"})");
}

TEST(JsonReader, NumbersTooLargeToHoldAreKeptAsTheirDigits) {
  // Valid JSON all: the field can be named as what is wrong, instead of the whole body.
  const auto doc =
      parse_json(R"({"maxDays":99999999999999999999999,"business_id":12345678901234567890123,)"
                 R"("ratio":1e400,"small":-0.5e-3,"name":"a 99999999999999999999999 b","n":14})");
  ASSERT_TRUE(doc && doc->is_object());
  EXPECT_EQ(text_field(*doc, "maxDays"), "99999999999999999999999");
  EXPECT_EQ(text_field(*doc, "business_id"), "12345678901234567890123");
  EXPECT_EQ(text_field(*doc, "ratio"), "1e400");
  EXPECT_EQ(text_field(*doc, "name"), "a 99999999999999999999999 b");  // strings untouched
  EXPECT_TRUE(doc->find("n")->is<std::int64_t>());
  EXPECT_TRUE(doc->find("small")->is<double>());
  // What is not JSON stays refused.
  for (const char* bad : {R"({"maxDays":01})", R"({"maxDays":1e})",
                          R"({"a":99999999999999999999999)", R"({"a":-})", R"({"a":1.})"})
    EXPECT_FALSE(parse_json(bad)) << bad;
}
