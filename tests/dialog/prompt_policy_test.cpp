// The prompt policy (SPEC §4, docs/prompts.md): every rule alone, then in combination, with the
// time injected. 2026-11-30 is a Monday; Berlin is UTC+1 in winter (UTC+2 in summer), New York UTC−5
// in winter (UTC−4 in summer).
#include "dialog/prompt_policy.hpp"

#include <gtest/gtest.h>

#include "dialog/test_support.hpp"

namespace csibot::dialog {
namespace {

using namespace std::chrono_literals;
using core::prompt_kind;
using core::timestamp;
using csibot::test::utc;

constexpr auto ask = prompt_verdict::ask;
constexpr auto wait = prompt_verdict::wait;
constexpr auto never = prompt_verdict::never;

struct policy_test : ::testing::Test {
  config::policy_settings policy;  // 30d, 2 a week, 18:00-08:00, weekends off
  prompt_request request{"slack:U1", "vpn", prompt_kind::pulse, {}, false, {}, {}, {}};
  person_state person{"Europe/Berlin", false, {}, {}, {}};

  prompt_decision at(timestamp now) { return decide_prompt(request, person, policy, "UTC", now); }
};

// ---- quiet hours and weekends, in the person's zone --------------------------------------------

struct clock_case {
  const char* name;
  const char* zone;
  const char* quiet_hours;
  bool skip_weekends;
  timestamp now;
  prompt_verdict verdict;
  prompt_reason reason;
  timestamp until;  // only checked for wait
};

class clock_rules : public policy_test, public ::testing::WithParamInterface<clock_case> {};

TEST_P(clock_rules, decide) {
  const auto& c = GetParam();
  person.time_zone = c.zone;
  policy.quiet_hours = c.quiet_hours;
  policy.skip_weekends = c.skip_weekends;
  const auto d = at(c.now);
  EXPECT_EQ(d.verdict, c.verdict);
  EXPECT_EQ(to_string(d.reason), to_string(c.reason));
  if (c.verdict == wait) {
    EXPECT_EQ(core::to_iso8601(d.wait_until), core::to_iso8601(c.until));
  } else {
    EXPECT_EQ(d.wait_until, c.now);
  }
}

constexpr auto quiet = prompt_reason::quiet_hours;
constexpr auto weekend = prompt_reason::weekend;
constexpr auto allowed = prompt_reason::allowed;

INSTANTIATE_TEST_SUITE_P(
    prompt_policy, clock_rules,
    ::testing::Values(
        // Berlin, Tuesday 1 December (UTC+1).
        clock_case{"berlin_office_hours",
                   "Europe/Berlin",
                   "18:00-08:00",
                   true,
                   utc(2026, 12, 1, 9),
                   ask,
                   allowed,
                   {}},
        clock_case{"berlin_quiet_starts_at_18", "Europe/Berlin", "18:00-08:00", true, utc(2026, 12, 1, 17),
                   wait, quiet, utc(2026, 12, 2, 7)},
        clock_case{"berlin_last_minute_before_quiet",
                   "Europe/Berlin",
                   "18:00-08:00",
                   true,
                   utc(2026, 12, 1, 16, 59),
                   ask,
                   allowed,
                   {}},
        clock_case{"berlin_after_midnight_waits_for_8_same_day", "Europe/Berlin", "18:00-08:00", true,
                   utc(2026, 12, 1, 3), wait, quiet, utc(2026, 12, 1, 7)},
        clock_case{"berlin_quiet_ends_at_8",
                   "Europe/Berlin",
                   "18:00-08:00",
                   true,
                   utc(2026, 12, 1, 7),
                   ask,
                   allowed,
                   {}},
        // The same instants in New York (UTC−5): 09:00 UTC is 04:00 there.
        clock_case{"new_york_night_when_berlin_works", "America/New_York", "18:00-08:00", true,
                   utc(2026, 12, 1, 9), wait, quiet, utc(2026, 12, 1, 13)},
        clock_case{"new_york_morning",
                   "America/New_York",
                   "18:00-08:00",
                   true,
                   utc(2026, 12, 1, 14),
                   ask,
                   allowed,
                   {}},
        // Quiet hours that do not wrap midnight, and none at all.
        clock_case{"lunch_break_quiet_hours", "Europe/Berlin", "12:00-13:00", true, utc(2026, 12, 1, 11, 30),
                   wait, quiet, utc(2026, 12, 1, 12)},
        clock_case{
            "no_quiet_hours_allows_3am", "Europe/Berlin", "", true, utc(2026, 12, 1, 2), ask, allowed, {}},
        // Weekends: 23:30 UTC on Friday is already Saturday 00:30 in Berlin.
        clock_case{"saturday_in_berlin_while_friday_in_utc", "Europe/Berlin", "", true,
                   utc(2026, 12, 4, 23, 30), wait, weekend, utc(2026, 12, 6, 23)},
        clock_case{"saturday_waits_for_monday_08", "Europe/Berlin", "18:00-08:00", true, utc(2026, 12, 5, 10),
                   wait, weekend, utc(2026, 12, 7, 7)},
        clock_case{"saturday_night_is_weekend", "Europe/Berlin", "18:00-08:00", true, utc(2026, 12, 5, 22),
                   wait, weekend, utc(2026, 12, 7, 7)},
        clock_case{"friday_evening_waits_past_the_weekend", "Europe/Berlin", "18:00-08:00", true,
                   utc(2026, 12, 4, 18), wait, quiet, utc(2026, 12, 7, 7)},
        // 04:00 UTC Saturday is still Friday 23:00 in New York: quiet hours, then the weekend.
        clock_case{"still_friday_in_new_york", "America/New_York", "18:00-08:00", true, utc(2026, 12, 5, 4),
                   wait, quiet, utc(2026, 12, 7, 13)},
        clock_case{"friday_afternoon_in_new_york",
                   "America/New_York",
                   "18:00-08:00",
                   true,
                   utc(2026, 12, 4, 22),
                   ask,
                   allowed,
                   {}},
        clock_case{"weekends_allowed_when_not_skipped",
                   "Europe/Berlin",
                   "18:00-08:00",
                   false,
                   utc(2026, 12, 5, 10),
                   ask,
                   allowed,
                   {}},
        // DST: Berlin springs forward on 2026-03-29 (02:00 CET → 03:00 CEST), falls back on 2026-10-25.
        clock_case{"spring_forward_night_ends_at_8_summer_time", "Europe/Berlin", "22:00-08:00", false,
                   utc(2026, 3, 29, 0, 30), wait, quiet, utc(2026, 3, 29, 6)},
        clock_case{"quiet_end_inside_the_gap_moves_to_its_end", "Europe/Berlin", "22:00-02:30", false,
                   utc(2026, 3, 29, 0, 30), wait, quiet, utc(2026, 3, 29, 1)},
        clock_case{"fall_back_night_ends_at_8_winter_time", "Europe/Berlin", "22:00-08:00", false,
                   utc(2026, 10, 24, 23), wait, quiet, utc(2026, 10, 25, 7)},
        clock_case{"new_york_spring_forward", "America/New_York", "18:00-08:00", false, utc(2026, 3, 8, 10),
                   wait, quiet, utc(2026, 3, 8, 12)}),
    [](const auto& test_info) { return std::string{test_info.param.name}; });

TEST_F(policy_test, unknown_or_missing_zone_uses_the_bot_zone) {
  const auto now = utc(2026, 12, 1, 14);  // 15:00 Berlin, 09:00 New York, 23:00 Tokyo
  person.time_zone = "";
  EXPECT_EQ(decide_prompt(request, person, policy, "Asia/Tokyo", now).verdict, wait);
  EXPECT_EQ(decide_prompt(request, person, policy, "Europe/Berlin", now).verdict, ask);
  person.time_zone = "Mars/Olympus_Mons";
  EXPECT_EQ(decide_prompt(request, person, policy, "Asia/Tokyo", now).verdict, wait);
  person.time_zone = "America/New_York";  // the person's own zone wins over the bot's
  EXPECT_EQ(decide_prompt(request, person, policy, "Asia/Tokyo", now).verdict, ask);
}

TEST_F(policy_test, the_sentence_names_the_local_time_it_waits_for) {
  const auto d = at(utc(2026, 12, 1, 20));
  EXPECT_EQ(d.text, "It is quiet hours for slack:U1; the vpn prompt waits until 2026-12-02 08:00 CET.");
}

TEST(prompt_policy, quiet_hours_parse) {
  const auto night = parse_quiet_hours("18:00-08:00");
  ASSERT_TRUE(night);
  EXPECT_EQ(night->start, 18h);
  EXPECT_EQ(night->end, 8h);
  EXPECT_EQ(parse_quiet_hours("12:30-13:45")->end, 13h + 45min);
  for (const char* bad : {"", "08:00-08:00", "24:00-08:00", "8:00-18:00", "18:00 08:00", "18:60-08:00"})
    EXPECT_FALSE(parse_quiet_hours(bad)) << bad;
}

TEST(prompt_policy, reason_codes_are_stable) {
  EXPECT_EQ(to_string(prompt_reason::allowed), "allowed");
  EXPECT_EQ(to_string(prompt_reason::ticket_already_asked), "ticket_already_asked");
  EXPECT_EQ(to_string(prompt_reason::joined_after_pulse), "joined_after_pulse");
  EXPECT_EQ(to_string(prompt_reason::conversation_open), "conversation_open");
  EXPECT_EQ(to_string(prompt_reason::weekly_budget), "weekly_budget");
  EXPECT_EQ(to_string(prompt_reason::weekend), "weekend");
}

}  // namespace
}  // namespace csibot::dialog
