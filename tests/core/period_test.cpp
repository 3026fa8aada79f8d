#include "core/period.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <utility>
#include <variant>

#include "core/cron.hpp"

namespace csibot::core {
namespace {

timestamp utc(int y, unsigned mo, unsigned d, int h = 0, int mi = 0) {
  return timestamp{
             std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{mo} / std::chrono::day{d}}} +
         std::chrono::hours{h} + std::chrono::minutes{mi};
}

const timestamp now = utc(2026, 11, 30, 9, 42);

TEST(period, rolling_days_end_now) {
  const auto p = parse_period("7d", now);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->from, now - std::chrono::days{7});
  EXPECT_EQ(p->to, now);
  EXPECT_EQ(p->label, "7d");
}

TEST(period, rolling_hours_and_weeks_end_now) {
  EXPECT_EQ(parse_period("24h", now), (period{now - std::chrono::hours{24}, now, "24h"}));
  EXPECT_EQ(parse_period("12w", now), (period{now - std::chrono::weeks{12}, now, "12w"}));
}

TEST(period, quarter_is_a_whole_utc_quarter) {
  EXPECT_EQ(parse_period("2026-Q3", now), (period{utc(2026, 7, 1), utc(2026, 10, 1), "2026-Q3", nullptr, 3}));
  EXPECT_EQ(parse_period("2026-Q1", now), (period{utc(2026, 1, 1), utc(2026, 4, 1), "2026-Q1", nullptr, 3}));
  // The last quarter ends at the next new year.
  EXPECT_EQ(parse_period("2025-q4", now), (period{utc(2025, 10, 1), utc(2026, 1, 1), "2025-q4", nullptr, 3}));
}

TEST(period, month_is_a_whole_utc_month) {
  EXPECT_EQ(parse_period("2026-10", now),
            (period{utc(2026, 10, 1), utc(2026, 11, 1), "2026-10", nullptr, 1}));
  EXPECT_EQ(parse_period("2025-12", now), (period{utc(2025, 12, 1), utc(2026, 1, 1), "2025-12", nullptr, 1}));
  EXPECT_EQ(parse_period("2024-02", now), (period{utc(2024, 2, 1), utc(2024, 3, 1), "2024-02", nullptr, 1}));
}

TEST(period, year_is_a_whole_utc_year) {
  EXPECT_EQ(parse_period("2025", now), (period{utc(2025, 1, 1), utc(2026, 1, 1), "2025", nullptr, 12}));
}

TEST(period, since_runs_from_the_date_to_now) {
  EXPECT_EQ(parse_period("since:2026-10-01", now), (period{utc(2026, 10, 1), now, "since:2026-10-01"}));
  EXPECT_EQ(parse_period("since:2026-11-30T08:00:00+01:00", now)->from, utc(2026, 11, 30, 7));
}

TEST(period, since_in_the_future_or_now_is_rejected) {
  EXPECT_FALSE(parse_period("since:2027-01-01", now));
  EXPECT_FALSE(parse_period("since:2026-11-30T09:42:00Z", now));  // exactly now: empty
  EXPECT_FALSE(parse_period("since:", now));
  EXPECT_FALSE(parse_period("since:2026-02-30", now));
  EXPECT_FALSE(parse_period("since:yesterday", now));
}

TEST(period, all_covers_everything_up_to_now) {
  const auto p = parse_period("all", now);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->from, timestamp{});
  EXPECT_EQ(p->to, now);
  EXPECT_TRUE(p->contains(utc(1999, 1, 1)));
  EXPECT_FALSE(p->contains(now));
}

TEST(period, zero_length_is_rejected) {
  EXPECT_FALSE(parse_period("0d", now));
  EXPECT_FALSE(parse_period("0s", now));
  EXPECT_FALSE(parse_period("0h0m", now));
}

TEST(period, rolling_length_before_the_epoch_is_rejected) {
  EXPECT_FALSE(parse_period("100000w", now));
}

TEST(period, garbage_is_rejected) {
  for (const char* bad :
       {"",        "garbage", "7",      "d",          "-7d",     "7 d",    "7D",       "last week",
        "2026-Q5", "2026-Q0", "2026-Q", "2026-13",    "2026-00", "2026-1", "2026-100", "2026/10",
        "20261",   "1969",    "0000",   "2026-10-01", "ALL",     "since",  "7d ",      " 7d"}) {
    EXPECT_FALSE(parse_period(bad, now)) << bad;
  }
}

// core/period.hpp: "Returns nullopt ... for a start after `now`". A quarter, month or year that has
// not begun yet has no feedback and is most likely a typo of the year.
TEST(period, calendar_period_starting_after_now_is_rejected) {
  EXPECT_FALSE(parse_period("2027", now));
  EXPECT_FALSE(parse_period("2027-Q1", now));
  EXPECT_FALSE(parse_period("2026-12", now));
}

TEST(period, current_calendar_period_is_accepted_although_it_ends_after_now) {
  EXPECT_TRUE(parse_period("2026", now));
  EXPECT_TRUE(parse_period("2026-Q4", now));
  EXPECT_TRUE(parse_period("2026-11", now));
}

TEST(period, contains_is_half_open) {
  const auto p = *parse_period("2026-10", now);
  EXPECT_TRUE(p.contains(utc(2026, 10, 1)));
  EXPECT_TRUE(p.contains(utc(2026, 11, 1) - std::chrono::milliseconds{1}));
  EXPECT_FALSE(p.contains(utc(2026, 11, 1)));
  EXPECT_FALSE(p.contains(utc(2026, 9, 30, 23, 59)));
}

TEST(period, previous_of_a_rolling_period_has_equal_length_and_ends_where_this_starts) {
  const auto p = *parse_period("7d", now);
  const auto prev = p.previous();
  EXPECT_EQ(prev.to, p.from);
  EXPECT_EQ(prev.from, now - std::chrono::days{14});
  EXPECT_EQ(prev.label, "previous 7d");
  const auto since = parse_period("since:2026-11-20", now)->previous();
  EXPECT_EQ(since.from, utc(2026, 11, 9, 14, 18));  // 10 days 9 h 42 min before 20 November
}

// "Change vs the previous period" for Q3 means Q2, not the 92 days before 1 July (31 March on).
TEST(period, previous_of_a_calendar_period_is_the_calendar_period_before) {
  const auto q3 = parse_period("2026-Q3", now)->previous();
  EXPECT_EQ(q3.from, utc(2026, 4, 1));
  EXPECT_EQ(q3.to, utc(2026, 7, 1));
  EXPECT_EQ(parse_period("2026-Q1", now)->previous().from, utc(2025, 10, 1)) << "across the new year";
  EXPECT_EQ(parse_period("2026-03", now)->previous().from, utc(2026, 2, 1)) << "February, 28 days";
  EXPECT_EQ(parse_period("2024-03", now)->previous().from, utc(2024, 2, 1)) << "leap February";
  EXPECT_EQ(parse_period("2026-01", now)->previous().from, utc(2025, 12, 1));
  EXPECT_EQ(parse_period("2025", now)->previous().from, utc(2024, 1, 1));
  // The current month is compared with the whole month before, although it has not ended.
  const auto november = *parse_period("2026-11", now);
  EXPECT_EQ(november.previous().from, utc(2026, 10, 1));
  EXPECT_EQ(november.previous().previous().from, utc(2026, 9, 1)) << "and so on, back";
  // In the bot's zone, at local midnights: Berlin's Q2 began at 22:00 UTC on 31 March (summer time).
  const auto* berlin = find_time_zone("Europe/Berlin");
  const auto q2 = parse_period("2026-Q3", now, berlin)->previous();
  EXPECT_EQ(q2.from, utc(2026, 3, 31, 22));
  EXPECT_EQ(q2.to, utc(2026, 6, 30, 22));
}

// In the bot's zone a calendar period starts at local midnight: Berlin's Q3 (summer time, UTC+2)
// begins on 30 June at 22:00 UTC and ends on 30 September at 22:00 UTC.
TEST(period, calendar_periods_start_at_midnight_in_the_given_zone) {
  const auto* berlin = find_time_zone("Europe/Berlin");
  ASSERT_NE(berlin, nullptr);
  const auto q3 = parse_period("2026-Q3", now, berlin);
  ASSERT_TRUE(q3);
  EXPECT_EQ(q3->from, utc(2026, 6, 30, 22));
  EXPECT_EQ(q3->to, utc(2026, 9, 30, 22));
  EXPECT_TRUE(q3->contains(utc(2026, 6, 30, 23)));   // 1 July, 01:00 in Berlin
  EXPECT_FALSE(q3->contains(utc(2026, 9, 30, 23)));  // 1 October, 01:00 in Berlin
  // Winter time (UTC+1) at both ends of the year; November starts in winter, ends in winter.
  EXPECT_EQ(parse_period("2025", now, berlin)->from, utc(2024, 12, 31, 23));
  EXPECT_EQ(parse_period("2026-10", now, berlin)->to, utc(2026, 10, 31, 23));
  // Without a zone the bounds are UTC midnights, as before.
  EXPECT_EQ(parse_period("2026-Q3", now)->from, utc(2026, 7, 1));
}

TEST(period, since_a_date_or_a_wall_clock_time_is_read_in_the_zone_but_an_offset_wins) {
  const auto* tokyo = find_time_zone("Asia/Tokyo");  // UTC+9, no daylight saving time
  ASSERT_NE(tokyo, nullptr);
  EXPECT_EQ(parse_period("since:2026-10-01", now, tokyo)->from, utc(2026, 9, 30, 15));
  EXPECT_EQ(parse_period("since:2026-10-01T09:00", now, tokyo)->from, utc(2026, 10, 1));
  EXPECT_EQ(parse_period("since:2026-10-01T09:00Z", now, tokyo)->from, utc(2026, 10, 1, 9));
  EXPECT_EQ(parse_period("since:2026-10-01T09:00+01:00", now, tokyo)->from, utc(2026, 10, 1, 8));
  // Tokyo's 30 November has begun at 09:42 UTC, its 1 December has not.
  EXPECT_TRUE(parse_period("since:2026-11-30", now, tokyo));
  EXPECT_FALSE(parse_period("since:2026-12-01", now, tokyo));
}

// Asunción's clocks skipped from 00:00 to 01:00 on 1 October 2023, the night summer time began: the
// month starts with the first instant that existed, and the month before ends there, so no answer
// falls between the two.
TEST(period, a_month_whose_midnight_does_not_exist_starts_when_the_clocks_resume) {
  const auto* asuncion = find_time_zone("America/Asuncion");
  ASSERT_NE(asuncion, nullptr);
  const auto october = parse_period("2023-10", now, asuncion);
  ASSERT_TRUE(october);
  EXPECT_EQ(october->from, utc(2023, 10, 1, 4));  // 00:00 at UTC-4 never came; 01:00 at UTC-3 did
  EXPECT_EQ(parse_period("2023-09", now, asuncion)->to, october->from);
  EXPECT_EQ(october->to, utc(2023, 11, 1, 3));
}

TEST(period, bounds_are_shown_in_the_zone_they_were_read_in) {
  const auto* berlin = find_time_zone("Europe/Berlin");
  const auto q3 = *parse_period("2026-Q3", now, berlin);
  EXPECT_EQ(q3.local_iso8601(q3.from), "2026-07-01T00:00:00+02:00");
  EXPECT_EQ(q3.local_iso8601(q3.to), "2026-10-01T00:00:00+02:00");
  EXPECT_EQ(q3.previous().zone, berlin);
  const auto rolling = *parse_period("7d", now, berlin);
  EXPECT_EQ(rolling.local_iso8601(rolling.to), "2026-11-30T10:42:00+01:00");
  const auto plain = *parse_period("2026-Q3", now);
  EXPECT_EQ(plain.local_iso8601(plain.from), "2026-07-01T00:00:00Z");
}

// A weekly digest every Monday 09:00 in Berlin: the week before the Monday after the clocks go back
// (25 October 2026) has 169 hours, and starts where the previous digest's week ended, so an answer
// given on Monday 19 October between 09:00 and 10:00 is in exactly one digest.
TEST(period, a_scheduled_week_starts_at_the_same_wall_clock_time_across_a_dst_change) {
  const auto* berlin = find_time_zone("Europe/Berlin");
  ASSERT_NE(berlin, nullptr);
  const auto week = period_ending(utc(2026, 10, 26, 8), std::chrono::days{7}, "7d", berlin);
  EXPECT_EQ(week.from, utc(2026, 10, 19, 7));  // Monday 09:00 CEST
  EXPECT_EQ(week.to, utc(2026, 10, 26, 8));    // Monday 09:00 CET
  EXPECT_EQ(week.label, "7d");
  const auto before = week.previous();
  EXPECT_EQ(before.from, utc(2026, 10, 12, 7));
  EXPECT_EQ(before.to, week.from);
  // Spring: the week to Monday 30 March 2026 has 167 hours.
  EXPECT_EQ(period_ending(utc(2026, 3, 30, 7), std::chrono::days{7}, "7d", berlin).from, utc(2026, 3, 23, 8));
  // Without a zone, and for a length that is no whole number of days, the length is exact.
  EXPECT_EQ(period_ending(utc(2026, 10, 26, 8), std::chrono::days{7}, "7d", nullptr).from,
            utc(2026, 10, 19, 8));
  EXPECT_EQ(period_ending(utc(2026, 10, 26, 8), std::chrono::hours{12}, "12h", berlin).from,
            utc(2026, 10, 25, 20));
}

// Every slot of a daily and a weekly schedule over a year of DST changes: each digest's period
// starts where the one before ended.
TEST(period, consecutive_scheduled_periods_meet_exactly) {
  const auto* berlin = find_time_zone("Europe/Berlin");
  for (const auto& [cron, length] : {std::pair{"0 9 * * *", 1}, std::pair{"0 9 * * MON", 7}}) {
    const auto schedule = std::get<cron_schedule>(cron_schedule::parse(cron));
    auto slot = *schedule.next_after(utc(2026, 1, 1), berlin);
    for (int i = 0; i < 400 / length; ++i) {
      const auto next = *schedule.next_after(slot, berlin);
      EXPECT_EQ(period_ending(next, std::chrono::days{length}, "", berlin).from, slot)
          << cron << " at " << to_iso8601(next);
      slot = next;
    }
  }
}

}  // namespace
}  // namespace csibot::core
