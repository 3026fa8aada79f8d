// The pulse runner (SPEC §4): a pulse fires at its cron slot in bot.timezone for its audience only,
// asks the configured share, snapshots the audience at its start (no back-fill), runs each slot once
// across restarts, catches up only the newest missed slot, retries a failed listing, and completes
// the asks of /csi ask that named channels.
#include "commands/pulse_runs.hpp"
#include "proactive_fixture.hpp"
#include "storage/pulse_repository.hpp"

namespace csibot::runtime {
namespace {

using namespace std::chrono_literals;
using csibot::test::utc;

// Tuesday 10:00 in Berlin = 09:00 UTC in winter.
const core::timestamp slot = utc(2026, 12, 1, 9, 0);

class pulse_runner_test : public test::proactive_test {
 protected:
  std::unique_ptr<pulse_runner> runner;

  void SetUp() override {
    proactive_test::SetUp();
    config::pulse_settings p;
    p.service = "vpn";
    p.schedule = "0 10 * * TUE";
    p.audience = {"local:sales"};
    p.sample = 1.0;
    p.spread = 0ms;
    settings.pulses.push_back(p);
    local.channels["sales"] = {"alice", "bo"};
    local.channels["general"] = {"carol", "dave"};
    start();
  }
  void start() {
    runner = std::make_unique<pulse_runner>(*db, settings, hooks());
    runner->sync_config(now);
  }
  void restart() {
    runner.reset();
    db.reset();
    open();
    start();
  }
  std::size_t pass() { return run(runner->pass(now)); }
  std::vector<storage::prompt_row> scheduled() { return prompts().due(now + 365 * 24h, 100'000); }
  std::set<std::string> scheduled_users() {
    std::set<std::string> out;
    for (const auto& p : scheduled())
      out.insert(p.user);
    return out;
  }
};

TEST_F(pulse_runner_test, the_pulse_fires_at_its_slot_in_the_bot_zone_for_its_audience_only) {
  EXPECT_EQ(pass(), 0u);
  now = slot - 1min;
  EXPECT_EQ(pass(), 0u) << "09:59 in Berlin";
  EXPECT_TRUE(scheduled().empty());
  now = slot;
  EXPECT_EQ(pass(), 1u);
  EXPECT_EQ(scheduled_users(), (std::set<std::string>{"local:alice", "local:bo"})) << "not #general";
  for (const auto& p : scheduled()) {
    EXPECT_EQ(p.kind, core::prompt_kind::pulse);
    EXPECT_EQ(p.service, "vpn");
    EXPECT_EQ(p.due_at, slot);
    EXPECT_TRUE(p.pulse && p.pulse->starts_with("pulse#"));
  }
  EXPECT_EQ(runner->next_slot(now), slot + 7 * 24h);
}

TEST_F(pulse_runner_test, the_sample_asks_about_the_configured_share) {
  settings.pulses[0].sample = 0.25;
  restart();
  std::vector<std::string> many;
  for (int i = 0; i < 400; ++i)
    many.push_back("p" + std::to_string(i));
  local.channels["sales"] = many;
  now = slot;
  pass();
  const auto n = scheduled().size();
  EXPECT_GT(n, 60u);
  EXPECT_LT(n, 140u);
  const auto run = storage::pulse_repository{*db}.recent(1).at(0);
  EXPECT_EQ(run.members, 400);
  EXPECT_EQ(run.scheduled, static_cast<std::int64_t>(n));
}

TEST_F(pulse_runner_test, people_who_join_after_the_run_started_are_not_back_filled) {
  now = slot;
  pass();
  local.channels["sales"].push_back("erin");  // joins at 10:30
  now = slot + 30min;
  EXPECT_EQ(pass(), 0u);
  EXPECT_FALSE(scheduled_users().contains("local:erin"));
  now = slot + 7 * 24h;  // the next Tuesday: a new run, and erin is in it
  EXPECT_EQ(pass(), 1u);
  EXPECT_TRUE(scheduled_users().contains("local:erin"));
}

TEST_F(pulse_runner_test, a_slot_runs_once_even_across_a_restart) {
  now = slot;
  EXPECT_EQ(pass(), 1u);
  restart();
  now = slot + 1h;
  EXPECT_EQ(pass(), 0u);
  EXPECT_EQ(scheduled().size(), 2u);
  EXPECT_EQ(storage::pulse_repository{*db}.recent(10).size(), 1u);
}

TEST_F(pulse_runner_test, after_downtime_only_the_newest_missed_slot_runs_once) {
  now = slot + 3 * 7 * 24h + 2h;  // down for three Tuesdays
  EXPECT_EQ(pass(), 1u);
  EXPECT_EQ(pass(), 0u);
  const auto runs = storage::pulse_repository{*db}.recent(10);
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].slot, slot + 3 * 7 * 24h);
  for (const auto& p : scheduled())
    EXPECT_EQ(p.due_at, now) << "spread from the run's start, not the missed slot";
}

TEST_F(pulse_runner_test, slots_before_the_pulse_was_configured_never_run) {
  settings.pulses[0].schedule = "0 10 * * MON";  // an edited entry is a new pulse, first seen now
  now = utc(2026, 11, 30, 9, 30);                // Monday 10:30 in Berlin: today's slot is past
  start();
  EXPECT_EQ(pass(), 0u);
  EXPECT_TRUE(scheduled().empty());
}

TEST_F(pulse_runner_test, a_listing_that_fails_leaves_nothing_and_is_tried_again) {
  local.fail_members = 1;
  now = slot;
  EXPECT_EQ(pass(), 0u);
  EXPECT_TRUE(scheduled().empty());
  EXPECT_TRUE(storage::pulse_repository{*db}.recent(10).empty());
  now = slot + 5s;
  EXPECT_EQ(pass(), 1u);
  EXPECT_EQ(scheduled().size(), 2u);
}

TEST_F(pulse_runner_test, prompts_are_spread_over_the_window_not_sent_at_once) {
  settings.pulses[0].spread = 2h;
  restart();
  local.channels["sales"] = {"a", "b", "c", "d"};
  now = slot;
  pass();
  std::set<core::timestamp> due;
  for (const auto& p : scheduled())
    due.insert(p.due_at);
  EXPECT_EQ(due, (std::set<core::timestamp>{slot, slot + 30min, slot + 60min, slot + 90min}));
}

TEST_F(pulse_runner_test, an_ask_that_named_a_channel_is_completed_and_the_asker_is_told_by_dm) {
  storage::pulse_run ask;
  ask.kind = storage::pulse_run_kind::ask;
  ask.pulse = ask.service = "vpn";
  ask.slot = ask.started_at = now;
  ask.state = storage::pulse_run_state::pending;
  ask.audience = {"channel:local:general", "user:local:bo"};
  ask.requested_by = "local:alice";
  const auto id = *storage::pulse_repository{*db}.add(ask);
  EXPECT_EQ(pass(), 1u);
  EXPECT_EQ(scheduled_users(), (std::set<std::string>{"local:bo", "local:carol", "local:dave"}));
  EXPECT_EQ(storage::pulse_repository{*db}.find(id)->state, storage::pulse_run_state::done);
  ASSERT_EQ(published.size(), 1u);
  EXPECT_EQ(published[0].kind, core::delivery::direct);
  EXPECT_EQ(published[0].user, "alice");
  EXPECT_NE(published[0].body.text.find("3 person(s) in #general, @bo, 3 prompt(s) scheduled"),
            std::string::npos)
      << published[0].body.text;
  EXPECT_EQ(staged, 1u);
  EXPECT_EQ(pass(), 0u) << "done once";
}

}  // namespace
}  // namespace csibot::runtime
