#include "core/time.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace csibot::core {
namespace {

using namespace std::chrono_literals;

// Built with std::chrono's calendar, independently of the parser under test.
timestamp utc(int y, unsigned mo, unsigned d, int h = 0, int mi = 0, int s = 0, int ms = 0) {
  return timestamp{
             std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{mo} / std::chrono::day{d}}} +
         std::chrono::hours{h} + std::chrono::minutes{mi} + std::chrono::seconds{s} + milliseconds{ms};
}

TEST(time, millis_round_trip_through_the_storage_form) {
  const auto t = utc(2026, 11, 30, 9, 42, 15, 123);
  EXPECT_EQ(from_millis(to_millis(t)), t);
  EXPECT_EQ(to_millis(from_millis(0)), 0);
}

TEST(time, to_iso8601_writes_utc_with_seconds_precision) {
  EXPECT_EQ(to_iso8601(utc(2026, 11, 30, 9, 42, 15, 999)), "2026-11-30T09:42:15Z");
  EXPECT_EQ(to_iso8601(from_millis(0)), "1970-01-01T00:00:00Z");
  EXPECT_EQ(to_iso_date(utc(2026, 2, 28, 23, 59, 59)), "2026-02-28");
}

TEST(time, parse_iso8601_reads_a_plain_date_as_utc_midnight) {
  EXPECT_EQ(parse_iso8601("2026-11-30"), utc(2026, 11, 30));
}

TEST(time, parse_iso8601_reads_utc_and_local_forms) {
  EXPECT_EQ(parse_iso8601("2026-11-30T09:42:15Z"), utc(2026, 11, 30, 9, 42, 15));
  EXPECT_EQ(parse_iso8601("2026-11-30t09:42:15z"), utc(2026, 11, 30, 9, 42, 15));
  EXPECT_EQ(parse_iso8601("2026-11-30T09:42:15"), utc(2026, 11, 30, 9, 42, 15));  // UTC assumed
  EXPECT_EQ(parse_iso8601("2026-11-30 09:42:15"), utc(2026, 11, 30, 9, 42, 15));
  EXPECT_EQ(parse_iso8601("2026-11-30T09:42"), utc(2026, 11, 30, 9, 42));
}

TEST(time, parse_iso8601_applies_offsets) {
  EXPECT_EQ(parse_iso8601("2026-11-30T09:42:15+01:00"), utc(2026, 11, 30, 8, 42, 15));
  EXPECT_EQ(parse_iso8601("2026-11-30T09:42:15-05:30"), utc(2026, 11, 30, 15, 12, 15));
  EXPECT_EQ(parse_iso8601("2026-11-30T09:42:15+0100"), utc(2026, 11, 30, 8, 42, 15));
  EXPECT_EQ(parse_iso8601("2026-11-30T09:42:15+01"), utc(2026, 11, 30, 8, 42, 15));
  // An offset that crosses midnight moves the date.
  EXPECT_EQ(parse_iso8601("2026-01-01T00:30:00+02:00"), utc(2025, 12, 31, 22, 30));
}

TEST(time, parse_iso8601_keeps_milliseconds_of_fractions) {
  EXPECT_EQ(parse_iso8601("2026-11-30T09:42:15.123Z"), utc(2026, 11, 30, 9, 42, 15, 123));
  EXPECT_EQ(parse_iso8601("2026-11-30T09:42:15.5Z"), utc(2026, 11, 30, 9, 42, 15, 500));
  EXPECT_EQ(parse_iso8601("2026-11-30T09:42:15,25Z"), utc(2026, 11, 30, 9, 42, 15, 250));
  // Digits past milliseconds are read and dropped, not rounded.
  EXPECT_EQ(parse_iso8601("2026-11-30T09:42:15.123999+01:00"), utc(2026, 11, 30, 8, 42, 15, 123));
}

TEST(time, parse_iso8601_rejects_dates_that_do_not_exist) {
  EXPECT_FALSE(parse_iso8601("2026-02-30"));
  EXPECT_FALSE(parse_iso8601("2026-02-29"));  // 2026 is no leap year
  EXPECT_TRUE(parse_iso8601("2028-02-29"));   // 2028 is
  EXPECT_FALSE(parse_iso8601("2026-13-01"));
  EXPECT_FALSE(parse_iso8601("2026-00-10"));
  EXPECT_FALSE(parse_iso8601("2026-04-31"));
  EXPECT_FALSE(parse_iso8601("2026-11-00"));
}

TEST(time, parse_iso8601_rejects_impossible_times_and_offsets) {
  EXPECT_FALSE(parse_iso8601("2026-11-30T24:00:00Z"));
  EXPECT_FALSE(parse_iso8601("2026-11-30T09:60:00Z"));
  EXPECT_FALSE(parse_iso8601("2026-11-30T09:42:61Z"));
  EXPECT_FALSE(parse_iso8601("2026-11-30T09:42:15+24:00"));
  EXPECT_FALSE(parse_iso8601("2026-11-30T09:42:15+01:60"));
  EXPECT_FALSE(parse_iso8601("2026-11-30T09:42:15+1"));
}

TEST(time, parse_iso8601_rejects_malformed_text) {
  for (const char* bad : {"", "2026", "2026-11", "26-11-30", "2026/11/30", "2026-11-30T", "2026-11-30T9:42",
                          "2026-11-30T09:42:15.Z", "2026-11-30T09:42:15Zjunk", "2026-11-30T09:42:15+01:00x",
                          "2026-11-30x", " 2026-11-30", "2026-11-30T09:42:15 Z", "yesterday", "2026-1a-30"}) {
    EXPECT_FALSE(parse_iso8601(bad)) << bad;
  }
}

TEST(time, iso8601_round_trips_whole_seconds) {
  for (const auto t : {utc(1970, 1, 1), utc(2026, 11, 30, 9, 42, 15), utc(2028, 2, 29, 23, 59, 59),
                       utc(9999, 12, 31, 23, 59, 59)}) {
    EXPECT_EQ(parse_iso8601(to_iso8601(t)), t) << to_iso8601(t);
  }
}

TEST(time, parse_duration_reads_single_units) {
  EXPECT_EQ(parse_duration("90s"), milliseconds{90'000});
  EXPECT_EQ(parse_duration("15m"), milliseconds{15 * 60'000});
  EXPECT_EQ(parse_duration("24h"), std::chrono::hours{24});
  EXPECT_EQ(parse_duration("30d"), std::chrono::days{30});
  EXPECT_EQ(parse_duration("2w"), std::chrono::weeks{2});
  EXPECT_EQ(parse_duration("250ms"), milliseconds{250});
  EXPECT_EQ(parse_duration("0s"), milliseconds{0});
}

TEST(time, parse_duration_adds_up_sums) {
  EXPECT_EQ(parse_duration("1h30m"), std::chrono::minutes{90});
  EXPECT_EQ(parse_duration("1d12h"), std::chrono::hours{36});
  EXPECT_EQ(parse_duration("1m1ms"), milliseconds{60'001});
  EXPECT_EQ(parse_duration("1w1d1h1m1s1ms"), milliseconds{694'861'001});
}

TEST(time, parse_duration_rejects_what_is_not_a_duration) {
  for (const char* bad : {"", "h", "10", "-1h", "+1h", "1x", "1H", "1 h", " 1h", "1h ", "1.5h", "1hh", "1mo",
                          "1y", "1h-", "d1"}) {
    EXPECT_FALSE(parse_duration(bad)) << bad;
  }
}

TEST(time, parse_duration_rejects_overflow) {
  EXPECT_FALSE(parse_duration("99999999999999999999ms"));
  EXPECT_FALSE(parse_duration("9223372036854775807w"));
  EXPECT_FALSE(parse_duration("15250284452w15250284452w"));  // each fits, the sum does not
}

TEST(time, format_duration_writes_the_shortest_exact_form) {
  EXPECT_EQ(format_duration(milliseconds{0}), "0s");
  EXPECT_EQ(format_duration(std::chrono::days{1}), "1d");
  EXPECT_EQ(format_duration(std::chrono::days{30}), "30d");  // not "4w2d"
  EXPECT_EQ(format_duration(std::chrono::weeks{2}), "2w");
  EXPECT_EQ(format_duration(std::chrono::minutes{90}), "1h30m");
  EXPECT_EQ(format_duration(std::chrono::hours{24}), "1d");
  EXPECT_EQ(format_duration(milliseconds{1500}), "1s500ms");
}

TEST(time, format_duration_round_trips_through_parse_duration) {
  const std::int64_t samples[] = {1,           999,           1000,          59'999,         60'000,
                                  3'599'999,   3'600'000,     86'399'999,    86'400'000,     604'800'000,
                                  694'861'001, 2'592'000'000, 1'209'600'001, 31'536'000'000, 123'456'789'012};
  for (const auto ms : samples) {
    const auto text = format_duration(milliseconds{ms});
    EXPECT_EQ(parse_duration(text), milliseconds{ms}) << text;
  }
  // And every whole number of minutes in a week.
  for (std::int64_t m = 0; m <= 7 * 24 * 60; m += 7) {
    const milliseconds d = std::chrono::minutes{m};
    EXPECT_EQ(parse_duration(format_duration(d)), d) << format_duration(d);
  }
}

}  // namespace
}  // namespace csibot::core
