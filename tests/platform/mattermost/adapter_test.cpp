// mattermost_platform against the fake Mattermost (PLATFORMS.md §2): what a person sees (ephemeral
// replies at the response_url, DM posts, buttons replaced after a click) and what is stored, through
// restarts, dropped sockets with lost events, rate limits and garbage frames.
#include <sstream>

#include "platform/mattermost/adapter_fixture.hpp"

namespace csibot::platform::mattermost::test {
namespace {

using testing::mm_fault;

class socket_adapter_test : public adapter_test {
 protected:
  /// Clicks the newest `action` button whose value ends with `suffix`; the click must be accepted.
  void click_button(std::string_view action, std::string_view suffix) {
    const auto b = wait_button(action, suffix);
    ASSERT_TRUE(b) << "no " << action << " button ending " << suffix;
    const auto r = click(*b);
    ASSERT_EQ(r.status, 200U) << r.body << r.error;
    EXPECT_EQ(json::parse(r.body, nullptr, false), json::object()) << r.body;
  }
  bool has_buttons(const std::string& post_id) const {
    const auto post = fake.post(post_id);
    return post && post->value("props", json::object()).contains("attachments");
  }
  /// Starts the bot, has alice open a conversation about email in her DM, waits until its rating
  /// prompt (five buttons) has left the outbox, and shuts the bot down; `dm` is her DM channel.
  void rating_prompt_then_shut_down(std::string& dm) {
    ASSERT_NO_FATAL_FAILURE(start());
    dm = dm_with(alice);
    fake.push_post(alice, dm, "email");
    ASSERT_TRUE(wait([&] { return buttons("csi.rate").size() == 5; }));
    ASSERT_TRUE(wait([&] { return storage::outbox_repository{*db}.pending_count() == 0; }));
    shut_down();
  }
  /// Starts the bot, has alice open a conversation about email in her DM (rating prompt sent, her
  /// channel in the book), and makes the fake refuse to resume the socket; `dm` is her DM channel.
  void rating_prompt_then_no_resume(std::string& dm) {
    ASSERT_NO_FATAL_FAILURE(start());
    dm = dm_with(alice);
    fake.push_post(alice, dm, "email");
    ASSERT_TRUE(wait([&] { return buttons("csi.rate").size() == 5; }));
    ASSERT_TRUE(wait([&] { return platform->status().dm_channels == 1; }));
    fake.set_resume(false);
  }
};

TEST_F(socket_adapter_test, a_conversation_by_slash_command_dm_answers_and_buttons_stores_one_feedback) {
  ASSERT_NO_FATAL_FAILURE(start());
  const auto ack = command("feedback vpn");
  ASSERT_EQ(ack.status, 200U) << ack.body;
  EXPECT_EQ(json::parse(ack.body).value("text", "?"), "") << "an empty ephemeral ack shows nothing";
  ASSERT_TRUE(wait([&] { return fake.responses().size() == 1 && buttons("csi.rate").size() == 5; }));
  const auto note = fake.responses().at(0);
  EXPECT_EQ(note.body.value("response_type", ""), "ephemeral") << note.raw;
  EXPECT_NE(note.raw.find("direct message"), std::string::npos) << note.raw;
  EXPECT_TRUE(note.authorization.empty()) << "the response_url is the credential";
  const auto dm = dm_with(alice);
  EXPECT_EQ(buttons("csi.rate").at(0).channel, dm) << "asked in the direct channel";
  EXPECT_EQ(buttons("csi.rate").at(0).url, base_url() + "/mattermost/actions");

  const auto prompt = buttons("csi.rate").at(0).post_id;
  ASSERT_NO_FATAL_FAILURE(click_button("csi.rate", ":2"));
  ASSERT_TRUE(
      wait([&] { return fake.call_count("posts.patch") == 1 && bot_posts_saying("main reason") == 1; }));
  EXPECT_FALSE(has_buttons(prompt)) << "the rating buttons are replaced: " << fake.post(prompt)->dump();
  EXPECT_TRUE(says(*fake.post(prompt), "2/5")) << fake.post(prompt)->dump();

  fake.push_post(alice, dm, "drops every hour");
  ASSERT_NO_FATAL_FAILURE(click_button("csi.impact", ":blocks"));
  ASSERT_TRUE(
      wait([&] { return fake.call_count("posts.patch") == 2 && bot_posts_saying("what do you use") == 1; }));
  fake.push_post(alice, dm, "field sales");
  ASSERT_TRUE(wait([&] { return bot_posts_saying("Thank you!") == 1; }));

  const auto rows = feedback_rows();
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].service, "vpn");
  EXPECT_EQ(rows[0].platform, "mattermost");
  EXPECT_EQ(rows[0].user, "mattermost:" + alice);
  EXPECT_EQ(rows[0].rating, 2);
  EXPECT_EQ(rows[0].reason, "drops every hour");
  EXPECT_EQ(rows[0].impact, core::impact::blocks);
  EXPECT_EQ(rows[0].usage, "field sales");
  EXPECT_EQ(fake.call_count("channels.direct"), 1U) << "the DM channel is opened once";
  EXPECT_TRUE(fatals.empty());
}

TEST_F(socket_adapter_test, a_restart_mid_conversation_continues_it_on_the_same_database) {
  std::string dm;
  ASSERT_NO_FATAL_FAILURE(rating_prompt_then_shut_down(dm));

  ASSERT_NO_FATAL_FAILURE(start());
  // A button signed before the restart; csibot's public URL is the same, its test port is not.
  auto rate = wait_button("csi.rate", ":4");
  ASSERT_TRUE(rate);
  rate->url = base_url() + "/mattermost/actions";
  ASSERT_EQ(click(*rate).status, 200U);
  ASSERT_TRUE(wait([&] { return bot_posts_saying("main reason") == 1; }));
  fake.push_post(alice, dm, "slow sync");
  ASSERT_TRUE(wait([&] { return buttons("csi.impact").size() >= 4; }));
  const auto rows = feedback_rows();
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].service, "email");
  EXPECT_EQ(rows[0].rating, 4);
  EXPECT_EQ(rows[0].reason, "slow sync");
  EXPECT_EQ(buttons("csi.rate").size(), 0U) << "the one rating prompt was replaced, none sent again";
}

TEST_F(socket_adapter_test, posts_written_while_csibot_was_away_are_answered_once_after_the_restart) {
  std::string dm;
  ASSERT_NO_FATAL_FAILURE(rating_prompt_then_shut_down(dm));
  fake.push_post(alice, dm, "3");  // nobody listening: only REST can find it

  ASSERT_NO_FATAL_FAILURE(start());
  ASSERT_TRUE(wait([&] { return bot_posts_saying("main reason") == 1; }));
  ASSERT_NO_FATAL_FAILURE(help_round_trip());
  EXPECT_EQ(bot_posts_saying("main reason"), 1U);
  EXPECT_EQ(platform->status().recovered, 1U) << "\"email\" was replayed and recognised, \"3\" was new";
  ASSERT_EQ(feedback_rows().size(), 1U);
  EXPECT_EQ(feedback_rows()[0].rating, 3);
}

TEST_F(socket_adapter_test, a_dropped_socket_that_cannot_resume_recovers_the_missed_posts_exactly_once) {
  std::string dm;
  ASSERT_NO_FATAL_FAILURE(rating_prompt_then_no_resume(dm));
  fake.store_post(alice, dm, "2");  // its event is lost
  fake.drop();
  ASSERT_TRUE(wait([&] { return platform->status().socket.resyncs == 1 && platform->status().connected; }));
  ASSERT_TRUE(wait([&] { return bot_posts_saying("main reason") == 1; }));
  ASSERT_NO_FATAL_FAILURE(help_round_trip());
  EXPECT_EQ(bot_posts_saying("main reason"), 1U);
  EXPECT_EQ(buttons("csi.rate").size(), 5U) << "the replayed \"email\" asked nothing again";
  EXPECT_EQ(platform->status().recovered, 1U);
  ASSERT_EQ(feedback_rows().size(), 1U);
  EXPECT_EQ(feedback_rows()[0].rating, 2);
}

TEST_F(socket_adapter_test, recovery_skips_an_old_post_edited_during_the_gap) {
  std::string dm;
  ASSERT_NO_FATAL_FAILURE(rating_prompt_then_no_resume(dm));
  // Written two days ago (beyond the ids csibot remembers), edited while the socket was down.
  fake.store_edited_post(alice, dm, "5", std::chrono::hours{48});
  fake.store_post(alice, dm, "2");  // the one new message; its event is lost
  fake.drop();
  ASSERT_TRUE(wait([&] { return platform->status().socket.resyncs == 1 && platform->status().connected; }));
  ASSERT_TRUE(wait([&] { return bot_posts_saying("main reason") == 1; }));
  ASSERT_NO_FATAL_FAILURE(help_round_trip());
  EXPECT_EQ(platform->status().recovered, 1U) << "only the new post";
  ASSERT_EQ(feedback_rows().size(), 1U);
  EXPECT_EQ(feedback_rows()[0].rating, 2) << "the old \"5\" is no answer to today's question";
}

TEST_F(socket_adapter_test, a_sequence_gap_on_a_resumable_connection_replays_without_asking_rest) {
  ASSERT_NO_FATAL_FAILURE(start());
  const auto dm = dm_with(alice);
  fake.lose_next_events(1);
  fake.push_post(alice, dm, "email");  // lost on the way: the next event shows the gap
  fake.push_event("typing", json{{"parent_id", ""}}, json{{"channel_id", dm}});
  ASSERT_TRUE(wait([&] { return buttons("csi.rate").size() == 5; }));
  EXPECT_GE(platform->status().socket.gaps, 1U);
  EXPECT_EQ(platform->status().socket.resyncs, 0U) << "the server replayed the lost event";
}

TEST_F(socket_adapter_test, a_429_on_post_delivers_the_message_once_after_the_servers_wait) {
  ASSERT_NO_FATAL_FAILURE(start());
  fake.fail_next("posts.create", 1, mm_fault::rate_limited(std::chrono::seconds{1}));
  ASSERT_EQ(command("feedback vpn").status, 200U);
  ASSERT_TRUE(wait([&] { return buttons("csi.rate").size() == 5; }));
  ASSERT_TRUE(wait([&] { return storage::outbox_repository{*db}.pending_count() == 0; }));
  const auto posts = fake.calls("posts.create");
  ASSERT_EQ(posts.size(), 2U);
  EXPECT_EQ(posts[0].status, 429U);
  EXPECT_EQ(posts[1].status, 201U);
  EXPECT_EQ(bot_posts().size(), 1U);
}

TEST_F(socket_adapter_test, an_exhausted_rate_limit_window_pauses_the_platform) {
  ASSERT_NO_FATAL_FAILURE(start());
  fake.set_rate_limit(10, 0);  // every answer says: nothing left in this second
  ASSERT_EQ(command("feedback vpn").status, 200U);
  ASSERT_TRUE(
      wait([&] { return storage::outbox_repository{*db}.pending_count() == 0 && bot_posts().size() == 1; }));
  storage::outbox_entry row;
  row.message.platform = "mattermost";
  EXPECT_GT(platform->pacer()(row), 0ms) << "the next send waits for X-Ratelimit-Reset";
  fake.set_rate_limit(0, 0);
}

TEST_F(socket_adapter_test, a_500_is_retried_and_the_message_arrives_once) {
  ASSERT_NO_FATAL_FAILURE(start());
  fake.fail_next("posts.create", 2, mm_fault::http(500));
  ASSERT_EQ(command("feedback vpn").status, 200U);
  ASSERT_TRUE(
      wait([&] { return storage::outbox_repository{*db}.pending_count() == 0 && bot_posts().size() == 1; }));
  EXPECT_EQ(fake.call_count("posts.create"), 3U);
}

TEST_F(socket_adapter_test, a_dm_in_parts_whose_second_post_fails_shows_each_part_once_in_order) {
  ASSERT_NO_FATAL_FAILURE(start());
  fake.fail_next("posts.create", 1, mm_fault::pass());
  fake.fail_next("posts.create", 1, mm_fault::http(500));
  core::outbound o;  // 400 lines "M000 …" of 100 characters: three posts of at most 16,383
  o.kind = core::delivery::direct;
  o.platform = "mattermost";
  o.user = alice;
  std::vector<std::string> lines;
  for (int i = 0; i < 400; ++i) {
    const auto n = std::to_string(i);
    lines.push_back("M" + std::string(3 - n.size(), '0') + n + std::string(95, 'x'));
    o.body.text += lines.back() + "\n";
  }
  storage::outbox_repository{*db}.enqueue(o, "", system_now());
  box->notify();
  ASSERT_TRUE(wait([&] { return storage::outbox_repository{*db}.pending_count() == 0; }));
  EXPECT_EQ(bot_posts().size(), 3U);
  std::vector<std::string> shown;
  for (const auto& post : bot_posts()) {
    std::istringstream in{post.value("message", "")};
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) shown.push_back(line);
  }
  EXPECT_EQ(shown, lines) << "every line once, in order";
}

TEST_F(socket_adapter_test, malformed_events_are_skipped_without_dropping_the_socket) {
  ASSERT_NO_FATAL_FAILURE(start());
  const auto dm = dm_with(alice);
  fake.send_raw("{not json");
  fake.send_raw("[1,2,3]");
  fake.send_raw(std::string(100'000, '['));
  fake.push_event("posted", json{{"post", "{\"id\": 12"}, {"channel_type", "D"}});  // not a post
  fake.push_event("posted", json{{"post", {{"id", "x"}}}, {"channel_type", "D"}});  // not a string
  fake.push_event("posted", json{{"channel_type", "D"}});                           // no post
  fake.push_post(fake.options().bot.id, dm, "the bot talking to itself");           // ignored
  fake.push_post(alice, dm, "email");
  ASSERT_TRUE(wait([&] { return buttons("csi.rate").size() == 5; }));
  EXPECT_EQ(fake.sockets().size(), 1U) << "the socket stayed up";
  EXPECT_EQ(platform->status().socket.reconnects, 0U);
  EXPECT_GE(platform->status().malformed, 6U);
  EXPECT_GE(platform->status().ignored, 1U);
  EXPECT_EQ(bot_posts().size(), 2U) << "the injected post and the answer to the person, nothing else";
}

TEST_F(socket_adapter_test, messages_left_in_the_outbox_before_a_restart_are_sent_at_start) {
  build();
  core::outbound left;
  left.kind = core::delivery::channel;
  left.platform = "mattermost";
  left.channel = ops;
  left.body.text = "left over from the last run";
  storage::outbox_repository{*db}.enqueue(left, "", system_now());
  ASSERT_TRUE(csibot::test::run_task(io, authenticate_task()).has_value());
  box->start();
  ASSERT_TRUE(wait([&] { return bot_posts().size() == 1; }));
  EXPECT_EQ(bot_posts()[0].value("channel_id", ""), ops);
  EXPECT_TRUE(says(bot_posts()[0], "left over from the last run"));
}

TEST_F(socket_adapter_test, a_bot_token_mattermost_rejects_fails_the_start_with_one_clear_error) {
  build("mm-revoked-token");
  try {
    (void)csibot::test::run_task(io, authenticate_task());
    FAIL() << "start succeeded with a rejected token";
  } catch (const start_error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("Mattermost"), std::string::npos) << what;
    EXPECT_NE(what.find("session_expired"), std::string::npos) << what;
    EXPECT_EQ(what.find("mm-revoked-token"), std::string::npos) << "no secret in the message: " << what;
    EXPECT_EQ(what.find('\n'), std::string::npos) << "one line";
  }
  EXPECT_EQ(fake.call_count("users.me"), 1U) << "a refused token is not asked again";
  EXPECT_TRUE(fake.sockets().empty());
}

}  // namespace
}  // namespace csibot::platform::mattermost::test
