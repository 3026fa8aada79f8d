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

}  // namespace
