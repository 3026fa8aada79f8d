// The "Let the owner answer me" button under the thanks (SPEC §6): offered only for feedback with
// a reason, carrying the feedback number and a token the storage recognises for this person alone,
// honest about the link a pseudonymous or anonymous answer needs; its value read back; and the thanks
// as it reads once answers are allowed.
#include "dialog/reply_consent.hpp"

#include "core/markup_check.hpp"
#include "dialog/flow_fixture.hpp"
#include "storage/reply_repository.hpp"

namespace csibot::dialog {
namespace {

class reply_consent : public test::flow_test {
 protected:
  // A finished conversation on `service`: rated, `reason` given ("skip" for none), the rest skipped.
  flow_result finished(const std::string& service, int rating, std::string_view reason) {
    auto r = text(rated(service, rating), reason);
    while (!r.finished)
      r = text(r.state, "skip");
    return r;
  }
};

TEST_F(reply_consent, the_thanks_of_feedback_with_a_reason_offers_it_to_this_person_only) {
  const auto r = finished("vpn", 2, "drops every hour");
  const auto& thanks = r.replies.back();
  ASSERT_EQ(thanks.buttons.size(), 1u);
  EXPECT_EQ(thanks.buttons[0].label, "Let the owner answer me");
  EXPECT_EQ(thanks.buttons[0].action_id, actions::allow_reply);
  const auto value = parse_reply_consent(thanks.buttons[0].value);
  ASSERT_TRUE(value);
  EXPECT_EQ(value->feedback_id, r.state.feedback_id);
  storage::reply_repository replies{db};
  EXPECT_TRUE(replies.token_matches(value->feedback_id, user, value->token));
  EXPECT_FALSE(replies.token_matches(value->feedback_id, {"local", "bob"}, value->token));
  EXPECT_TRUE(thanks.context.empty()) << "identified: nothing more to explain";
}

TEST_F(reply_consent, without_a_reason_there_is_nothing_to_answer_and_no_button) {
  const auto r = finished("vpn", 4, "skip");
  EXPECT_TRUE(r.replies.back().buttons.empty());
}

TEST_F(reply_consent, for_an_anonymous_service_button_and_small_print_say_a_link_is_kept) {
  const auto r = finished("hr-portal", 2, "payslips are late");
  const auto& thanks = r.replies.back();
  ASSERT_EQ(thanks.buttons.size(), 1u);
  EXPECT_EQ(thanks.buttons[0].label, "Let the owner answer me (csibot keeps a link to me)");
  EXPECT_EQ(thanks.text, "Thank you! Your feedback on HR self-service portal is *#" +
                             std::to_string(r.state.feedback_id) +
                             "*. It is not linked to you, so I can let you know when it leads to a change "
                             "only if you let the owner answer you.")
      << "the report back needs the link: no unconditional promise";
  EXPECT_NE(thanks.context.find("are anonymous"), std::string::npos) << thanks.context;
  EXPECT_NE(thanks.context.find("csibot keeps a link from feedback #" + std::to_string(r.state.feedback_id) +
                                " to you so that the answer can reach you. The owner still will not see "
                                "who you are."),
            std::string::npos)
      << thanks.context;
}

TEST(reply_consent_value, only_a_number_and_a_token_are_read) {
  const auto v = parse_reply_consent("42:abc");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->feedback_id, 42);
  EXPECT_EQ(v->token, "abc");
  for (const char* bad :
       {"", "42", "42:", ":abc", "x:abc", "0:abc", "-1:abc", "4 2:abc", "99999999999999999999:a"})
    EXPECT_FALSE(parse_reply_consent(bad)) << bad;
}

TEST(reply_consent_given, keeps_the_thanks_and_says_what_consent_means) {
  const auto plain = reply_consent_given(7, "Remote access VPN", false, "en", "/csi");
  EXPECT_EQ(
      plain.text,
      "Thank you! Your feedback on Remote access VPN is *#7*. I'll let you know when it leads to a change.");
  EXPECT_TRUE(plain.buttons.empty());
  EXPECT_EQ(plain.context, "You let the owner answer feedback *#7*: an answer will come here, from csibot.");
  const auto linked = reply_consent_given(7, "HR self-service portal", true, "de", "/csi");
  EXPECT_NE(linked.context.find("csibot speichert jetzt eine Verknüpfung"), std::string::npos)
      << linked.context;
  EXPECT_NE(linked.context.find("`/csi forget-me`"), std::string::npos) << linked.context;
  // The name as stored, shown as typed.
  EXPECT_TRUE(csibot::test::shown_as_typed(reply_consent_given(7, "SAP_HR *prod*", false, "en", "/csi"),
                                           "SAP_HR *prod*"));
}

}  // namespace
}  // namespace csibot::dialog
