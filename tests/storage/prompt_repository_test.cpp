// Prompts and opt-outs on a real SQLite file: one prompt per ticket however often the webhook comes,
// state changes only from the right state, the policy's history, response counts, opt-out.
#include "storage/prompt_repository.hpp"

#include <gtest/gtest.h>

#include <memory>

#include "storage/database.hpp"
#include "storage/temp_dir.hpp"

namespace csibot::storage {
namespace {

using namespace std::chrono_literals;
using core::prompt_kind;

const core::timestamp t0 = core::from_millis(1'790'000'000'000);

prompt_row ticket(std::string user, std::string service, std::string id, core::timestamp due) {
  prompt_row p;
  p.user = std::move(user);
  p.service = std::move(service);
  p.kind = prompt_kind::ticket;
  p.ticket = std::move(id);
  p.due_at = due;
  p.created_at = t0;
  return p;
}

prompt_row pulse(std::string user, std::string service, std::string run, core::timestamp due) {
  prompt_row p;
  p.user = std::move(user);
  p.service = std::move(service);
  p.kind = prompt_kind::pulse;
  p.pulse = std::move(run);
  p.due_at = due;
  p.created_at = t0;
  return p;
}

class prompts : public ::testing::Test {
 protected:
  test::temp_dir dir;
  std::unique_ptr<database> db = std::make_unique<database>(dir / "csibot.db");
  prompt_repository repo() { return prompt_repository{*db}; }
  void reopen() {
    db.reset();
    db = std::make_unique<database>(dir / "csibot.db");
  }
  // Schedules and sends at `at`.
  std::int64_t sent_at(prompt_row p, core::timestamp at) {
    p.due_at = at;
    const auto id = repo().schedule(p).id;
    EXPECT_TRUE(repo().mark_sent(id, at));
    return id;
  }
};

TEST_F(prompts, a_ticket_resolved_twice_is_scheduled_once) {
  const auto first = repo().schedule(ticket("slack:U1", "vpn", "INC-1", t0 + 1h));
  EXPECT_TRUE(first.created);
  EXPECT_GT(first.id, 0);
  reopen();  // the retry may come after a restart
  const auto again = repo().schedule(ticket("slack:U1", "vpn", "INC-1", t0 + 2h));
  EXPECT_FALSE(again.created);
  EXPECT_EQ(again.id, first.id);
  EXPECT_EQ(repo().find(first.id)->due_at, t0 + 1h);  // unchanged
  // The same ticket number in another service is another ticket.
  EXPECT_TRUE(repo().schedule(ticket("slack:U1", "email", "INC-1", t0 + 1h)).created);
}

TEST_F(prompts, a_row_reads_back_as_written) {
  const auto id = repo().schedule(ticket("slack:U1", "vpn", "INC-1", t0 + 1h)).id;
  const auto p = repo().find(id);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->user, "slack:U1");
  EXPECT_EQ(p->platform, "slack");
  EXPECT_EQ(p->service, "vpn");
  EXPECT_EQ(p->kind, prompt_kind::ticket);
  EXPECT_EQ(p->ticket, "INC-1");
  EXPECT_FALSE(p->pulse);
  EXPECT_EQ(p->state, prompt_state::pending);
  EXPECT_EQ(p->created_at, t0);
  EXPECT_FALSE(p->sent_at);
  EXPECT_FALSE(repo().find(id + 100));
}

TEST_F(prompts, a_reopened_ticket_cancels_only_a_pending_prompt) {
  const auto a = repo().schedule(ticket("slack:U1", "vpn", "INC-1", t0 + 1h)).id;
  EXPECT_TRUE(repo().cancel_ticket("vpn", "INC-1"));
  EXPECT_EQ(repo().find(a)->state, prompt_state::cancelled);
  EXPECT_FALSE(repo().cancel_ticket("vpn", "INC-1"));  // already cancelled
  EXPECT_FALSE(repo().cancel_ticket("vpn", "INC-404"));
  EXPECT_TRUE(repo().due(t0 + 2h, 10).empty());

  const auto b = sent_at(ticket("slack:U2", "vpn", "INC-2", t0), t0);
  EXPECT_FALSE(repo().cancel_ticket("vpn", "INC-2"));  // too late: it went out
  EXPECT_EQ(repo().find(b)->state, prompt_state::sent);
}

TEST_F(prompts, resolved_again_after_a_reopen_prompts_after_the_new_resolution) {
  const auto a = repo().schedule(ticket("slack:U1", "vpn", "INC-1", t0 + 1h)).id;
  ASSERT_TRUE(repo().cancel_ticket("vpn", "INC-1"));
  const auto again = repo().schedule(ticket("slack:U1", "vpn", "INC-1", t0 + 5h));
  EXPECT_TRUE(again.created);
  EXPECT_EQ(again.id, a);
  EXPECT_EQ(repo().find(a)->state, prompt_state::pending);
  EXPECT_EQ(repo().find(a)->due_at, t0 + 5h);
}

TEST_F(prompts, a_person_is_in_a_pulse_run_once) {
  EXPECT_TRUE(repo().schedule(pulse("slack:U1", "vpn", "vpn@1", t0)).created);
  EXPECT_FALSE(repo().schedule(pulse("slack:U1", "vpn", "vpn@1", t0)).created);
  EXPECT_TRUE(repo().schedule(pulse("slack:U2", "vpn", "vpn@1", t0)).created);
  EXPECT_TRUE(repo().schedule(pulse("slack:U1", "vpn", "vpn@2", t0)).created);
}

TEST_F(prompts, due_lists_pending_prompts_ticket_first_then_by_time) {
  const auto p1 = repo().schedule(pulse("slack:U1", "vpn", "r1", t0 - 2h)).id;
  const auto t1 = repo().schedule(ticket("slack:U2", "vpn", "INC-1", t0 - 1h)).id;
  const auto t2 = repo().schedule(ticket("slack:U3", "vpn", "INC-2", t0 - 3h)).id;
  repo().schedule(ticket("slack:U4", "vpn", "INC-3", t0 + 1min));  // not due yet
  const auto p2 = repo().schedule(pulse("slack:U5", "vpn", "r1", t0)).id;
  std::vector<std::int64_t> ids;
  for (const auto& p : repo().due(t0, 10))
    ids.push_back(p.id);
  EXPECT_EQ(ids, (std::vector<std::int64_t>{t2, t1, p1, p2}));
  EXPECT_EQ(repo().due(t0, 2).size(), 2u);
}

TEST_F(prompts, state_changes_only_from_the_right_state) {
  const auto id = repo().schedule(ticket("slack:U1", "vpn", "INC-1", t0)).id;
  EXPECT_FALSE(repo().mark_answered(id, t0));  // not sent yet
  EXPECT_FALSE(repo().mark_reminded(id, t0));
  EXPECT_TRUE(repo().reschedule(id, t0 + 14h, "quiet_hours"));
  EXPECT_EQ(repo().find(id)->due_at, t0 + 14h);
  EXPECT_EQ(repo().find(id)->reason, "quiet_hours");
  EXPECT_TRUE(repo().mark_sent(id, t0 + 14h));
  EXPECT_FALSE(repo().mark_sent(id, t0 + 15h));  // twice
  EXPECT_FALSE(repo().reschedule(id, t0 + 20h, "cooldown"));
  EXPECT_FALSE(repo().mark_skipped(id, "cooldown"));
  EXPECT_TRUE(repo().mark_reminded(id, t0 + 38h));
  EXPECT_FALSE(repo().mark_reminded(id, t0 + 40h));  // one reminder
  EXPECT_TRUE(repo().mark_answered(id, t0 + 41h));
  EXPECT_FALSE(repo().mark_answered(id, t0 + 42h));
  const auto p = repo().find(id);
  EXPECT_EQ(p->state, prompt_state::answered);
  EXPECT_EQ(p->sent_at, t0 + 14h);
  EXPECT_EQ(p->reminded_at, t0 + 38h);
  EXPECT_EQ(p->answered_at, t0 + 41h);

  const auto other = repo().schedule(ticket("slack:U1", "vpn", "INC-2", t0)).id;
  EXPECT_TRUE(repo().mark_skipped(other, "resolver"));
  EXPECT_EQ(repo().find(other)->state, prompt_state::skipped);
  EXPECT_EQ(repo().find(other)->reason, "resolver");
  EXPECT_FALSE(repo().mark_sent(other, t0));
}

TEST_F(prompts, history_holds_what_reached_the_person_since_a_time) {
  sent_at(ticket("slack:U1", "vpn", "INC-1", t0), t0 - 40 * 24h);  // before `since`
  const auto answered = sent_at(pulse("slack:U1", "email", "e1", t0), t0 - 3 * 24h);
  repo().mark_answered(answered, t0 - 2 * 24h);
  const auto reminded = sent_at(ticket("slack:U1", "vpn", "INC-2", t0), t0 - 24h);
  repo().mark_reminded(reminded, t0);
  sent_at(ticket("slack:U2", "vpn", "INC-3", t0), t0 - 24h);          // someone else
  repo().schedule(ticket("slack:U1", "printing", "INC-4", t0 - 1h));  // pending: not asked yet
  const auto h = repo().history("slack:U1", t0 - 30 * 24h);
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[0], (core::prompt_record{"email", prompt_kind::pulse, t0 - 3 * 24h, true, false}));
  EXPECT_EQ(h[1], (core::prompt_record{"vpn", prompt_kind::ticket, t0 - 24h, false, true}));
}

TEST_F(prompts, the_earliest_pending_ticket_prompt_of_a_person) {
  EXPECT_FALSE(repo().pending_ticket_due("slack:U1"));
  repo().schedule(pulse("slack:U1", "vpn", "r1", t0 - 5h));  // pulses do not count
  repo().schedule(ticket("slack:U1", "vpn", "INC-1", t0 + 2h));
  repo().schedule(ticket("slack:U1", "email", "INC-2", t0 + 1h));
  repo().schedule(ticket("slack:U2", "email", "INC-3", t0));
  EXPECT_EQ(repo().pending_ticket_due("slack:U1"), t0 + 1h);
}

TEST_F(prompts, the_open_prompt_is_the_newest_sent_one_for_the_service) {
  sent_at(ticket("slack:U1", "vpn", "INC-1", t0), t0 - 2h);
  const auto newer = sent_at(ticket("slack:U1", "vpn", "INC-2", t0), t0 - 1h);
  EXPECT_EQ(repo().open_prompt("slack:U1", "vpn")->id, newer);
  EXPECT_FALSE(repo().open_prompt("slack:U1", "email"));
  repo().mark_answered(newer, t0);
  EXPECT_NE(repo().open_prompt("slack:U1", "vpn")->id, newer);
}

TEST_F(prompts, reminders_are_due_once_for_unanswered_prompts) {
  const auto a = sent_at(ticket("slack:U1", "vpn", "INC-1", t0), t0 - 30h);
  const auto b = sent_at(ticket("slack:U2", "vpn", "INC-2", t0), t0 - 26h);
  sent_at(ticket("slack:U3", "vpn", "INC-3", t0), t0 - 1h);  // too recent
  const auto c = sent_at(ticket("slack:U4", "vpn", "INC-4", t0), t0 - 48h);
  repo().mark_answered(c, t0 - 47h);
  auto waiting = repo().reminders_due(t0 - 24h, t0, 10);
  ASSERT_EQ(waiting.size(), 2u);
  EXPECT_EQ(waiting[0].id, a);
  EXPECT_EQ(waiting[1].id, b);
  repo().mark_reminded(a, t0);
  EXPECT_EQ(repo().reminders_due(t0 - 24h, t0, 10).size(), 1u);
}

TEST_F(prompts, opting_out_lasts_until_opting_in_and_skips_what_was_queued) {
  const auto queued = repo().schedule(ticket("slack:U1", "vpn", "INC-1", t0 + 1h)).id;
  const auto other = repo().schedule(ticket("slack:U2", "vpn", "INC-2", t0 + 1h)).id;
  EXPECT_FALSE(repo().is_opted_out("slack:U1"));
  EXPECT_TRUE(repo().opt_out("slack:U1", t0));
  EXPECT_FALSE(repo().opt_out("slack:U1", t0 + 1h));  // already; `since` is kept
  reopen();
  EXPECT_TRUE(repo().is_opted_out("slack:U1"));
  EXPECT_EQ(repo().opted_out_since("slack:U1"), t0);
  EXPECT_EQ(repo().find(queued)->state, prompt_state::skipped);
  EXPECT_EQ(repo().find(queued)->reason, "opted_out");
  EXPECT_EQ(repo().find(other)->state, prompt_state::pending);
  EXPECT_FALSE(repo().is_opted_out("slack:U2"));
  EXPECT_TRUE(repo().opt_in("slack:U1"));
  EXPECT_FALSE(repo().opt_in("slack:U1"));
  EXPECT_FALSE(repo().is_opted_out("slack:U1"));
  EXPECT_FALSE(repo().opted_out_since("slack:U1"));
}

TEST_F(prompts, response_counts_per_service_and_period) {
  EXPECT_EQ(repo().response_counts("vpn", t0 - 7 * 24h, t0), (prompt_counts{0, 0}));
  const auto a = sent_at(ticket("slack:U1", "vpn", "INC-1", t0), t0 - 3 * 24h);
  repo().mark_answered(a, t0 + 24h);  // answered later still counts for the period it was sent in
  sent_at(ticket("slack:U2", "vpn", "INC-2", t0), t0 - 2 * 24h);
  sent_at(ticket("slack:U3", "vpn", "INC-3", t0), t0 - 8 * 24h);  // before the period
  sent_at(ticket("slack:U4", "vpn", "INC-4", t0), t0);            // `to` is excluded
  sent_at(ticket("slack:U5", "email", "INC-5", t0), t0 - 24h);    // another service
  repo().schedule(ticket("slack:U6", "vpn", "INC-6", t0 - 24h));  // never sent
  EXPECT_EQ(repo().response_counts("vpn", t0 - 7 * 24h, t0), (prompt_counts{2, 1}));
}

}  // namespace
}  // namespace csibot::storage
