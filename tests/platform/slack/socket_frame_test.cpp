// Socket Mode frames as the client reads them (socket_frame.cpp), without a socket: Slack's own
// samples (PLATFORMS.md §1.2), what no decoder reads, and what a broken or hostile peer might send.
#include <gtest/gtest.h>

#include <climits>
#include <nlohmann/json.hpp>
#include <string>

#include "bot/platform/slack/socket_mode.hpp"
#include "platform/slack/frame_samples.hpp"

namespace {

using csibot::platform::slack::ack_frame;
using csibot::platform::slack::parse_socket_frame;
using csibot::platform::slack::socket_frame;
using json = nlohmann::json;
using k = socket_frame::kind;

constexpr std::size_t max_frame = 16 * 1024 * 1024;

using csibot::platform::slack::samples::disconnect_frame;
using csibot::platform::slack::samples::hello_frame;
using csibot::platform::slack::samples::slash_envelope;

socket_frame parse(std::string_view text) {
  return parse_socket_frame(text, max_frame);
}

TEST(socket_frame, slacks_samples) {
  const auto hello = parse(hello_frame);
  EXPECT_EQ(hello.what, k::hello);
  EXPECT_EQ(hello.num_connections, 1);
  const auto bye = parse(disconnect_frame);
  EXPECT_EQ(bye.what, k::disconnect);
  EXPECT_EQ(bye.reason, "refresh_requested");
  const auto slash = parse(slash_envelope);
  ASSERT_EQ(slash.what, k::envelope) << slash.reason;
  EXPECT_EQ(slash.envelope_id, "1d3c79ab-0ffb-41f3-a080-d19e85f53649");
  EXPECT_EQ(slash.type, "slash_commands");
  EXPECT_EQ(slash.retry_attempt, 0);
  EXPECT_EQ(slash.payload["command"], "/digest");
  EXPECT_EQ(slash.payload["response_url"], "https://hooks.slack.com/commands/T0001/111/xxx");
}

TEST(socket_frame, parses_envelopes_and_control_frames) {
  const auto envelope = parse_socket_frame(
      R"({"envelope_id":"e1","type":"slash_commands","retry_attempt":2,"payload":{"command":"/csi"}})", 1024);
  EXPECT_EQ(envelope.what, socket_frame::kind::envelope);
  EXPECT_EQ(envelope.envelope_id, "e1");
  EXPECT_EQ(envelope.type, "slash_commands");
  EXPECT_EQ(envelope.retry_attempt, 2);
  EXPECT_EQ(envelope.payload, (json{{"command", "/csi"}}));

  const auto hello = parse_socket_frame(R"({"type":"hello","num_connections":3})", 1024);
  EXPECT_EQ(hello.what, socket_frame::kind::hello);
  EXPECT_EQ(hello.num_connections, 3);
  const auto bye = parse_socket_frame(R"({"type":"disconnect","reason":"warning"})", 1024);
  EXPECT_EQ(bye.what, socket_frame::kind::disconnect);
  EXPECT_EQ(bye.reason, "warning");
  EXPECT_EQ(parse_socket_frame(R"({"type":"something_new"})", 1024).what, socket_frame::kind::other);
}

// The members no decoder reads are never built (the verification token among them); everything
// else, and anything of the same name deeper down, arrives as sent. The adapter and end-to-end
// tests, whose fake sends all of these members, show that the decoders find what they need.
TEST(socket_frame, leaves_out_the_payload_members_nothing_reads) {
  const auto frame = parse_socket_frame(R"({"envelope_id":"e1","type":"slash_commands","payload":{
      "token":"verification-token","team_id":"T1","team_domain":"acme","channel_id":"C1",
      "channel_name":"general","user_id":"U1","user_name":"ann","command":"/csi","text":"feedback vpn 4",
      "api_app_id":"A1","is_enterprise_install":"false","enterprise_id":"E1","event_context":"x",
      "response_url":"https://hooks.slack.com/commands/T1/1/abc","trigger_id":"1.2.3",
      "event":{"token":"nested","channel_name":"kept"},"list":[{"token":"in an array"}]},
      "accepts_response_payload":false})",
                                        4096);
  ASSERT_EQ(frame.what, socket_frame::kind::envelope) << frame.reason;
  EXPECT_EQ(frame.payload, json::parse(R"({"team_id":"T1","channel_id":"C1","user_id":"U1","user_name":"ann",
      "command":"/csi","text":"feedback vpn 4","response_url":"https://hooks.slack.com/commands/T1/1/abc",
      "trigger_id":"1.2.3","event":{"token":"nested","channel_name":"kept"},"list":[{"token":"in an array"}]})"));
}

TEST(socket_frame, rejects_what_it_cannot_use) {
  EXPECT_EQ(parse_socket_frame("", 1024).what, k::malformed);
  EXPECT_EQ(parse_socket_frame("null", 1024).what, k::malformed);
  EXPECT_EQ(parse_socket_frame(R"({"no":"type"})", 1024).what, k::malformed);
  EXPECT_EQ(parse_socket_frame(R"({"type":"hello","pad":"xxxxxxxx"})", 10).what, k::malformed);
  EXPECT_EQ(parse_socket_frame(R"({"envelope_id":"","type":"x","payload":{}})", 1024).what, k::malformed);
  const auto no_payload = parse_socket_frame(R"({"envelope_id":"e2","type":"x","payload":[]})", 1024);
  EXPECT_EQ(no_payload.what, k::malformed);
  EXPECT_EQ(no_payload.envelope_id, "e2") << "still acknowledged";
}

// A broken envelope still names its id, so that it is acknowledged and Slack stops redelivering it.
TEST(socket_frame, a_broken_envelope_still_names_its_id_for_the_ack) {
  const auto no_payload = parse(R"({"envelope_id":"e1","type":"events_api"})");
  EXPECT_EQ(no_payload.what, k::malformed);
  EXPECT_EQ(no_payload.envelope_id, "e1");
  EXPECT_NE(no_payload.reason.find("payload"), std::string::npos);
  EXPECT_EQ(parse(R"({"envelope_id":"e2","type":"interactive","payload":"x"})").envelope_id, "e2");
  EXPECT_EQ(parse(R"({"envelope_id":"e3","payload":{}})").envelope_id, "e3");
  EXPECT_EQ(parse(R"({"envelope_id":"e4","type":["x"],"payload":{}})").envelope_id, "e4");
  // An id that is not a usable string is not acknowledged: there is nothing to name.
  EXPECT_TRUE(parse(R"({"envelope_id":42,"type":"events_api","payload":{}})").envelope_id.empty());
  EXPECT_TRUE(parse(R"({"envelope_id":")" + std::string(300, 'x') + R"(","type":"x","payload":{}})")
                  .envelope_id.empty());
}

TEST(socket_frame, odd_numbers_do_not_break_the_frame) {
  EXPECT_EQ(parse(R"({"envelope_id":"e","type":"events_api","retry_attempt":-5,"payload":{}})").retry_attempt,
            0);
  const auto huge = parse(R"({"envelope_id":"e","type":"x","retry_attempt":1e300,"payload":{}})");
  EXPECT_EQ(huge.what, k::envelope);
  EXPECT_EQ(huge.retry_attempt, 0);
  EXPECT_EQ(parse(R"({"type":"hello","num_connections":99999999999999})").num_connections, INT_MAX);
  EXPECT_EQ(parse(R"({"type":"hello","num_connections":18446744073709551615})").num_connections, INT_MAX);
  EXPECT_EQ(parse(R"({"type":"hello","num_connections":"3"})").num_connections, 0);
}

// What a broken or hostile peer might send on the socket: refused as a frame, never a crash, a deep
// tree or a half-read frame taken for a whole one.
TEST(socket_frame, refuses_hostile_frames) {
  for (const char* text : {"", "{", "[1,2]", "\"hello\"", "nul", R"({"type":7})"})
    EXPECT_EQ(parse(text).what, k::malformed) << text;
  EXPECT_EQ(parse(std::string(1'000'000, '[')).what, k::malformed);
  const auto deep = R"({"envelope_id":"e1","type":"events_api","payload":{"event":)" + std::string(200, '[') +
                    std::string(200, ']') + "}}";
  EXPECT_EQ(parse(deep).what, k::malformed);
  const auto skipped_deep = R"({"envelope_id":"e1","type":"slash_commands","payload":{"token":)" +
                            std::string(200, '[') + std::string(200, ']') + "}}";
  EXPECT_EQ(parse(skipped_deep).what, k::malformed);
  // nlohmann alone would stop at the NUL and see a complete hello.
  EXPECT_EQ(parse(std::string("{\"type\":\"hello\"}\0junk", 21)).what, k::malformed);
  EXPECT_EQ(parse("{\"type\":\"hello\",\"x\":\"\xff\"}").what, k::malformed);
  EXPECT_EQ(parse(R"({"envelope_id":"e3","type":"x","payload":{}} trailing)").what, k::malformed);
}

TEST(socket_frame, every_prefix_of_a_frame_is_refused) {
  for (const std::string_view sample : {hello_frame, disconnect_frame, slash_envelope}) {
    for (std::size_t n = 0; n < sample.size(); ++n) {
      // A prefix is valid JSON only when it ends at the object's closing brace.
      EXPECT_EQ(parse(sample.substr(0, n)).what, k::malformed) << sample.substr(0, n);
    }
  }
}

}  // namespace
