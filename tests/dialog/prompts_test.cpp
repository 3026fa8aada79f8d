#include "dialog/prompts.hpp"

#include <gtest/gtest.h>

#include "core/markup_check.hpp"
#include "dialog/prompt_message.hpp"
#include "dialog/test_support.hpp"

namespace csibot::dialog {
namespace {

TEST(prompts, rating_question_has_one_button_per_scale_value) {
  const auto catalog = test::test_catalog();
  for (const auto& svc : catalog) {
    flow_state s;
    s.at = step::rating;
    s.service = svc.id;
    const auto m = question(s, svc, "en");
    EXPECT_EQ(m.buttons.size(), core::scale_values(svc.scale).size()) << svc.id;
    for (const auto& b : m.buttons) {
      EXPECT_EQ(b.action_id, "csi.rate");
      EXPECT_TRUE(b.value.starts_with(svc.id + ":")) << b.value;
    }
    EXPECT_EQ(m.header, "Feedback on " + svc.name);
    EXPECT_TRUE(question(s, svc, "en", false).buttons.empty());
  }
}

TEST(prompts, each_scale_has_its_own_question) {
  flow_state s;
  s.at = step::rating;
  const auto nps = question(s, test::make_service("ci-cd", "CI/CD", core::scale::nps10), "en");
  EXPECT_NE(nps.text.find("recommend"), std::string::npos);
  const auto ces = question(s, test::make_service("desk", "Desk", core::scale::ces7), "en");
  EXPECT_NE(ces.text.find("made it easy"), std::string::npos);
}

TEST(prompts, empty_catalog_says_there_is_nothing_to_rate) {
  const auto m = choose_service_prompt({}, "en");
  EXPECT_EQ(m.text, "There are no services in the catalog yet, so there is nothing to give feedback on.");
  ASSERT_EQ(m.buttons.size(), 1u);  // cancel
}

TEST(prompts, thanks_carries_the_number) {
  flow_state s;
  s.feedback_id = 42;
  const auto m = thanks(s, test::make_service("vpn", "Remote access VPN"), "en");
  EXPECT_NE(m.text.find("*#42*"), std::string::npos);
  EXPECT_TRUE(m.context.empty());
}

// A name is no markup (SPEC §12): every prompt shows `SAP_HR *prod*` as typed, and a ticket's key too.
TEST(prompts, names_show_as_typed_in_every_prompt) {
  constexpr std::string_view name = "SAP_HR *prod*";
  const auto svc =
      test::make_service("sap-hr", std::string{name}, core::scale::csat5, core::anonymity::pseudonymous);
  flow_state s;
  s.service = svc.id;
  s.feedback_id = 7;
  for (const auto at : {step::rating, step::usage}) {  // the reason question names no service
    s.at = at;
    EXPECT_TRUE(test::shown_as_typed(question(s, svc, "en"), name)) << to_string(at);
  }
  EXPECT_TRUE(test::shown_as_typed(thanks(s, svc, "en"), name));
  EXPECT_TRUE(test::shown_as_typed(anonymity_note(svc, "en", "local"), name));
  const auto choose = choose_service_prompt({svc}, "en");
  EXPECT_TRUE(test::shown_as_typed(choose, name));
  EXPECT_EQ(choose.buttons.at(0), (core::button{std::string{name}, "csi.service", "sap-hr"}));

  s.at = step::rating;
  const auto opening =
      opening_message(question(s, svc, "en"), {.kind = core::prompt_kind::ticket, .ticket = "INC_42_A"}, svc,
                      "en", "/csi", "local");
  EXPECT_TRUE(test::shown_as_typed(opening, name));
  EXPECT_TRUE(test::shown_as_typed(opening, "INC_42_A"));
  // The plain form (notification fallback) shows both as they are.
  EXPECT_NE(opening.plain_text().find("Your ticket *INC_42_A* about *SAP_HR *prod**"), std::string::npos)
      << opening.plain_text();
  EXPECT_EQ(opening.plain_text().find('\\'), std::string::npos) << opening.plain_text();
}

}  // namespace
}  // namespace csibot::dialog
