// slack_platform in HTTP mode (PLATFORMS.md §1.3–§1.5): Slack's POSTs to the bot's own HTTP server
// over real loopback sockets, signed with the real clock; replies go to the fake Slack.
#include "bot/net/http_client.hpp"
#include "bot/net/http_server.hpp"
#include "bot/platform/slack/signature.hpp"
#include "platform/slack/adapter_fixture.hpp"
#include "support/url_encode.hpp"

namespace csibot::platform::slack::test {
namespace {

using csibot::test::url_encode;

std::string now_header(std::chrono::seconds offset = {}) {
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) + offset;
  return std::to_string(now.time_since_epoch().count());
}

class http_adapter_test : public adapter_test {
 protected:
  std::unique_ptr<net::http_server> server;
  net::http_client client{io};
  const std::string secret = "8f742231b10e8888abcd99yyyzzz85a5";

  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(start("http"));
    server = std::make_unique<net::http_server>(io, net::server_options{});
    platform->install_routes(*server);
    server->start();
  }
  void TearDown() override {
    server->stop();
    shut_down();
  }

  /// POSTs `body` to `path` with the given signature headers (none when `timestamp` is empty).
  net::http_result post(const std::string& path, std::string body, const std::string& content_type,
                        const std::string& timestamp, const std::string& signature) {
    net::header_map h;
    h.set("Content-Type", content_type);
    if (!timestamp.empty()) h.set("X-Slack-Request-Timestamp", timestamp);
    if (!signature.empty()) h.set("X-Slack-Signature", signature);
    const auto url = "http://127.0.0.1:" + std::to_string(server->local_port()) + path;
    auto r = csibot::test::run_task(io, client.request("POST", url, std::move(h), std::move(body)));
    EXPECT_TRUE(r.has_value()) << "no answer from " << path;
    return r.value_or(net::http_result{});
  }
  /// POSTs `body` signed as Slack signs it, now.
  net::http_result signed_post(const std::string& path, const std::string& body,
                               const std::string& content_type = "application/x-www-form-urlencoded") {
    const auto ts = now_header();
    return post(path, body, content_type, ts, sign(secret, ts, body));
  }

  std::string command_form(const std::string& text) {
    return "token=x&team_id=T0001&channel_id=C0001&channel_name=ops&user_id=U0001&user_name=alice"
           "&command=%2Fcsi&text=" +
           url_encode(text) + "&response_url=" + url_encode(fake.new_response_url()) +
           "&trigger_id=" + url_encode("trig-" + text);
  }
};

TEST_F(http_adapter_test, a_signed_slash_command_gets_an_empty_200_and_its_reply_at_the_response_url) {
  const auto r = signed_post("/slack/commands", command_form("feedback vpn 2 drops hourly"));
  EXPECT_EQ(r.status, 200U);
  EXPECT_EQ(r.body, "");
  ASSERT_TRUE(wait([&] { return fake.response_count() == 1; }));
  EXPECT_EQ(fake.responses()[0].body.value("response_type", ""), "ephemeral");
  const auto rows = feedback_rows();
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].rating, 2);
  EXPECT_EQ(rows[0].user, "slack:U0001");
}

TEST_F(http_adapter_test, a_slack_retry_of_the_same_event_is_answered_but_handled_once) {
  const auto body = dm_event("Ev-http", "email").dump();
  EXPECT_EQ(signed_post("/slack/events", body, "application/json").status, 200U);
  ASSERT_TRUE(wait([&] { return posts_with_button("csi.rate").size() == 1; }));
  EXPECT_EQ(signed_post("/slack/events", body, "application/json").status, 200U);
  ASSERT_TRUE(wait([&] { return queue->events_dispatched() == 2 && queue->queued() == 0; }));
  EXPECT_EQ(posts_with_button("csi.rate").size(), 1U);
}

TEST_F(http_adapter_test, a_bad_stale_or_missing_signature_gets_401_and_changes_nothing) {
  const auto body = command_form("feedback vpn 2 drops hourly");
  const auto ts = now_header();
  EXPECT_EQ(
      post("/slack/commands", body, "application/x-www-form-urlencoded", ts, sign("wrong", ts, body)).status,
      401U);
  const auto old = now_header(-std::chrono::minutes{10});
  EXPECT_EQ(
      post("/slack/commands", body, "application/x-www-form-urlencoded", old, sign(secret, old, body)).status,
      401U);
  EXPECT_EQ(post("/slack/commands", body, "application/x-www-form-urlencoded", "", "").status, 401U);
  EXPECT_EQ(post("/slack/events", "{}", "application/json", ts, sign(secret, ts, body)).status, 401U)
      << "the signature covers the body";
  EXPECT_EQ(queue->events_dispatched(), 0U);
  EXPECT_TRUE(feedback_rows().empty());
  EXPECT_EQ(storage::outbox_repository{*db}.pending_count(), 0);
  EXPECT_EQ(fake.response_count(), 0U);
  EXPECT_EQ(platform->status().refused, 4U);
}

TEST_F(http_adapter_test, url_verification_is_answered_with_the_challenge) {
  const json body{{"token", "x"},
                  {"challenge", "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"},
                  {"type", "url_verification"}};
  const auto r = signed_post("/slack/events", body.dump(), "application/json");
  ASSERT_EQ(r.status, 200U);
  EXPECT_EQ(json::parse(r.body).value("challenge", ""),
            "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
}

TEST_F(http_adapter_test, slack_dropping_events_is_counted_for_healthz_and_answered_200) {
  const json body{{"token", "x"},
                  {"team_id", "T0001"},
                  {"minute_rate_limited", 1518467820},
                  {"type", "app_rate_limited"},
                  {"api_app_id", "A0001"}};
  EXPECT_EQ(signed_post("/slack/events", body.dump(), "application/json").status, 200U);
  EXPECT_EQ(platform->status().events_dropped, 1U);
  EXPECT_EQ(platform->health().value("events_dropped", 0), 1);
  EXPECT_EQ(queue->events_dispatched(), 0U);
}

TEST_F(http_adapter_test, a_body_over_1_mib_gets_413) {
  const auto body = command_form(std::string(1100 * 1024, 'a'));
  EXPECT_EQ(signed_post("/slack/commands", body).status, 413U);
  EXPECT_EQ(queue->events_dispatched(), 0U);
}

TEST_F(http_adapter_test, a_signed_click_replaces_the_buttons_of_its_message) {
  ASSERT_EQ(signed_post("/slack/commands", command_form("feedback vpn")).status, 200U);
  std::string ts;
  ASSERT_TRUE(wait([&] { return !(ts = ts_of_message_with("csi.rate")).empty(); }));
  const auto button = button_ending(posts_with_button("csi.rate").at(0), ":5");
  ASSERT_TRUE(button);
  auto payload = click_payload(ts, button->first, button->second);
  // Slack sends the whole message clicked on; a digest's 50 blocks make it a few hundred KiB.
  payload["message"]["blocks"] = json::array();
  for (int i = 0; i < 50; ++i)
    payload["message"]["blocks"].push_back(
        {{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", std::string(3000, 'x')}}}});
  const auto form = "payload=" + url_encode(payload.dump());
  ASSERT_GT(form.size(), 150'000U);
  ASSERT_EQ(signed_post("/slack/interactivity", form).status, 200U);
  ASSERT_TRUE(wait([&] { return fake.call_count("chat.update") == 1; }));
  EXPECT_EQ(fake.calls("chat.update")[0].args.value("ts", ""), ts);
  EXPECT_EQ(fake.open_connections(), 0U);
}

}  // namespace
}  // namespace csibot::platform::slack::test
