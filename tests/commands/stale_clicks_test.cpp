// Old buttons in the DM (SPEC §3) and a digest's "Give feedback on X" while a conversation is open,
// through the dispatcher and the real database, as the reviewer met them in the web chat.
#include "dispatch_fixture.hpp"

namespace csibot::commands {
namespace {

class stale_clicks : public test::dispatch_test {
 protected:
  static const core::button& button(const std::vector<core::outbound>& out, std::string_view label) {
    for (const auto& o : out)
      for (const auto& b : o.body.buttons)
        if (b.label == label) return b;
    ADD_FAILURE() << "no button " << label << " in\n" << all_text(out);
    static const core::button none;
    return none;
  }
  /// A click on `b` as it stands under message `message_id`.
  core::inbound press(std::string_view user, const core::button& b, std::string_view message_id) {
    return click_value(user, b.action_id, b.value, message_id);
  }
  static bool updates_a_message(const std::vector<core::outbound>& out) {
    for (const auto& o : out)
      if (o.kind == core::delivery::update) return true;
    return false;
  }
};

TEST_F(stale_clicks, skip_under_the_answered_reason_question_changes_nothing) {
  send(command("alice", "feedback email", true));
  const auto reason_question = send(dm("alice", "4"));
  const auto skip = button(reason_question, "Skip");
  const auto impact_question = send(dm("alice", "Calendar sync is great"));
  ASSERT_TRUE(says(impact_question, "How does this affect your work?")) << all_text(impact_question);

  const auto out = send(press("alice", skip, "msg-reason"));
  EXPECT_TRUE(says(out, "That question has already been answered.")) << all_text(out);
  EXPECT_FALSE(says(out, "What do you use")) << all_text(out);  // the usage question is not next
  EXPECT_FALSE(updates_a_message(out));                         // the old message stays as it was

  // The impact question is still the open one.
  send(dm("alice", "minor"));
  const auto f = all_feedback().at(0);
  EXPECT_EQ(f.reason, "Calendar sync is great");
  EXPECT_EQ(f.impact, core::impact::minor);
}

TEST_F(stale_clicks, a_button_of_a_finished_conversation_does_not_answer_the_next_one) {
  const auto first = send(command("alice", "feedback vpn 2 drops every hour", true));
  const auto blocks = button(first, "Blocks me");
  send(dm("alice", "minor"));
  send(dm("alice", "remote work"));  // the usage question; #1 is complete
  const auto second = send(command("alice", "feedback vpn 3 slow", true));
  ASSERT_TRUE(says(second, "How does this affect your work?")) << all_text(second);

  const auto out = send(press("alice", blocks, "msg-first"));
  EXPECT_TRUE(says(out, "already been answered")) << all_text(out);
  EXPECT_FALSE(updates_a_message(out));
  const auto stored = all_feedback();
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored[0].impact, core::impact::minor);
  EXPECT_FALSE(stored[1].impact);

  // The German conversation hears it in German.
  auto german = press("alice", blocks, "msg-first");
  german.locale = "de";
  EXPECT_TRUE(says(send(german), "Diese Frage ist schon beantwortet.")) << "de";
}

TEST_F(stale_clicks, a_digest_button_starts_feedback_on_its_service_while_a_conversation_is_open) {
  send(command("alice", "feedback email", true));
  send(dm("alice", "4"));  // email rated, its reason question open
  const auto digest = send(command("alice", "digest vpn --here"));
  const auto give = button(digest, "Give feedback on Remote access VPN");

  auto in = press("alice", give, "digest-msg");
  in.is_dm = false;
  in.channel = "general";
  const auto out = send(in);
  EXPECT_FALSE(says(out, "already been answered")) << all_text(out);
  EXPECT_TRUE(says(out, "How satisfied are you with *Remote access VPN*?")) << all_text(out);
  send(click("alice", "csi.rate", "vpn:2"));

  const auto stored = all_feedback();
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored[0].service, "email");  // kept as given, partial, as `/csi feedback vpn` keeps it
  EXPECT_EQ(stored[0].rating, 4);
  EXPECT_EQ(stored[0].status, core::feedback_status::partial);
  EXPECT_EQ(stored[1].service, "vpn");
  EXPECT_EQ(stored[1].rating, 2);
  EXPECT_EQ(stored[1].source, core::source::conversation);
}

TEST_F(stale_clicks, a_digest_button_for_the_service_being_answered_starts_it_again_like_the_command) {
  send(command("alice", "feedback vpn 4", true));  // the reason question about vpn is open
  auto in = click_value("alice", "csi.feedback", "vpn", "digest-msg");
  const auto out = send(in);
  EXPECT_TRUE(says(out, "How satisfied are you with *Remote access VPN*?")) << all_text(out);
  EXPECT_EQ(open_conversations(), 1);
}

}  // namespace
}  // namespace csibot::commands
