// People are answered in their own language (SPEC §10) on the real csibot binary: in the web chat
// the browser gives it in its hello, and it holds for what someone else causes to reach them too.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "e2e/bot.hpp"
#include "e2e/client.hpp"

namespace csibot::e2e {
namespace {

// Says `text` in `channel` and waits for the bot's reply that shows `part`.
void step(chat_user& user, const std::string& channel, const std::string& text, const std::string& part) {
  say(user, channel, text);
  bot_says(user, channel, part);
}

// Bo's browser speaks German; Alice, the service's owner, finishes an improvement that answers Bo's
// feedback, in English. The report back is Bo's to read, so it comes in German.
TEST(e2e_language, a_report_back_reaches_a_web_chat_person_in_their_browsers_language) {
  bot_home home;
  running_bot bot(home);
  client net;
  auto alice = net.join(bot.port(), "Alice");
  auto bo = net.connect(bot.port());
  bo->send({{"type", "hello"}, {"name", "Bo"}, {"locale", "de-DE"}});
  bo->next_of("welcome");

  say(*bo, "general", "/csi feedback vpn 2 drops every hour");
  const auto recorded = bot_says(*bo, "general", "Als Feedback");
  const long id = feedback_number(body_text(recorded));
  ASSERT_GT(id, 0) << shown(recorded);

  step(*alice, "dm:alice", "/csi improve add vpn Split tunnel", "Added improvement *#1*");
  step(*alice, "dm:alice", "/csi improve link 1 feedback " + std::to_string(id), "Linked");
  step(*alice, "dm:alice", "/csi improve set 1 state approved", "is now *approved*");
  step(*alice, "dm:alice", "/csi improve set 1 state in_progress", "is now *in progress*");
  step(*alice, "dm:alice", "/csi improve set 1 state done", "is now *done*");

  const auto report = bot_says(*bo, "dm:bo", "Split tunnel");
  EXPECT_EQ(report["body"].value("header", ""), "Dein Feedback hat etwas bewirkt") << shown(report);
}

// The same after a restart, with Bo away: the bot keeps each web chat person's language with the
// chat, so the report back written while Bo is offline is German although the restarted bot never
// saw Bo's hello.
TEST(e2e_language, a_web_chat_persons_language_outlives_a_restart_of_the_bot) {
  bot_home home;
  long id = 0;
  {
    running_bot bot(home);
    client net;
    auto bo = net.connect(bot.port());
    bo->send({{"type", "hello"}, {"name", "Bo"}, {"locale", "de-DE"}});
    bo->next_of("welcome");
    say(*bo, "general", "/csi feedback vpn 2 drops every hour");
    id = feedback_number(body_text(bot_says(*bo, "general", "Als Feedback")));
    ASSERT_GT(id, 0);
    ASSERT_TRUE(bot.stop()) << bot.log();
  }

  running_bot bot(home);
  client net;
  auto alice = net.join(bot.port(), "Alice");
  step(*alice, "dm:alice", "/csi improve add vpn Split tunnel", "Added improvement *#1*");
  step(*alice, "dm:alice", "/csi improve link 1 feedback " + std::to_string(id), "Linked");
  step(*alice, "dm:alice", "/csi improve set 1 state approved", "is now *approved*");
  step(*alice, "dm:alice", "/csi improve set 1 state in_progress", "is now *in progress*");
  step(*alice, "dm:alice", "/csi improve set 1 state done", "is now *done*");

  // Bo comes back afterwards, this time from an English browser: the report was written before.
  auto bo = net.connect(bot.port());
  bo->send({{"type", "hello"}, {"name", "Bo"}, {"locale", "en-US"}});
  bo->next_of("welcome");
  bo->send({{"type", "history"}, {"channel", "dm:bo"}});
  const auto history = bo->next_of("history");
  std::vector<std::string> headers;
  for (const auto& m : history.value("messages", json::array())) {
    headers.push_back(m.value("body", json::object()).value("header", ""));
  }
  EXPECT_NE(std::find(headers.begin(), headers.end(), "Dein Feedback hat etwas bewirkt"), headers.end())
      << history.dump();
}

}  // namespace
}  // namespace csibot::e2e
