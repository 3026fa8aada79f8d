// Proactive prompts on the real binary in the local web chat (SPEC §4): a pulse missed while csibot
// was down asks its audience once, in their DMs, and not again after a restart; opted-out people and
// people outside the audience hear nothing; a signed ticket webhook prompts the person once; /csi ask
// with a channel reports back by DM. The answers are exported with source "pulse" or "ticket".
#include <gtest/gtest.h>

#include <thread>

#include "e2e/bot.hpp"
#include "e2e/client.hpp"
#include "e2e/prompt_support.hpp"
#include "storage/database.hpp"
#include "storage/local_chat_repository.hpp"
#include "storage/prompt_repository.hpp"
#include "storage/pulse_repository.hpp"

namespace csibot::e2e {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view secret = "It5-a-s3cret";

// A daily pulse for #sales, all at once.
std::string prompts_config() {
  return minimal_config_toml("\n" + daily_pulse_toml(secret, "local:sales"));
}

// What the chat knows before csibot starts: who wrote in #sales and #general, that dave opted out,
// and (`missed_pulse`) that the pulse was configured three days ago, so a slot was missed.
void seed(const bot_home& home, bool missed_pulse) {
  const auto t = wall_now() - 72h;
  // Otherwise "first seen" two days ahead: no slot of it can fall due while the test runs.
  ASSERT_NO_FATAL_FAILURE(register_first_pulse(home, missed_pulse ? t : wall_now() + 48h));
  storage::database db{home / "csibot.db"};
  storage::local_chat_repository chat{db};
  for (const auto& [channel, people] : std::vector<std::pair<std::string, std::vector<std::string>>>{
           {"sales", {"alice", "bo", "dave"}}, {"general", {"carol"}}}) {
    chat.ensure_channel(channel, storage::local_channel_kind::channel, t);
    for (const auto& who : people)
      chat.append({0, channel, who, who, false, R"({"text":"hi"})", std::nullopt, t, t});
  }
  storage::prompt_repository{db}.opt_out("local:dave", t);
}

// The bot's messages in `dm` that show `part`, from the history (the prompt loop may have run before
// the person connected) and from live frames, asked for again until one shows up or the deadline.
std::vector<json> dm_messages(chat_user& user, const std::string& dm, const std::string& part,
                              bool wait = true) {
  const auto end = std::chrono::steady_clock::now() + child_deadline;
  while (true) {
    user.send({{"type", "history"}, {"channel", dm}});
    const auto history = user.next(
        [&](const json& f) { return f.value("type", "") == "history" && f.value("channel", "") == dm; },
        "the history of " + dm);
    std::vector<json> out;
    for (auto m : history.value("messages", json::array())) {
      m["channel"] = dm;
      if (m.contains("author") && m["author"].value("bot", false) && shown(m).find(part) != std::string::npos)
        out.push_back(m);
    }
    if (!out.empty() || !wait || std::chrono::steady_clock::now() > end) return out;
    std::this_thread::sleep_for(100ms);
  }
}

net::http_result post_hook(const running_bot& bot, const std::string& body,
                           const std::string& signature = {}) {
  return post_ticket_hook(bot, body, secret, signature);
}

TEST(e2e_prompts, a_missed_pulse_asks_its_audience_once_in_their_dm_and_not_again_after_a_restart) {
  bot_home home{prompts_config()};
  seed(home, true);
  {
    running_bot bot(home);
    client net;
    auto alice = net.join(bot.port(), "Alice");
    const auto prompt = dm_messages(*alice, "dm:alice", "regular feedback pulse for *Remote access VPN*");
    ASSERT_EQ(prompt.size(), 1u) << bot.log();
    EXPECT_NE(shown(prompt[0]).find("`/csi optout`"), std::string::npos) << shown(prompt[0]);
    EXPECT_NE(shown(prompt[0]).find("Owners of this service can see who"), std::string::npos);
    click(*alice, prompt[0], "csi.rate", "vpn:4");
    bot_says(*alice, "dm:alice", "main reason");
    say(*alice, "dm:alice", "works well");
    bot_says(*alice, "dm:alice", "affect your work");

    auto bo = net.join(bot.port(), "Bo");
    EXPECT_EQ(dm_messages(*bo, "dm:bo", "regular feedback pulse").size(), 1u);
    auto carol = net.join(bot.port(), "Carol");  // in #general, not in the audience
    auto dave = net.join(bot.port(), "Dave");    // opted out
    EXPECT_TRUE(dm_messages(*carol, "dm:carol", "feedback pulse", false).empty());
    EXPECT_TRUE(dm_messages(*dave, "dm:dave", "feedback pulse", false).empty());
    ASSERT_TRUE(bot.stop()) << bot.log();
  }
  {
    running_bot bot(home);
    client net;
    auto bo = net.join(bot.port(), "Bo");
    // The restarted bot has had its first pass by the time bo's history is read twice.
    dm_messages(*bo, "dm:bo", "regular feedback pulse");
    EXPECT_EQ(dm_messages(*bo, "dm:bo", "regular feedback pulse").size(), 1u) << "the slot runs once";
    ASSERT_TRUE(bot.stop()) << bot.log();
  }
  {
    storage::database db{home / "csibot.db"};
    EXPECT_EQ(storage::pulse_repository{db}.recent(10).size(), 1u)
        << "one run for the missed slot, restarts included";
    EXPECT_EQ(storage::prompt_repository{db}.history("local:bo", wall_now() - 24h).size(), 1u);
  }
  const auto rows = home.export_rows();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["user"], "local:alice");
  EXPECT_EQ(rows[0]["rating"], 4);
  EXPECT_EQ(rows[0]["source"], "pulse");
  EXPECT_EQ(rows[0]["reason"], "works well");

  const auto digest = home.csibot({"digest", "--service", "vpn", "--period", "7d", "--format", "json"});
  const auto j = json::parse(digest.out, nullptr, false);
  ASSERT_TRUE(j.is_object()) << digest.out << digest.err;
  EXPECT_EQ(j["services"][0]["prompts"]["sent"], 2) << "alice and bo";
  EXPECT_EQ(j["services"][0]["prompts"]["answered"], 1);
  EXPECT_EQ(j["services"][0]["response_rate"], 50);
}

TEST(e2e_prompts, a_signed_ticket_webhook_prompts_the_person_once_and_a_bad_signature_changes_nothing) {
  bot_home home{prompts_config()};
  running_bot bot(home);
  const std::string body = R"({"service":"vpn","user":"local:bo","ticket":"INC-1042"})";
  EXPECT_EQ(post_hook(bot, body, "sha256=" + std::string(64, '0')).status, 401u);
  EXPECT_EQ(post_hook(bot, body).status, 202u);
  const auto again = post_hook(bot, body);
  EXPECT_EQ(again.status, 202u);
  EXPECT_NE(again.body.find("\"created\":false"), std::string::npos) << again.body;

  client net;
  auto bo = net.join(bot.port(), "Bo");
  const auto prompt =
      dm_messages(*bo, "dm:bo", "Your ticket *INC-1042* about *Remote access VPN* was resolved");
  ASSERT_EQ(prompt.size(), 1u) << bot.log();
  click(*bo, prompt[0], "csi.rate", "vpn:2");
  bot_says(*bo, "dm:bo", "main reason");
  // The clicked prompt now shows the choice instead of its buttons; there is still only one.
  EXPECT_EQ(dm_messages(*bo, "dm:bo", "Feedback on Remote access VPN").size(), 1u) << "one prompt per ticket";
  ASSERT_TRUE(bot.stop()) << bot.log();
  const auto rows = home.export_rows();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["source"], "ticket");
  EXPECT_EQ(rows[0]["status"], "partial");
}

// Only the web chat runs here, so nothing could ever send a Slack person's prompt. SPEC §12: a ticket
// accepted but not prompted still answers 202; the answer and a warning say why, and the prompt is
// not left pending for ever.
TEST(e2e_prompts, a_ticket_for_a_platform_not_running_here_is_skipped_with_the_reason_and_a_warning) {
  bot_home home{prompts_config()};
  running_bot bot(home);
  const auto r = post_hook(bot, R"({"service":"vpn","user":"slack:U0999","ticket":"INC-7"})");
  ASSERT_EQ(r.status, 202u) << r.body;
  const auto j = json::parse(r.body, nullptr, false);
  EXPECT_EQ(j.value("scheduled", true), false) << r.body;
  EXPECT_EQ(j.value("reason", ""), "platform_not_configured") << r.body;
  ASSERT_TRUE(bot.stop()) << bot.log();
  EXPECT_NE(bot.log().find("warning hooks: ticket-resolved vpn/INC-7 accepted but not prompted: slack:U0999 "
                           "is on slack, which is not configured here"),
            std::string::npos)
      << bot.log();
  storage::database db{home / "csibot.db"};
  const auto p = storage::prompt_repository{db}.find(j.value("prompt", std::int64_t{0}));
  ASSERT_TRUE(p) << r.body;
  EXPECT_EQ(p->state, storage::prompt_state::skipped);
}

TEST(e2e_prompts, an_owner_asks_a_channel_and_hears_back_how_many_were_asked) {
  bot_home home{prompts_config()};
  seed(home, false);
  running_bot bot(home);
  client net;
  auto bo = net.join(bot.port(), "Bo");
  say(*bo, "general", "/csi ask vpn #sales");
  bot_says(*bo, "general", "Only an owner of Remote access VPN (local:alice)");
  auto alice = net.join(bot.port(), "Alice");
  say(*alice, "general", "/csi ask vpn #sales");
  bot_says(*alice, "general", "looking up the members of #sales");
  const auto report = dm_messages(*alice, "dm:alice", "Your `/csi ask vpn`");
  ASSERT_EQ(report.size(), 1u) << bot.log();
  // #sales: alice, bo and dave wrote there; dave opted out, so the policy holds one back.
  EXPECT_NE(shown(report[0]).find("3 person(s) in #sales, 3 prompt(s) scheduled"), std::string::npos)
      << shown(report[0]);
  EXPECT_NE(shown(report[0]).find("holds 1 of them back"), std::string::npos) << shown(report[0]);
  EXPECT_EQ(dm_messages(*bo, "dm:bo", "The team behind *Remote access VPN*").size(), 1u) << bot.log();
  ASSERT_TRUE(bot.stop()) << bot.log();
}

}  // namespace
}  // namespace csibot::e2e
