// `/csi reply <feedback-id> <text…>` (SPEC §6, §12): who may answer, what happens without consent,
// what the person receives and where, the cap and the limit, the audit — and that the owner of an
// anonymous service never learns who the person is.
#include "reply_fixture.hpp"

namespace csibot::commands {
namespace {

using reply_command = test::reply_test;

TEST_F(reply_command, the_owner_s_answer_reaches_the_person_as_a_dm_quoting_their_feedback) {
  const auto id = give_and_allow("bob", "vpn", 2, "drops every hour");
  const auto n = std::to_string(id);
  const auto out = send(command("alice", "reply " + n + " Fixed on Monday — does it hold for you?"));
  ASSERT_EQ(out.size(), 2u) << all_text(out);

  const auto confirmation = of_kind(out, core::delivery::ephemeral);
  ASSERT_EQ(confirmation.size(), 1u);
  EXPECT_EQ(confirmation[0].user, "alice");
  EXPECT_EQ(confirmation[0].body.text,
            "Sent your answer to local:bob, who gave feedback #" + n + " (answer 1 of at most 5).");

  const auto dms = of_kind(out, core::delivery::direct);
  ASSERT_EQ(dms.size(), 1u);
  EXPECT_EQ(dms[0].platform, "local");
  EXPECT_EQ(dms[0].user, "bob");
  EXPECT_EQ(dms[0].channel, "") << "the adapter opens bob's DM, not alice's channel";
  EXPECT_EQ(dms[0].body.text, "The owner of *Remote access VPN* answered your feedback *#" + n +
                                  "* (“drops every hour”):\n\nFixed on Monday — does it hold for you?");
  EXPECT_EQ(dms[0].body.context, "You allowed answers to this feedback when you gave it.");
}

TEST_F(reply_command, the_person_reads_the_answer_in_their_own_language_where_the_bot_knows_it) {
  // As `csibot run` knows it: bob's profile says German; nothing is known about carol.
  bot->set_language_lookup([](const core::ref& person) { return person.id == "bob" ? "de" : ""; });
  const auto to_bob = give_and_allow("bob", "vpn", 2, "drops every hour");
  const auto to_carol = give_and_allow("carol", "vpn", 2, "slow");
  const auto bob_dm = of_kind(send(command("alice", "reply " + std::to_string(to_bob) + " Behoben.")),
                              core::delivery::direct);
  ASSERT_EQ(bob_dm.size(), 1u);
  EXPECT_TRUE(bob_dm[0].body.text.starts_with("Der Owner von *Remote access VPN* hat auf dein Feedback"))
      << bob_dm[0].body.text;
  const auto carol_dm = of_kind(send(command("alice", "reply " + std::to_string(to_carol) + " Fixed.")),
                                core::delivery::direct);
  ASSERT_EQ(carol_dm.size(), 1u);
  EXPECT_TRUE(carol_dm[0].body.text.starts_with("The owner of"))
      << "the bot's language: " << carol_dm[0].body.text;
}

TEST_F(reply_command, an_admin_may_answer_too_and_says_so) {
  const auto id = give_and_allow("bob", "vpn", 2, "drops every hour");
  const auto out = send(command("admin", "reply #" + std::to_string(id) + " We are looking into it."));
  const auto dms = of_kind(out, core::delivery::direct);
  ASSERT_EQ(dms.size(), 1u) << all_text(out);
  EXPECT_TRUE(dms[0].body.text.starts_with("A csibot admin answered your feedback *#" + std::to_string(id) +
                                           "* on *Remote access VPN* (“drops every hour”):"))
      << dms[0].body.text;
}

TEST_F(reply_command, anyone_else_is_refused_with_who_may_and_nothing_is_sent) {
  const auto id = give_and_allow("bob", "vpn", 2, "drops every hour");
  const auto out = send(command("carol", "reply " + std::to_string(id) + " hello"));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, core::delivery::ephemeral);
  EXPECT_EQ(
      out[0].body.text,
      "Only an owner of Remote access VPN (local:alice) or an admin (local:admin) can answer feedback on "
      "this service.");
  EXPECT_EQ(count("SELECT count(*) FROM feedback_replies WHERE feedback_id = ?1", id), 0);
}

TEST_F(reply_command, without_consent_nothing_is_sent_and_the_owner_is_told_why) {
  const auto g = give("bob", "vpn", 2, "drops every hour");  // no click
  const auto out = send(command("alice", "reply " + std::to_string(g.id) + " hello"));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].body.text, "Nothing was sent: the person who gave feedback #" + std::to_string(g.id) +
                                  " did not ask for answers.");
  EXPECT_EQ(count("SELECT count(*) FROM feedback_replies WHERE feedback_id = ?1", g.id), 0);
}

TEST_F(reply_command, a_person_on_a_platform_this_bot_no_longer_serves_is_not_sent_to_and_the_owner_told) {
  const auto id = give_and_allow("bob", "vpn", 2, "drops every hour");
  settings.local.enabled = false;  // the web chat was switched off since bob gave his feedback there
  const auto out = send(command("alice", "reply " + std::to_string(id) + " hello"));
  ASSERT_EQ(out.size(), 1u) << all_text(out);
  EXPECT_EQ(out[0].kind, core::delivery::ephemeral);
  EXPECT_EQ(out[0].body.text, "Nothing was sent: the person who gave feedback #" + std::to_string(id) +
                                  " is on local, which this bot does not serve (any more).");
  EXPECT_EQ(count("SELECT count(*) FROM feedback_replies WHERE feedback_id = ?1", id), 0);
}

TEST_F(reply_command, unknown_numbers_bad_numbers_and_a_missing_text_get_clear_answers) {
  EXPECT_EQ(reply("alice", "reply 99 hello"), "There is no feedback #99.\n---\n");
  EXPECT_TRUE(has(reply("alice", "reply twelve hello"), "*twelve* is not a feedback number")) << "";
  EXPECT_TRUE(has(reply("alice", "reply"), "Usage: `/csi reply <feedback number> <text…>`"));
  const auto id = give_and_allow("bob", "vpn", 2, "drops every hour");
  EXPECT_TRUE(has(reply("alice", "reply " + std::to_string(id) + " \x01\x02 "), "Usage:"))
      << "only control characters is no text";
}

TEST_F(reply_command, for_an_anonymous_service_the_owner_never_sees_who_got_it) {
  const auto id = give_and_allow("dave", "hr-portal", 2, "payslips are late");
  const auto n = std::to_string(id);
  const auto out = send(command("erin", "reply " + n + " Payroll runs a day earlier from now on."));
  ASSERT_EQ(out.size(), 2u) << all_text(out);
  const auto confirmation = of_kind(out, core::delivery::ephemeral).at(0).body.text;
  EXPECT_EQ(confirmation, "Sent your answer to the person who gave feedback #" + n +
                              "; csibot does not show who that is (answer 1 of at most 5).");
  EXPECT_EQ(confirmation.find("dave"), std::string::npos);

  const auto dm = of_kind(out, core::delivery::direct).at(0);
  EXPECT_EQ(dm.user, "dave");
  EXPECT_NE(dm.body.text.find("(“payslips are late”):\n\nPayroll runs a day earlier from now on."),
            std::string::npos)
      << dm.body.text;
  EXPECT_NE(dm.body.context.find("the owner does not know who you are"), std::string::npos)
      << dm.body.context;
  EXPECT_EQ(audit().front().detail.find("dave"), std::string::npos);
}

TEST_F(reply_command, a_pseudonymous_answer_is_reached_through_its_link_and_stays_unnamed) {
  const auto id = give_and_allow("dave", "service-desk", 3, "long waits on the phone");
  const auto out = send(command("carol", "reply " + std::to_string(id) + " More staff in the mornings now."));
  EXPECT_EQ(of_kind(out, core::delivery::direct).at(0).user, "dave");
  EXPECT_EQ(all_text(of_kind(out, core::delivery::ephemeral)).find("dave"), std::string::npos);
}

TEST_F(reply_command, a_long_answer_is_cut_at_4000_characters_and_the_owner_told) {
  const auto id = give_and_allow("bob", "vpn", 2, "drops every hour");
  const std::string long_text(4100, 'x');
  const auto out = send(command("alice", "reply " + std::to_string(id) + " " + long_text));
  const auto dm = of_kind(out, core::delivery::direct).at(0);
  EXPECT_NE(dm.body.text.find("\n\n" + std::string(4000, 'x')), std::string::npos);
  EXPECT_EQ(dm.body.text.find(std::string(4001, 'x')), std::string::npos);
  EXPECT_TRUE(says(of_kind(out, core::delivery::ephemeral),
                   "Your answer was longer than 4000 characters, so I sent the first 4000."));
}

TEST_F(reply_command, at_most_five_answers_per_feedback) {
  const auto id = give_and_allow("bob", "vpn", 2, "drops every hour");
  const auto n = std::to_string(id);
  for (int k = 1; k <= 5; ++k) {
    const auto out = send(command("alice", "reply " + n + " update " + std::to_string(k)));
    ASSERT_EQ(of_kind(out, core::delivery::direct).size(), 1u) << k;
    EXPECT_TRUE(says(out, "(answer " + std::to_string(k) + " of at most 5)")) << all_text(out);
  }
  const auto sixth = send(command("alice", "reply " + n + " one more"));
  ASSERT_EQ(sixth.size(), 1u);
  EXPECT_EQ(sixth[0].body.text,
            "Nothing was sent: feedback #" + n +
                " has had 5 answers, the most csibot passes on for one piece of feedback.");
}

TEST_F(reply_command, each_answer_is_audited_with_its_length_not_its_text) {
  const auto id = give_and_allow("bob", "vpn", 2, "drops every hour");
  send(command("alice", "reply " + std::to_string(id) + " Fixed — thanks"));
  const auto entry = audit().front();
  EXPECT_EQ(entry.action, "feedback.reply");
  EXPECT_EQ(entry.actor, "local:alice");
  EXPECT_EQ(entry.subject, "#" + std::to_string(id));
  EXPECT_EQ(entry.detail, "chars = 14");
}

TEST_F(reply_command, once_the_person_is_forgotten_nothing_reaches_them) {
  const auto id = give_and_allow("dave", "hr-portal", 2, "payslips are late");
  send(command("dave", "forget-me confirm"));
  const auto out = send(command("erin", "reply " + std::to_string(id) + " hello"));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(of_kind(out, core::delivery::direct).empty());
}

TEST_F(reply_command, the_command_is_in_help) {
  EXPECT_TRUE(has(reply("bob", "help"), "`/csi reply <feedback-id> <text…>`"));
}

}  // namespace
}  // namespace csibot::commands
