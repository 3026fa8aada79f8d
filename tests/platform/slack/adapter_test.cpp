// slack_platform in Socket Mode against the fake Slack (PLATFORMS.md §1.2, §1.7): what a person sees
// in Slack (ephemeral replies at the response_url, DM posts, buttons replaced after a click) and what
// is stored, through reconnects, rate limits, server errors, redeliveries and garbage frames.
#include "platform/slack/adapter_fixture.hpp"

namespace csibot::platform::slack::test {
namespace {

using testing::fault;

bool says(const json& body, std::string_view text) {
  return shown(body).find(text) != std::string::npos;
}

class socket_adapter_test : public adapter_test {
 protected:
  std::size_t posts_saying(std::string_view text) const {
    std::size_t n = 0;
    for (const auto& m : fake.messages())
      n += says(m, text) ? 1U : 0U;
    return n;
  }
  bool responded(std::string_view text) const {
    for (const auto& r : fake.responses())
      if (says(r.body, text)) return true;
    return false;
  }
  /// Clicks the button of the newest message that has `action` buttons and whose value ends `suffix`.
  void click(std::string_view action, std::string_view suffix) {
    std::string ts;
    ASSERT_TRUE(wait([&] { return !(ts = ts_of_message_with(action)).empty(); })) << "no sent " << action;
    const auto posts = posts_with_button(action);
    ASSERT_FALSE(posts.empty());
    const auto button = button_ending(posts.back(), suffix);
    ASSERT_TRUE(button) << posts.back().dump();
    fake.push_envelope("interactive", click_payload(ts, button->first, button->second));
  }
  /// A slash command whose ephemeral reply must arrive: a marker that everything before it was handled.
  void help_round_trip() {
    const auto before = fake.response_count();
    fake.push_slash_command("/csi", "help");
    ASSERT_TRUE(wait([&] { return fake.response_count() == before + 1; })) << "no reply to /csi help";
  }
};

TEST_F(socket_adapter_test, a_conversation_by_slash_command_dm_answers_and_buttons_stores_one_feedback) {
  ASSERT_NO_FATAL_FAILURE(start());
  fake.push_slash_command("/csi", "feedback vpn");
  ASSERT_TRUE(wait([&] { return fake.response_count() == 1 && posts_with_button("csi.rate").size() == 1; }));
  const auto note = fake.responses().at(0);
  EXPECT_EQ(note.body.value("response_type", ""), "ephemeral") << note.body.dump();
  EXPECT_TRUE(says(note.body, "direct message")) << note.body.dump();
  EXPECT_EQ(posts_with_button("csi.rate").at(0).value("channel", ""), "D0001") << "asked in the app's DM";
  EXPECT_EQ(fake.call_count("conversations.open"), 1U);

  ASSERT_NO_FATAL_FAILURE(click("csi.rate", ":2"));
  ASSERT_TRUE(wait([&] { return fake.call_count("chat.update") == 1 && posts_saying("main reason") == 1; }));
  const auto update = fake.calls("chat.update").at(0).args;
  EXPECT_EQ(update.value("ts", ""), ts_of_message_with("csi.rate"))
      << "the rating message itself is replaced";
  EXPECT_EQ(update.value("channel", ""), "D0001");
  EXPECT_TRUE(says(update, "You chose: 2/5")) << update.dump();
  EXPECT_FALSE(says(update, "csi.rate")) << "the buttons are gone: " << update.dump();

  fake.push_envelope("events_api", dm_event("Ev-reason", "drops every hour"));
  ASSERT_TRUE(wait([&] { return posts_with_button("csi.impact").size() == 1; }));
  ASSERT_NO_FATAL_FAILURE(click("csi.impact", ":blocks"));
  ASSERT_TRUE(
      wait([&] { return fake.call_count("chat.update") == 2 && posts_saying("what do you use") == 1; }));
  fake.push_envelope("events_api", dm_event("Ev-usage", "field sales", "U0001", "1700000009.000100"));
  ASSERT_TRUE(wait([&] { return posts_saying("Thank you!") == 1; }));

  const auto rows = feedback_rows();
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].service, "vpn");
  EXPECT_EQ(rows[0].platform, "slack");
  EXPECT_EQ(rows[0].user, "slack:U0001");
  EXPECT_EQ(rows[0].rating, 2);
  EXPECT_EQ(rows[0].reason, "drops every hour");
  EXPECT_EQ(rows[0].impact, core::impact::blocks);
  EXPECT_EQ(rows[0].usage, "field sales");
  EXPECT_EQ(fake.call_count("conversations.open"), 1U) << "the DM channel is cached";
  EXPECT_TRUE(fatals.empty());
}

TEST_F(socket_adapter_test, a_refresh_requested_disconnect_mid_conversation_does_not_interrupt_it) {
  ASSERT_NO_FATAL_FAILURE(start());
  fake.push_slash_command("/csi", "feedback vpn");
  ASSERT_TRUE(wait([&] { return posts_with_button("csi.rate").size() == 1; }));

  fake.disconnect("refresh_requested");
  ASSERT_TRUE(
      wait([&] { return fake.connections().size() >= 2 && platform->status().socket.connections == 1; }));
  ASSERT_NO_FATAL_FAILURE(click("csi.rate", ":4"));
  ASSERT_TRUE(wait([&] { return fake.call_count("chat.update") == 1 && posts_saying("main reason") == 1; }));
  ASSERT_EQ(feedback_rows().size(), 1U);
  EXPECT_EQ(feedback_rows()[0].rating, 4);
}

// slack.socket_connections = 2: two sockets stay open, and a command is answered once.
TEST_F(socket_adapter_test, the_configured_number_of_sockets_is_opened) {
  socket_connections = 2;
  ASSERT_NO_FATAL_FAILURE(start());
  ASSERT_TRUE(wait([&] { return platform->status().socket.connections == 2; }));
  EXPECT_EQ(fake.call_count("apps.connections.open"), 2U);
  EXPECT_EQ(fake.open_connections(), 2U);
  ASSERT_NO_FATAL_FAILURE(help_round_trip());
  EXPECT_EQ(fake.response_count(), 1U);
}

TEST_F(socket_adapter_test, a_dropped_socket_is_reconnected_and_the_next_command_answered) {
  ASSERT_NO_FATAL_FAILURE(start());
  fake.drop();
  ASSERT_TRUE(
      wait([&] { return platform->status().socket.reconnects >= 1 && platform->status().connected; }));
  ASSERT_NO_FATAL_FAILURE(help_round_trip());
  EXPECT_TRUE(responded("feedback"));
}

TEST_F(socket_adapter_test, a_429_on_chat_post_message_delivers_the_message_once_after_retry_after) {
  ASSERT_NO_FATAL_FAILURE(start());
  fake.fail_next("chat.postMessage", 1, fault::rate_limited(1s));
  fake.push_slash_command("/csi", "feedback vpn");
  ASSERT_TRUE(wait([&] { return fake.call_count("chat.postMessage") >= 1; }));
  const auto refused_at = std::chrono::steady_clock::now();
  ASSERT_TRUE(wait([&] { return fake.messages().size() == 1; }));
  EXPECT_GE(std::chrono::steady_clock::now() - refused_at, 900ms) << "Retry-After: 1 was not honoured";
  ASSERT_TRUE(wait([&] { return storage::outbox_repository{*db}.pending_count() == 0; }));
  const auto posts = fake.calls("chat.postMessage");
  ASSERT_EQ(posts.size(), 2U);
  EXPECT_EQ(posts[0].status, 429U);
  EXPECT_EQ(posts[1].status, 200U);
  EXPECT_EQ(posts_with_button("csi.rate").size(), 1U);
}

TEST_F(socket_adapter_test, a_500_from_slack_is_retried_and_the_message_arrives_once) {
  ASSERT_NO_FATAL_FAILURE(start());
  fake.fail_next("chat.postMessage", 2, fault::http(500));
  fake.push_slash_command("/csi", "feedback vpn");
  ASSERT_TRUE(wait([&] { return fake.messages().size() == 1; }));
  ASSERT_TRUE(wait([&] { return storage::outbox_repository{*db}.pending_count() == 0; }));
  EXPECT_EQ(fake.call_count("chat.postMessage"), 3U);
  EXPECT_EQ(posts_with_button("csi.rate").size(), 1U);
}

TEST_F(socket_adapter_test, a_redelivered_slash_command_envelope_gives_one_record_and_one_reply) {
  ASSERT_NO_FATAL_FAILURE(start());
  const auto id = fake.push_slash_command("/csi", "feedback vpn 2 drops hourly");
  ASSERT_TRUE(wait([&] { return fake.response_count() == 1; }));
  ASSERT_TRUE(fake.redeliver(id));
  ASSERT_TRUE(wait([&] { return fake.ack_count(id) == 2; })) << "a redelivery is acknowledged again";
  ASSERT_NO_FATAL_FAILURE(help_round_trip());
  EXPECT_EQ(fake.response_count(), 2U) << "one reply to the command, one to help";
  ASSERT_EQ(feedback_rows().size(), 1U);
  EXPECT_EQ(feedback_rows()[0].rating, 2);
}

TEST_F(socket_adapter_test, an_event_redelivered_in_a_new_envelope_is_handled_once) {
  ASSERT_NO_FATAL_FAILURE(start());
  fake.push_envelope("events_api", dm_event("Ev-start", "email"));
  ASSERT_TRUE(wait([&] { return posts_with_button("csi.rate").size() == 1; }));
  fake.push_envelope("events_api", dm_event("Ev-rating", "4", "U0001", "1700000004.000100"));
  ASSERT_TRUE(wait([&] { return posts_saying("main reason") == 1; }));
  // Slack redelivers after a missed ack with the same event_id (PLATFORMS.md §1.2 step 5).
  fake.push_envelope("events_api", dm_event("Ev-rating", "4", "U0001", "1700000004.000100"));
  ASSERT_NO_FATAL_FAILURE(help_round_trip());
  EXPECT_EQ(posts_saying("main reason"), 1U) << "no second reply";
  ASSERT_EQ(feedback_rows().size(), 1U);
  EXPECT_EQ(feedback_rows()[0].rating, 4);
}

TEST_F(socket_adapter_test,
       a_command_typed_in_two_peoples_dm_answers_the_person_alone_and_talks_in_the_apps_dm) {
  ASSERT_NO_FATAL_FAILURE(start());
  // U0001's DM with someone else: csibot is no member and could not post there.
  fake.push_slash_command("/csi", "feedback vpn", "U0001", "D0THEIRS");
  ASSERT_TRUE(wait([&] { return fake.response_count() == 1 && posts_with_button("csi.rate").size() == 1; }));
  const auto note = fake.responses().at(0);
  EXPECT_EQ(note.body.value("response_type", ""), "ephemeral") << note.body.dump();
  EXPECT_TRUE(says(note.body, "direct message")) << note.body.dump();
  EXPECT_EQ(posts_with_button("csi.rate").at(0).value("channel", ""), "D0001") << "asked in the app's DM";
  for (const auto& m : fake.messages())
    EXPECT_NE(m.value("channel", ""), "D0THEIRS") << m.dump();

  // Typed in the app's own DM, which csibot now knows, a command is answered in that DM.
  fake.push_slash_command("/csi", "cancel", "U0001", "D0001");
  ASSERT_TRUE(wait([&] { return posts_saying("Stopped.") == 1; }));
  EXPECT_EQ(fake.response_count(), 1U) << "not through the response_url";
}

TEST_F(socket_adapter_test, the_apps_dm_a_former_run_opened_is_still_its_own_after_a_restart) {
  ASSERT_NO_FATAL_FAILURE(start());
  fake.push_slash_command("/csi", "feedback vpn", "U0001", "C0001");  // the question goes to the DM
  ASSERT_TRUE(wait([&] { return posts_with_button("csi.rate").size() == 1; }));
  ASSERT_EQ(fake.call_count("conversations.open"), 1U);
  shut_down();

  ASSERT_NO_FATAL_FAILURE(start());
  const auto responses = fake.response_count();
  fake.push_slash_command("/csi", "cancel", "U0001", "D0001");
  ASSERT_TRUE(wait([&] { return posts_saying("Stopped.") == 1; }))
      << "answered in the DM, for everyone in it";
  EXPECT_EQ(fake.response_count(), responses) << "not \"only visible to you\" through the response_url";
  // Nor does a message to them need Slack to name the DM again.
  fake.push_slash_command("/csi", "feedback vpn", "U0001", "C0001");
  ASSERT_TRUE(wait([&] { return posts_with_button("csi.rate").size() == 2; }));
  EXPECT_EQ(posts_with_button("csi.rate").back().value("channel", ""), "D0001");
  EXPECT_EQ(fake.call_count("conversations.open"), 1U);
}

TEST_F(socket_adapter_test, a_reply_whose_response_url_expired_arrives_in_the_apps_dm) {
  ASSERT_NO_FATAL_FAILURE(start());
  fake.fail_next("respond", 1, fault::http(404));  // Slack's answer to a used or expired URL
  fake.push_slash_command("/csi", "services", "U0001", "C0001");
  ASSERT_TRUE(wait([&] { return posts_saying("Remote access VPN") == 1; }));
  const auto posts = fake.messages();
  ASSERT_EQ(posts.size(), 1U);
  EXPECT_EQ(posts[0].value("channel", ""), "D0001") << "to the person alone, not the channel";
}

TEST_F(socket_adapter_test, malformed_frames_and_payloads_are_skipped_without_dropping_the_connection) {
  ASSERT_NO_FATAL_FAILURE(start());
  fake.send_raw("{not json");
  fake.send_raw(std::string(2 * 1024 * 1024, 'x'));
  fake.push_envelope("events_api", json{{"type", "event_callback"}});     // no event, no event_id
  fake.push_envelope("slash_commands", json::object());                   // no command, no user
  fake.push_envelope("events_api", dm_event("Ev-self", "echo", "UBOT"));  // the bot's own message
  // The same without `authorizations`: only auth.test's answer says which user is the bot.
  auto without_authorizations = dm_event("Ev-self-2", "echo", "UBOT");
  without_authorizations.erase("authorizations");
  fake.push_envelope("events_api", without_authorizations);
  ASSERT_NO_FATAL_FAILURE(help_round_trip());
  EXPECT_EQ(fake.connections().size(), 1U) << "the socket stayed up";
  EXPECT_GE(platform->status().socket.malformed, 2U);
  EXPECT_GE(platform->status().ignored, 4U);
  EXPECT_EQ(fake.messages().size(), 0U) << "nothing answered the garbage or the bot itself";
}

TEST_F(socket_adapter_test, a_refusal_from_slack_fails_the_message_for_good_with_slacks_error_code) {
  ASSERT_NO_FATAL_FAILURE(start());
  fake.fail_next("chat.postMessage", 1, fault::slack("channel_not_found"));
  fake.push_slash_command("/csi", "feedback vpn");
  std::optional<storage::outbox_entry> failed;
  ASSERT_TRUE(wait([&] {
    for (std::int64_t id = 1; id < 10 && !failed; ++id)
      if (auto row = storage::outbox_repository{*db}.find(id);
          row && row->state == storage::outbox_state::failed)
        failed = std::move(row);
    return failed.has_value();
  }));
  EXPECT_NE(failed->last_error.find("channel_not_found"), std::string::npos) << failed->last_error;
  EXPECT_EQ(fake.call_count("chat.postMessage"), 1U) << "a refusal is not retried";
}

TEST_F(socket_adapter_test, messages_left_in_the_outbox_before_a_restart_are_sent_at_start) {
  build("socket");
  core::outbound left;
  left.kind = core::delivery::channel;
  left.platform = "slack";
  left.channel = "C0DIGEST";
  left.body.text = "left over from the last run";
  storage::outbox_repository{*db}.enqueue(left, "", system_now());
  ASSERT_TRUE(csibot::test::run_task(io, authenticate_task()).has_value());
  box->start();
  ASSERT_TRUE(wait([&] { return fake.messages().size() == 1; }));
  EXPECT_EQ(fake.messages()[0].value("channel", ""), "C0DIGEST");
  EXPECT_TRUE(says(fake.messages()[0], "left over from the last run"));
}

TEST_F(socket_adapter_test, a_bot_token_slack_rejects_fails_the_start_with_one_clear_error) {
  build("socket", "xoxb-revoked");
  try {
    (void)csibot::test::run_task(io, authenticate_task());
    FAIL() << "start succeeded with a rejected token";
  } catch (const start_error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("Slack"), std::string::npos) << what;
    EXPECT_NE(what.find("invalid_auth"), std::string::npos) << what;
    EXPECT_EQ(what.find("xoxb-revoked"), std::string::npos) << "no secret in the message: " << what;
    EXPECT_EQ(what.find('\n'), std::string::npos) << "one line";
  }
  EXPECT_EQ(fake.call_count("auth.test"), 1U) << "a refused token is not asked again";
  EXPECT_EQ(fake.call_count("apps.connections.open"), 0U);
}

}  // namespace
}  // namespace csibot::platform::slack::test
