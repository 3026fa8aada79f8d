#include "bot/platform/slack/json_skip.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

namespace slack = csibot::platform::slack;
using json = nlohmann::json;

// What the filter was asked, as "depth parent key" lines, in document order.
std::vector<std::string> asked;

bool record_and_skip_secret(std::size_t depth, std::string_view parent_key, std::string_view key) {
  asked.push_back(std::to_string(depth) + " " + std::string{parent_key} + " " + std::string{key});
  return key == "secret";
}

TEST(json_skip, the_filter_sees_each_member_with_its_depth_and_parent_key) {
  asked.clear();
  const auto doc = slack::parse_skipping(
      R"({"a":1,"secret":{"deep":[1,{"x":2}]},"o":{"secret":"s","b":[{"c":true}]},"z":null})",
      record_and_skip_secret);
  EXPECT_EQ(doc, json::parse(R"({"a":1,"o":{"b":[{"c":true}]},"z":null})"));
  // Nothing inside a skipped member is asked about; the array counts as a level, and an object in it
  // has no parent key.
  EXPECT_EQ(asked,
            (std::vector<std::string>{"1  a", "1  secret", "1  o", "2 o secret", "2 o b", "4  c", "1  z"}));
}

TEST(json_skip, what_is_not_json_is_discarded_as_with_parse) {
  for (const char* text : {"", "{", R"({"a":})", R"({"secret":[1,2})", "[1,]", "nul"}) {
    EXPECT_TRUE(slack::parse_skipping(text, record_and_skip_secret).is_discarded()) << text;
    EXPECT_TRUE(json::parse(text, nullptr, false).is_discarded()) << text;
  }
  // Any value may be the top level, as with parse.
  EXPECT_EQ(slack::parse_skipping(R"("text")", record_and_skip_secret), json("text"));
  EXPECT_EQ(slack::parse_skipping("[1,2]", record_and_skip_secret), json::parse("[1,2]"));
}

TEST(json_skip, a_repeated_key_keeps_its_last_value) {
  EXPECT_EQ(slack::parse_skipping(R"({"a":1,"a":{"b":2}})", record_and_skip_secret),
            json::parse(R"({"a":{"b":2}})"));
  EXPECT_EQ(slack::parse_skipping(R"({"a":1,"secret":2,"a":3})", record_and_skip_secret),
            json::parse(R"({"a":3})"));
}

// The same guards as platform::parse_json: a hostile peer's "[[[[…" stops at the first bracket too
// many (skipped members count, they nest as deeply in the text), and a raw NUL is not taken for the
// end of the input.
TEST(json_skip, refuses_deep_nesting_and_raw_nul_as_parse_json_does) {
  const auto nested = [](std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); };
  const auto limit = static_cast<std::size_t>(csibot::platform::max_json_depth);
  EXPECT_EQ(slack::parse_skipping(nested(limit), record_and_skip_secret), json::parse(nested(limit)));
  EXPECT_TRUE(slack::parse_skipping(nested(limit + 1), record_and_skip_secret).is_discarded());
  EXPECT_TRUE(slack::parse_skipping(std::string(1'000'000, '['), record_and_skip_secret).is_discarded());
  const auto in_secret = R"({"secret":)" + nested(limit) + "}";
  EXPECT_TRUE(slack::parse_skipping(in_secret, record_and_skip_secret).is_discarded());
  EXPECT_EQ(slack::parse_skipping(R"({"secret":)" + nested(limit - 1) + "}", record_and_skip_secret),
            json::object());

  EXPECT_TRUE(
      slack::parse_skipping(std::string("{\"a\":1}\0junk", 12), record_and_skip_secret).is_discarded());
  EXPECT_TRUE(slack::parse_skipping(std::string("{\"a\":1}\0", 8), record_and_skip_secret).is_discarded());
  // An escaped NUL inside a string is valid JSON and stays the decoders' business.
  EXPECT_EQ(slack::parse_skipping(R"({"a":"x\u0000y"})", record_and_skip_secret)["a"],
            std::string("x\0y", 3));
}

}  // namespace
