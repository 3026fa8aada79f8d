// /csi improve set|link and "did we get there?" (SPEC §6): the state chain, the verification that
// follows `done` once feedback has come in, linking feedback, and where the register shows up (the
// service view and the digest).
#include <gtest/gtest.h>

#include "improve_fixture.hpp"

namespace csibot::commands {
namespace {

using namespace std::chrono_literals;
using core::improvement_state;
using std::chrono::days;

class verification : public test::improve_test {
 protected:
  // VPN with CSAT 62 % on 50 answers in the 30 days before #1 is added, then #1 moved to done.
  void add_and_finish() {
    const auto out = add_and_finish_split_tunnel();
    ASSERT_TRUE(has(out, "*#1* Split tunnel is now *done*.")) << out;
  }
  core::message show(std::string_view text = "improve show 1") {
    return send(command("carol", text)).at(0).body;
  }
};

TEST_F(verification, a_move_that_skips_a_state_is_refused_naming_the_allowed_ones) {
  reply("alice", "improve add vpn Split tunnel");
  auto out = reply("alice", "improve set 1 state done");
  EXPECT_TRUE(has(out, "#1 is proposed: from there it can move to `approved`, `rejected`.")) << out;
  EXPECT_EQ(stored(1)->state, improvement_state::proposed);
  EXPECT_TRUE(has(reply("alice", "improve set 1 state proposed"), "#1 is already proposed."));
  EXPECT_TRUE(
      has(reply("alice", "improve set 1 state verified"), "csibot marks an improvement *verified* itself"));
  out = reply("alice", "improve set 1 state finished");
  EXPECT_TRUE(has(out,
                  "*finished* is not a state. States: `proposed`, `approved`, `in_progress`, `done`, "
                  "`verified`, `rejected`."))
      << out;
  out = reply("alice", "improve set 1 state aproved");
  EXPECT_TRUE(has(out, "Did you mean `approved`?")) << out;
  reply("alice", "improve set 1 state rejected");
  EXPECT_TRUE(has(reply("alice", "improve set 1 state approved"), "#1 is rejected: that is final."));
}

TEST_F(verification, only_the_owner_or_an_admin_may_change_it) {
  reply("alice", "improve add vpn Split tunnel");
  EXPECT_TRUE(
      has(reply("bob", "improve set 1 state approved"), "Only an owner of Remote access VPN (local:alice)"));
  EXPECT_TRUE(has(reply("bob", "improve set 1 title Mine now"), "Only an owner"));
  EXPECT_TRUE(has(reply("bob", "improve link 1 theme slow"), "Only an owner"));
  EXPECT_EQ(stored(1)->state, improvement_state::proposed);
  EXPECT_EQ(stored(1)->title, "Split tunnel");
  EXPECT_TRUE(has(reply("admin", "improve set 1 state approved"), "is now *approved*"));
}

TEST_F(verification, the_why_and_the_title_can_be_given_later) {
  reply("alice", "improve add vpn Split tunnel");
  EXPECT_TRUE(has(reply("alice", "improve set 1 for field sales"), "*#1*: business function changed."));
  EXPECT_TRUE(
      has(reply("alice", "improve set 1 effect calls stop dropping"), "*#1*: expected effect changed."));
  EXPECT_TRUE(has(reply("alice", "improve set 1 title Split tunnelling for Teams"), "*#1*: title changed."));
  const auto i = stored(1);
  EXPECT_EQ(i->business_function, "field sales");
  EXPECT_EQ(i->expected_effect, "calls stop dropping");
  EXPECT_EQ(i->title, "Split tunnelling for Teams");
  EXPECT_EQ(audit().front().action, "improvement.set");
  EXPECT_EQ(audit().front().detail, "title = Split tunnelling for Teams");
  EXPECT_TRUE(has(reply("alice", "improve set 1 colour blue"), "There is no field `colour` to set."));
  EXPECT_TRUE(has(reply("alice", "improve set 1 for"), "Usage: `/csi improve set <id> state <state>`"));
}

TEST_F(verification, done_records_when_and_says_when_the_figures_will_be_compared) {
  add_and_finish();
  const auto i = stored(1);
  ASSERT_TRUE(i->done_at);
  EXPECT_EQ(*i->done_at, done_at);
  EXPECT_EQ(i->verification, core::verification::pending);
  const auto m = show();
  EXPECT_EQ(field(m, "Did we get there?"), "done, verification due 2026-12-30");
  EXPECT_TRUE(has(field(m, "History"),
                  "proposed (local:alice)\n2026-11-30: approved (local:alice)\n"
                  "2026-11-30: in progress (local:alice)\n2026-11-30: done (local:alice)"));
  EXPECT_TRUE(has(reply("alice", "improve set 1 state in_progress"), "#1 is done: that is final."));
}

// The reviewer's case: 00:13 in Berlin on 4 December is still 3 December in UTC. People read the
// register's dates as the day on their wall calendar (bot.timezone), as /csi stats shows times.
TEST_F(verification, dates_shown_are_local_to_the_bot_time_zone_not_utc) {
  settings.bot.timezone = "Europe/Berlin";
  bot = std::make_unique<commands::dispatcher>(*db, settings);
  now = csibot::test::utc(2026, 12, 3, 23, 10);  // 00:10 CET on 4 December
  seed_many("vpn", 31, 19, now - days{29});
  reply("alice", "improve add vpn Split tunnel --for field sales");
  reply("alice", "improve set 1 state approved");
  reply("alice", "improve set 1 state in progress");
  const auto done = reply("alice", "improve set 1 state done");  // 00:13 CET
  EXPECT_TRUE(has(done, "on 2027-01-03, when its 30d are over")) << done;
  const auto m = show();
  EXPECT_EQ(field(m, "Baseline"), "CSAT 62 % (n=50, 30d), 2026-11-04 to 2026-12-04");
  EXPECT_EQ(field(m, "Since it was done (2026-12-04)"), "–");
  EXPECT_EQ(field(m, "Did we get there?"), "done, verification due 2027-01-03");
  EXPECT_TRUE(has(field(m, "History"), "2026-12-04: done (local:alice)")) << field(m, "History");
  const auto list = reply("carol", "improve list vpn");
  EXPECT_TRUE(has(list, "verification due 2027-01-03")) << list;
}

TEST_F(verification, feedback_in_the_after_period_verifies_it_once_the_period_is_over) {
  add_and_finish();
  seed_many("vpn", 38, 2, done_at, 29);  // CSAT 95 % on 40 answers after done
  now = done_at + days{29};
  EXPECT_EQ(field(show(), "Did we get there?"), "done, verification due 2026-12-30") << "not over yet";
  EXPECT_EQ(stored(1)->state, improvement_state::done);

  now = done_at + days{30} + 1min;
  const auto m = show();
  EXPECT_EQ(field(m, "State"), "verified");
  EXPECT_EQ(field(m, "Did we get there?"), "verified: CSAT 62 % → CSAT 95 % (n 50 → 40)");
  EXPECT_TRUE(has(field(m, "History"), "2026-12-30: verified (csibot)"));
  const auto i = stored(1);
  EXPECT_EQ(i->state, improvement_state::verified);
  EXPECT_EQ(i->verification, core::verification::verified);
  ASSERT_TRUE(i->after);
  EXPECT_EQ(i->after->n, 40);
  const auto entries = audit();
  const auto it = std::find_if(entries.begin(), entries.end(),
                               [](const auto& a) { return a.action == "improvement.verify"; });
  ASSERT_NE(it, entries.end());
  EXPECT_EQ(it->actor, "csibot");
  EXPECT_EQ(it->subject, "#1");
  EXPECT_EQ(it->at, now - 1min) << "audited when csibot decided";
}

TEST_F(verification, too_few_answers_keep_it_pending_until_enough_come_in) {
  add_and_finish();
  seed_many("vpn", 3, 0, done_at, 10);
  now = done_at + days{31};
  EXPECT_EQ(field(show(), "Did we get there?"), "done, waiting for at least 5 answers since then to verify");
  EXPECT_EQ(stored(1)->verification, core::verification::pending);
  // Late answers still count: the improvement waits for enough of them instead of never being judged.
  seed_many("vpn", 10, 0, now - days{1}, 1);
  now += days{1};
  EXPECT_EQ(field(show(), "State"), "verified");
}

TEST_F(verification, no_rise_beyond_noise_is_flagged_as_no_measurable_effect) {
  add_and_finish();
  seed_many("vpn", 26, 14, done_at, 29);  // 65 % against 62 %: within noise
  now = done_at + days{30};
  const auto m = show();
  EXPECT_EQ(field(m, "State"), "done");
  EXPECT_EQ(field(m, "Did we get there?"), "done, no measurable effect: CSAT 62 % → CSAT 65 % (n 50 → 40)");
  EXPECT_EQ(stored(1)->verification, core::verification::no_effect);
  EXPECT_TRUE(has(field(m, "History"), "no measurable effect (csibot)"));
}

TEST_F(verification, feedback_of_the_service_is_linked_others_are_refused_with_the_reason) {
  reply("alice", "improve add vpn Split tunnel");
  const auto f1 = seed("vpn", 2, now - days{2});
  const auto f2 = seed("vpn", 1, now - days{1});
  const auto mail = seed("email", 1, now - days{1});
  const auto ids = std::to_string(f1) + ", #" + std::to_string(f2);
  auto out = reply("alice", "improve link 1 feedback " + ids);
  EXPECT_TRUE(has(out, "Linked #" + ids + " to *#1* (2 new).")) << out;
  EXPECT_EQ(stored(1)->feedback_ids, (std::vector<std::int64_t>{f1, f2}));
  EXPECT_FALSE(stored(1)->process_only());
  EXPECT_EQ(audit().front().action, "improvement.link");

  out = reply("alice", "improve link 1 feedback " + std::to_string(mail));
  EXPECT_TRUE(has(out, "Nothing linked: feedback #" + std::to_string(mail) +
                           " is about Email and calendar, not Remote access VPN."))
      << out;
  EXPECT_TRUE(
      has(reply("alice", "improve link 1 feedback 999"), "Nothing linked: there is no feedback #999."));
  EXPECT_TRUE(has(reply("alice", "improve link 1 feedback 12 abc"), "*abc* is not a feedback number"));
  EXPECT_TRUE(has(reply("alice", "improve link 1 feedback"), "Usage: `/csi improve link <id> feedback"));
  EXPECT_EQ(stored(1)->feedback_ids.size(), 2u);
  EXPECT_EQ(field(show(), "Linked feedback"), "#" + ids);

  EXPECT_TRUE(
      has(reply("alice", "improve link 1 theme slow login"), "*#1* now answers the theme “slow login”."));
  EXPECT_EQ(stored(1)->theme, "slow login");
}

TEST_F(verification, the_service_view_shows_how_we_get_there_and_whether_we_got_there) {
  auto m = send(command("carol", "service vpn")).at(0).body;
  EXPECT_EQ(field(m, "How we get there"), "No open improvements yet.");
  EXPECT_EQ(field(m, "Did we get there?"), "No verified improvements yet.");

  add_and_finish();
  reply("alice", "improve add vpn Faster MFA --for remote work");
  reply("alice", "improve set 2 state approved");
  reply("alice", "improve add vpn Review the change process");
  seed_many("vpn", 38, 2, done_at, 29);
  now = done_at + days{31};
  m = send(command("carol", "service vpn")).at(0).body;
  EXPECT_EQ(field(m, "How we get there"),
            "*#2* Faster MFA — approved\n*#3* Review the change process — proposed");
  EXPECT_EQ(field(m, "Did we get there?"), "*#1* Split tunnel — verified: CSAT 62 % → CSAT 95 % (n 50 → 40)");
  EXPECT_EQ(stored(1)->state, improvement_state::verified) << "the service view ran the check";
}

TEST_F(verification, the_digest_reports_what_moved_and_marks_process_only_ones) {
  add_and_finish();
  reply("alice", "improve add vpn Review the change process");
  seed_many("vpn", 38, 2, done_at, 29);
  now = done_at + days{31};
  const auto out = send(command("carol", "digest vpn 7d"));
  ASSERT_EQ(out.size(), 1u);
  const auto& text = out[0].body.text;
  EXPECT_TRUE(has(text, "*Improvements moved / verified*")) << text;
  EXPECT_TRUE(has(text, "*Remote access VPN* #1 “Split tunnel”: verified: CSAT 62 % → CSAT 95 % (n 50 → 40)"))
      << text;
  EXPECT_FALSE(has(text, "Review the change process")) << "added before the 7 days";
  EXPECT_EQ(stored(1)->state, improvement_state::verified) << "the digest ran the check";

  const auto month = all_text(send(command("carol", "digest vpn 60d")));
  EXPECT_TRUE(has(month, "#2 “Review the change process”: proposed — _process-only_")) << month;
  EXPECT_TRUE(
      has(out[0].body.context + month, "_Process-only_: an improvement tied to no business function"));
}

}  // namespace
}  // namespace csibot::commands
