// Buttons answer only the question they were sent with (SPEC §3): a click on an earlier question's
// message, or on one from an earlier conversation, is stale — nothing stored, nothing re-rendered.
#include "dialog/feedback_flow.hpp"
#include "dialog/flow_fixture.hpp"

namespace csibot::dialog {
namespace {

using feedback_flow_clicks = test::flow_test;

const core::button& button(const flow_result& r, std::string_view label) {
  for (const auto& m : r.replies)
    for (const auto& b : m.buttons)
      if (b.label == label) return b;
  ADD_FAILURE() << "no button " << label;
  static const core::button none;
  return none;
}

TEST_F(feedback_flow_clicks, skip_under_the_answered_reason_question_is_stale_at_the_impact) {
  const auto asked = begin("email");
  const auto rated = click_value(asked.state, button(asked, "4/5").action_id, button(asked, "4/5").value);
  const auto& old_skip = button(rated, "Skip");  // under "What is the main reason…?"
  const auto at_impact = text(rated.state, "Calendar sync is great");
  ASSERT_EQ(at_impact.state.at, step::impact);

  const auto r = click_value(at_impact.state, old_skip.action_id, old_skip.value);
  EXPECT_EQ(r.state, at_impact.state);  // still asking about the impact
  EXPECT_FALSE(r.finished);
  EXPECT_TRUE(says(r, "That question has already been answered.")) << all_text(r);
  EXPECT_FALSE(r.answered);  // the old message is left as it was
  const auto f = stored(at_impact.state.feedback_id);
  EXPECT_EQ(f->reason, "Calendar sync is great");
  EXPECT_FALSE(f->impact);
}

TEST_F(feedback_flow_clicks, a_button_of_an_earlier_conversation_is_stale) {
  const auto first = begin("vpn", "2", "drops every hour");
  ASSERT_EQ(first.state.at, step::impact);
  const auto blocks = button(first, "Blocks me");
  text(text(first.state, "minor").state, "remote work");  // #1 answered to the end

  const auto second = begin("vpn", "3", "slow");
  ASSERT_EQ(second.state.at, step::impact);
  const auto r = click_value(second.state, blocks.action_id, blocks.value);
  EXPECT_EQ(r.state, second.state);
  EXPECT_TRUE(says(r, "already been answered")) << all_text(r);
  EXPECT_FALSE(r.answered);
  EXPECT_FALSE(stored(second.state.feedback_id)->impact);
  EXPECT_EQ(stored(first.state.feedback_id)->impact, core::impact::minor);

  // Its own button still works.
  const auto own = click_value(second.state, blocks.action_id, button(second, "Blocks me").value);
  EXPECT_EQ(stored(second.state.feedback_id)->impact, core::impact::blocks);
  ASSERT_TRUE(own.answered);
}

TEST_F(feedback_flow_clicks, cancel_of_an_earlier_service_list_does_not_end_the_open_conversation) {
  const auto list = begin();
  const auto cancel_button = button(list, "Cancel");
  click_value(list.state, cancel_button.action_id, cancel_button.value);  // ends that one
  const auto s = rated("vpn", 4);
  const auto r = click_value(s, cancel_button.action_id, cancel_button.value);
  EXPECT_FALSE(r.finished);
  EXPECT_EQ(r.state, s);
  EXPECT_TRUE(says(r, "already been answered")) << all_text(r);
}

TEST_F(feedback_flow_clicks, every_button_of_a_question_carries_that_question_and_fits_platform_limits) {
  const auto list = begin();
  const auto rating = begin("vpn");
  const auto reason = click(rating.state, actions::rate, "vpn:4");
  const auto impact = text(reason.state, "slow");
  for (const auto* r : {&list, &rating, &reason, &impact}) {
    ASSERT_FALSE(r->replies.empty());
    const auto key = question_key(r->state);
    for (const auto& b : r->replies.back().buttons) {
      EXPECT_EQ(split_button_value(b.value).key, key) << b.value;
      EXPECT_LE(b.value.size(), 2000u);  // Slack's limit on a button value
      EXPECT_LE(b.action_id.size(), 255u);
    }
  }
  // The same question in another conversation has another key.
  EXPECT_NE(question_key(rating.state), question_key(begin("vpn").state));
}

TEST_F(feedback_flow_clicks, a_button_sent_before_keys_answers_only_a_question_asked_before_keys) {
  auto old = text(rated(), "slow").state;  // at the impact
  old.keyed = false;                       // as a conversation stored by the previous version
  const auto r = click_value(old, actions::impact, "vpn:slows");
  EXPECT_EQ(r.state.at, step::usage);
  EXPECT_EQ(stored(old.feedback_id)->impact, core::impact::slows);
  EXPECT_TRUE(r.state.keyed);  // the usage question went out with keys

  const auto now_keyed = text(rated(), "slow").state;
  const auto stale = click_value(now_keyed, actions::impact, "vpn:slows");
  EXPECT_EQ(stale.state, now_keyed);
  EXPECT_TRUE(says(stale, "already been answered")) << all_text(stale);
  // Skip stood under three questions: without a key it is stale even then.
  EXPECT_TRUE(says(click_value(text(rated(), "slow").state, actions::skip, "vpn"), "already been answered"));
}

TEST_F(feedback_flow_clicks, a_keyed_rating_button_with_no_conversation_open_starts_none) {
  const auto asked = begin("email");
  const auto five = button(asked, "5/5");
  const auto r = click_value(flow_state{}, five.action_id, five.value);
  EXPECT_EQ(r.state.at, step::choose_service);
  EXPECT_EQ(stored_count(), 0);
}

}  // namespace
}  // namespace csibot::dialog
