// The prompt sender's decisions on a real SQLite file with an injected clock (SPEC §4): what is sent
// opens the feedback conversation in the DM and is marked sent; quiet hours hold a prompt until the
// morning; opt-outs, reopened tickets and resolvers are never asked; a restart never sends twice; one
// reminder at most; answering marks the prompt answered and the feedback's source says why it came.
#include "commands/prompt_sender.hpp"

#include "dispatch_fixture.hpp"
#include "storage/prompt_repository.hpp"
#include "support/prompt_rows.hpp"

namespace csibot::commands {
namespace {

using namespace std::chrono_literals;
using csibot::test::utc;

class prompt_sender_test : public test::dispatch_test {
 protected:
  std::unique_ptr<prompt_sender> sender;

  void SetUp() override {
    dispatch_test::SetUp();
    sender = std::make_unique<prompt_sender>(*db, settings);
  }
  void restart_all() {
    sender.reset();
    restart();
    sender = std::make_unique<prompt_sender>(*db, settings);
  }
  storage::prompt_repository prompts() { return storage::prompt_repository{*db}; }

  std::int64_t ticket(std::string user, std::string id, core::timestamp due,
                      std::optional<std::string> resolver = std::nullopt) {
    return prompts()
        .schedule(csibot::test::ticket_prompt(std::move(user), std::move(id), due, now, std::move(resolver)))
        .id;
  }
  std::int64_t pulse(std::string user, std::string run, core::timestamp due, std::string service = "vpn") {
    return prompts()
        .schedule(csibot::test::pulse_prompt(std::move(user), std::move(service), std::move(run), due, now))
        .id;
  }
  batch_result run(std::vector<prompt_job> jobs) { return sender->run(jobs, bot->catalog(), now); }
  batch_result run_one(std::int64_t id) { return run({prompt_job{.id = id}}); }
  storage::prompt_state state(std::int64_t id) { return prompts().find(id)->state; }
};

TEST_F(prompt_sender_test, an_allowed_prompt_opens_the_conversation_in_the_dm_and_is_marked_sent) {
  const auto id = ticket("local:alice", "INC-1042", now);
  const auto r = run_one(id);  // Monday 10:00 in Berlin
  EXPECT_EQ(r.asked, 1u);
  ASSERT_EQ(r.messages.size(), 1u);
  const auto& m = r.messages[0];
  EXPECT_EQ(m.kind, core::delivery::direct);
  EXPECT_EQ(m.platform, "local");
  EXPECT_EQ(m.user, "alice");
  EXPECT_TRUE(m.body.text.starts_with("Your ticket *INC-1042* about *Remote access VPN* was resolved"))
      << m.body.text;
  EXPECT_NE(m.body.text.find("How satisfied are you"), std::string::npos) << m.body.text;
  EXPECT_NE(m.body.context.find("Owners of this service can see who"), std::string::npos) << m.body.context;
  EXPECT_NE(m.body.context.find("`/csi optout`"), std::string::npos) << m.body.context;
  EXPECT_EQ(m.body.buttons.size(), 5u) << "the rating buttons";
  EXPECT_EQ(state(id), storage::prompt_state::sent);
  EXPECT_EQ(prompts().find(id)->sent_at, now);
  EXPECT_EQ(open_conversations(), 1);
  EXPECT_EQ(r.sent_by_platform.at("local"), 1u);
}

TEST_F(prompt_sender_test,
       answering_marks_the_prompt_answered_and_the_feedback_says_it_came_from_the_ticket) {
  const auto id = ticket("local:alice", "INC-7", now);
  run_one(id);
  send(click("alice", "csi.rate", "vpn:4"));
  send(dm("alice", "fast again"));
  send(dm("alice", "skip"));
  send(dm("alice", "skip"));
  const auto fb = all_feedback();
  ASSERT_EQ(fb.size(), 1u);
  EXPECT_EQ(fb[0].source, core::source::ticket);
  EXPECT_EQ(fb[0].rating, 4);
  EXPECT_EQ(state(id), storage::prompt_state::answered);
  const auto counts = prompts().response_counts("vpn", now - 1h, now + 1h);
  EXPECT_EQ(counts, (storage::prompt_counts{1, 1}));
}

TEST_F(prompt_sender_test,
       a_pulse_prompt_answered_in_one_line_is_answered_too_and_its_conversation_is_a_pulse) {
  const auto id = pulse("local:bo", "pulse#1", now);
  run_one(id);
  send(dm("bo", "2"));
  ASSERT_EQ(all_feedback().size(), 1u);
  EXPECT_EQ(all_feedback()[0].source, core::source::pulse);
  EXPECT_EQ(state(id), storage::prompt_state::answered);
}

TEST_F(prompt_sender_test, quiet_hours_hold_a_prompt_until_the_morning_and_it_is_sent_then) {
  now = utc(2026, 11, 30, 19, 0);  // 20:00 in Berlin
  const auto id = ticket("local:alice", "INC-2", now);
  const auto r = run_one(id);
  EXPECT_EQ(r.asked, 0u);
  EXPECT_EQ(r.waiting, 1u);
  EXPECT_TRUE(r.messages.empty());
  const auto row = prompts().find(id);
  EXPECT_EQ(row->state, storage::prompt_state::pending);
  EXPECT_EQ(row->reason, "quiet_hours");
  EXPECT_EQ(row->due_at, utc(2026, 12, 1, 7, 0)) << "08:00 in Berlin";
  EXPECT_TRUE(prompts().due_for("local", now + 1h, 10).empty());

  now = row->due_at;
  EXPECT_EQ(run_one(id).asked, 1u);
  EXPECT_EQ(state(id), storage::prompt_state::sent);
}

TEST_F(prompt_sender_test, the_persons_own_time_zone_from_the_platform_decides_the_night) {
  now = utc(2026, 11, 30, 12, 0);  // 13:00 in Berlin, 07:00 in New York
  const auto id = ticket("local:alice", "INC-3", now);
  const auto r = run({prompt_job{.id = id, .time_zone = "America/New_York"}});
  EXPECT_EQ(r.waiting, 1u);
  EXPECT_EQ(prompts().find(id)->due_at, utc(2026, 11, 30, 13, 0)) << "08:00 in New York";
}

TEST_F(prompt_sender_test, an_opted_out_person_is_skipped_and_hears_nothing) {
  prompts().opt_out("local:alice", now - 1h);
  const auto id = ticket("local:alice", "INC-4", now);  // the webhook came after the opt-out
  const auto r = run_one(id);
  EXPECT_TRUE(r.messages.empty());
  EXPECT_EQ(r.skipped, 1u);
  EXPECT_EQ(state(id), storage::prompt_state::skipped);
  EXPECT_EQ(prompts().find(id)->reason, "opted_out");
  EXPECT_EQ(open_conversations(), 0);
}

TEST_F(prompt_sender_test, a_ticket_reopened_before_its_prompt_went_out_is_never_sent) {
  const auto id = ticket("local:alice", "INC-5", now + 1h);
  EXPECT_TRUE(prompts().cancel_ticket("vpn", "INC-5"));
  now += 2h;
  const auto r = run_one(id);
  EXPECT_TRUE(r.messages.empty());
  EXPECT_EQ(state(id), storage::prompt_state::cancelled);
}

TEST_F(prompt_sender_test, a_restart_between_the_webhook_and_the_send_sends_once) {
  const auto id = ticket("local:alice", "INC-6", now + 1h);
  restart_all();
  now += 1h;
  EXPECT_EQ(run_one(id).messages.size(), 1u);
  EXPECT_TRUE(run_one(id).messages.empty()) << "a second pass finds it sent";
  restart_all();
  EXPECT_TRUE(run_one(id).messages.empty()) << "and so does the next process";
  EXPECT_TRUE(prompts().due_for("local", now + 24h, 10).empty());
}

TEST_F(prompt_sender_test, the_resolver_is_never_asked_once_the_address_is_resolved) {
  const auto id = ticket("email:alice@example.com", "INC-8", now, "local:alice");
  const auto r = run({prompt_job{.id = id, .user = "local:alice"}});
  EXPECT_TRUE(r.messages.empty());
  const auto row = prompts().find(id);
  EXPECT_EQ(row->user, "local:alice");
  EXPECT_EQ(row->reason, "resolver");
  EXPECT_EQ(row->state, storage::prompt_state::skipped);
}

TEST_F(prompt_sender_test,
       an_address_no_platform_knows_is_skipped_with_its_reason_and_a_failed_lookup_waits) {
  const auto unknown = ticket("email:nobody@example.com", "INC-9", now);
  const auto flaky = ticket("email:alice@example.com", "INC-10", now);
  run({prompt_job{.id = unknown, .skip = std::string{prompt_sender::email_not_found}},
       prompt_job{.id = flaky, .retry_at = now + 5min}});
  EXPECT_EQ(prompts().find(unknown)->reason, "email_not_found");
  EXPECT_EQ(state(unknown), storage::prompt_state::skipped);
  EXPECT_EQ(prompts().find(flaky)->reason, "lookup_failed");
  EXPECT_EQ(prompts().find(flaky)->due_at, now + 5min);
  EXPECT_EQ(state(flaky), storage::prompt_state::pending);
}

TEST_F(prompt_sender_test, a_conversation_in_progress_holds_the_prompt_until_it_ends) {
  send(command("alice", "feedback email"));
  const auto id = ticket("local:alice", "INC-11", now);
  run_one(id);
  const auto row = prompts().find(id);
  EXPECT_EQ(row->state, storage::prompt_state::pending);
  EXPECT_EQ(row->reason, "conversation_open");
  EXPECT_GT(row->due_at, now);
}

TEST_F(prompt_sender_test, a_ticket_prompt_goes_before_a_pulse_for_the_same_person) {
  const auto p = pulse("local:alice", "pulse#1", now, "email");
  const auto t = ticket("local:alice", "INC-12", now);
  // The runtime lists ticket prompts first (prompt_repository::due_for orders them so).
  const auto due = prompts().due_for("local", now, 10);
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0].id, t);
  const auto r = run({prompt_job{.id = due[0].id}, prompt_job{.id = due[1].id}});
  EXPECT_EQ(r.asked, 1u);
  EXPECT_EQ(state(t), storage::prompt_state::sent);
  EXPECT_EQ(state(p), storage::prompt_state::pending) << "waits for the ticket's conversation";
}

TEST_F(prompt_sender_test, one_reminder_after_the_delay_and_never_a_second) {
  const auto id = pulse("local:alice", "pulse#2", now);
  run_one(id);
  now += 3 * 24h;  // Thursday 10:00 in Berlin; the conversation expired long ago
  const auto due = prompts().reminders_due(now - settings.policy.reminder_after, now, 10);
  ASSERT_EQ(due.size(), 1u);
  const auto r = run({prompt_job{.id = id, .reminder = true}});
  EXPECT_EQ(r.reminded, 1u);
  ASSERT_EQ(r.messages.size(), 1u);
  EXPECT_NE(r.messages[0].body.text.find("This is the only reminder"), std::string::npos)
      << r.messages[0].body.text;
  EXPECT_EQ(prompts().find(id)->reminded_at, now);
  now += 3 * 24h;
  EXPECT_TRUE(run({prompt_job{.id = id, .reminder = true}}).messages.empty());
  EXPECT_TRUE(prompts().reminders_due(now, now, 10).empty());
}

TEST_F(prompt_sender_test, no_reminder_for_an_answered_prompt_or_someone_who_opted_out) {
  const auto answered = pulse("local:alice", "pulse#3", now);
  const auto quiet = pulse("local:bo", "pulse#3", now);
  run({prompt_job{.id = answered}, prompt_job{.id = quiet}});
  send(dm("alice", "5"));
  send(command("bo", "optout"));
  now += 3 * 24h;
  const auto r =
      run({prompt_job{.id = answered, .reminder = true}, prompt_job{.id = quiet, .reminder = true}});
  EXPECT_TRUE(r.messages.empty());
  EXPECT_EQ(prompts().find(quiet)->reminder_reason, "opted_out");
  EXPECT_FALSE(prompts().find(answered)->reminded_at);
}

}  // namespace
}  // namespace csibot::commands
