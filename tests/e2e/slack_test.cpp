// Slack end to end (SPEC §9, §12): the real `csibot run` binary with a [slack] config pointed at the
// in-process fake Slack, driven like a person in Slack would, checked with what the person sees and
// what `csibot export` prints.
#include <gtest/gtest.h>

#include "e2e/bot.hpp"
#include "e2e/bot_http.hpp"
#include "e2e/config_toml.hpp"
#include "support/fake_slack/fake_slack.hpp"

namespace csibot::e2e {
namespace {

// Socket Mode, no [local]: Slack is the only platform.
std::string slack_config(const std::string& api_url, const std::string& bot_token,
                         const std::string& app_token = "xapp-fake") {
  return bot_section_toml() + slack_section_toml(api_url, bot_token, app_token) +
         vpn_service_toml("slack:U0OWNER");
}

TEST(e2e_slack, a_one_shot_feedback_command_is_confirmed_at_the_response_url_and_exported) {
  testing::fake_slack fake;
  bot_home home{slack_config(fake.api_url(), "xoxb-fake")};
  running_bot bot(home);
  ASSERT_TRUE(fake.wait_for_open_connections(1, child_deadline)) << bot.log();

  const auto id = fake.push_slash_command("/csi", std::string{one_shot_feedback}, "U0042", "C0001");
  ASSERT_TRUE(fake.wait_for_responses(1, child_deadline)) << bot.log();
  EXPECT_TRUE(fake.wait_for_ack(id, child_deadline));
  const auto confirmation = fake.responses().at(0);
  EXPECT_EQ(confirmation.body.value("response_type", ""), "ephemeral") << confirmation.raw;
  EXPECT_TRUE(confirmation.authorization.empty()) << "a response_url needs no token";
  EXPECT_EQ(fake.call_count("auth.test"), 1U);

  const auto health = json::parse(http_get(bot, "/healthz"), nullptr, false);
  EXPECT_EQ(health["platforms"]["slack"]["connected"], true) << health.dump();
  EXPECT_FALSE(health["platforms"].contains("local")) << "no [local]: the web chat is off";
  // The confirmation reaches the fake before the bot has read Slack's answer and marked it sent.
  const auto metrics = http_get_until(bot, "/metrics", "csibot_outbox_pending 0\n", child_deadline);
  EXPECT_NE(metrics.find("csibot_platform_connected{platform=\"slack\"} 1"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("csibot_outbox_pending 0\n"), std::string::npos) << metrics;
  ASSERT_TRUE(bot.stop()) << bot.log();

  expect_one_shot_feedback_exported(home.export_rows(), "slack", "slack:U0042", confirmation.raw);
}

// Slack sends a slash command without the person's locale (SPEC §10: answer in their language); the
// bot reads it from users.info before the first answer, and once a day, not per command.
TEST(e2e_slack, a_person_whose_slack_speaks_german_is_answered_in_german_from_the_first_command) {
  testing::fake_slack fake;
  fake.set_user("U0DE", "de-DE", "Europe/Berlin", 3600);
  bot_home home{slack_config(fake.api_url(), "xoxb-fake")};
  running_bot bot(home);
  ASSERT_TRUE(fake.wait_for_open_connections(1, child_deadline)) << bot.log();

  fake.push_slash_command("/csi", "help", "U0DE", "C0001");
  ASSERT_TRUE(fake.wait_for_responses(1, child_deadline)) << bot.log();
  fake.push_slash_command("/csi", "help", "U0042", "C0001");  // the fake's default: en-US
  ASSERT_TRUE(fake.wait_for_responses(2, child_deadline)) << bot.log();
  fake.push_slash_command("/csi", "help", "U0DE", "C0001");
  ASSERT_TRUE(fake.wait_for_responses(3, child_deadline)) << bot.log();

  const auto responses = fake.responses();
  EXPECT_NE(responses.at(0).raw.find("Befehle"), std::string::npos) << responses.at(0).raw;
  EXPECT_NE(responses.at(1).raw.find("Commands"), std::string::npos) << responses.at(1).raw;
  EXPECT_NE(responses.at(2).raw.find("Befehle"), std::string::npos) << responses.at(2).raw;
  EXPECT_EQ(fake.call_count("users.info"), 2U) << "one read per person, not per command";
}

TEST(e2e_slack, a_bot_token_slack_rejects_ends_the_run_with_exit_2_and_one_line_naming_slack) {
  testing::fake_slack fake;
  bot_home home{slack_config(fake.api_url(), "xoxb-revoked")};
  const auto done = home.csibot({"run", "--listen", "127.0.0.1:0"});
  EXPECT_TRUE(done.status.exited) << done.status.describe();
  EXPECT_EQ(done.status.code, 2) << done.err;
  EXPECT_EQ(lines_containing(done.err, "cannot start"), 1U) << done.err;
  EXPECT_EQ(lines_containing(done.err, "Slack rejected the bot token"), 1U) << done.err;
  EXPECT_EQ(done.err.find("xoxb-revoked"), std::string::npos) << "no secret in the log";
  EXPECT_EQ(fake.call_count("auth.test"), 1U) << "no retry loop";
  EXPECT_EQ(fake.call_count("apps.connections.open"), 0U);
}

TEST(e2e_slack, an_app_token_slack_rejects_stops_the_run_with_exit_2_and_one_line_naming_slack) {
  testing::fake_slack fake;
  bot_home home{slack_config(fake.api_url(), "xoxb-fake", "xapp-revoked")};
  const auto done = home.csibot({"run", "--listen", "127.0.0.1:0"});
  EXPECT_TRUE(done.status.exited) << done.status.describe();
  EXPECT_EQ(done.status.code, 2) << done.err;
  EXPECT_EQ(lines_containing(done.err, "Slack Socket Mode stopped for good"), 1U) << done.err;
  EXPECT_EQ(done.err.find("xapp-revoked"), std::string::npos) << "no secret in the log";
  EXPECT_EQ(fake.open_connections(), 0U);
}

}  // namespace
}  // namespace csibot::e2e
