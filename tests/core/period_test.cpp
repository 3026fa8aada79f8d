#include "core/period.hpp"

#include <gtest/gtest.h>

#include <chrono>

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
  EXPECT_EQ(parse_period("2026-Q3", now), (period{utc(2026, 7, 1), utc(2026, 10, 1), "2026-Q3"}));
  EXPECT_EQ(parse_period("2026-Q1", now), (period{utc(2026, 1, 1), utc(2026, 4, 1), "2026-Q1"}));
  // The last quarter ends at the next new year.
  EXPECT_EQ(parse_period("2025-q4", now), (period{utc(2025, 10, 1), utc(2026, 1, 1), "2025-q4"}));
}

TEST(period, month_is_a_whole_utc_month) {
  EXPECT_EQ(parse_period("2026-10", now), (period{utc(2026, 10, 1), utc(2026, 11, 1), "2026-10"}));
  EXPECT_EQ(parse_period("2025-12", now), (period{utc(2025, 12, 1), utc(2026, 1, 1), "2025-12"}));
  EXPECT_EQ(parse_period("2024-02", now), (period{utc(2024, 2, 1), utc(2024, 3, 1), "2024-02"}));
}

TEST(period, year_is_a_whole_utc_year) {
  EXPECT_EQ(parse_period("2025", now), (period{utc(2025, 1, 1), utc(2026, 1, 1), "2025"}));
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

TEST(period, previous_has_equal_length_and_ends_where_this_starts) {
  const auto p = *parse_period("7d", now);
  const auto prev = p.previous();
  EXPECT_EQ(prev.to, p.from);
  EXPECT_EQ(prev.from, now - std::chrono::days{14});
  EXPECT_EQ(prev.label, "previous 7d");

  const auto q = *parse_period("2026-Q3", now);  // 92 days: July, August, September
  const auto before = q.previous();
  EXPECT_EQ(before.to, utc(2026, 7, 1));
  EXPECT_EQ(before.to - before.from, q.to - q.from);
  EXPECT_EQ(before.from, utc(2026, 3, 31));
}

}  // namespace
}  // namespace csibot::core
