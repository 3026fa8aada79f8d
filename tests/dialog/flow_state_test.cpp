#include "dialog/flow_state.hpp"

#include <gtest/gtest.h>

#include "dialog/test_support.hpp"

namespace csibot::dialog {
namespace {

flow_state full_state() {
  flow_state s;
  s.at = step::usage;
  s.source = core::source::ticket;
  s.service = "vpn";
  s.suggested = "email";
  s.feedback_id = 9'007'199'254'740'993;  // beyond a double's exact integers
  s.rating = 2;
  s.reason = "drops \"every\" hour \xF0\x9F\x98\xA0\n<b>bold</b> '; DROP TABLE feedback;--";
  s.impact = core::impact::slows;
  s.usage = std::string(4000, 'u');
  s.usage_asked = true;
  s.recorded_in_question = true;
  s.pending_rating = "great";
  s.pending_reason = "service";
  s.pending_comment = "great  service";
  s.started_at = test::utc(2026, 11, 30, 9, 42, 15) + std::chrono::milliseconds{123};
  s.language = "de";
  return s;
}

TEST(flow_state, encode_decode_round_trips_every_field) {
  const auto s = full_state();
  EXPECT_EQ(decode(encode(s)), s);
}

TEST(flow_state, encode_decode_round_trips_an_empty_start) {
  const flow_state s;
  EXPECT_EQ(decode(encode(s)), s);
}

TEST(flow_state, every_step_and_source_round_trips) {
  for (auto at : {step::choose_service, step::rating, step::reason, step::impact, step::usage, step::done}) {
    for (auto src :
         {core::source::command, core::source::conversation, core::source::pulse, core::source::ticket}) {
      flow_state s;
      s.at = at;
      s.source = src;
      EXPECT_EQ(decode(encode(s)), s) << to_string(at);
    }
  }
}

TEST(flow_state, a_state_written_before_the_language_was_kept_reads_with_none) {
  auto text = encode(full_state());
  const auto at = text.find(",\"language\":\"de\"");
  ASSERT_NE(at, std::string::npos) << text;
  text.erase(at, std::string{",\"language\":\"de\""}.size());
  const auto back = decode(text);
  ASSERT_TRUE(back) << text;
  EXPECT_EQ(back->language, "");
  EXPECT_EQ(back->service, "vpn");
}

TEST(flow_state, skipped_answers_stay_absent_not_empty) {
  flow_state s = full_state();
  s.reason.reset();
  s.usage.reset();
  s.impact.reset();
  const auto back = decode(encode(s));
  ASSERT_TRUE(back);
  EXPECT_FALSE(back->reason);
  EXPECT_FALSE(back->usage);
  EXPECT_FALSE(back->impact);
}

TEST(flow_state, decode_rejects_garbage) {
  for (const char* bad :
       {"", "garbage", "{", "[]", "null", "42", "\"text\"", "{}", R"({"v":2,"at":"rating"})", R"({"v":1})",
        R"({"v":1,"at":"nowhere","source":"command","service":"vpn","feedback":0,"started":0})",
        R"({"v":1,"at":"rating","source":"fax","service":"vpn","feedback":0,"started":0})",
        R"({"v":1,"at":"rating","source":"command","service":7,"feedback":0,"started":0})",
        R"({"v":1,"at":"rating","source":"command","service":"vpn","feedback":"x","started":0})",
        R"({"v":1,"at":"rating","source":"command","service":"vpn","feedback":0})",
        R"({"v":1,"at":"rating","source":"command","service":"vpn","feedback":0,"started":0,"rating":"4"})",
        "\xFF\xFE"}) {
    EXPECT_FALSE(decode(bad)) << bad;
  }
}

// decode() promises nullopt for anything it did not write; a version field of the wrong type is
// such text (a hand-edited row, a future format) and must not throw out of it.
TEST(flow_state, decode_rejects_a_version_of_the_wrong_type_without_throwing) {
  for (const char* bad : {R"({"v":"1"})", R"({"v":null})", R"({"v":[1]})", R"({"v":{}})"}) {
    std::optional<flow_state> out;
    EXPECT_NO_THROW(out = decode(bad)) << bad;
    EXPECT_FALSE(out) << bad;
  }
}

TEST(flow_state, encode_survives_invalid_utf8_in_answers) {
  flow_state s;
  s.reason = "bad \xFF byte";
  const auto back = decode(encode(s));
  ASSERT_TRUE(back);
  EXPECT_TRUE(back->reason->starts_with("bad "));
}

}  // namespace
}  // namespace csibot::dialog
