// "Did it work?" on the real binary with the web chat alone (SPEC §6): the demo's laptop improvement
// is verified by the first read of the register, and its owner finds the verdict in the DM with the
// bot, once, though the register is read again.
#include <gtest/gtest.h>

#include "e2e/bot.hpp"
#include "e2e/client.hpp"

namespace csibot::e2e {
namespace {

bool is_verdict(const json& f) {
  return f.value("type", "") == "message" && f.value("channel", "") == "dm:dave" &&
         f["body"].value("header", "").starts_with("Did it work?");
}

TEST(e2e_verdict, the_owner_of_a_verified_improvement_is_told_in_the_web_chat_once) {
  bot_home home(demo_config_toml());
  const auto seeded = home.csibot({"demo", "--seed-only", "--days", "90"});
  ASSERT_TRUE(seeded.status.exited && seeded.status.code == 0) << seeded.status.describe() << "\n"
                                                               << seeded.err;
  running_bot bot(home);
  client net;
  auto dave = net.join(bot.port(), "Dave");  // owns laptop-provisioning in the demo
  auto carol = net.join(bot.port(), "Carol");
  say(*carol, "dm:carol", "/csi improve list laptop-provisioning");
  bot_says(*carol, "dm:carol", "verified: CSAT");

  const auto told = saw(*dave, is_verdict, "the verdict in Dave's DM");
  ASSERT_TRUE(told.is_object()) << bot.log();
  EXPECT_EQ(told["body"].value("header", ""), "Did it work? Yes: improvement #1 is verified") << told.dump();
  EXPECT_NE(
      told["body"].value("text", "").find("csibot compared how people rated it before and after: verified: "),
      std::string::npos)
      << told.dump();

  say(*carol, "dm:carol", "/csi improve show 1");
  bot_says(*carol, "dm:carol", "Did we get there?");
  dave->send({{"type", "history"}, {"channel", "dm:dave"}});
  const auto history = dave->next(
      [](const json& f) { return f.value("type", "") == "history" && f.value("channel", "") == "dm:dave"; },
      "Dave's DM history");
  int verdicts = 0;
  for (const auto& m : history.value("messages", json::array()))
    if (m.value("body", json::object()).value("header", "").starts_with("Did it work?")) ++verdicts;
  EXPECT_EQ(verdicts, 1) << history.dump();
}

}  // namespace
}  // namespace csibot::e2e
