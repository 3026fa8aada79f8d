#include "bot/platform/slack/api_answer.hpp"

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>

namespace csibot::platform::slack {
namespace {

using json = nlohmann::json;

// chat.postMessage's answer as PLATFORMS.md §1.7 shows it, with a message that has blocks and
// attachments in it, as csibot's have: the posted message comes back whole.
constexpr const char* post_message_answer = R"({"ok":true,"channel":"C0001","ts":"1700000000.000100",
 "message":{"type":"message","text":"Daily digest","user":"UBOT","bot_id":"B0001",
            "ts":"1700000000.000100",
            "blocks":[{"type":"section","text":{"type":"mrkdwn","text":"*VPN* 4/5"}}],
            "attachments":[{"text":"more","id":1,"fallback":"more"}]},
 "response_metadata":{"warnings":["missing_charset"]}})";

TEST(api_answer, drops_the_echoed_message_and_keeps_every_other_member) {
  const auto parsed = parse_api_answer(post_message_answer);
  auto expected = json::parse(post_message_answer);
  expected.erase("message");
  EXPECT_EQ(parsed, expected);
  EXPECT_EQ(parsed["ts"], "1700000000.000100");
  EXPECT_FALSE(parsed.contains("message"));
}

TEST(api_answer, a_message_member_below_the_top_level_is_kept) {
  const std::string text =
      R"({"ok":false,"error":"invalid_blocks","response_metadata":{"message":"see errors","messages":["[ERROR] x"]},)"
      R"("list":[{"message":{"ts":"1"}},{"message":"two"}]})";
  EXPECT_EQ(parse_api_answer(text), json::parse(text));
}

TEST(api_answer, a_scalar_or_array_message_is_skipped_and_the_members_after_it_are_kept) {
  EXPECT_EQ(parse_api_answer(R"({"message":"hi","ok":true})"), json::parse(R"({"ok":true})"));
  EXPECT_EQ(parse_api_answer(R"({"message":[1,[2,{"a":3}]],"ok":true,"error":"x"})"),
            json::parse(R"({"ok":true,"error":"x"})"));
  EXPECT_EQ(parse_api_answer(R"({"message":{"a":{"b":[{}]}}})"), json::object());
}

TEST(api_answer, every_kind_of_value_reads_as_the_ordinary_parser_reads_it) {
  for (const std::string text : {
           R"({"ok":true,"n":-12,"u":18446744073709551615,"f":1.5e3,"null":null,"no":false})",
           R"({"s":"caf\u00e9 \"quoted\" \\ \n","e":"","a":[],"o":{},"deep":[[[{"x":[1,2,{"y":null}]}]]]})",
           " \t\r\n{\"ok\":true} \n",
           R"({"dup":1,"dup":2})",
       }) {
    SCOPED_TRACE(text);
    EXPECT_EQ(parse_api_answer(text), json::parse(text));
  }
}

TEST(api_answer, anything_but_a_json_object_reads_as_null) {
  for (const std::string& text :
       std::initializer_list<std::string>{"", "  ", "ok", "42", "null", R"("a string")", R"([{"ok":true}])",
                                          R"({"ok":true)", R"({"ok":true}} trailing)", R"({"ok":tru})",
                                          "<html>502 Bad Gateway</html>", std::string{"{\"s\":\"\xff\"}"}}) {
    SCOPED_TRACE(text);
    EXPECT_TRUE(parse_api_answer(text).is_null());
  }
}

}  // namespace
}  // namespace csibot::platform::slack
