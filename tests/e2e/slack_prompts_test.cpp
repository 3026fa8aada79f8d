// Proactive prompts through the fake Slack (SPEC §4, §9): the pulse's audience is listed with
// conversations.members, each member gets one DM (conversations.open + chat.postMessage) with their
// zone read from users.info; a ticket webhook naming an e-mail address is resolved with
// users.lookupByEmail; /csi ask with an escaped channel mention is answered and reported by DM.
#include <gtest/gtest.h>

#include "e2e/bot.hpp"
#include "e2e/config_toml.hpp"
#include "e2e/prompt_support.hpp"
#include "support/fake_slack/fake_slack.hpp"

namespace csibot::e2e {
namespace {

using namespace std::chrono_literals;

std::string config(const std::string& api_url) {
  return bot_section_toml() + slack_section_toml(api_url) +
         vpn_service_toml("slack:U0OWNER", "customers = [\"slack:C0CUSTOMERS\"]\n") + "\n" +
         daily_pulse_toml("s3cret");
}

// The DMs the fake received for `channel` ("D1" is the fake's DM with U1) that mention `part`.
std::size_t dms(const testing::fake_slack& fake, const std::string& channel, const std::string& part) {
  std::size_t n = 0;
  for (const auto& m : fake.messages())
    if (m.value("channel", "") == channel && m.dump().find(part) != std::string::npos) ++n;
  return n;
}

bool wait_for_dm(const testing::fake_slack& fake, const std::string& channel, const std::string& part) {
  const auto end = std::chrono::steady_clock::now() + child_deadline;
  for (std::size_t seen = fake.messages().size();; ++seen) {
    if (dms(fake, channel, part) > 0) return true;
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now());
    if (left <= 0ms || !fake.wait_for_messages(seen + 1, left)) return dms(fake, channel, part) > 0;
  }
}

TEST(e2e_slack_prompts, the_pulse_lists_the_channel_and_dms_each_member_once_then_webhooks_and_asks_follow) {
  testing::fake_slack fake;
  fake.set_members("C0CUSTOMERS", {"U1", "U2", fake.options().bot_user_id});
  fake.set_user("U1", "de-DE", "Europe/Berlin", 3600);
  fake.set_email("Alice@Example.com", "U7");
  fake.set_members("C0OTHER", {"U3"});
  bot_home home{config(fake.api_url())};
  // The pulse was configured three days ago: its newest slot was missed and runs at start.
  ASSERT_NO_FATAL_FAILURE(register_first_pulse(home, wall_now() - 72h));
  running_bot bot(home);
  // U1's Slack locale is de-DE: the pulse reaches them in German.
  ASSERT_TRUE(wait_for_dm(fake, "D1", "Feedback-Umfrage")) << bot.log();
  ASSERT_TRUE(wait_for_dm(fake, "D2", "regular feedback pulse")) << bot.log();
  EXPECT_GE(fake.call_count("conversations.members"), 1u);
  EXPECT_EQ(fake.calls("conversations.members").at(0).content_type, "application/x-www-form-urlencoded");
  EXPECT_GE(fake.call_count("users.info"), 2u) << "each person's zone";

  EXPECT_EQ(
      post_ticket_hook(bot, R"({"service":"vpn","user":"alice@example.com","ticket":"INC-9"})", "s3cret")
          .status,
      202u);
  EXPECT_TRUE(wait_for_dm(fake, "D7", "Your ticket *INC-9*")) << bot.log();
  EXPECT_EQ(fake.calls("users.lookupByEmail").at(0).args.value("email", ""), "alice@example.com");

  fake.push_slash_command("/csi", "ask vpn <#C0OTHER|other>", "U0OWNER", "C0001");
  EXPECT_TRUE(wait_for_dm(fake, "D3", "The team behind")) << bot.log();
  EXPECT_TRUE(wait_for_dm(fake, "D0OWNER", "1 person(s) in #C0OTHER, 1 prompt(s) scheduled")) << bot.log();
  ASSERT_TRUE(bot.stop()) << bot.log();

  EXPECT_EQ(dms(fake, "D1", "Feedback-Umfrage"), 1u);
  EXPECT_EQ(dms(fake, "D2", "regular feedback pulse"), 1u);
  EXPECT_EQ(dms(fake, "D" + fake.options().bot_user_id.substr(1), "feedback pulse"), 0u)
      << "not the bot itself";
}

}  // namespace
}  // namespace csibot::e2e
