// "You said … — we did …" (SPEC §6): when an improvement is done, the people whose linked feedback it
// answers are told once, unless they opted out or csibot may not reach them; the owner hears how
// many, and who only when the answers were identified.
#include "reply_fixture.hpp"

namespace csibot::commands {
namespace {

class report_back_done : public test::reply_test {
 protected:
  /// Moves improvement `id` of an owner `owner` from proposed to done; returns what `done` said.
  std::vector<core::outbound> finish(std::string_view owner, int id) {
    const auto n = std::to_string(id);
    send(command(owner, "improve set " + n + " state approved"));
    send(command(owner, "improve set " + n + " state in_progress"));
    return send(command(owner, "improve set " + n + " state done"));
  }
};

TEST_F(report_back_done, linked_people_are_told_once_each_with_their_words_and_what_was_done) {
  const auto first = give("bob", "vpn", 2, "drops every hour\nwhen I am on the train").id;
  const auto second = give("bob", "vpn", 3, "slow in the evening").id;
  const auto carols = give("carol", "vpn", 1, "cannot connect from hotels").id;
  send(command("alice",
               "improve add vpn Split tunnel --for field sales --effect field sales can connect in "
               "under a minute"));
  send(command("alice", "improve link 1 feedback " + std::to_string(first) + " " + std::to_string(second) +
                            " " + std::to_string(carols)));

  const auto out = finish("alice", 1);
  const auto dms = of_kind(out, core::delivery::direct);
  ASSERT_EQ(dms.size(), 2u) << all_text(out);  // bob once for both of his, carol once
  const auto& to_bob = dms[0].user == "bob" ? dms[0] : dms[1];
  EXPECT_EQ(to_bob.platform, "local");
  EXPECT_EQ(to_bob.channel, "");
  EXPECT_EQ(to_bob.body.header, "Your feedback led to a change");
  const auto& text = to_bob.body.text;
  EXPECT_NE(text.find("You said about *Remote access VPN* (#" + std::to_string(first) + ", #" +
                      std::to_string(second) + "): “drops every hour when I am on the train”"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("We did: *Split tunnel* (improvement #1)."), std::string::npos) << text;
  EXPECT_NE(text.find("What it should change: field sales can connect in under a minute"), std::string::npos)
      << text;
  EXPECT_NE(text.find("csibot compares how people rate *Remote access VPN* up to 2026-12-30"),
            std::string::npos)
      << text;
  EXPECT_NE(to_bob.body.context.find("`/csi optout` stops messages like this"), std::string::npos);

  const auto confirmation = of_kind(out, core::delivery::ephemeral).at(0).body.text;
  EXPECT_NE(confirmation.find("is now *done*"), std::string::npos) << confirmation;
  EXPECT_NE(confirmation.find("I told 2 person(s) whose feedback it answers: local:bob, local:carol."),
            std::string::npos)
      << confirmation;

  // Done is final: nobody hears it twice.
  EXPECT_TRUE(of_kind(send(command("alice", "improve set 1 state done")), core::delivery::direct).empty());
}

// "up to <date>" is the day the respondent sees on their calendar in bot.timezone: just after midnight
// in Berlin it is already the next day, while UTC still says the one before.
TEST_F(report_back_done, the_promised_date_is_local_to_the_bot_time_zone) {
  settings.bot.timezone = "Europe/Berlin";
  bot = std::make_unique<commands::dispatcher>(*db, settings);
  now = csibot::test::utc(2026, 12, 3, 23, 5);  // 00:05 CET on 4 December
  const auto said = give("bob", "vpn", 2, "drops every hour").id;
  send(command("alice", "improve add vpn Split tunnel"));
  send(command("alice", "improve link 1 feedback " + std::to_string(said)));
  const auto dms = of_kind(finish("alice", 1), core::delivery::direct);
  ASSERT_EQ(dms.size(), 1u);
  EXPECT_NE(dms[0].body.text.find("up to 2027-01-03 with before"), std::string::npos) << dms[0].body.text;
}

// SPEC §12: what people typed is shown as typed. A reason and a title with stars and underscores
// reach the person escaped, so no renderer turns them into bold or italics.
TEST_F(report_back_done, the_reason_and_the_title_are_quoted_as_typed) {
  const auto id = give("bob", "vpn", 2, "*payslips* are _late_").id;
  send(command("alice", "improve add vpn Fix *all* of `sync_job`"));
  send(command("alice", "improve link 1 feedback " + std::to_string(id)));

  const auto dms = of_kind(finish("alice", 1), core::delivery::direct);
  ASSERT_EQ(dms.size(), 1u);
  const auto& text = dms[0].body.text;
  EXPECT_NE(text.find("“\\*payslips\\* are \\_late\\_”"), std::string::npos) << text;
  EXPECT_NE(text.find("We did: *Fix \\*all\\* of \\`sync\\_job\\`*"), std::string::npos) << text;
  EXPECT_NE(dms[0].body.plain_text().find("“*payslips* are _late_”"), std::string::npos);
}

TEST_F(report_back_done, each_person_is_told_in_their_own_language_where_the_bot_knows_it) {
  bot->set_language_lookup([](const core::ref& person) { return person.id == "bob" ? "de" : ""; });
  const auto bobs = give("bob", "vpn", 2, "drops every hour").id;
  const auto carols = give("carol", "vpn", 1, "cannot connect from hotels").id;
  send(command("alice", "improve add vpn Split tunnel --for field sales --effect faster"));
  send(command("alice", "improve link 1 feedback " + std::to_string(bobs) + " " + std::to_string(carols)));
  const auto dms = of_kind(finish("alice", 1), core::delivery::direct);
  ASSERT_EQ(dms.size(), 2u);
  for (const auto& dm : dms) {
    EXPECT_EQ(dm.body.header,
              dm.user == "bob" ? "Dein Feedback hat etwas bewirkt" : "Your feedback led to a change")
        << dm.user;
  }
}

TEST_F(report_back_done, a_person_who_opted_out_is_not_told) {
  const auto bobs = give("bob", "vpn", 2, "drops every hour").id;
  const auto carols = give("carol", "vpn", 1, "cannot connect from hotels").id;
  send(command("carol", "optout"));
  send(command("alice", "improve add vpn Split tunnel"));
  send(command("alice", "improve link 1 feedback " + std::to_string(bobs) + " " + std::to_string(carols)));
  const auto out = finish("alice", 1);
  const auto dms = of_kind(out, core::delivery::direct);
  ASSERT_EQ(dms.size(), 1u) << all_text(out);
  EXPECT_EQ(dms[0].user, "bob");
  EXPECT_EQ(dms[0].body.text.find("What it should change"), std::string::npos) << "no effect was stated";
  EXPECT_TRUE(says(out, "I told 1 person(s) whose feedback it answers: local:bob."));
}

TEST_F(report_back_done, nobody_is_told_on_a_platform_this_bot_no_longer_serves) {
  const auto bobs = give("bob", "vpn", 2, "drops every hour").id;
  send(command("alice", "improve add vpn Split tunnel"));
  send(command("alice", "improve link 1 feedback " + std::to_string(bobs)));
  settings.local.enabled = false;  // bob's platform was switched off before the work was done
  const auto out = finish("alice", 1);
  EXPECT_TRUE(of_kind(out, core::delivery::direct).empty()) << all_text(out);
  EXPECT_TRUE(says(out,
                   "Nobody was told: the people whose feedback it answers opted out, or csibot may not "
                   "reach them."))
      << all_text(out);
}

TEST_F(report_back_done, anonymous_people_are_told_only_through_a_link_they_allowed_and_stay_unnamed) {
  const auto daves = give_and_allow("dave", "hr-portal", 2, "payslips are late");
  const auto franks = give("frank", "hr-portal", 2, "leave requests get lost").id;  // no consent
  send(command("erin", "improve add hr-portal Earlier payroll run"));
  send(command("erin", "improve link 1 feedback " + std::to_string(daves) + " " + std::to_string(franks)));
  const auto out = finish("erin", 1);

  const auto dms = of_kind(out, core::delivery::direct);
  ASSERT_EQ(dms.size(), 1u) << all_text(out);
  EXPECT_EQ(dms[0].user, "dave");
  EXPECT_NE(dms[0].body.text.find("“payslips are late”"), std::string::npos) << dms[0].body.text;
  EXPECT_NE(dms[0].body.context.find("through the link you allowed"), std::string::npos)
      << dms[0].body.context;

  const auto confirmation = of_kind(out, core::delivery::ephemeral).at(0).body.text;
  EXPECT_NE(confirmation.find("I told 1 person(s) whose feedback it answers; csibot does not say who"),
            std::string::npos)
      << confirmation;
  EXPECT_EQ(confirmation.find("dave"), std::string::npos);
}

TEST_F(report_back_done, when_nobody_can_be_told_the_owner_hears_that) {
  const auto franks = give("frank", "hr-portal", 2, "leave requests get lost").id;
  send(command("erin", "improve add hr-portal Earlier payroll run"));
  send(command("erin", "improve link 1 feedback " + std::to_string(franks)));
  const auto out = finish("erin", 1);
  EXPECT_TRUE(of_kind(out, core::delivery::direct).empty());
  EXPECT_TRUE(says(out,
                   "Nobody was told: the people whose feedback it answers opted out, or csibot may not "
                   "reach them."))
      << all_text(out);
}

TEST_F(report_back_done, without_linked_feedback_there_is_nobody_to_tell_and_nothing_said_about_it) {
  send(command("alice", "improve add vpn Split tunnel"));
  const auto out = finish("alice", 1);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_FALSE(says(out, "told")) << all_text(out);
}

}  // namespace
}  // namespace csibot::commands
