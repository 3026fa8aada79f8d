// The prompt loop (the runtime half of the prompt sender): the person's zone from the platform
// profile, e-mail users resolved through the platform, a send budget per platform that paces a large
// backlog, restarts that never send twice, and one reminder.
#include "proactive_fixture.hpp"
#include "support/prompt_rows.hpp"

namespace csibot::runtime {
namespace {

using namespace std::chrono_literals;
using csibot::test::utc;

class prompt_loop_test : public test::proactive_test {
 protected:
  std::unique_ptr<prompt_loop> loop;
  prompt_loop_options options;

  void SetUp() override {
    proactive_test::SetUp();
    start();
  }
  void start() { loop = std::make_unique<prompt_loop>(*db, settings, hooks(), options); }
  void restart() {
    loop.reset();
    db.reset();
    open();
    start();
  }
  std::int64_t ticket(std::string user, std::string id, core::timestamp due,
                      std::optional<std::string> resolver = std::nullopt) {
    return prompts()
        .schedule(csibot::test::ticket_prompt(std::move(user), std::move(id), due, now, std::move(resolver)))
        .id;
  }
  std::int64_t pulse(std::string user, core::timestamp due) {
    return prompts().schedule(csibot::test::pulse_prompt(std::move(user), "vpn", "pulse#1", due, now)).id;
  }
  prompt_pass pass() { return run(loop->pass(now)); }
};

TEST_F(prompt_loop_test, a_due_prompt_is_sent_and_published_after_the_commit) {
  const auto id = ticket("local:alice", "INC-1", now);
  const auto r = pass();
  EXPECT_EQ(r.asked, 1u);
  ASSERT_EQ(published.size(), 1u);
  EXPECT_EQ(published[0].user, "alice");
  EXPECT_EQ(staged, 1u) << "staged inside the transaction";
  EXPECT_EQ(prompts().find(id)->state, storage::prompt_state::sent);
}

TEST_F(prompt_loop_test, the_profile_zone_holds_a_prompt_until_the_persons_morning) {
  local.profiles["alice"] = person_profile{lookup_status::found, "America/New_York", "en-US", {}};
  now = utc(2026, 11, 30, 12, 0);  // 13:00 in Berlin, 07:00 in New York
  const auto id = ticket("local:alice", "INC-2", now);
  EXPECT_EQ(pass().waiting, 1u);
  EXPECT_TRUE(published.empty());
  EXPECT_EQ(prompts().find(id)->due_at, utc(2026, 11, 30, 13, 0));
  now = utc(2026, 11, 30, 13, 0);
  EXPECT_EQ(pass().asked, 1u);
  EXPECT_EQ(dm_users(), std::set<std::string>{"alice"});
  EXPECT_EQ(local.profile_calls, 1u) << "the profile is cached";
}

TEST_F(prompt_loop_test, someone_the_platform_says_is_no_person_is_dropped) {
  local.profiles["bot2"] = person_profile{lookup_status::not_found, {}, {}, {}};
  const auto id = pulse("local:bot2", now);
  EXPECT_EQ(pass().skipped, 1u);
  EXPECT_EQ(prompts().find(id)->reason, "no_person");
}

TEST_F(prompt_loop_test, an_email_user_is_resolved_through_the_platform_and_the_resolver_with_it) {
  local.emails["alice@example.com"] = "alice";
  local.emails["bo@example.com"] = "bo";
  const auto asked = ticket("email:alice@example.com", "INC-3", now, "email:carol@example.com");
  const auto own = ticket("email:bo@example.com", "INC-4", now, "email:bo@example.com");
  const auto unknown = ticket("email:nobody@example.com", "INC-5", now);
  pass();
  EXPECT_EQ(prompts().find(asked)->user, "local:alice");
  EXPECT_EQ(prompts().find(asked)->state, storage::prompt_state::sent);
  EXPECT_EQ(prompts().find(own)->reason, "resolver") << "bo resolved his own ticket";
  EXPECT_EQ(prompts().find(unknown)->reason, "email_not_found");
  EXPECT_EQ(dm_users(), std::set<std::string>{"alice"});
}

TEST_F(prompt_loop_test, a_failed_address_lookup_is_tried_again_later) {
  local.emails["alice@example.com"] = "alice";
  local.fail_emails = 1;
  const auto id = ticket("email:alice@example.com", "INC-6", now);
  pass();
  EXPECT_EQ(prompts().find(id)->reason, "lookup_failed");
  EXPECT_EQ(prompts().find(id)->state, storage::prompt_state::pending);
  now += options.retry_after;
  pass();
  EXPECT_EQ(prompts().find(id)->state, storage::prompt_state::sent);
}

TEST_F(prompt_loop_test, the_send_budget_paces_a_backlog_and_never_exceeds_the_platform_rate) {
  loop.reset();
  options.per_minute["local"] = 60;  // one a second
  options.burst = 10;
  start();
  for (int i = 0; i < 25; ++i)
    pulse("local:p" + std::to_string(i), now);
  auto r = pass();
  EXPECT_EQ(r.asked, 10u) << "the burst";
  EXPECT_TRUE(r.budget_exhausted);
  EXPECT_EQ(pass().asked, 0u) << "no budget left at the same instant";
  EXPECT_EQ(loop->budget_at("local", now), now + 1001ms);
  now += 5s;
  EXPECT_EQ(pass().asked, 5u);
  now += 60s;
  EXPECT_EQ(pass().asked, 10u);
  EXPECT_EQ(published.size(), 25u);
}

TEST_F(prompt_loop_test, a_restart_between_the_webhook_and_the_send_sends_once) {
  const auto id = ticket("local:alice", "INC-7", now + 1h);
  EXPECT_EQ(pass().asked, 0u) << "not due yet";
  restart();
  now += 1h;
  EXPECT_EQ(pass().asked, 1u);
  restart();
  EXPECT_EQ(pass().asked, 0u);
  now += 1h;
  EXPECT_EQ(pass().asked, 0u);
  EXPECT_EQ(published.size(), 1u);
  EXPECT_EQ(prompts().find(id)->state, storage::prompt_state::sent);
}

TEST_F(prompt_loop_test, one_reminder_after_the_configured_delay) {
  settings.policy.reminder_after = 72h;
  const auto id = pulse("local:alice", now);
  pass();
  now += 71h;
  pass();
  EXPECT_EQ(published.size(), 1u) << "not before the delay";
  now += 1h;  // Thursday 10:00 in Berlin
  EXPECT_EQ(pass().reminded, 1u);
  ASSERT_EQ(published.size(), 2u);
  EXPECT_NE(published[1].body.text.find("only reminder"), std::string::npos);
  now += 72h;
  pass();
  EXPECT_EQ(published.size(), 2u);
  EXPECT_TRUE(prompts().find(id)->reminded_at);
}

TEST_F(prompt_loop_test, no_reminders_when_switched_off) {
  settings.policy.reminder_after = 0ms;
  pulse("local:alice", now);
  pass();
  now += 30 * 24h;
  pass();
  EXPECT_EQ(published.size(), 1u);
}

TEST_F(prompt_loop_test, prompts_for_a_platform_that_does_not_run_here_wait_for_it) {
  const auto id = pulse("slack:U1", now);
  pass();
  EXPECT_EQ(prompts().find(id)->state, storage::prompt_state::pending);
  EXPECT_TRUE(published.empty());
}

}  // namespace
}  // namespace csibot::runtime
