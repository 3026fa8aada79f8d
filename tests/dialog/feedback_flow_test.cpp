// SPEC §3 steps 1–2 (service, rating), the one-shot form, cancel and stale clicks, on real storage.
#include "dialog/feedback_flow.hpp"

#include "core/markup_check.hpp"
#include "dialog/flow_fixture.hpp"

namespace csibot::dialog {
namespace {

using feedback_flow = test::flow_test;

// --- Step 1: the service ------------------------------------------------------------------------

TEST_F(feedback_flow, start_without_service_offers_the_catalog_as_buttons_and_numbered_list) {
  const auto r = begin();
  EXPECT_EQ(r.state.at, step::choose_service);
  EXPECT_FALSE(r.finished);
  ASSERT_EQ(r.replies.size(), 1u);
  const auto& m = r.replies[0];
  ASSERT_EQ(m.buttons.size(), catalog.size() + 1);  // one per service, and cancel
  EXPECT_EQ(m.buttons[0], (core::button{"CI/CD platform", "csi.service", keyed_value("ci-cd", r.state)}));
  EXPECT_EQ(m.buttons.back().action_id, actions::cancel);
  EXPECT_NE(m.text.find("1. *CI/CD platform* (`ci-cd`)"), std::string::npos) << m.text;
  EXPECT_NE(m.text.find("7. *Remote access VPN* (`vpn`)"), std::string::npos) << m.text;
  EXPECT_EQ(stored_count(), 0);
}

TEST_F(feedback_flow, service_chosen_by_list_number_asks_for_the_rating) {
  const auto r = text(begin().state, "7");
  EXPECT_EQ(r.state.at, step::rating);
  EXPECT_EQ(r.state.service, "vpn");
  ASSERT_EQ(r.replies.size(), 1u);
  EXPECT_EQ(r.replies[0].buttons.size(), 5u);
  EXPECT_EQ(r.replies[0].buttons[3], (core::button{"4/5", "csi.rate", keyed_value("vpn:4", r.state)}));
  EXPECT_TRUE(says(r, "How satisfied are you with *Remote access VPN*?"));
}

TEST_F(feedback_flow, service_chosen_by_name_or_id_ignoring_case) {
  EXPECT_EQ(text(begin().state, "remote ACCESS vpn").state.service, "vpn");
  EXPECT_EQ(text(begin().state, " Email ").state.service, "email");
  EXPECT_EQ(text(begin().state, "hr-portal").state.at, step::rating);
}

TEST_F(feedback_flow, service_typo_asks_did_you_mean_and_yes_accepts) {
  const auto r = text(begin().state, "vpm");
  EXPECT_EQ(r.state.at, step::choose_service);
  EXPECT_EQ(r.state.suggested, "vpn");
  EXPECT_TRUE(says(r, "I don't know *vpm*. Did you mean *Remote access VPN* (`vpn`)?")) << all_text(r);
  const auto yes = text(r.state, "Yes");
  EXPECT_EQ(yes.state.at, step::rating);
  EXPECT_EQ(yes.state.service, "vpn");
  EXPECT_TRUE(yes.state.suggested.empty());
}

// A name is no markup (SPEC §12): `SAP_HR *prod*` shows as typed at every step that names it.
TEST_F(feedback_flow, a_service_name_shows_as_typed_at_every_step) {
  using csibot::test::shown_as_typed;
  constexpr std::string_view name = "SAP_HR *prod*";
  catalog.push_back(csibot::test::make_service("sap-hr", std::string{name}));
  const auto offered = begin();
  EXPECT_TRUE(shown_as_typed(offered.replies.at(0), name));
  EXPECT_EQ(offered.replies.at(0).buttons.at(catalog.size() - 1).label, name);  // labels are not markup
  const auto typo = text(offered.state, "sap-hx");
  EXPECT_EQ(typo.state.suggested, "sap-hr");
  EXPECT_TRUE(shown_as_typed(typo.replies.at(0), name));
  const auto chosen = click(offered.state, actions::choose_service, "sap-hr");
  ASSERT_TRUE(chosen.answered);
  EXPECT_TRUE(shown_as_typed(*chosen.answered, name));      // "Feedback on …", "You chose: …"
  EXPECT_TRUE(shown_as_typed(chosen.replies.at(0), name));  // the rating question

  const auto one_shot = begin("sap-hr", "2", "slow");
  EXPECT_TRUE(shown_as_typed(one_shot.replies.at(0), name));  // "Recorded as feedback …"
  const auto usage = click(one_shot.state, actions::impact, "sap-hr:minor");
  ASSERT_EQ(usage.state.at, step::usage);
  EXPECT_TRUE(shown_as_typed(usage.replies.at(0), name));
  const auto done = text(usage.state, "payroll");
  ASSERT_TRUE(done.finished);
  EXPECT_TRUE(shown_as_typed(done.replies.back(), name));  // the thanks
  EXPECT_TRUE(says(done, "Your feedback on SAP_HR *prod* is")) << all_text(done);
}

TEST_F(feedback_flow, service_prefix_is_suggested) {
  const auto r = text(begin().state, "lap");
  EXPECT_EQ(r.state.suggested, "laptop-provisioning");
  EXPECT_EQ(text(r.state, "y").state.service, "laptop-provisioning");
}

TEST_F(feedback_flow, service_with_two_letters_swapped_is_suggested) {
  const auto r = text(begin().state, "emial");
  EXPECT_EQ(r.state.suggested, "email");
  EXPECT_TRUE(says(r, "Did you mean *Email and calendar* (`email`)?")) << all_text(r);
}

TEST_F(feedback_flow, after_a_suggestion_another_name_chooses_that_service) {
  const auto r = text(begin().state, "vpm");
  const auto other = text(r.state, "email");
  EXPECT_EQ(other.state.service, "email");
  EXPECT_EQ(other.state.at, step::rating);
}

TEST_F(feedback_flow, unknown_service_says_so_and_shows_the_list_again) {
  const auto r = text(begin().state, "zzz");
  EXPECT_EQ(r.state.at, step::choose_service);
  EXPECT_TRUE(r.state.suggested.empty());
  ASSERT_EQ(r.replies.size(), 2u);
  EXPECT_EQ(r.replies[0].text, "I don't know a service called *zzz*. Pick one from the list:");
  EXPECT_EQ(r.replies[1].buttons.size(), catalog.size() + 1);
}

// The echo is escaped neutral markup: the stars typed show as stars, inside the bot's own bold.
TEST_F(feedback_flow, a_typed_name_with_markup_is_echoed_as_typed) {
  const auto r = text(begin().state, "*zzz_");
  ASSERT_EQ(r.replies.size(), 2u);
  EXPECT_EQ(r.replies[0].text, "I don't know a service called *\\*zzz\\_*. Pick one from the list:");
  EXPECT_EQ(r.replies[0].plain_text(), "I don't know a service called **zzz_*. Pick one from the list:");
}

TEST_F(feedback_flow, yes_without_a_suggestion_chooses_nothing) {
  const auto r = text(begin().state, "yes");
  EXPECT_EQ(r.state.at, step::choose_service);
  EXPECT_TRUE(r.state.service.empty());
}

TEST_F(feedback_flow, a_new_unknown_name_forgets_the_old_suggestion) {
  const auto r = text(text(begin().state, "vpm").state, "zzz");
  EXPECT_TRUE(r.state.suggested.empty());
  EXPECT_EQ(text(r.state, "yes").state.at, step::choose_service);
}

TEST_F(feedback_flow, typed_service_name_is_shown_capped_and_clean) {
  const auto r = text(begin().state, std::string(500, 'z') + "\x07");
  EXPECT_FALSE(says(r, std::string(61, 'z')));
  EXPECT_FALSE(says(r, "\x07"));
}

// Some platforms deliver a DM with no text (a file or a sticker alone): that deserves "please type an
// answer", not "I don't know a service called **".
TEST_F(feedback_flow, empty_input_at_service_choice_asks_again_clearly) {
  const auto r = text(begin().state, "   ");
  EXPECT_EQ(r.state.at, step::choose_service);
  EXPECT_FALSE(says(r, "called **")) << all_text(r);
}

TEST_F(feedback_flow, service_button_chooses_and_marks_the_prompt_answered) {
  const auto r = click(begin().state, actions::choose_service, "email");
  EXPECT_EQ(r.state.at, step::rating);
  EXPECT_EQ(r.state.service, "email");
  ASSERT_TRUE(r.answered);
  EXPECT_TRUE(r.answered->buttons.empty());
  EXPECT_EQ(r.answered->context, "You chose: Email and calendar");
}

// --- Step 2: the rating -------------------------------------------------------------------------

TEST_F(feedback_flow, rating_by_button_stores_partial_feedback_with_a_number) {
  const auto r = click(begin("vpn").state, actions::rate, "vpn:4");
  EXPECT_EQ(r.state.at, step::reason);
  ASSERT_GT(r.state.feedback_id, 0);
  const auto f = stored(r.state.feedback_id);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->service, "vpn");
  EXPECT_EQ(f->platform, "local");
  EXPECT_EQ(f->user, "local:alice");
  EXPECT_EQ(f->rating, 4);
  EXPECT_EQ(f->scale, core::scale::csat5);
  EXPECT_EQ(f->status, core::feedback_status::partial);
  EXPECT_EQ(f->source, core::source::command);
  EXPECT_FALSE(f->reason);
  EXPECT_TRUE(says(r, "What is the main reason for your score?"));
  ASSERT_TRUE(r.answered);
  EXPECT_TRUE(r.answered->buttons.empty());
  EXPECT_EQ(r.answered->context, "You chose: 4/5");
}

TEST_F(feedback_flow, typed_rating_is_accepted) {
  const auto r = text(begin("vpn").state, " 2 ");
  EXPECT_EQ(r.state.at, step::reason);
  EXPECT_EQ(stored(r.state.feedback_id)->rating, 2);
}

TEST_F(feedback_flow, typed_rating_with_the_scale_as_denominator_is_accepted) {
  const auto r = text(begin("vpn").state, "4/5");
  EXPECT_EQ(stored(r.state.feedback_id)->rating, 4);
}

TEST_F(feedback_flow, typed_rating_out_of_range_asks_again) {
  const auto s = begin("vpn").state;
  for (const char* bad : {"6", "0", "-3", "4/10", "great", "4.5", "99999999999"}) {
    const auto r = text(s, bad);
    EXPECT_EQ(r.state, s) << bad;
    EXPECT_FALSE(r.finished);
    ASSERT_EQ(r.replies.size(), 2u) << bad;
    EXPECT_EQ(r.replies[0].text, "Please answer with a whole number from 1 to 5.");
    EXPECT_EQ(r.replies[1].buttons.size(), 5u);  // the question again, with its buttons
  }
  EXPECT_EQ(stored_count(), 0);
}

TEST_F(feedback_flow, nps_accepts_zero_and_rejects_eleven) {
  const auto s = begin("ci-cd").state;
  EXPECT_EQ(s.at, step::rating);
  EXPECT_TRUE(says(text(s, "11"), "from 0 to 10"));
  const auto r = text(s, "0");
  EXPECT_EQ(stored(r.state.feedback_id)->rating, 0);
  EXPECT_EQ(stored(r.state.feedback_id)->scale, core::scale::nps10);
}

TEST_F(feedback_flow, thumbs_rating_takes_words_and_emoji) {
  const auto s = begin("printing").state;
  const auto question = begin("printing").replies.at(0);
  ASSERT_EQ(question.buttons.size(), 2u);
  EXPECT_EQ(split_button_value(question.buttons[0].value).payload, "printing:1");  // 👍 first
  EXPECT_EQ(stored(text(s, "yes").state.feedback_id)->rating, 1);
  EXPECT_EQ(stored(text(s, "\xF0\x9F\x91\x8E").state.feedback_id)->rating, 0);
  const auto wrong = text(s, "maybe");
  EXPECT_EQ(wrong.state.at, step::rating);
  EXPECT_TRUE(says(wrong, "Please answer"));
}

TEST_F(feedback_flow, rating_button_from_a_prompt_without_conversation_chooses_the_service_too) {
  // A prompt sent before buttons carried their question's key; a keyed one is stale then
  // (flow_clicks_test.cpp).
  const auto r = click_value(flow_state{}, actions::rate, "email:5");
  EXPECT_EQ(r.state.service, "email");
  EXPECT_EQ(r.state.at, step::reason);
  EXPECT_EQ(stored(r.state.feedback_id)->rating, 5);
}

TEST_F(feedback_flow, empty_input_asks_again_at_every_question) {
  auto s = begin("vpn").state;
  for (int i = 0; i < 3; ++i) {
    for (const char* empty : {"", "   ", "\n\t"}) {
      const auto r = text(s, empty);
      EXPECT_EQ(r.state, s) << to_string(s.at);
      EXPECT_TRUE(says(r, "Please type an answer")) << to_string(s.at) << all_text(r);
    }
    s = text(s, i == 0 ? "3" : i == 1 ? "slow in the morning" : "2").state;
  }
  EXPECT_EQ(s.at, step::usage);
}

// --- One-shot form ------------------------------------------------------------------------------

TEST_F(feedback_flow, one_shot_records_rating_and_reason_then_asks_the_impact) {
  const auto r = begin("vpn", "2", "drops every hour");
  EXPECT_EQ(r.state.at, step::impact);
  ASSERT_GT(r.state.feedback_id, 0);
  // One message: the confirmation heads the impact question and its buttons.
  ASSERT_EQ(r.replies.size(), 1u);
  EXPECT_EQ(r.replies[0].text, "Recorded as feedback *#" + std::to_string(r.state.feedback_id) +
                                   "*: Remote access VPN, 2/5.\n\nHow does this affect your work?");
  EXPECT_EQ(r.replies[0].buttons.size(), 5u);
  const auto f = stored(r.state.feedback_id);
  EXPECT_EQ(f->rating, 2);
  EXPECT_EQ(f->reason, "drops every hour");
  EXPECT_EQ(f->status, core::feedback_status::partial);
  EXPECT_EQ(f->source, core::source::command);
}

TEST_F(feedback_flow, answering_the_one_shot_question_keeps_its_feedback_number_in_view) {
  const auto first = begin("vpn", "2", "drops every hour");
  const std::string recorded =
      "Recorded as feedback *#" + std::to_string(first.state.feedback_id) + "*: Remote access VPN, 2/5.";
  const auto r = click(first.state, actions::impact, "vpn:slows");
  ASSERT_TRUE(r.answered);
  // The clicked DM is replaced by this copy: without the first line the number would be gone.
  EXPECT_EQ(r.answered->text, recorded + "\n\nHow does this affect your work?");
  EXPECT_TRUE(r.answered->buttons.empty());
  EXPECT_EQ(r.answered->context, "You chose: Slows me down");
  EXPECT_FALSE(r.state.recorded_in_question);

  // An anonymous service's privacy note stood under the confirmation; it stays, above the choice.
  const auto hr = begin("hr-portal", "3", "slow");
  const auto answered = click(hr.state, actions::impact, "hr-portal:minor").answered;
  ASSERT_TRUE(answered);
  EXPECT_TRUE(answered->text.starts_with("Recorded as feedback *#")) << answered->text;
  EXPECT_EQ(answered->context, hr.replies.at(0).context + "\nYou chose: Minor");

  // Questions asked in messages of their own are replaced without it.
  const auto rated = click(begin("vpn").state, actions::rate, "vpn:4");
  ASSERT_TRUE(rated.answered);
  EXPECT_EQ(rated.answered->text.find("Recorded"), std::string::npos) << rated.answered->text;
}

TEST_F(feedback_flow, one_shot_with_rating_only_asks_the_reason) {
  const auto r = begin("Remote access VPN", "5");
  EXPECT_EQ(r.state.at, step::reason);
  EXPECT_EQ(stored(r.state.feedback_id)->rating, 5);
  EXPECT_TRUE(says(r, "Recorded as feedback"));
}

TEST_F(feedback_flow, one_shot_with_service_only_asks_the_rating) {
  const auto r = begin("vpn");
  EXPECT_EQ(r.state.at, step::rating);
  EXPECT_EQ(stored_count(), 0);
}

TEST_F(feedback_flow, one_shot_with_out_of_range_rating_asks_the_rating_again) {
  const auto r = begin("vpn", "9", "terrible");
  EXPECT_EQ(r.state.at, step::rating);
  EXPECT_EQ(r.state.service, "vpn");
  EXPECT_TRUE(says(r, "from 1 to 5"));
  EXPECT_EQ(stored_count(), 1) << "the comment, kept without a rating";
  EXPECT_FALSE(stored(r.state.feedback_id)->rating);
}

// "vpn great service": the word after the service is no rating, so all of it is the comment. It is
// kept as the reason; only the rating is asked for, and after it the reason question is not.
TEST_F(feedback_flow, one_shot_with_a_word_instead_of_a_rating_keeps_the_whole_comment) {
  const auto r = begin("vpn", "great", "service", core::source::command, "great service");
  EXPECT_EQ(r.state.at, step::rating);
  EXPECT_TRUE(says(r, "I kept your comment as the reason for your score")) << all_text(r);
  EXPECT_FALSE(says(r, "whole number")) << all_text(r);  // they did not try to rate
  EXPECT_TRUE(says(r, "How satisfied are you with *Remote access VPN*?"));
  // Kept means stored: a partial answer without a rating yet.
  ASSERT_EQ(stored_count(), 1);
  const auto kept = stored(r.state.feedback_id);
  EXPECT_FALSE(kept->rating);
  EXPECT_EQ(kept->reason, "great service");
  EXPECT_EQ(kept->status, core::feedback_status::partial);
  const auto rated = text(r.state, "4");
  EXPECT_EQ(rated.state.at, step::impact);
  EXPECT_FALSE(says(rated, "main reason")) << all_text(rated);
  EXPECT_EQ(rated.state.feedback_id, r.state.feedback_id) << "the same feedback, now rated";
  EXPECT_EQ(stored_count(), 1);
  const auto f = stored(rated.state.feedback_id);
  EXPECT_EQ(f->rating, 4);
  EXPECT_EQ(f->reason, "great service");
}

// "/csi feedback vpn 7 too high" then "cancel": the comment we said we kept is kept, as partial.
TEST_F(feedback_flow, cancel_after_a_kept_comment_keeps_the_comment) {
  const auto r = begin("vpn", "7", "too high", core::source::command, "7 too high");
  const auto cancelled = text(r.state, "cancel");
  EXPECT_TRUE(cancelled.finished);
  EXPECT_TRUE(says(cancelled, "kept as feedback *#" + std::to_string(r.state.feedback_id) + "*"))
      << all_text(cancelled);
  const auto f = stored(r.state.feedback_id);
  EXPECT_EQ(f->reason, "too high");
  EXPECT_FALSE(f->rating);
  EXPECT_EQ(f->status, core::feedback_status::partial);
}

// "vpn 6 too slow": 6 was meant as the rating (out of range), "too slow" as the reason.
TEST_F(feedback_flow, one_shot_with_out_of_range_rating_keeps_the_reason_after_it) {
  const auto r = begin("vpn", "6", "too slow", core::source::command, "6 too slow");
  EXPECT_EQ(r.state.at, step::rating);
  EXPECT_TRUE(says(r, "Please answer with a whole number from 1 to 5. I kept your comment")) << all_text(r);
  const auto rated = click(r.state, actions::rate, "vpn:4");
  EXPECT_EQ(rated.state.at, step::impact);
  EXPECT_EQ(stored(rated.state.feedback_id)->reason, "too slow");
}

TEST_F(feedback_flow, comment_kept_before_the_rating_survives_a_service_typo_and_a_wrong_rating) {
  auto s = begin("vpm", "great", "service", core::source::command, "great service").state;
  s = text(s, "yes").state;
  EXPECT_EQ(s.at, step::rating);
  s = text(s, "nine").state;  // asked again, the comment still kept
  EXPECT_EQ(s.at, step::rating);
  const auto rated = text(s, "5");
  EXPECT_EQ(stored(rated.state.feedback_id)->reason, "great service");
}

TEST_F(feedback_flow, a_skip_word_instead_of_a_rating_keeps_no_comment) {
  const auto r = begin("vpn", "skip", "", core::source::command, "skip");
  EXPECT_FALSE(r.state.reason);
  EXPECT_TRUE(says(r, "whole number")) << all_text(r);
  EXPECT_EQ(text(r.state, "3").state.at, step::reason);
}

TEST_F(feedback_flow, one_shot_with_a_long_reason_cuts_and_says_so) {
  const auto r = begin("vpn", "1", std::string(5000, 'x'));
  EXPECT_EQ(stored(r.state.feedback_id)->reason->size(), 4000u);
  EXPECT_TRUE(says(r, "longer than 4000 characters"));
}

// SPEC §3: "nothing is lost". A typo in the one-shot form's service ("vpm") leads to "did you mean",
// and after "yes" the rating and reason that were typed with it must still be there.
TEST_F(feedback_flow, one_shot_with_a_service_typo_keeps_rating_and_reason_after_yes) {
  const auto r = begin("vpm", "2", "drops every hour");
  EXPECT_EQ(r.state.suggested, "vpn");
  const auto yes = text(r.state, "yes");
  EXPECT_EQ(yes.state.rating, 2);
  EXPECT_EQ(yes.state.reason, "drops every hour");
  EXPECT_EQ(yes.state.at, step::impact);
}

// --- Cancel ---------------------------------------------------------------------------------------

TEST_F(feedback_flow, cancel_after_rating_keeps_what_was_given_as_partial) {
  const auto s = text(rated(), "flaky at night").state;
  const auto r = text(s, "cancel");
  EXPECT_TRUE(r.finished);
  EXPECT_TRUE(says(r, "What you gave so far is kept as feedback *#" + std::to_string(s.feedback_id) + "*"));
  const auto f = stored(s.feedback_id);
  EXPECT_EQ(f->status, core::feedback_status::partial);
  EXPECT_EQ(f->rating, 4);
  EXPECT_EQ(f->reason, "flaky at night");
  EXPECT_FALSE(f->impact);
}

TEST_F(feedback_flow, cancel_before_rating_stores_nothing) {
  for (const auto& s : {begin().state, begin("vpn").state, text(begin().state, "vpm").state}) {
    const auto r = text(s, "  STOP ");
    EXPECT_TRUE(r.finished);
    EXPECT_TRUE(says(r, "Nothing was stored"));
  }
  EXPECT_EQ(stored_count(), 0);
}

TEST_F(feedback_flow, cancel_button_ends_the_conversation) {
  const auto s = rated();
  const auto r = click(s, actions::cancel, "vpn");
  EXPECT_TRUE(r.finished);
  EXPECT_EQ(stored(s.feedback_id)->status, core::feedback_status::partial);
  EXPECT_TRUE(click(begin().state, actions::cancel, "").finished);
}

TEST_F(feedback_flow, service_removed_from_the_catalog_ends_the_conversation_keeping_the_answers) {
  auto s = rated("email", 3);
  catalog.erase(catalog.begin() + 1);  // email
  const auto r = text(s, "great stuff");
  EXPECT_TRUE(r.finished);
  EXPECT_TRUE(says(r, "The service `email` has left the catalog")) << all_text(r);
  EXPECT_TRUE(says(r, "kept as feedback *#" + std::to_string(s.feedback_id) + "*")) << all_text(r);
  const auto f = stored(s.feedback_id);
  EXPECT_EQ(f->rating, 3);
  EXPECT_EQ(f->reason, "great stuff");  // the answer just typed is not lost
  EXPECT_EQ(f->status, core::feedback_status::partial);
}

TEST_F(feedback_flow, service_removed_before_the_rating_says_so_and_stores_nothing) {
  const auto s = begin("email").state;
  catalog.erase(catalog.begin() + 1);  // email
  const auto r = text(s, "4");
  EXPECT_TRUE(r.finished);
  EXPECT_TRUE(says(r, "has left the catalog")) << all_text(r);
  EXPECT_TRUE(says(r, "Nothing was stored")) << all_text(r);
  EXPECT_EQ(stored_count(), 0);
}

// --- Stale clicks --------------------------------------------------------------------------------

TEST_F(feedback_flow, second_click_on_a_rating_button_is_stale) {
  const auto s = rated("vpn", 4);
  const auto r = click(s, actions::rate, "vpn:1");
  EXPECT_EQ(r.state, s);
  EXPECT_FALSE(r.finished);
  EXPECT_TRUE(says(r, "That question has already been answered."));
  EXPECT_EQ(stored(s.feedback_id)->rating, 4);
  EXPECT_EQ(stored_count(), 1);
}

TEST_F(feedback_flow, clicks_that_do_not_fit_the_question_are_stale) {
  const auto at_reason = rated("vpn", 4);
  const auto at_rating = begin("vpn").state;
  const struct {
    const flow_state& state;
    std::string_view action;
    std::string value;
  } cases[] = {
      {at_reason, actions::impact, "vpn:slows"},    // answers a later question
      {at_reason, actions::rate, "email:4"},        // another service's prompt
      {at_reason, actions::choose_service, "vpn"},  // the service was chosen long ago
      {at_rating, actions::rate, "vpn:9"},          // off the scale
      {at_rating, actions::rate, "vpn:"},
      {at_rating, actions::rate, "vpn"},
      {at_rating, actions::rate, "nosuch:3"},  // no such service
      {at_rating, actions::impact, "vpn:sideways"},
      {at_rating, actions::skip, "vpn"},  // the rating cannot be skipped
      {at_rating, "csi.unknown", "vpn:3"},
  };
  for (const auto& c : cases) {
    const auto r = click(c.state, c.action, c.value);
    EXPECT_EQ(r.state, c.state) << c.action << " " << c.value;
    EXPECT_FALSE(r.finished) << c.action << " " << c.value;
    EXPECT_TRUE(says(r, "already been answered")) << c.action << " " << c.value;
  }
  EXPECT_EQ(stored(at_reason.feedback_id)->rating, 4);
  EXPECT_EQ(stored_count(), 1);
}

TEST_F(feedback_flow, is_flow_action_knows_its_own_buttons_only) {
  EXPECT_TRUE(is_flow_action({"csi.rate", "vpn:4", ""}));
  EXPECT_TRUE(is_flow_action({"csi.cancel", "", ""}));
  EXPECT_FALSE(is_flow_action({"digest.open", "vpn", ""}));
  EXPECT_FALSE(is_flow_action({"", "", ""}));
}

}  // namespace
}  // namespace csibot::dialog
