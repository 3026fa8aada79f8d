// End-to-end feedback conversations on the real csibot binary (SPEC §3, ARCHITECTURE.md §7.4):
// people in the local web chat over real WebSockets, then `csibot export` for what was stored.
#include <gtest/gtest.h>

#include "e2e/bot.hpp"
#include "e2e/client.hpp"

namespace csibot::e2e {
namespace {

const json* row_of(const std::vector<json>& rows, const std::string& service) {
  for (const auto& r : rows) {
    if (r.value("service", "") == service) return &r;
  }
  return nullptr;
}

// Two people at once, one starting with the slash command and buttons, the other by writing to
// the bot and typing every answer; their steps interleave so that each reply must reach the right
// person and each answer the right conversation.
TEST(e2e_feedback, two_people_finish_interleaved_conversations_and_export_shows_both) {
  bot_home home;
  running_bot bot(home);
  client net;
  auto ada = net.join(bot.port(), "Ada");
  auto bo = net.join(bot.port(), "Bo");

  ada->send(
      {{"type", "message"}, {"channel", "general"}, {"text", "/csi feedback vpn"}, {"client_id", "a1"}});
  const auto echo =
      ada->next([](const json& f) { return f.value("client_id", "") == "a1"; }, "the echo of a1");
  EXPECT_EQ(echo.value("ephemeral", false), true) << "a command is private to the one who typed it";
  bot_says(*ada, "general", "direct message");
  say(*bo, "dm:bo", "email");

  const auto ada_rating = question_with_buttons(*ada, "dm:ada", "csi.rate");
  EXPECT_NE(body_text(ada_rating).find("Remote access VPN"), std::string::npos) << ada_rating.dump();
  bot_says(*bo, "dm:bo", "How satisfied are you with *Email and calendar*");

  click(*ada, ada_rating, "csi.rate", "vpn:2");
  say(*bo, "dm:bo", "4");
  // The rating buttons turn into the answer, so a second click has nothing to press.
  const auto chosen = ada->next_of("update");
  EXPECT_EQ(chosen.value("id", ""), ada_rating.value("id", "-"));
  EXPECT_NE(shown(chosen).find("You chose: 2/5"), std::string::npos) << chosen.dump();
  bot_says(*ada, "dm:ada", "What is the main reason for your score?");
  bot_says(*bo, "dm:bo", "What is the main reason for your score?");

  say(*ada, "dm:ada", "drops every hour");
  say(*bo, "dm:bo", "skip");
  const auto ada_impact = question_with_buttons(*ada, "dm:ada", "csi.impact");
  bot_says(*bo, "dm:bo", "How does this affect your work?");

  click(*ada, ada_impact, "csi.impact", "vpn:blocks");
  say(*bo, "dm:bo", "2");
  bot_says(*ada, "dm:ada", "what do you use *Remote access VPN* for?");
  bot_says(*bo, "dm:bo", "what do you use *Email and calendar* for?");

  say(*ada, "dm:ada", "field sales");
  say(*bo, "dm:bo", "reading mail on the train");
  const auto ada_thanks = bot_says(*ada, "dm:ada", "Thank you!");
  const auto bo_thanks = bot_says(*bo, "dm:bo", "Thank you!");
  const long ada_id = feedback_number(body_text(ada_thanks));
  const long bo_id = feedback_number(body_text(bo_thanks));
  EXPECT_GT(ada_id, 0) << ada_thanks.dump();
  EXPECT_GT(bo_id, 0) << bo_thanks.dump();
  EXPECT_NE(ada_id, bo_id);
  for (const auto& f : bo->frames())
    EXPECT_NE(f.value("channel", ""), "dm:ada") << "Bo saw Ada's private conversation: " << f.dump();

  const auto rows = home.export_rows();
  ASSERT_EQ(rows.size(), 2U);
  const json* vpn = row_of(rows, "vpn");
  const json* email = row_of(rows, "email");
  ASSERT_TRUE(vpn && email) << rows[0].dump() << "\n" << rows[1].dump();

  EXPECT_EQ((*vpn)["id"], ada_id);
  EXPECT_EQ((*vpn)["platform"], "local");
  EXPECT_EQ((*vpn)["user"], "local:ada");
  EXPECT_EQ((*vpn)["rating"], 2);
  EXPECT_EQ((*vpn)["scale"], "csat5");
  EXPECT_EQ((*vpn)["reason"], "drops every hour");
  EXPECT_EQ((*vpn)["impact"], "blocks");
  EXPECT_EQ((*vpn)["usage"], "field sales");
  EXPECT_EQ((*vpn)["source"], "command");
  EXPECT_EQ((*vpn)["status"], "complete");
  EXPECT_TRUE((*vpn)["created_at"].is_string() && (*vpn)["created_at"].get<std::string>().ends_with("Z"));

  EXPECT_EQ((*email)["id"], bo_id);
  EXPECT_EQ((*email)["user"], "local:bo");
  EXPECT_EQ((*email)["rating"], 4);
  EXPECT_TRUE((*email)["reason"].is_null()) << "a skipped answer is null: " << email->dump();
  EXPECT_EQ((*email)["impact"], "slows");
  EXPECT_EQ((*email)["usage"], "reading mail on the train");
  EXPECT_EQ((*email)["source"], "conversation");
  EXPECT_EQ((*email)["status"], "complete");
}

// The reviewer's case in the web chat: Skip under the reason question, clicked once the impact is
// asked, must neither skip the impact nor rewrite the old message as the impact question.
TEST(e2e_feedback, skip_under_an_answered_question_is_stale_and_changes_nothing) {
  bot_home home;
  running_bot bot(home);
  client net;
  auto ada = net.join(bot.port(), "Ada");
  say(*ada, "general", "/csi feedback email");
  say(*ada, "dm:ada", "4");
  const auto reason = question_with_buttons(*ada, "dm:ada", "csi.skip");
  say(*ada, "dm:ada", "Calendar sync is great");
  const auto impact = question_with_buttons(*ada, "dm:ada", "csi.impact");

  click(*ada, reason, "csi.skip", "email");
  bot_says(*ada, "dm:ada", "That question has already been answered.");
  click(*ada, impact, "csi.impact", "email:minor");
  bot_says(*ada, "dm:ada", "what do you use *Email and calendar* for?");
  for (const auto& f : ada->frames())
    EXPECT_FALSE(f.value("type", "") == "update" && f.value("id", "") == reason.value("id", "-"))
        << "the old question was rewritten: " << f.dump();

  const auto rows = home.export_rows();
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0]["reason"], "Calendar sync is great");
  EXPECT_EQ(rows[0]["impact"], "minor");
}

// SPEC §3: conversation state lives in SQLite, so a restart mid-conversation continues where it
// stopped. The person reconnects (as the page does by itself) and simply answers the next question.
TEST(e2e_feedback, conversation_continues_after_the_bot_restarts) {
  bot_home home;
  client net;
  {
    running_bot first(home);
    auto rita = net.join(first.port(), "Rita");
    say(*rita, "general", "/csi feedback vpn");
    click(*rita, question_with_buttons(*rita, "dm:rita", "csi.rate"), "csi.rate", "vpn:3");
    bot_says(*rita, "dm:rita", "What is the main reason for your score?");

    const auto status = first.stop();
    ASSERT_TRUE(status.has_value()) << "csibot did not stop within the deadline after SIGTERM";
    EXPECT_TRUE(status->ok()) << "SIGTERM must stop csibot gracefully, got " << status->describe() << "\n"
                              << first.log();
    EXPECT_TRUE(rita->wait_closed().has_value()) << "the socket stayed open after the bot stopped";
  }

  running_bot second(home);
  auto rita = net.join(second.port(), "Rita");
  say(*rita, "dm:rita", "slow after 5 pm");
  const auto impact = question_with_buttons(*rita, "dm:rita", "csi.impact");
  click(*rita, impact, "csi.impact", "vpn:minor");
  bot_says(*rita, "dm:rita", "what do you use *Remote access VPN* for?");
  say(*rita, "dm:rita", "skip");
  const long id = feedback_number(body_text(bot_says(*rita, "dm:rita", "Thank you!")));
  EXPECT_GT(id, 0);

  const auto rows = home.export_rows();
  ASSERT_EQ(rows.size(), 1U) << "the restart must not start a second feedback";
  EXPECT_EQ(rows[0]["id"], id);
  EXPECT_EQ(rows[0]["user"], "local:rita");
  EXPECT_EQ(rows[0]["rating"], 3);
  EXPECT_EQ(rows[0]["reason"], "slow after 5 pm");
  EXPECT_EQ(rows[0]["impact"], "minor");
  EXPECT_TRUE(rows[0]["usage"].is_null());
  EXPECT_EQ(rows[0]["source"], "command");
  EXPECT_EQ(rows[0]["status"], "complete");
}

// SPEC §2: nothing that links an anonymous answer to the person is stored, so export has no user;
// the one-shot form stores a partial row at once, and the chat tells the person it is anonymous.
TEST(e2e_feedback, anonymous_one_shot_feedback_is_exported_without_a_user) {
  bot_home home;
  running_bot bot(home);
  client net;
  auto ann = net.join(bot.port(), "Ann");
  say(*ann, "general", "/csi feedback hr-portal 3 too many clicks");
  const long id = feedback_number(body_text(bot_says(*ann, "general", "Recorded as feedback")));
  EXPECT_GT(id, 0);
  const auto impact = question_with_buttons(*ann, "dm:ann", "csi.impact");

  auto rows = home.export_rows();
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0]["id"], id);
  EXPECT_EQ(rows[0]["service"], "hr-portal");
  EXPECT_TRUE(rows[0]["user"].is_null()) << rows[0].dump();
  EXPECT_EQ(rows[0]["rating"], 3);
  EXPECT_EQ(rows[0]["reason"], "too many clicks");
  EXPECT_EQ(rows[0]["status"], "partial") << "the remaining questions are not answered yet";

  click(*ann, impact, "csi.impact", "hr-portal:minor");
  bot_says(*ann, "dm:ann", "what do you use");
  say(*ann, "dm:ann", "leave requests");
  const auto thanks = bot_says(*ann, "dm:ann", "Thank you!");
  EXPECT_NE(shown(thanks).find("are anonymous"), std::string::npos) << thanks.dump();
  rows = home.export_rows();
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_TRUE(rows[0]["user"].is_null()) << rows[0].dump();
  EXPECT_EQ(rows[0]["usage"], "leave requests");
  EXPECT_EQ(rows[0]["status"], "complete");
}

// SPEC §2: for an anonymous service "the chat prompt says so". The step-by-step flow says it with
// the rating question; the one-shot form skips that question, so the person must be told before
// being asked for more (impact, usage), not only in the final thanks.
TEST(e2e_feedback, anonymous_one_shot_says_it_is_anonymous_before_asking_more) {
  bot_home home;
  running_bot bot(home);
  client net;
  auto ann = net.join(bot.port(), "Ann");
  say(*ann, "general", "/csi feedback hr-portal 3 too many clicks");
  question_with_buttons(*ann, "dm:ann", "csi.impact");
  bool told = false;
  for (const auto& f : ann->frames())
    told = told || (is_bot_message_in(f, "dm:ann") && shown(f).find("are anonymous") != std::string::npos);
  EXPECT_TRUE(told) << "no DM message up to the impact question mentions anonymity";
}

}  // namespace
}  // namespace csibot::e2e
