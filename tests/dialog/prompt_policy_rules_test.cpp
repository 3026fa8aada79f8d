// The prompt policy's rules about people and history (SPEC §4, docs/prompts.md): opt-out, resolver,
// one prompt per ticket, no back-fill, reminders, open conversations, ticket before pulse, cooldown
// and the weekly budget — alone and combined. Times are Tuesday 2026-12-01 in Berlin (UTC+1) unless
// said otherwise, so that the clock rules stay out of the way.
#include <gtest/gtest.h>

#include "dialog/prompt_policy.hpp"
#include "dialog/test_support.hpp"

namespace csibot::dialog {
namespace {

using namespace std::chrono_literals;
using core::prompt_kind;
using core::timestamp;
using csibot::test::utc;

const timestamp tuesday_10 = utc(2026, 12, 1, 9);  // 10:00 in Berlin

core::prompt_record sent(std::string service, timestamp at) {
  return core::prompt_record{std::move(service), prompt_kind::pulse, at, false, false};
}

class prompt_rules : public ::testing::Test {
 protected:
  config::policy_settings policy;  // 30d, 2 a week, 18:00-08:00, weekends off
  prompt_request request{"slack:U1", "vpn", prompt_kind::ticket, {}, false, {}, {}, {}};
  person_state person{"Europe/Berlin", false, {}, {}, {}};

  prompt_decision at(timestamp now) { return decide_prompt(request, person, policy, "UTC", now); }

  void expect(timestamp now, prompt_verdict verdict, prompt_reason reason,
              std::optional<timestamp> until = std::nullopt) {
    const auto d = at(now);
    EXPECT_EQ(d.verdict, verdict);
    EXPECT_EQ(to_string(d.reason), to_string(reason)) << d.text;
    if (until) {
      EXPECT_EQ(core::to_iso8601(d.wait_until), core::to_iso8601(*until));
    }
    EXPECT_FALSE(d.text.empty());
    EXPECT_EQ(d.text.find("\u27e8"), std::string::npos) << d.text;  // a catalog text exists
  }
};

TEST_F(prompt_rules, a_fresh_person_in_office_hours_is_asked) {
  expect(tuesday_10, prompt_verdict::ask, prompt_reason::allowed);
}

TEST_F(prompt_rules, opted_out_beats_everything) {
  person.opted_out = true;
  expect(tuesday_10, prompt_verdict::never, prompt_reason::opted_out);
  // Every other rule would also object here; the person's own wish is still what is reported.
  request.resolver = request.user;
  request.ticket_already_prompted = true;
  person.conversation_until = tuesday_10 + 1h;
  person.history = {sent("vpn", tuesday_10 - 1h), sent("email", tuesday_10 - 2h)};
  expect(utc(2026, 12, 5, 23), prompt_verdict::never, prompt_reason::opted_out);
  for (const auto kind : {prompt_kind::pulse, prompt_kind::reminder}) {
    request.kind = kind;
    request.original = sent("vpn", tuesday_10 - 1h);
    expect(tuesday_10, prompt_verdict::never, prompt_reason::opted_out);
  }
}

TEST_F(prompt_rules, the_resolver_of_a_ticket_is_never_asked) {
  request.resolver = "slack:U1";
  expect(tuesday_10, prompt_verdict::never, prompt_reason::resolver);
  request.resolver = "slack:U9";  // someone else resolved it
  expect(tuesday_10, prompt_verdict::ask, prompt_reason::allowed);
}

TEST_F(prompt_rules, a_ticket_is_asked_about_once) {
  request.ticket_already_prompted = true;
  expect(tuesday_10, prompt_verdict::never, prompt_reason::ticket_already_asked);
}

TEST_F(prompt_rules, people_who_joined_after_the_pulse_started_are_not_back_filled) {
  request.kind = prompt_kind::pulse;
  request.pulse_started_at = tuesday_10 - 1h;
  request.joined_at = tuesday_10 - 30min;
  expect(tuesday_10, prompt_verdict::never, prompt_reason::joined_after_pulse);
  request.joined_at = tuesday_10 - 2h;
  expect(tuesday_10, prompt_verdict::ask, prompt_reason::allowed);
  request.joined_at.reset();  // unknown: a member of the audience
  expect(tuesday_10, prompt_verdict::ask, prompt_reason::allowed);
}

TEST_F(prompt_rules, one_reminder_at_most_and_none_after_an_answer) {
  request.kind = prompt_kind::reminder;
  request.original = sent("vpn", tuesday_10 - 24h);
  // The original prompt fills the cooldown and, with another, the budget: a reminder is not a new prompt.
  person.history = {*request.original, sent("email", tuesday_10 - 48h)};
  expect(tuesday_10, prompt_verdict::ask, prompt_reason::allowed);
  request.original->reminded = true;
  expect(tuesday_10, prompt_verdict::never, prompt_reason::already_reminded);
  request.original->reminded = false;
  request.original->answered = true;
  expect(tuesday_10, prompt_verdict::never, prompt_reason::prompt_answered);
  request.original.reset();
  expect(tuesday_10, prompt_verdict::never, prompt_reason::prompt_answered);
}

TEST_F(prompt_rules, reminders_respect_quiet_hours) {
  request.kind = prompt_kind::reminder;
  request.original = sent("vpn", tuesday_10 - 24h);
  expect(utc(2026, 12, 1, 20), prompt_verdict::wait, prompt_reason::quiet_hours, utc(2026, 12, 2, 7));
}

TEST_F(prompt_rules, an_open_conversation_makes_the_prompt_wait_for_its_end) {
  person.conversation_until = tuesday_10 + 30min;
  expect(tuesday_10, prompt_verdict::wait, prompt_reason::conversation_open, tuesday_10 + 30min);
  // A conversation that ends in the evening pushes the prompt past the night.
  person.conversation_until = utc(2026, 12, 1, 17, 30);
  expect(tuesday_10, prompt_verdict::wait, prompt_reason::conversation_open, utc(2026, 12, 2, 7));
  person.conversation_until = tuesday_10 - 1min;  // expired: no longer open
  expect(tuesday_10, prompt_verdict::ask, prompt_reason::allowed);
}

TEST_F(prompt_rules, a_due_ticket_prompt_goes_before_a_pulse) {
  person.pending_ticket_due = tuesday_10 - 5min;
  request.kind = prompt_kind::pulse;
  expect(tuesday_10, prompt_verdict::wait, prompt_reason::ticket_first, tuesday_10 + ticket_first_pause);
  person.pending_ticket_due = tuesday_10 + 2h;  // not due yet: the pulse waits for it
  expect(tuesday_10, prompt_verdict::wait, prompt_reason::ticket_first, tuesday_10 + 2h);
  request.kind = prompt_kind::ticket;  // another ticket prompt does not wait for it
  expect(tuesday_10, prompt_verdict::ask, prompt_reason::allowed);
}

TEST_F(prompt_rules, cooldown_is_per_service_not_across_services) {
  person.history = {sent("email", tuesday_10 - 1h)};
  expect(tuesday_10, prompt_verdict::ask, prompt_reason::allowed);
  person.history = {sent("vpn", tuesday_10 - 10 * 24h)};
  expect(tuesday_10, prompt_verdict::never, prompt_reason::cooldown);
}

TEST_F(prompt_rules, cooldown_ending_soon_waits_for_it) {
  person.history = {sent("vpn", tuesday_10 - 30 * 24h + 2h)};
  expect(tuesday_10, prompt_verdict::wait, prompt_reason::cooldown, tuesday_10 + 2h);
  person.history = {sent("vpn", utc(2026, 12, 4, 16, 30) - 30 * 24h)};
  expect(utc(2026, 12, 4, 9), prompt_verdict::wait, prompt_reason::cooldown,
         utc(2026, 12, 4, 16, 30));  // 17:30 is not quiet yet
  // Ending at 18:30 Berlin on a Friday: the next allowed moment is Monday 08:00.
  person.history = {sent("vpn", utc(2026, 12, 4, 17, 30) - 30 * 24h)};
  expect(utc(2026, 12, 4, 9), prompt_verdict::wait, prompt_reason::cooldown, utc(2026, 12, 7, 7));
}

TEST_F(prompt_rules, cooldown_of_zero_is_no_cooldown) {
  policy.cooldown = 0ms;
  person.history = {sent("vpn", tuesday_10 - 1min)};
  expect(tuesday_10, prompt_verdict::ask, prompt_reason::allowed);
}

TEST_F(prompt_rules, the_weekly_budget_counts_every_service_and_frees_up_after_seven_days) {
  person.history = {sent("email", tuesday_10 - 6 * 24h), sent("printing", tuesday_10 - 2 * 24h)};
  const auto frees = tuesday_10 + 24h;  // the older one leaves the rolling week
  expect(tuesday_10, prompt_verdict::wait, prompt_reason::weekly_budget, frees);
  expect(frees - 1min, prompt_verdict::wait, prompt_reason::weekly_budget, frees);
  expect(frees, prompt_verdict::ask, prompt_reason::allowed);
  policy.weekly_budget = 3;
  expect(tuesday_10, prompt_verdict::ask, prompt_reason::allowed);
}

TEST_F(prompt_rules, over_budget_waits_for_enough_prompts_to_age_out) {
  policy.weekly_budget = 2;
  person.history = {sent("a", tuesday_10 - 6 * 24h - 12h), sent("b", tuesday_10 - 5 * 24h - 1h),
                    sent("c", tuesday_10 - 1h)};
  // Two of three must leave the window: the second oldest does so at tuesday_10 + 1d 23h.
  expect(tuesday_10, prompt_verdict::wait, prompt_reason::weekly_budget, tuesday_10 + 47h);
}

TEST_F(prompt_rules, a_budget_that_frees_up_too_late_drops_the_prompt) {
  person.history = {sent("email", tuesday_10 - 2 * 24h), sent("printing", tuesday_10 - 24h)};
  expect(tuesday_10, prompt_verdict::never, prompt_reason::weekly_budget);
  policy.weekly_budget = 0;  // no proactive prompts at all
  person.history.clear();
  expect(tuesday_10, prompt_verdict::never, prompt_reason::weekly_budget);
}

TEST_F(prompt_rules, the_first_rule_that_blocks_now_is_the_reason_and_the_latest_end_is_the_time) {
  person.conversation_until = tuesday_10 + 10min;
  person.history = {sent("email", tuesday_10 - 6 * 24h), sent("printing", tuesday_10 - 5 * 24h),
                    sent("vpn", tuesday_10 - 30 * 24h + 3h)};
  // conversation until 10:10, cooldown until 13:00, budget until Wednesday 10:00 local.
  expect(tuesday_10, prompt_verdict::wait, prompt_reason::conversation_open, tuesday_10 + 24h);
}

TEST_F(prompt_rules, quiet_hours_combine_with_history_rules) {
  person.history = {sent("vpn", utc(2026, 12, 1, 19) - 30 * 24h)};  // cooldown ends 20:00 Berlin
  expect(tuesday_10, prompt_verdict::wait, prompt_reason::cooldown, utc(2026, 12, 2, 7));
  // In the night the clock blocks too, but the reason is what blocks first in rule order.
  expect(utc(2026, 12, 1, 18, 30), prompt_verdict::wait, prompt_reason::cooldown, utc(2026, 12, 2, 7));
  person.history.clear();
  expect(utc(2026, 12, 1, 18, 30), prompt_verdict::wait, prompt_reason::quiet_hours, utc(2026, 12, 2, 7));
}

TEST_F(prompt_rules, a_dropped_prompt_says_so) {
  person.history = {sent("vpn", tuesday_10 - 24h)};
  const auto d = at(tuesday_10);
  EXPECT_EQ(d.verdict, prompt_verdict::never);
  EXPECT_EQ(d.text.find("waits until"), std::string::npos) << d.text;
}

}  // namespace
}  // namespace csibot::dialog
