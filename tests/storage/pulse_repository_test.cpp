// Migration 0006 on a real SQLite file: the pulse ledger (a slot recorded once, asks pending until
// their audience is listed) and what the prompt sender needs of the prompts table (per-platform due
// lists, resolved users, the resolver, reminders that wait or are ruled out).
#include "storage/pulse_repository.hpp"

#include <gtest/gtest.h>

#include <memory>

#include "storage/database.hpp"
#include "storage/prompt_repository.hpp"
#include "storage/temp_dir.hpp"

namespace csibot::storage {
namespace {

using namespace std::chrono_literals;

const core::timestamp t0 = core::from_millis(1'790'000'000'000);

class pulse_ledger : public ::testing::Test {
 protected:
  test::temp_dir dir;
  std::unique_ptr<database> db = std::make_unique<database>(dir / "csibot.db");
  pulse_repository runs() { return pulse_repository{*db}; }
  prompt_repository prompts() { return prompt_repository{*db}; }
  void reopen() {
    db.reset();
    db = std::make_unique<database>(dir / "csibot.db");
  }

  static pulse_run slot_run(std::string key, core::timestamp slot) {
    pulse_run r;
    r.pulse = std::move(key);
    r.service = "vpn";
    r.slot = slot;
    r.started_at = slot;
    return r;
  }
  std::int64_t schedule(std::string user, core::prompt_kind kind, core::timestamp due,
                        std::optional<std::string> resolver = std::nullopt) {
    prompt_row p;
    p.user = std::move(user);
    p.service = "vpn";
    p.kind = kind;
    if (kind == core::prompt_kind::ticket) p.ticket = "INC-" + std::to_string(++tickets);
    if (kind == core::prompt_kind::pulse) p.pulse = "pulse#" + std::to_string(++tickets);
    p.due_at = due;
    p.created_at = t0;
    p.resolver = std::move(resolver);
    return prompts().schedule(p).id;
  }
  int tickets = 0;
};

TEST_F(pulse_ledger, a_pulse_is_first_seen_once) {
  EXPECT_EQ(runs().register_pulse("k", "vpn", t0), t0);
  EXPECT_EQ(runs().register_pulse("k", "vpn", t0 + 1h), t0) << "the first sighting is kept";
  reopen();
  EXPECT_EQ(runs().register_pulse("k", "vpn", t0 + 2h), t0);
}

TEST_F(pulse_ledger, a_slot_is_recorded_once_even_after_a_restart) {
  const auto first = runs().add(slot_run("k", t0));
  ASSERT_TRUE(first);
  EXPECT_FALSE(runs().add(slot_run("k", t0))) << "the same slot again";
  reopen();
  EXPECT_FALSE(runs().add(slot_run("k", t0)));
  EXPECT_TRUE(runs().add(slot_run("k", t0 + 24h)));
  EXPECT_TRUE(runs().add(slot_run("other", t0))) << "another pulse's slot";
  EXPECT_EQ(runs().last_slot("k"), t0 + 24h);
  EXPECT_FALSE(runs().last_slot("never"));
  EXPECT_EQ(runs().find(*first)->prompt_tag(), "pulse#" + std::to_string(*first));
}

TEST_F(pulse_ledger, asks_wait_with_their_audience_until_finished) {
  pulse_run ask;
  ask.kind = pulse_run_kind::ask;
  ask.pulse = "vpn";
  ask.service = "vpn";
  ask.slot = t0;
  ask.state = pulse_run_state::pending;
  ask.audience = {"channel:slack:C1", "user:slack:U2"};
  ask.requested_by = "slack:U0OWNER";
  ask.started_at = t0;
  const auto a = *runs().add(ask);
  const auto b = *runs().add(ask);  // two asks at the same moment are two runs
  EXPECT_NE(a, b);
  auto pending = runs().pending(10);
  ASSERT_EQ(pending.size(), 2u);
  EXPECT_EQ(pending[0].audience, ask.audience);
  EXPECT_EQ(pending[0].requested_by, "slack:U0OWNER");
  EXPECT_EQ(pending[0].prompt_tag(), "ask#" + std::to_string(a));
  EXPECT_TRUE(runs().finish(a, 12, 10, 3));
  EXPECT_FALSE(runs().finish(a, 12, 10, 3)) << "only once";
  const auto done = runs().find(a);
  EXPECT_EQ(done->state, pulse_run_state::done);
  EXPECT_EQ(done->members, 12);
  EXPECT_EQ(done->scheduled, 10);
  EXPECT_EQ(done->held, 3);
  EXPECT_EQ(runs().pending(10).size(), 1u);
}

TEST_F(pulse_ledger, due_prompts_are_listed_per_platform_and_an_email_user_can_be_resolved) {
  const auto mail =
      schedule("email:alice@example.com", core::prompt_kind::ticket, t0, "email:bob@example.com");
  const auto slack = schedule("slack:U1", core::prompt_kind::pulse, t0);
  schedule("local:carol", core::prompt_kind::pulse, t0 + 1h);
  ASSERT_EQ(prompts().due_for("email", t0, 10).size(), 1u);
  EXPECT_EQ(prompts().due_for("slack", t0, 10).at(0).id, slack);
  EXPECT_TRUE(prompts().due_for("local", t0, 10).empty()) << "not due yet";
  EXPECT_EQ(prompts().next_due(), t0);

  EXPECT_TRUE(prompts().set_user(mail, "slack:U9"));
  const auto row = prompts().find(mail);
  EXPECT_EQ(row->user, "slack:U9");
  EXPECT_EQ(row->platform, "slack");
  EXPECT_EQ(row->resolver, "email:bob@example.com");
  EXPECT_EQ(prompts().due_for("slack", t0, 10).size(), 2u);
  EXPECT_EQ(prompts().due_for("slack", t0, 10).at(0).id, mail) << "ticket prompts first";
  EXPECT_TRUE(prompts().mark_sent(mail, t0));
  EXPECT_FALSE(prompts().set_user(mail, "slack:U8")) << "only while pending";
}

TEST_F(pulse_ledger, a_reminder_can_wait_or_be_ruled_out_and_is_listed_only_when_it_may_go) {
  const auto a = schedule("slack:U1", core::prompt_kind::pulse, t0);
  const auto b = schedule("slack:U2", core::prompt_kind::pulse, t0);
  ASSERT_TRUE(prompts().mark_sent(a, t0));
  ASSERT_TRUE(prompts().mark_sent(b, t0));
  const auto later = t0 + 72h;
  EXPECT_EQ(prompts().reminders_due(later, later, 10).size(), 2u);
  EXPECT_TRUE(prompts().defer_reminder(a, later + 10h, "quiet_hours"));
  EXPECT_TRUE(prompts().skip_reminder(b, "opted_out"));
  EXPECT_TRUE(prompts().reminders_due(later, later, 10).empty());
  const auto due = prompts().reminders_due(later, later + 10h, 10);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].id, a);
  EXPECT_EQ(due[0].reason, "quiet_hours");
  EXPECT_EQ(prompts().find(b)->reminder_reason, "opted_out");
  EXPECT_EQ(prompts().find(b)->state, prompt_state::sent) << "the prompt itself stays sent";
  EXPECT_TRUE(prompts().mark_reminded(a, later + 10h));
  EXPECT_TRUE(prompts().reminders_due(later + 20h, later + 20h, 10).empty()) << "one reminder";
}

}  // namespace
}  // namespace csibot::storage
