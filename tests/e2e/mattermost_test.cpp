// Mattermost end to end (SPEC §9, §12): the real `csibot run` binary with a [mattermost] config pointed
// at the in-process fake Mattermost, driven as Mattermost would (slash command webhook, WebSocket), and
// checked with what the person sees and what `csibot export` prints. Also Slack and Mattermost served
// by one process at once, whose people never mix.
#include <gtest/gtest.h>

#include <map>

#include "e2e/bot.hpp"
#include "e2e/bot_http.hpp"
#include "e2e/config_toml.hpp"
#include "e2e/digest_support.hpp"
#include "support/fake_mattermost/fake_mattermost.hpp"
#include "support/fake_slack/fake_slack.hpp"

namespace csibot::e2e {
namespace {

const std::string command_token = "mm-command-token";
// A user id string both platforms could hand out: the same characters must stay two people.
const std::string same_id = "u0042sameid000000000000000";

std::string mattermost_section(const std::string& url, const std::string& token) {
  return "[mattermost]\nurl = \"" + url + "\"\ntoken = \"" + token + "\"\ncommand_token = \"" +
         command_token + "\"\n\n";
}

// No [local]: the configured platforms only.
std::string config(const std::string& platforms) {
  return bot_section_toml() + platforms + vpn_service_toml("mattermost:ownerid000000000000000000000");
}

testing::mm_webhook_reply slash_command(testing::fake_mattermost& fake, const running_bot& bot,
                                        const std::string& text, const std::string& user) {
  return fake.send_slash_command(bot.base_url(), {{"text", text}, {"user_id", user}}, command_token);
}

TEST(e2e_mattermost, a_one_shot_feedback_command_is_confirmed_at_the_response_url_and_exported) {
  testing::fake_mattermost fake;
  fake.add_channel(
      {"townsquare0000000000000000", "O", "town-square", "Town Square", fake.options().team_id, {}});
  bot_home home{config(mattermost_section(fake.url(), "mm-bot-token"))};
  running_bot bot(home);
  ASSERT_TRUE(fake.wait_for_open_sockets(1, child_deadline)) << bot.log();

  const auto ack = slash_command(fake, bot, std::string{one_shot_feedback}, same_id);
  ASSERT_EQ(ack.status, 200U) << ack.body << ack.error << bot.log();
  ASSERT_TRUE(fake.wait_for_responses(1, child_deadline)) << bot.log();
  const auto confirmation = fake.responses().at(0);
  EXPECT_EQ(confirmation.body.value("response_type", ""), "ephemeral") << confirmation.raw;
  EXPECT_TRUE(confirmation.authorization.empty()) << "a response_url needs no token";
  EXPECT_EQ(fake.call_count("users.me"), 1U);

  const auto health = json::parse(http_get(bot, "/healthz"), nullptr, false);
  EXPECT_EQ(health["platforms"]["mattermost"]["connected"], true) << health.dump();
  EXPECT_EQ(health["platforms"]["mattermost"]["bot_user_id"], fake.options().bot.id) << health.dump();
  EXPECT_EQ(health["platforms"]["mattermost"]["reconnects"], 0) << health.dump();
  EXPECT_FALSE(health["platforms"].contains("local")) << "no [local]: the web chat is off";
  const auto metrics = http_get(bot, "/metrics");
  EXPECT_NE(metrics.find("csibot_platform_connected{platform=\"mattermost\"} 1"), std::string::npos)
      << metrics;
  ASSERT_TRUE(bot.stop()) << bot.log();

  expect_one_shot_feedback_exported(home.export_rows(), "mattermost", "mattermost:" + same_id,
                                    confirmation.raw);
}

// Mattermost's slash command webhook carries no locale either: it comes from GET /users/{id}.
TEST(e2e_mattermost, a_person_whose_mattermost_speaks_german_is_answered_in_german) {
  testing::fake_mattermost fake;
  const std::string german = "u0043german00000000000000a";
  fake.add_user({german, "greta", "greta@example.com", "de", "Europe/Berlin", false});
  bot_home home{config(mattermost_section(fake.url(), "mm-bot-token"))};
  running_bot bot(home);
  ASSERT_TRUE(fake.wait_for_open_sockets(1, child_deadline)) << bot.log();

  ASSERT_EQ(slash_command(fake, bot, "help", german).status, 200U) << bot.log();
  ASSERT_TRUE(fake.wait_for_responses(1, child_deadline)) << bot.log();
  ASSERT_EQ(slash_command(fake, bot, "help", same_id).status, 200U) << bot.log();  // unknown: the bot's
  ASSERT_TRUE(fake.wait_for_responses(2, child_deadline)) << bot.log();

  const auto responses = fake.responses();
  EXPECT_NE(responses.at(0).raw.find("Befehle"), std::string::npos) << responses.at(0).raw;
  EXPECT_NE(responses.at(1).raw.find("Commands"), std::string::npos) << responses.at(1).raw;
}

TEST(e2e_mattermost, a_bot_token_mattermost_rejects_ends_the_run_with_exit_2_and_one_line) {
  testing::fake_mattermost fake;
  bot_home home{config(mattermost_section(fake.url(), "mm-revoked-token"))};
  const auto done = home.csibot({"run", "--listen", "127.0.0.1:0"});
  EXPECT_TRUE(done.status.exited) << done.status.describe();
  EXPECT_EQ(done.status.code, 2) << done.err;
  EXPECT_EQ(lines_containing(done.err, "cannot start"), 1U) << done.err;
  EXPECT_EQ(lines_containing(done.err, "Mattermost rejected the bot token"), 1U) << done.err;
  EXPECT_EQ(done.err.find("mm-revoked-token"), std::string::npos) << "no secret in the log";
  EXPECT_EQ(fake.call_count("users.me"), 1U) << "no retry loop";
  EXPECT_TRUE(fake.sockets().empty());
}

// A scheduled digest into a private channel the bot is no member of: Mattermost answers 403, and the
// person who made the subscription is told in a direct message. Their profile was not read lately
// (they have not written to the bot today), so the note is in the bot's language.
TEST(e2e_mattermost, a_digest_a_private_channel_refuses_is_told_to_the_subscriber_in_a_dm) {
  testing::fake_mattermost fake;
  const std::string secret = "secretchannel0000000000000";
  const std::string subscriber = "subscriberid00000000000000";
  fake.add_channel({secret, "P", "secret", "Secret", fake.options().team_id, {subscriber}});
  fake.add_user({subscriber, "sub", "sub@example.com", "de", "Europe/Berlin", false});
  bot_home home{config(mattermost_section(fake.url(), "mm-bot-token"))};
  ASSERT_TRUE(home.csibot({"migrate"}).status.ok());
  add_missed_daily_digest(home, "mattermost:" + secret, "mattermost:" + subscriber);
  running_bot bot(home);
  const auto& me = fake.options().bot.id;
  ASSERT_TRUE(fake.wait_for_posts_by(me, 1, child_deadline)) << bot.log();
  ASSERT_TRUE(bot.stop()) << bot.log();

  const auto posts = fake.posts_by(me);
  ASSERT_EQ(posts.size(), 1u) << "the note only, no digest in the private channel";
  EXPECT_EQ(posts[0].value("channel_id", ""), fake.direct_channel(subscriber));
  const auto text = posts[0].dump();
  EXPECT_NE(text.find("could not be posted into channel " + secret), std::string::npos) << text;
  EXPECT_NE(text.find("(HTTP 403, fatal): You do not have the appropriate permissions. The subscription"),
            std::string::npos)
      << "Mattermost's refusal, with one full stop: " << text;
}

TEST(e2e_mattermost, one_process_serving_slack_and_mattermost_keeps_their_people_apart) {
  testing::fake_mattermost mm;
  testing::fake_slack slack;
  mm.add_channel({"townsquare0000000000000000", "O", "town-square", "Town Square", mm.options().team_id, {}});
  bot_home home{config(slack_section_toml(slack.api_url()) + mattermost_section(mm.url(), "mm-bot-token"))};
  running_bot bot(home);
  ASSERT_TRUE(mm.wait_for_open_sockets(1, child_deadline)) << bot.log();
  ASSERT_TRUE(slack.wait_for_open_connections(1, child_deadline)) << bot.log();

  slack.push_slash_command("/csi", "feedback vpn 5 great", same_id, "C0001");
  ASSERT_TRUE(slack.wait_for_responses(1, child_deadline)) << bot.log();
  ASSERT_EQ(slash_command(mm, bot, "feedback vpn 1 broken", same_id).status, 200U) << bot.log();
  ASSERT_TRUE(mm.wait_for_responses(1, child_deadline)) << bot.log();

  const auto health = json::parse(http_get(bot, "/healthz"), nullptr, false);
  EXPECT_EQ(health["platforms"]["slack"]["connected"], true) << health.dump();
  EXPECT_EQ(health["platforms"]["mattermost"]["connected"], true) << health.dump();
  ASSERT_TRUE(bot.stop()) << bot.log();

  const auto rows = home.export_rows();
  ASSERT_EQ(rows.size(), 2U);
  std::map<std::string, json> by_user;
  for (const auto& r : rows)
    by_user[r["user"].get<std::string>()] = r;
  ASSERT_TRUE(by_user.contains("slack:" + same_id)) << rows[0].dump() << rows[1].dump();
  ASSERT_TRUE(by_user.contains("mattermost:" + same_id)) << rows[0].dump() << rows[1].dump();
  EXPECT_EQ(by_user["slack:" + same_id]["platform"], "slack");
  EXPECT_EQ(by_user["slack:" + same_id]["rating"], 5);
  EXPECT_EQ(by_user["mattermost:" + same_id]["platform"], "mattermost");
  EXPECT_EQ(by_user["mattermost:" + same_id]["rating"], 1);
  EXPECT_EQ(mm.responses().size(), 1U) << "each confirmation went to its own platform";
  EXPECT_EQ(slack.responses().size(), 1U);
}

}  // namespace
}  // namespace csibot::e2e
