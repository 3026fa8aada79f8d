// mattermost_platform's webhooks (PLATFORMS.md §2.4, §2.5): slash commands and button clicks POSTed to
// the bot's own HTTP server over real loopback sockets. A request that is not proven to come from
// Mattermost (command token) or from csibot's own button (signed context) changes nothing.
#include "bot/net/http_client.hpp"
#include "platform/mattermost/adapter_fixture.hpp"
#include "support/url_encode.hpp"

namespace csibot::platform::mattermost::test {
namespace {

using csibot::test::url_encode;

class webhooks_test : public adapter_test {
 protected:
  net::http_client client{io};

  void SetUp() override { ASSERT_NO_FATAL_FAILURE(start()); }

  /// POSTs `body` to `path` on the bot, with an Authorization header unless it is empty.
  net::http_result post(const std::string& path, std::string body, const std::string& content_type,
                        const std::string& authorization = {}) {
    net::header_map h;
    h.set("Content-Type", content_type);
    if (!authorization.empty()) h.set("Authorization", authorization);
    auto r =
        csibot::test::run_task(io, client.request("POST", base_url() + path, std::move(h), std::move(body)));
    EXPECT_TRUE(r.has_value()) << "no answer from " << path;
    return r.value_or(net::http_result{});
  }

  std::string command_form(const std::string& text, const std::string& token) {
    return "channel_id=" + ops +
           "&channel_name=ops&command=%2Fcsi&response_url=" + url_encode(fake.new_response_url()) +
           "&team_domain=fake&team_id=" + fake.options().team_id + "&text=" + url_encode(text) +
           "&token=" + url_encode(token) + "&trigger_id=t-" + url_encode(text) + "&user_id=" + alice +
           "&user_name=alice";
  }

  /// Nothing reached the dispatcher, the database or Mattermost.
  void expect_nothing_stored() {
    EXPECT_EQ(queue->events_dispatched(), 0U);
    EXPECT_EQ(queue->queued(), 0U);
    EXPECT_TRUE(feedback_rows().empty());
    EXPECT_EQ(storage::outbox_repository{*db}.pending_count(), 0);
    EXPECT_EQ(storage::conversation_repository{*db}.count_open(core::timestamp{}), 0);
    EXPECT_TRUE(fake.responses().empty());
  }
};

TEST_F(webhooks_test, a_one_shot_command_is_acked_at_once_and_confirmed_at_the_response_url) {
  const auto r = command("feedback vpn 2 drops hourly");
  ASSERT_EQ(r.status, 200U) << r.body;
  EXPECT_NE(r.content_type.find("application/json"), std::string::npos) << r.content_type;
  EXPECT_EQ(json::parse(r.body).value("response_type", ""), "ephemeral");
  ASSERT_TRUE(wait([&] { return fake.responses().size() == 1; }));
  const auto confirmation = fake.responses()[0];
  EXPECT_EQ(confirmation.body.value("response_type", ""), "ephemeral") << confirmation.raw;
  const auto rows = feedback_rows();
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].rating, 2);
  EXPECT_EQ(rows[0].user, "mattermost:" + alice);
  EXPECT_NE(confirmation.raw.find(std::to_string(rows[0].id)), std::string::npos)
      << "the confirmation names the feedback number: " << confirmation.raw;
}

TEST_F(webhooks_test, a_command_typed_in_two_peoples_dm_answers_the_person_alone_and_talks_in_the_bots_dm) {
  // The bot is no member of alice's DM with bob: it cannot post there, the response_url works.
  const std::string their_dm = "dmchannelofaliceandbob0000";
  const auto r = off_thread([&] {
    return fake.send_slash_command(base_url(),
                                   {{"text", "feedback vpn"},
                                    {"user_id", alice},
                                    {"channel_id", their_dm},
                                    {"channel_name", alice + "__" + bob}},
                                   command_token);
  });
  ASSERT_EQ(r.status, 200U) << r.body;
  // The note goes to alice alone; the questions to her DM with the bot, as from any channel.
  ASSERT_TRUE(wait([&] { return fake.responses().size() == 1 && !fake.posts().empty(); }));
  EXPECT_EQ(fake.responses()[0].body.value("response_type", ""), "ephemeral") << fake.responses()[0].raw;
  EXPECT_NE(fake.responses()[0].raw.find("direct message"), std::string::npos) << fake.responses()[0].raw;
  for (const auto& post : fake.posts())
    EXPECT_NE(post.value("channel_id", ""), their_dm) << post.dump();
}

TEST_F(webhooks_test, forged_or_missing_command_tokens_get_401_and_change_nothing) {
  const auto form = "application/x-www-form-urlencoded";
  EXPECT_EQ(command("feedback vpn 2 drops hourly", alice, ops, "wrong-token").status, 401U);
  EXPECT_EQ(
      post("/mattermost/command", command_form("feedback vpn 2", command_token), form, "Token wrong-token")
          .status,
      401U)
      << "a wrong header is not rescued by a right form field";
  EXPECT_EQ(post("/mattermost/command", command_form("feedback vpn 2", "wrong-token"), form).status, 401U);
  EXPECT_EQ(post("/mattermost/command", command_form("feedback vpn 2", ""), form).status, 401U)
      << "no token anywhere";
  EXPECT_EQ(post("/mattermost/command", "%zz", form).status, 401U) << "an unreadable form proves nothing";
  EXPECT_EQ(post("/mattermost/command", command_form("feedback vpn 2", command_token), form,
                 "Bearer " + command_token)
                .status,
            401U)
      << "Mattermost sends \"Token …\"";
  ASSERT_TRUE(wait([&] { return queue->queued() == 0; }));
  expect_nothing_stored();
  EXPECT_EQ(platform->status().refused, 6U);
}

TEST_F(webhooks_test, without_a_configured_command_token_a_command_is_refused_with_the_reason) {
  settings.mattermost->command_token.clear();  // the platform reads the settings it was given
  const auto r = command("feedback vpn 2 drops hourly", alice, ops, "");
  EXPECT_EQ(r.status, 401U);
  EXPECT_EQ(r.body, "no command token is configured (mattermost.command_token)\n");
  ASSERT_TRUE(wait([&] { return queue->queued() == 0; }));
  expect_nothing_stored();
}

TEST_F(webhooks_test, the_token_in_the_form_alone_is_accepted_when_there_is_no_header) {
  const auto form = "application/x-www-form-urlencoded";
  const auto r = post("/mattermost/command", command_form("feedback vpn 3 fine", command_token), form);
  ASSERT_EQ(r.status, 200U) << r.body;
  ASSERT_TRUE(wait([&] { return feedback_rows().size() == 1; }));
  EXPECT_EQ(feedback_rows()[0].rating, 3);
}

// 10,000 CJK characters are 90 KiB once the form has percent-encoded them: the command is taken and its
// reason cut to 4,000 characters, as a long command in English would be.
TEST_F(webhooks_test, a_long_command_in_chinese_reaches_the_cut_instead_of_a_413) {
  std::string reason;
  for (int i = 0; i < 10'000; ++i)
    reason += "\u754c";  // 界
  const auto form = "channel_id=" + ops +
                    "&command=%2Fcsi&response_url=" + url_encode(fake.new_response_url()) +
                    "&team_id=" + fake.options().team_id + "&text=" + url_encode("feedback vpn 2 " + reason) +
                    "&token=" + command_token + "&trigger_id=t-long&user_id=" + alice + "&user_name=alice";
  ASSERT_GT(form.size(), 64U * 1024U);
  const auto r =
      post("/mattermost/command", form, "application/x-www-form-urlencoded", "Token " + command_token);
  ASSERT_EQ(r.status, 200U) << r.body;
  ASSERT_TRUE(wait([&] { return fake.responses().size() == 1; }));
  const auto rows = feedback_rows();
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].reason, reason.substr(0, 4'000 * 3)) << "the first 4,000 characters";
  // In the DM, after the confirmation.
  std::string told;
  EXPECT_TRUE(wait([&] {
    told.clear();
    for (const auto& p : fake.posts())
      told += p.value("message", "") + "\n";
    return told.find("longer than 4000 characters") != std::string::npos;
  })) << "the person is told it was cut: "
      << told;
}

TEST_F(webhooks_test, a_command_over_256_kib_gets_413) {
  const auto form = command_form(std::string(270 * 1024, 'a'), command_token);
  EXPECT_EQ(
      post("/mattermost/command", form, "application/x-www-form-urlencoded", "Token " + command_token).status,
      413U);
  expect_nothing_stored();
}

TEST_F(webhooks_test, forged_or_misplaced_button_contexts_are_refused_and_change_nothing) {
  ASSERT_EQ(command("feedback vpn").status, 200U);
  ASSERT_TRUE(wait([&] { return buttons("csi.rate").size() == 5; }));
  ASSERT_TRUE(wait([&] { return fake.responses().size() == 1; }));
  const auto genuine = buttons("csi.rate", ":2").at(0);
  const auto dispatched = queue->events_dispatched();
  const auto rows_before = feedback_rows().size();

  auto forged = genuine;
  forged.context["value"] = "vpn:5";  // the MAC was over vpn:2
  EXPECT_EQ(click(forged).status, 401U);
  auto unsigned_context = genuine;
  unsigned_context.context.erase("mac");
  EXPECT_EQ(click(unsigned_context).status, 401U);
  auto no_context = genuine;
  no_context.context = nullptr;
  EXPECT_EQ(click(no_context).status, 401U);
  EXPECT_EQ(click(genuine, bob).status, 403U) << "meant for alice";
  auto elsewhere = genuine;
  elsewhere.channel = ops;
  EXPECT_EQ(click(elsewhere).status, 403U) << "replayed in another channel";
  EXPECT_EQ(post("/mattermost/actions", "{not json", "application/json").status, 400U);

  EXPECT_EQ(queue->events_dispatched(), dispatched);
  EXPECT_EQ(feedback_rows().size(), rows_before);
  EXPECT_EQ(fake.call_count("posts.patch"), 0U);
  EXPECT_EQ(buttons("csi.rate").size(), 5U) << "the prompt still waits for a real click";
  EXPECT_EQ(platform->status().refused, 6U);
}

TEST_F(webhooks_test, an_ephemeral_reply_without_the_ephemeral_permission_goes_to_the_dm) {
  fake.set_allow_ephemeral(false);
  core::outbound note;
  note.kind = core::delivery::ephemeral;
  note.platform = "mattermost";
  note.channel = ops;
  note.user = alice;
  note.body.text = "only for alice";
  storage::outbox_repository{*db}.enqueue(note, "", system_now());
  box->notify();
  ASSERT_TRUE(wait([&] { return bot_posts_saying("only for alice") == 1; }));
  EXPECT_EQ(bot_posts()[0].value("channel_id", ""), dm_with(alice));
  EXPECT_EQ(fake.call_count("posts.ephemeral"), 1U);
}

}  // namespace
}  // namespace csibot::platform::mattermost::test
