// One bot on two platforms (SPEC §6, §9): an owner on one answers feedback given on the other with
// `/csi reply`, and the answer reaches the person where they are: the web chat's answer goes out
// through Slack's outbox, Slack's into the web chat.
#include <gtest/gtest.h>

#include <chrono>

#include "core/feedback.hpp"
#include "e2e/bot.hpp"
#include "e2e/client.hpp"
#include "e2e/config_toml.hpp"
#include "storage/database.hpp"
#include "storage/local_chat_repository.hpp"
#include "storage/outbox_repository.hpp"
#include "storage/repositories.hpp"
#include "support/fake_slack/fake_slack.hpp"

namespace csibot::e2e {
namespace {

// The web chat and Slack at once; vpn is owned by Olga in the web chat and by U0OWNER on Slack.
std::string two_platforms(const std::string& api_url) {
  return bot_section_toml() + "[local]\n\n" + slack_section_toml(api_url) +
         vpn_service_toml(R"(local:olga", "slack:U0OWNER)");
}

// Feedback about vpn from `user` whose author agreed to be answered; returns its id.
std::int64_t consented_feedback(const bot_home& home, const std::string& user) {
  EXPECT_TRUE(home.csibot({"migrate"}).status.ok());
  storage::database db{home / "csibot.db"};
  core::feedback f;
  f.service = "vpn";
  f.platform = user.substr(0, user.find(':'));
  f.user = user;
  f.rating = 2;
  f.reason = "drops every hour";
  f.status = core::feedback_status::complete;
  f.allow_reply = true;
  f.created_at = f.updated_at =
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  return storage::feedback_repository{db}.insert(f, core::anonymity::identified);
}

TEST(e2e_cross_platform, an_answer_typed_in_the_web_chat_reaches_a_slack_user_by_dm) {
  testing::fake_slack fake;
  bot_home home{two_platforms(fake.api_url())};
  const auto id = consented_feedback(home, "slack:U0042");
  running_bot bot(home);
  ASSERT_TRUE(fake.wait_for_open_connections(1, child_deadline)) << bot.log();
  client net;
  auto olga = net.join(bot.port(), "Olga");

  say(*olga, "general", "/csi reply " + std::to_string(id) + " We rolled the client back today.");
  bot_says(*olga, "general", "Sent your answer");
  ASSERT_TRUE(fake.wait_for_messages(1, child_deadline)) << bot.log();
  const auto dm = fake.messages().front();
  EXPECT_NE(dm.dump().find("We rolled the client back today."), std::string::npos) << dm.dump();
  EXPECT_NE(dm.dump().find("answered your feedback"), std::string::npos) << dm.dump();
  ASSERT_EQ(fake.call_count("conversations.open"), 1U);
  EXPECT_EQ(fake.calls("conversations.open").front().args.value("users", ""), "U0042");
  EXPECT_EQ(bot.log().find("not delivered"), std::string::npos) << bot.log();
}

TEST(e2e_cross_platform, an_answer_typed_in_slack_reaches_a_web_chat_user_in_their_dm) {
  testing::fake_slack fake;
  bot_home home{two_platforms(fake.api_url())};
  const auto id = consented_feedback(home, "local:dave");
  {
    running_bot bot(home);
    ASSERT_TRUE(fake.wait_for_open_connections(1, child_deadline)) << bot.log();
    client net;
    auto dave = net.join(bot.port(), "Dave");
    fake.push_slash_command("/csi", "reply " + std::to_string(id) + " Fixed in the new client.", "U0OWNER");
    const auto answer = saw(
        *dave,
        [](const json& f) {
          return is_bot_message_in(f, "dm:dave") &&
                 shown(f).find("Fixed in the new client.") != std::string::npos;
        },
        "the answer in Dave's DM");
    EXPECT_NE(shown(answer).find("answered your feedback"), std::string::npos) << answer.dump();
    ASSERT_TRUE(fake.wait_for_responses(1, child_deadline)) << bot.log();
    EXPECT_NE(fake.responses().front().raw.find("Sent your answer"), std::string::npos)
        << fake.responses().front().raw;
    ASSERT_TRUE(bot.stop()) << bot.log();
  }
  // Kept in Dave's history, and nothing left waiting in the outbox.
  storage::database db{home / "csibot.db"};
  const auto history = storage::local_chat_repository{db}.recent("dm:dave", "dave", 10);
  ASSERT_FALSE(history.empty());
  EXPECT_NE(history.back().body.find("Fixed in the new client."), std::string::npos);
  EXPECT_TRUE(storage::outbox_repository{db}.pending_after(0, 10).empty())
      << "the web chat's outbox row was sent";
}

}  // namespace
}  // namespace csibot::e2e
