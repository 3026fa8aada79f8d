// Proactive prompts through the fake Slack (SPEC §4, §9): the pulse's audience is listed with
// conversations.members, each member gets one DM (conversations.open + chat.postMessage) with their
// zone read from users.info; a ticket webhook naming an e-mail address is resolved with
// users.lookupByEmail; /csi ask with an escaped channel mention is answered and reported by DM.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "bot/net/http_client.hpp"
#include "bot/runtime/ticket_hooks.hpp"
#include "commands/pulse_runs.hpp"
#include "config/loader.hpp"
#include "e2e/bot.hpp"
#include "storage/database.hpp"
#include "storage/pulse_repository.hpp"
#include "support/fake_slack/fake_slack.hpp"
#include "support/io_wait.hpp"

namespace csibot::e2e {
namespace {

using namespace std::chrono_literals;

std::string config(const std::string& api_url) {
  return R"([bot]
command = "/csi"
database = "csibot.db"
timezone = "Europe/Berlin"
listen = "127.0.0.1:0"
language = "en"

[slack]
mode = "socket"
app_token = "xapp-fake"
bot_token = "xoxb-fake"
api_url = ")" +
         api_url + R"("

[[service]]
id = "vpn"
name = "Remote access VPN"
purpose = "Lets staff reach internal systems from anywhere"
criticality = "high"
owners = ["slack:U0OWNER"]
customers = ["slack:C0CUSTOMERS"]
scale = "csat5"
anonymity = "identified"

[policy]
quiet_hours = ""
skip_weekends = false

[[pulse]]
service = "vpn"
schedule = "0 6 * * *"
spread = "0s"

[hooks]
secret = "s3cret"
ticket_delay = "0s"
)";
}

core::timestamp wall_now() {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
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

unsigned post_hook(const running_bot& bot, const std::string& body) {
  boost::asio::io_context io;
  net::http_client client{io};
  const auto ts =
      std::to_string(std::chrono::duration_cast<std::chrono::seconds>(wall_now().time_since_epoch()).count());
  net::header_map headers;
  headers.set("X-Csibot-Timestamp", ts);
  headers.set("X-Csibot-Signature", runtime::sign_ticket_hook("s3cret", ts, body));
  const auto r =
      test::run_task(io, client.request("POST", bot.base_url() + "/hooks/ticket-resolved", headers, body));
  return r ? r->status : 0;
}

TEST(e2e_slack_prompts, the_pulse_lists_the_channel_and_dms_each_member_once_then_webhooks_and_asks_follow) {
  testing::fake_slack fake;
  fake.set_members("C0CUSTOMERS", {"U1", "U2", fake.options().bot_user_id});
  fake.set_user("U1", "de-DE", "Europe/Berlin", 3600);
  fake.set_email("Alice@Example.com", "U7");
  fake.set_members("C0OTHER", {"U3"});
  bot_home home{config(fake.api_url())};
  ASSERT_TRUE(home.csibot({"migrate"}).status.ok());
  {
    // The pulse was configured three days ago: its newest slot was missed and runs at start.
    const auto loaded = config::load_file(home.config());
    ASSERT_TRUE(loaded.ok());
    storage::database db{home / "csibot.db"};
    const auto& pulse = loaded.settings->pulses.at(0);
    storage::pulse_repository{db}.register_pulse(commands::pulse_key(pulse), pulse.service, wall_now() - 72h);
  }
  running_bot bot(home);
  ASSERT_TRUE(wait_for_dm(fake, "D1", "regular feedback pulse")) << bot.log();
  ASSERT_TRUE(wait_for_dm(fake, "D2", "regular feedback pulse")) << bot.log();
  EXPECT_GE(fake.call_count("conversations.members"), 1u);
  EXPECT_EQ(fake.calls("conversations.members").at(0).content_type, "application/x-www-form-urlencoded");
  EXPECT_GE(fake.call_count("users.info"), 2u) << "each person's zone";

  EXPECT_EQ(post_hook(bot, R"({"service":"vpn","user":"alice@example.com","ticket":"INC-9"})"), 202u);
  EXPECT_TRUE(wait_for_dm(fake, "D7", "Your ticket *INC-9*")) << bot.log();
  EXPECT_EQ(fake.calls("users.lookupByEmail").at(0).args.value("email", ""), "alice@example.com");

  fake.push_slash_command("/csi", "ask vpn <#C0OTHER|other>", "U0OWNER", "C0001");
  EXPECT_TRUE(wait_for_dm(fake, "D3", "The team behind")) << bot.log();
  EXPECT_TRUE(wait_for_dm(fake, "D0OWNER", "1 person(s) in #C0OTHER, 1 prompt(s) scheduled")) << bot.log();
  ASSERT_TRUE(bot.stop()) << bot.log();

  EXPECT_EQ(dms(fake, "D1", "regular feedback pulse"), 1u);
  EXPECT_EQ(dms(fake, "D2", "regular feedback pulse"), 1u);
  EXPECT_EQ(dms(fake, "D" + fake.options().bot_user_id.substr(1), "feedback pulse"), 0u)
      << "not the bot itself";
}

}  // namespace
}  // namespace csibot::e2e
