// "Did it work?" on the real binary with the web chat alone (SPEC §6): the demo's laptop improvement,
// whose after-period is over, is verified when the bot starts, whether or not anybody reads the
// register, and its owner finds the verdict in the DM with the bot, once, though the register is read
// again.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>
#include <vector>

#include "e2e/bot.hpp"
#include "e2e/client.hpp"

namespace csibot::e2e {
namespace {

void seed_demo(bot_home& home) {
  const auto seeded = home.csibot({"demo", "--seed-only", "--days", "90"});
  ASSERT_TRUE(seeded.status.exited && seeded.status.code == 0) << seeded.status.describe() << "\n"
                                                               << seeded.err;
}

// The verdicts in the stored history of Dave's DM with the bot: the check may run before or after
// Dave connects, so the live frames alone could miss it.
std::vector<json> verdicts_in_daves_dm(chat_user& dave) {
  dave.send({{"type", "history"}, {"channel", "dm:dave"}});
  const auto history = dave.next(
      [](const json& f) { return f.value("type", "") == "history" && f.value("channel", "") == "dm:dave"; },
      "Dave's DM history");
  std::vector<json> verdicts;
  for (const auto& m : history.value("messages", json::array()))
    if (m.value("body", json::object()).value("header", "").starts_with("Did it work?"))
      verdicts.push_back(m);
  return verdicts;
}

std::vector<json> wait_for_verdicts(chat_user& dave) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds{10};
  auto verdicts = verdicts_in_daves_dm(dave);
  while (verdicts.empty() && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds{50});
    verdicts = verdicts_in_daves_dm(dave);
  }
  return verdicts;
}

// Nobody reads the register and no digest runs: the bot checks for due verdicts itself (at start,
// then hourly), so the owner hears it all the same. Before, the verdict waited for the next read.
TEST(e2e_verdict, the_owner_hears_a_due_verdict_unasked_and_once) {
  bot_home home(demo_config_toml());
  seed_demo(home);
  running_bot bot(home);
  client net;
  auto dave = net.join(bot.port(), "Dave");  // owns laptop-provisioning in the demo
  const auto told = wait_for_verdicts(*dave);
  ASSERT_EQ(told.size(), 1U) << bot.log();
  EXPECT_EQ(told[0]["body"].value("header", ""), "Did it work? Yes: improvement #1 is verified")
      << told[0].dump();
  EXPECT_NE(told[0]["body"]
                .value("text", "")
                .find("csibot compared how people rated it before and after: verified: "),
            std::string::npos)
      << told[0].dump();
  EXPECT_NE(bot.log().find("improvement #1 (laptop-provisioning): verified; its owners are told"),
            std::string::npos)
      << bot.log();

  // Reading the register again decides nothing new and tells nobody twice.
  auto carol = net.join(bot.port(), "Carol");
  say(*carol, "dm:carol", "/csi improve list laptop-provisioning");
  bot_says(*carol, "dm:carol", "verified: CSAT");
  say(*carol, "dm:carol", "/csi improve show 1");
  bot_says(*carol, "dm:carol", "Did we get there?");
  EXPECT_EQ(verdicts_in_daves_dm(*dave).size(), 1U) << bot.log();
}

}  // namespace
}  // namespace csibot::e2e
