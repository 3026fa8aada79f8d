// A scheduled digest on Slack that cannot be posted (SPEC §7): the channel refuses csibot, so the
// digest fails for good, and the person who made the subscription with /csi subscribe is told in a
// direct message instead of the digest failing where no one looks. The real binary against the fake.
#include <gtest/gtest.h>

#include "e2e/bot.hpp"
#include "e2e/config_toml.hpp"
#include "e2e/digest_support.hpp"
#include "storage/database.hpp"
#include "storage/outbox_repository.hpp"
#include "support/fake_slack/fake_slack.hpp"

namespace csibot::e2e {
namespace {

std::vector<nlohmann::json> posts_to(const testing::fake_slack& fake, const std::string& channel) {
  std::vector<nlohmann::json> out;
  for (const auto& m : fake.messages())
    if (m.value("channel", "") == channel) out.push_back(m);
  return out;
}

TEST(e2e_slack_digest, a_digest_the_channel_refuses_is_told_to_the_subscriber_once_in_a_dm) {
  testing::fake_slack fake;
  fake.set_channel_access("C0NOTIN", testing::channel_access::not_member);
  bot_home home{bot_section_toml() + slack_section_toml(fake.api_url()) + vpn_service_toml("slack:U0OWNER")};
  ASSERT_TRUE(home.csibot({"migrate"}).status.ok());
  add_missed_daily_digest(home, "slack:C0NOTIN", "slack:U0SUBSCRIBER");
  {
    running_bot bot(home);
    ASSERT_TRUE(fake.wait_for_messages(1, child_deadline)) << bot.log();
    const auto dm = posts_to(fake, "D0SUBSCRIBER");
    ASSERT_EQ(dm.size(), 1u) << bot.log();
    const auto text = dm[0].dump();
    EXPECT_NE(text.find("could not be posted into channel C0NOTIN"), std::string::npos) << text;
    EXPECT_NE(text.find("not_in_channel"), std::string::npos) << "Slack's reason: " << text;
    EXPECT_NE(text.find("invite it there"), std::string::npos) << text;
    EXPECT_TRUE(posts_to(fake, "C0NOTIN").empty());
    ASSERT_TRUE(bot.stop()) << bot.log();
  }
  // The digest stays failed for an operator to see; a restart neither posts nor tells it again.
  storage::database db{home / "csibot.db"};
  const auto failed = storage::outbox_repository{db}.newest_failed();
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->message.channel, "C0NOTIN");
  EXPECT_NE(failed->last_error.find("not_in_channel"), std::string::npos) << failed->last_error;
  running_bot again(home);
  ASSERT_TRUE(fake.wait_for_open_connections(1, child_deadline)) << again.log();
  ASSERT_TRUE(again.stop()) << again.log();
  EXPECT_EQ(posts_to(fake, "D0SUBSCRIBER").size(), 1u);
}

TEST(e2e_slack_digest, a_digest_from_the_config_file_that_is_refused_tells_no_one) {
  testing::fake_slack fake;
  fake.set_channel_access("C0ARCHIVED", testing::channel_access::archived);
  fake.set_channel_access("C0NOTIN", testing::channel_access::not_member);
  bot_home home{bot_section_toml() + slack_section_toml(fake.api_url()) + vpn_service_toml("slack:U0OWNER") +
                "[[digest]]\nchannel = \"slack:C0ARCHIVED\"\nschedule = \"0 6 * * *\"\nperiod = \"1d\"\n"
                "timezone = \"UTC\"\n"};
  ASSERT_TRUE(home.csibot({"migrate"}).status.ok());
  add_missed_daily_digest(home, "slack:C0ARCHIVED", "config", storage::subscription_origin::config);
  // And one made by a person, so that the test knows when the refusals were handled.
  add_missed_daily_digest(home, "slack:C0NOTIN", "slack:U0SUBSCRIBER");
  running_bot bot(home);
  ASSERT_TRUE(fake.wait_for_messages(1, child_deadline)) << bot.log();
  ASSERT_TRUE(bot.stop()) << bot.log();
  const auto messages = fake.messages();
  ASSERT_EQ(messages.size(), 1u) << "only the subscriber's note, none for the config's digest";
  EXPECT_EQ(messages[0].value("channel", ""), "D0SUBSCRIBER");
  // Both refusals were recorded, and no note for the config's digest waits unsent.
  storage::database db{home / "csibot.db"};
  storage::outbox_repository box{db};
  EXPECT_EQ(box.failed_count(), 2);
  EXPECT_EQ(box.pending_count(), 0);
}

}  // namespace
}  // namespace csibot::e2e
