// Answers to feedback in the built-in web chat (SPEC §6), over real WebSockets: the thanks' "Let the
// owner answer me" button turns into a confirmation in place, the owner's `/csi reply` arrives in the
// person's DM and nowhere else, and an answer meant for another platform's user is never posted into
// a local DM of the same id.
#include <gtest/gtest.h>

#include "platform/chat_harness.hpp"
#include "storage/local_chat_repository.hpp"
#include "storage/reply_repository.hpp"
#include "storage/repositories.hpp"

namespace csibot::platform::local::test {
namespace {

bool is_bot_message_in(const json& f, const std::string& channel) {
  return f.value("type", "") == "message" && f.value("channel", "") == channel &&
         f["author"].value("bot", false);
}

bool has_button(const json& f, const std::string& action_id) {
  for (const auto& b : f["body"].value("buttons", json::array()))
    if (b.value("action_id", "") == action_id) return true;
  return false;
}

TEST(local_replies, an_anonymous_person_allows_answers_and_the_owner_s_answer_reaches_only_them) {
  chat_server server;
  auto dave = server.join("Dave");
  auto erin = server.join("Erin");  // owns hr-portal (anonymous) in the demo catalog

  dave->send(
      {{"type", "message"}, {"channel", "general"}, {"text", "/csi feedback hr-portal 2 payslips are late"}});
  json thanks;
  for (int step = 0; step < 3 && thanks.is_null(); ++step) {
    const auto m =
        dave->next([](const json& f) { return is_bot_message_in(f, "dm:dave"); }, "the next question");
    if (has_button(m, "csi.allow_reply")) {
      thanks = m;
    } else {
      dave->send({{"type", "message"}, {"channel", "dm:dave"}, {"text", "skip"}});
    }
  }
  ASSERT_FALSE(thanks.is_null()) << "no thanks with the answer button";
  std::string value;
  for (const auto& b : thanks["body"]["buttons"])
    if (b.value("action_id", "") == "csi.allow_reply") value = b.value("value", "");
  const std::string id = value.substr(0, value.find(':'));

  dave->send({{"type", "action"},
              {"channel", "dm:dave"},
              {"message_id", thanks["id"]},
              {"action_id", "csi.allow_reply"},
              {"value", value}});
  const auto confirmed = dave->next_of("update");
  EXPECT_EQ(confirmed["id"], thanks["id"]);
  EXPECT_FALSE(has_button(confirmed, "csi.allow_reply")) << confirmed.dump();
  EXPECT_NE(confirmed.dump().find("the owner still will not see who you are"), std::string::npos)
      << confirmed.dump();

  erin->send({{"type", "message"},
              {"channel", "general"},
              {"text", "/csi reply " + id + " Payroll runs earlier now."}});
  const auto note = erin->next(
      [](const json& f) {
        return f.value("type", "") == "message" && f.dump().find("Sent your answer") != std::string::npos;
      },
      "erin's confirmation");
  EXPECT_EQ(note.dump().find("dave"), std::string::npos) << note.dump();
  const auto answer = dave->next(
      [](const json& f) {
        return is_bot_message_in(f, "dm:dave") &&
               f.dump().find("answered your feedback") != std::string::npos;
      },
      "the answer in dave's DM");
  EXPECT_NE(answer.dump().find("Payroll runs earlier now."), std::string::npos) << answer.dump();
  for (const auto& f : erin->frames())
    EXPECT_NE(f.value("channel", ""), "dm:dave");
}

TEST(local_replies, an_answer_for_another_platform_s_user_is_not_posted_into_a_local_dm) {
  chat_server server;
  std::int64_t id = 0;
  server.on_io([&] {
    core::feedback f;
    f.service = "vpn";
    f.platform = "slack";
    f.user = "slack:u1";
    f.rating = 2;
    f.reason = "drops every hour";
    id = storage::feedback_repository{server.db()}.insert(f, core::anonymity::identified);
    storage::reply_repository{server.db()}.consent(id, {"slack", "u1"}, false);
  });
  auto u1 = server.join("u1");  // a local user whose id happens to be the Slack user's
  auto alice = server.join("Alice");
  alice->send(
      {{"type", "message"}, {"channel", "general"}, {"text", "/csi reply " + std::to_string(id) + " hi"}});
  alice->next(
      [](const json& f) {
        // This chat alone runs here: nothing can reach a Slack user, and the owner is told so.
        return f.value("type", "") == "message" &&
               f.dump().find("is on slack, which this bot does not serve") != std::string::npos;
      },
      "alice's confirmation");
  server.stop();
  for (const auto& f : u1->frames())
    EXPECT_EQ(f.dump().find("answered your feedback"), std::string::npos) << f.dump();
  EXPECT_TRUE(storage::local_chat_repository{server.db()}.recent("dm:u1", "u1", 10).empty())
      << "nothing kept in the local u1's history either";
}

}  // namespace
}  // namespace csibot::platform::local::test
