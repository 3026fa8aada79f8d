// "Let the owner answer me" under the thanks (SPEC §6): who may click it, what it stores for an
// identified and for an anonymous answer, what the person reads, and that a second click or a stale
// one changes nothing.
#include "reply_fixture.hpp"

namespace csibot::commands {
namespace {

using consent = test::reply_test;

TEST_F(consent, the_thanks_offers_answers_only_when_the_feedback_has_a_reason) {
  const auto with_reason = give("bob", "vpn", 2, "drops every hour");
  const auto button = consent_button(with_reason.thanks);
  ASSERT_TRUE(button) << with_reason.thanks.plain_text();
  EXPECT_EQ(button->label, "Let the owner answer me");
  EXPECT_TRUE(button->value.starts_with(std::to_string(with_reason.id) + ":")) << button->value;

  // Rated, then every question skipped: nothing for an owner to answer.
  send(command("bob", "feedback email 4"));
  auto out = send(dm("bob", "skip"));
  for (int k = 0; k < 3 && !says(out, "Thank you!"); ++k)
    out = send(dm("bob", "skip"));
  ASSERT_TRUE(says(out, "Thank you!")) << all_text(out);
  for (const auto& o : out)
    EXPECT_FALSE(consent_button(o.body)) << o.body.plain_text();
}

TEST_F(consent, a_click_on_identified_feedback_allows_answers_and_replaces_the_button_without_a_link) {
  const auto g = give("bob", "vpn", 2, "drops every hour");
  ASSERT_FALSE(allows_replies(g.id));
  const auto out = allow("bob", g.thanks);
  ASSERT_EQ(out.size(), 1u) << all_text(out);
  EXPECT_EQ(out[0].kind, core::delivery::update);
  EXPECT_EQ(out[0].replaces, "msg-thanks");
  EXPECT_TRUE(out[0].body.buttons.empty());
  EXPECT_EQ(out[0].body.text, g.thanks.text) << "the thanks stays as it was";
  EXPECT_EQ(out[0].body.context, "You let the owner answer feedback *#" + std::to_string(g.id) +
                                     "*: an answer will come here, from csibot.");
  EXPECT_TRUE(allows_replies(g.id));
  EXPECT_EQ(links_of(g.id), 0) << "an identified answer names its author already";
  EXPECT_EQ(all_feedback().back().user, "local:bob");
}

TEST_F(consent, for_an_anonymous_service_the_button_and_confirmation_say_a_link_is_kept) {
  const auto g = give("dave", "hr-portal", 2, "payslips are late");
  const auto button = consent_button(g.thanks);
  ASSERT_TRUE(button);
  EXPECT_EQ(button->label, "Let the owner answer me (csibot keeps a link to me)");
  EXPECT_NE(g.thanks.context.find("csibot keeps a link from feedback #" + std::to_string(g.id) + " to you"),
            std::string::npos)
      << g.thanks.context;
  ASSERT_EQ(links_of(g.id), 0) << "nothing links the answer to dave before he says so";

  const auto out = allow("dave", g.thanks);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, core::delivery::update);
  const auto& said = out[0].body.context;
  EXPECT_NE(said.find("csibot now keeps a link from it to you"), std::string::npos) << said;
  EXPECT_NE(said.find("the owner still will not see who you are"), std::string::npos) << said;
  EXPECT_NE(said.find("`/csi forget-me` removes the link"), std::string::npos) << said;

  EXPECT_TRUE(allows_replies(g.id));
  EXPECT_EQ(links_of(g.id), 1);
  EXPECT_EQ(count("SELECT count(*) FROM reply_links WHERE feedback_id = ?1 AND platform = 'local' AND user = "
                  "'dave'",
                  g.id),
            1);
  EXPECT_FALSE(all_feedback().back().user) << "the answer itself still names nobody";
}

TEST_F(consent, a_pseudonymous_answer_gets_a_link_too) {
  const auto g = give("dave", "service-desk", 3, "long waits on the phone");
  EXPECT_EQ(consent_button(g.thanks)->label, "Let the owner answer me (csibot keeps a link to me)");
  allow("dave", g.thanks);
  EXPECT_EQ(links_of(g.id), 1);
  EXPECT_TRUE(all_feedback().back().user->starts_with("pseudo:"));
}

TEST_F(consent, somebody_else_clicking_the_button_changes_nothing) {
  const auto g = give("dave", "hr-portal", 2, "payslips are late");
  const auto out = allow("mallory", g.thanks);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, core::delivery::direct);
  EXPECT_EQ(out[0].user, "mallory");
  EXPECT_EQ(out[0].body.text, "This button was not meant for you, so nothing changed.");
  EXPECT_FALSE(allows_replies(g.id));
  EXPECT_EQ(all_links(), 0);

  // A made-up value for feedback that exists, and a garbled one.
  send(click("mallory", dialog::actions::allow_reply,
             std::to_string(g.id) + ":00000000000000000000000000000000"));
  send(click("mallory", dialog::actions::allow_reply, "not-a-number"));
  EXPECT_FALSE(allows_replies(g.id));
  EXPECT_EQ(all_links(), 0);
}

TEST_F(consent, a_second_click_or_a_redelivery_changes_nothing) {
  const auto g = give("dave", "hr-portal", 2, "payslips are late");
  const auto first = allow("dave", g.thanks);
  const auto again = allow("dave", g.thanks);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].body, first[0].body) << "the same confirmation";
  EXPECT_EQ(links_of(g.id), 1);

  // The platform delivers the same click event twice.
  auto in = click("dave", dialog::actions::allow_reply, consent_button(g.thanks)->value, "msg-thanks");
  send(in);
  EXPECT_TRUE(send(in).empty());
  EXPECT_EQ(all_links(), 1);
  EXPECT_TRUE(allows_replies(g.id));
}

TEST_F(consent, once_the_words_are_erased_an_old_button_allows_nothing) {
  // forget-me erased what bob wrote (an anonymous answer without a link, it could not have found).
  const auto g = give("bob", "vpn", 2, "drops every hour");
  send(command("bob", "forget-me confirm"));
  const auto out = allow("bob", g.thanks);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].body.text,
            "Feedback #" + std::to_string(g.id) +
                " has no comment any more (it was erased), so there is nothing for an owner "
                "to answer.");
  EXPECT_EQ(all_links(), 0);
  EXPECT_FALSE(allows_replies(g.id));
}

TEST_F(consent, the_one_shot_form_offers_it_after_its_remaining_steps_and_german_says_it_in_du) {
  settings.bot.language = "de";
  restart();
  const auto g = give("dave", "hr-portal", 2, "Gehaltszettel kommen zu spät");
  ASSERT_TRUE(consent_button(g.thanks)) << "the last step of the one-shot form is the thanks";
  EXPECT_EQ(consent_button(g.thanks)->label, "Antwort vom Owner erlauben (csibot speichert Link zu mir)");
  const auto out = allow("dave", g.thanks);
  EXPECT_NE(out.at(0).body.context.find("der Owner sieht trotzdem nicht, wer du bist"), std::string::npos)
      << out.at(0).body.context;
}

}  // namespace
}  // namespace csibot::commands
