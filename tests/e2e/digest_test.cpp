// Digests on the real binary in the local web chat (SPEC §7): posted on demand into a channel, and a
// scheduled digest missed while csibot was down posted once at start, never again after a restart.
#include <gtest/gtest.h>

#include <sstream>

#include "e2e/bot.hpp"
#include "e2e/client.hpp"
#include "e2e/digest_support.hpp"

namespace csibot::e2e {
namespace {

bool is_digest(const json& message) {
  const auto& body = message.value("body", json::object());
  return body.value("header", "").starts_with("CSI digest") && body.contains("table");
}

// The digest messages in `channel`'s history, as a person opening the channel sees them.
std::vector<json> digests_in_history(chat_user& user, const std::string& channel) {
  user.send({{"type", "history"}, {"channel", channel}});
  const auto history = user.next(
      [&](const json& f) { return f.value("type", "") == "history" && f.value("channel", "") == channel; },
      "the history of " + channel);
  std::vector<json> out;
  for (const auto& m : history.value("messages", json::array()))
    if (is_digest(m)) out.push_back(m);
  return out;
}

TEST(e2e_digest, an_owner_posts_a_digest_that_everyone_in_the_channel_sees_with_its_table) {
  bot_home home;
  running_bot bot(home);
  client net;
  auto alice = net.join(bot.port(), "Alice");
  auto bo = net.join(bot.port(), "Bo");

  say(*bo, "general", "/csi digest vpn --here");
  bot_says(*bo, "general", "Only an owner of Remote access VPN (local:alice)");

  say(*alice, "general", "/csi digest vpn 7d --here");
  const auto posted = saw(
      *bo, [](const json& f) { return f.value("type", "") == "message" && is_digest(f); }, "the digest");
  EXPECT_EQ(posted.value("channel", ""), "general");
  EXPECT_EQ(posted.value("ephemeral", true), false) << "posted for the whole channel";
  const auto& table = posted["body"]["table"];
  ASSERT_TRUE(table.is_object()) << posted.dump();
  EXPECT_EQ(table["columns"][0], "service");
  ASSERT_EQ(table["rows"].size(), 1U);
  EXPECT_EQ(table["rows"][0][0], "Remote access VPN");
  EXPECT_EQ(table["rows"][0][1], "no answers");
}

TEST(e2e_digest, a_digest_missed_while_down_is_posted_once_and_not_again_after_a_restart) {
  bot_home home;
  ASSERT_TRUE(home.csibot({"migrate"}).status.ok());
  // A daily digest made with /csi subscribe eight days ago; the bot was down since.
  add_missed_daily_digest(home, "local:csi-digests", "local:admin");
  for (int start = 0; start < 2; ++start) {
    running_bot bot(home);
    client net;
    // The first scheduler pass runs before the first connection is served, so by the welcome the
    // missed digest is in the channel.
    auto ada = net.join(bot.port(), "Ada");
    const auto digests = digests_in_history(*ada, "csi-digests");
    EXPECT_EQ(digests.size(), 1U) << "start " << start << ": once, not once per missed day";
    ASSERT_TRUE(bot.stop()) << bot.log();
  }
}

TEST(e2e_digest, the_command_line_prints_the_digest_as_markdown_or_json) {
  bot_home home;
  ASSERT_TRUE(home.csibot({"migrate"}).status.ok());
  const auto md = home.csibot({"digest", "--period", "7d"});
  ASSERT_TRUE(md.status.ok()) << md.err;
  EXPECT_TRUE(md.out.starts_with("# CSI digest, 7d\n")) << md.out;
  EXPECT_NE(md.out.find("| Remote access VPN |"), std::string::npos) << md.out;

  const auto js = home.csibot({"digest", "--service", "email", "--format", "json"});
  ASSERT_TRUE(js.status.ok()) << js.err;
  const auto j = json::parse(js.out, nullptr, false);
  ASSERT_TRUE(j.is_object()) << js.out;
  ASSERT_EQ(j["services"].size(), 1U);
  EXPECT_EQ(j["services"][0]["id"], "email");
  EXPECT_EQ(j["period"]["label"], "30d");

  // Slack's Block Kit bodies, one per line, as the bot posts them: a header block and a text fallback.
  const auto slack = home.csibot({"digest", "--service", "vpn", "--format", "slack"});
  ASSERT_TRUE(slack.status.ok()) << slack.err;
  std::istringstream lines{slack.out};
  std::string line;
  int bodies = 0;
  while (std::getline(lines, line)) {
    const auto body = json::parse(line, nullptr, false);
    ASSERT_TRUE(body.is_object()) << line;
    EXPECT_TRUE(body["text"].is_string()) << line;
    ASSERT_TRUE(body["blocks"].is_array()) << line;
    EXPECT_LE(body["blocks"].size(), 50U);
    if (bodies++ == 0) {
      EXPECT_EQ(body["blocks"][0]["type"], "header") << line;
      EXPECT_EQ(body["blocks"][0]["text"]["text"], "CSI digest, 30d") << line;
    }
  }
  EXPECT_GE(bodies, 1);

  const auto bad_format = home.csibot({"digest", "--format", "xml"});
  EXPECT_EQ(bad_format.status.code, 1);
  EXPECT_NE(bad_format.err.find("--format must be md, json or slack"), std::string::npos) << bad_format.err;
  const auto bad_service = home.csibot({"digest", "--service", "vpnn"});
  EXPECT_EQ(bad_service.status.code, 1);
  EXPECT_NE(bad_service.err.find("did you mean 'vpn'"), std::string::npos) << bad_service.err;
  const auto bad_period = home.csibot({"digest", "--period", "fortnight"});
  EXPECT_EQ(bad_period.status.code, 1);
}

}  // namespace
}  // namespace csibot::e2e
