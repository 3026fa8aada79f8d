// SPEC §3 steps 3–6 (reason, impact, usage, thanks), what is stored and how, and anonymity.
#include "core/text.hpp"
#include "dialog/feedback_flow.hpp"
#include "dialog/flow_fixture.hpp"

namespace csibot::dialog {
namespace {

using feedback_flow = test::flow_test;

// --- Step 3: the reason ---------------------------------------------------------------------------

TEST_F(feedback_flow, reason_is_stored_and_the_impact_asked) {
  const auto r = text(rated(), "It drops every hour.\nEspecially on calls.");
  EXPECT_EQ(r.state.at, step::impact);
  EXPECT_EQ(stored(r.state.feedback_id)->reason, "It drops every hour.\nEspecially on calls.");
  ASSERT_EQ(r.replies.size(), 1u);
  const auto& q = r.replies[0];
  EXPECT_EQ(q.text, "How does this affect your work?");
  ASSERT_EQ(q.buttons.size(), 5u);
  EXPECT_EQ(q.buttons[0], (core::button{"Blocks me", "csi.impact", keyed_value("vpn:blocks", r.state)}));
  EXPECT_EQ(q.buttons[3], (core::button{"No impact", "csi.impact", keyed_value("vpn:none", r.state)}));
  EXPECT_EQ(q.buttons[4], (core::button{"Skip", "csi.skip", keyed_value("vpn", r.state)}));
}

TEST_F(feedback_flow, reason_skip_typed_stores_null) {
  const auto r = text(rated(), "skip");
  EXPECT_EQ(r.state.at, step::impact);
  EXPECT_FALSE(r.state.reason);
  EXPECT_FALSE(stored(r.state.feedback_id)->reason);
}

TEST_F(feedback_flow, reason_skip_button_stores_null_and_marks_the_prompt) {
  const auto r = click(rated(), actions::skip, "vpn");
  EXPECT_EQ(r.state.at, step::impact);
  EXPECT_FALSE(stored(r.state.feedback_id)->reason);
  ASSERT_TRUE(r.answered);
  EXPECT_EQ(r.answered->context, "You chose: Skip");
}

TEST_F(feedback_flow, reason_of_5000_characters_is_cut_to_4000_and_the_person_told) {
  std::string reason;
  for (int i = 0; i < 5000; ++i)
    reason += "\xC3\xA9";  // é, two bytes each
  const auto r = text(rated(), reason);
  EXPECT_EQ(r.state.at, step::impact);
  const auto kept = stored(r.state.feedback_id)->reason;
  ASSERT_TRUE(kept);
  EXPECT_EQ(core::utf8_length(*kept), 4000u);
  EXPECT_EQ(*kept, reason.substr(0, 8000));
  ASSERT_EQ(r.replies.size(), 2u);
  EXPECT_EQ(r.replies[0].text, "Your answer was longer than 4000 characters, so I kept the first 4000.");
  EXPECT_EQ(r.replies[1].text, "How does this affect your work?");
}

TEST_F(feedback_flow, reason_of_exactly_4000_characters_is_kept_without_a_note) {
  const auto r = text(rated(), std::string(4000, 'a'));
  EXPECT_EQ(stored(r.state.feedback_id)->reason->size(), 4000u);
  EXPECT_FALSE(says(r, "longer than"));
}

TEST_F(feedback_flow, c0_control_characters_are_removed_from_the_reason) {
  const auto r = text(rated(), "slow\x07 and \x1b[31mred\x1b[0m\tbut\r\nok\x7f");
  EXPECT_EQ(stored(r.state.feedback_id)->reason, "slow and [31mred[0m\tbut\nok");
}

TEST_F(feedback_flow, reason_of_only_control_characters_asks_again) {
  const auto s = rated();
  const auto r = text(s, "\x01\x02\x1b");
  EXPECT_EQ(r.state, s);
  EXPECT_TRUE(says(r, "Please type an answer"));
}

TEST_F(feedback_flow, invalid_utf8_in_the_reason_is_stored_as_replacement_characters) {
  const auto r = text(rated(), "caf\xE9 ok");
  EXPECT_EQ(stored(r.state.feedback_id)->reason, "caf\xEF\xBF\xBD ok");
}

TEST_F(feedback_flow, markup_injection_and_any_unicode_are_stored_verbatim) {
  const std::string inputs[] = {
      "<script>alert('x')</script>",
      "'; DROP TABLE feedback; --",
      "Robert'); DELETE FROM feedback WHERE 1=1; --",
      "*bold* _italic_ `code` ~strike~ <@U0ADMIN> <!channel> @here",
      "{id} {service} %s %n ${HOME} $(rm -rf /)",
      "\"straight\" \xE2\x80\x9Ctypographic\xE2\x80\x9D \xE2\x80\x9EGerman\xE2\x80\x9C "
      "\xC2\xABguillemets\xC2\xBB",
      "\xF0\x9F\x98\x80 \xE4\xB8\xAD\xE6\x96\x87 \xD7\xA2\xD7\x91\xD7\xA8\xD7\x99\xD7\xAA "
      "\xE2\x80\xAEreversed",
      "[link](javascript:alert(1)) <img src=x onerror=alert(1)> &amp; &lt;",
      "\\n \\0 \\x00 NUL-looking text",
  };
  for (const auto& input : inputs) {
    const auto r = text(rated(), input);
    EXPECT_EQ(stored(r.state.feedback_id)->reason, input);
  }
  EXPECT_EQ(stored_count(), static_cast<std::int64_t>(std::size(inputs)));
}

// --- Step 4: the impact ---------------------------------------------------------------------------

TEST_F(feedback_flow, impact_by_button_is_stored) {
  const auto s = text(rated(), "skip").state;
  const auto r = click(s, actions::impact, "vpn:slows");
  EXPECT_EQ(stored(r.state.feedback_id)->impact, core::impact::slows);
  EXPECT_EQ(r.state.at, step::usage);
  ASSERT_TRUE(r.answered);
  EXPECT_EQ(r.answered->context, "You chose: Slows me down");
}

TEST_F(feedback_flow, impact_typed_as_number_or_words_is_stored) {
  const struct {
    const char* typed;
    core::impact expected;
  } cases[] = {{"1", core::impact::blocks}, {"blocks me", core::impact::blocks},
               {"2", core::impact::slows},  {"Slows me down", core::impact::slows},
               {"3", core::impact::minor},  {"no impact", core::impact::none},
               {"4", core::impact::none}};
  for (const auto& c : cases) {
    const auto r = text(text(rated(), "skip").state, c.typed);
    EXPECT_EQ(stored(r.state.feedback_id)->impact, c.expected) << c.typed;
  }
}

TEST_F(feedback_flow, impact_typed_wrong_asks_again) {
  const auto s = text(rated(), "skip").state;
  const auto r = text(s, "it is a disaster");
  EXPECT_EQ(r.state, s);
  EXPECT_TRUE(says(r, "Please pick a button, or type 1 (blocks me)"));
  EXPECT_FALSE(stored(s.feedback_id)->impact);
}

TEST_F(feedback_flow, impact_skip_typed_or_clicked_stores_null) {
  const auto typed = text(text(rated(), "skip").state, "skip");
  EXPECT_EQ(typed.state.at, step::usage);
  EXPECT_FALSE(stored(typed.state.feedback_id)->impact);
  // The usage question was put in the first conversation, so the second one ends after the impact.
  const auto clicked = click(text(rated(), "skip").state, actions::skip, "vpn");
  EXPECT_EQ(clicked.state.at, step::done);
  EXPECT_FALSE(stored(clicked.state.feedback_id)->impact);
}

// --- Step 5: usage, at most once in 90 days; step 6: thanks -------------------------------------

TEST_F(feedback_flow, usage_is_asked_the_first_time_and_completes_the_feedback_with_thanks) {
  const auto at_usage = text(text(rated(), "slow").state, "2");
  EXPECT_EQ(at_usage.state.at, step::usage);
  EXPECT_TRUE(says(at_usage, "One last question: what do you use *Remote access VPN* for?"));
  const auto r = text(at_usage.state, "Client demos on the road");
  EXPECT_TRUE(r.finished);
  const auto id = r.state.feedback_id;
  ASSERT_EQ(r.replies.size(), 1u);
  EXPECT_EQ(r.replies[0].text, "Thank you! Your feedback on Remote access VPN is *#" + std::to_string(id) +
                                   "*. I'll let you know when it leads to a change.");
  const auto f = stored(id);
  EXPECT_EQ(f->usage, "Client demos on the road");
  EXPECT_EQ(f->status, core::feedback_status::complete);
  EXPECT_EQ(f->rating, 4);
  EXPECT_EQ(f->reason, "slow");
  EXPECT_EQ(f->impact, core::impact::slows);
}

TEST_F(feedback_flow, usage_long_answer_is_cut_and_skip_stores_null) {
  const auto s = text(text(rated(), "slow").state, "2").state;
  const auto cut = text(s, std::string(4001, 'u'));
  EXPECT_EQ(stored(cut.state.feedback_id)->usage->size(), 4000u);
  EXPECT_TRUE(says(cut, "longer than 4000"));
  const auto skipped = text(text(text(rated(), "slow").state, "2").state, "skip");
  EXPECT_TRUE(skipped.finished);
  EXPECT_FALSE(stored(skipped.state.feedback_id)->usage);
  EXPECT_EQ(stored(skipped.state.feedback_id)->status, core::feedback_status::complete);
}

TEST_F(feedback_flow, usage_is_not_asked_again_within_90_days_but_after_91) {
  const auto first_at = now;
  const auto first = text(text(text(rated(), "skip").state, "4").state, "Board meetings from home");
  ASSERT_TRUE(first.finished);

  now = first_at + std::chrono::days{30};
  const auto second = text(text(rated(), "skip").state, "4");
  EXPECT_TRUE(second.finished);  // straight to thanks
  EXPECT_TRUE(says(second, "Thank you!"));
  EXPECT_FALSE(says(second, "what do you use"));
  EXPECT_EQ(stored(second.state.feedback_id)->status, core::feedback_status::complete);

  now = first_at + std::chrono::days{89};
  EXPECT_TRUE(text(text(rated(), "skip").state, "4").finished);

  now = first_at + std::chrono::days{91};
  const auto third = text(text(rated(), "skip").state, "4");
  EXPECT_FALSE(third.finished);
  EXPECT_EQ(third.state.at, step::usage);
}

TEST_F(feedback_flow, skipped_usage_question_counts_as_asked_for_90_days) {
  const auto first_at = now;
  const auto first = text(text(text(rated(), "skip").state, "4").state, "skip");
  ASSERT_TRUE(first.finished);
  EXPECT_FALSE(stored(first.state.feedback_id)->usage);
  EXPECT_TRUE(stored(first.state.feedback_id)->usage_asked);

  now = first_at + std::chrono::days{30};
  const auto second = text(text(rated(), "skip").state, "4");
  EXPECT_TRUE(second.finished);
  EXPECT_FALSE(says(second, "what do you use"));
}

TEST_F(feedback_flow, usage_known_for_one_service_or_person_is_not_known_for_another) {
  ASSERT_TRUE(text(text(text(rated("vpn"), "skip").state, "4").state, "travel").finished);
  EXPECT_EQ(text(text(rated("email"), "skip").state, "4").state.at, step::usage);
  user = {"local", "bob"};
  EXPECT_EQ(text(text(rated("vpn"), "skip").state, "4").state.at, step::usage);
}

TEST_F(feedback_flow, pseudonymous_person_is_recognised_for_the_usage_question) {
  ASSERT_TRUE(
      text(text(text(rated("service-desk", 6), "skip").state, "4").state, "password resets").finished);
  now += std::chrono::days{10};
  EXPECT_TRUE(text(text(rated("service-desk", 5), "skip").state, "4").finished);
}

TEST_F(feedback_flow, thanks_for_a_pseudonymous_service_repeats_what_that_means) {
  const auto r = text(text(text(rated("service-desk", 6), "skip").state, "4").state, "skip");
  ASSERT_TRUE(r.finished);
  EXPECT_NE(r.replies.back().context.find("pseudonymous"), std::string::npos);
  // Without a reason there is no consent button, so nothing could carry a report back to them.
  EXPECT_EQ(r.replies.back().text, "Thank you! Your feedback on IT service desk is *#" +
                                       std::to_string(r.state.feedback_id) +
                                       "*. It is not linked to you, so I cannot let you know personally "
                                       "when it leads to a change.");
}

// --- Anonymity (SPEC §2): stated in the prompt, enforced in storage -----------------------------

TEST_F(feedback_flow, anonymous_service_stores_no_user) {
  const auto question = begin("hr-portal").replies.at(0);
  EXPECT_NE(question.context.find("anonymous: nothing that links them to you is stored"), std::string::npos);
  // The web chat's own history is the one exception, and it says so (alice is a local chat user).
  EXPECT_NE(question.context.find("This web chat keeps the conversation itself as its history, under your "
                                  "name"),
            std::string::npos)
      << question.context;
  const auto r = text(text(text(rated("hr-portal", 2), "payslips are late").state, "2").state, "payslips");
  ASSERT_TRUE(r.finished);
  const auto f = stored(r.state.feedback_id);
  EXPECT_FALSE(f->user);
  EXPECT_EQ(f->platform, "local");
  EXPECT_EQ(f->reason, "payslips are late");
}

TEST_F(feedback_flow, anonymous_service_asks_usage_every_time_since_it_cannot_know) {
  ASSERT_TRUE(text(text(text(rated("hr-portal", 2), "skip").state, "2").state, "payslips").finished);
  EXPECT_EQ(text(text(rated("hr-portal", 2), "skip").state, "2").state.at, step::usage);
}

TEST_F(feedback_flow, pseudonymous_service_stores_a_pseudonym_not_the_user) {
  const auto s = rated("service-desk", 6);
  const auto user_column = stored(s.feedback_id)->user;
  ASSERT_TRUE(user_column);
  EXPECT_TRUE(user_column->starts_with("pseudo:")) << *user_column;
  EXPECT_EQ(user_column->find("alice"), std::string::npos);
}

TEST_F(feedback_flow, identified_service_says_owners_can_see_who) {
  EXPECT_NE(begin("vpn").replies.at(0).context.find("Owners of this service can see who"), std::string::npos);
}

TEST_F(feedback_flow, source_of_the_start_is_stored) {
  const auto r = text(begin("vpn", {}, {}, core::source::pulse).state, "3");
  EXPECT_EQ(stored(r.state.feedback_id)->source, core::source::pulse);
}

TEST_F(feedback_flow, created_at_is_the_time_of_the_rating) {
  const auto rated_at = now + std::chrono::minutes{1};  // begin() takes the first minute
  const auto s = rated();
  const auto later = text(s, "slow");
  const auto f = stored(later.state.feedback_id);
  EXPECT_EQ(f->created_at, rated_at);
  EXPECT_EQ(f->updated_at, rated_at + std::chrono::minutes{1});
}

}  // namespace
}  // namespace csibot::dialog
