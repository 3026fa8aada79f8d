#include "core/cron.hpp"

#include <date/date.h>
#include <date/tz.h>
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace csibot::core {
namespace {

using std::chrono::minutes;

cron_schedule schedule(std::string_view expression) {
  auto parsed = cron_schedule::parse(expression);
  if (const auto* error = std::get_if<cron_error>(&parsed)) {
    ADD_FAILURE() << "'" << expression << "': " << error->message;
  }
  return std::get<cron_schedule>(parsed);  // throws (and so fails the test) on an error
}

/// What an error says and about which field (the rest of a cron_error follows from these).
struct said {
  std::string message;
  std::size_t field = cron_error::whole_expression;
  friend bool operator==(const said&, const said&) = default;
  friend std::ostream& operator<<(std::ostream& out, const said& s) {
    return out << "field " << s.field << ": " << s.message;
  }
};

cron_error error_of(std::string_view expression);

said said_of(std::string_view expression) {
  const auto e = error_of(expression);
  return {e.message, e.field};
}

cron_error error_of(std::string_view expression) {
  auto parsed = cron_schedule::parse(expression);
  if (!std::holds_alternative<cron_error>(parsed)) {
    ADD_FAILURE() << "'" << expression << "' was accepted";
    return {};
  }
  return std::get<cron_error>(parsed);
}

timestamp at(std::string_view iso) {
  const auto t = parse_iso8601(iso);
  EXPECT_TRUE(t) << iso;
  return t.value_or(timestamp{});
}

const date::time_zone* zone(std::string_view name) {
  const auto* tz = find_time_zone(name);
  EXPECT_NE(tz, nullptr) << name;
  return tz;
}

/// The next `count` fire times after `after`, as UTC ISO 8601 ("none" once there are no more).
std::vector<std::string> fires(std::string_view expression, std::string_view after, std::size_t count = 1,
                               const date::time_zone* tz = nullptr) {
  const auto s = schedule(expression);
  std::vector<std::string> out;
  auto t = at(after);
  while (out.size() < count) {
    const auto next = s.next_after(t, tz);
    if (!next) {
      out.emplace_back("none");
      break;
    }
    EXPECT_GT(*next, t) << expression;
    out.push_back(to_iso8601(*next));
    t = *next;
  }
  return out;
}

using list = std::vector<std::string>;

// ---- parsing ---------------------------------------------------------------------------------

TEST(cron, parse_accepts_every_syntax_form) {
  for (const char* ok :
       {"* * * * *", "0 9 * * MON", "*/15 * * * *", "0 9-17 * * mon-fri", "0 9-17/2 * * *", "30 8 1 * *",
        "0 0 1 jan,jul *", "5,35 */2 1-31/2 * 0", "0 10 * * 7", "0 10 * * SUN-SAT", "  0\t9 * * 1  ",
        "10/5 * * * *", "59 23 31 12 6", "0 0 * Jan-Jun/2 Mon,Wed,Fri", "0-59/59 0,23 1,31 1,12 0-7"}) {
    EXPECT_TRUE(std::holds_alternative<cron_schedule>(cron_schedule::parse(ok))) << ok;
  }
}

TEST(cron, str_is_the_expression_with_single_spaces) {
  EXPECT_EQ(schedule("0 9 * * MON").str(), "0 9 * * MON");
  EXPECT_EQ(schedule("  0\t9  *  * mon-fri ").str(), "0 9 * * mon-fri");
}

TEST(cron, wrong_field_count_is_an_error_of_the_whole_expression) {
  EXPECT_EQ(said_of("0 9 * *"),
            (said{"expected 5 fields (minute hour day-of-month month day-of-week), found 4",
                  cron_error::whole_expression}));
  EXPECT_EQ(said_of("0 9 * * * *").field, cron_error::whole_expression);
  EXPECT_EQ(said_of("").message, "expected 5 fields (minute hour day-of-month month day-of-week), found 0");
  EXPECT_EQ(said_of(" \t ").field, cron_error::whole_expression);
}

TEST(cron, out_of_range_values_name_the_field) {
  EXPECT_EQ(said_of("60 * * * *"), (said{"minute field: 60 is out of range 0-59", 0}));
  EXPECT_EQ(said_of("0 24 * * *"), (said{"hour field: 24 is out of range 0-23", 1}));
  EXPECT_EQ(said_of("0 0 0 * *"), (said{"day of month field: 0 is out of range 1-31", 2}));
  EXPECT_EQ(said_of("0 0 32 * *"), (said{"day of month field: 32 is out of range 1-31", 2}));
  EXPECT_EQ(said_of("0 0 * 0 *"), (said{"month field: 0 is out of range 1-12", 3}));
  EXPECT_EQ(said_of("0 0 * 13 *"), (said{"month field: 13 is out of range 1-12", 3}));
  EXPECT_EQ(said_of("0 0 * * 8"), (said{"day of week field: 8 is out of range 0-7", 4}));
  // The end of a range and a list member are checked too.
  EXPECT_EQ(said_of("0 0 * * 1-8"), (said{"day of week field: 8 is out of range 0-7", 4}));
  EXPECT_EQ(said_of("0 1,2,99 * * *"), (said{"hour field: 99 is out of range 0-23", 1}));
  EXPECT_EQ(said_of("99999999999 * * * *").field, 0U);
}

TEST(cron, step_must_be_from_1_to_the_field_maximum) {
  EXPECT_EQ(said_of("*/0 * * * *"), (said{"minute field: step '0' must be a number from 1 to 59", 0}));
  EXPECT_EQ(said_of("0 0-12/0 * * *"), (said{"hour field: step '0' must be a number from 1 to 23", 1}));
  EXPECT_EQ(said_of("0 0 * */13 *").field, 3U);
  EXPECT_EQ(said_of("*/x * * * *").message, "minute field: step 'x' must be a number from 1 to 59");
  EXPECT_EQ(said_of("*/ * * * *").field, 0U);
  EXPECT_EQ(said_of("0 0 * * */-1").field, 4U);
}

// The parts of an error let a chat reply word it in the person's language; English is the message.
TEST(cron, errors_are_described_in_each_shipped_language) {
  for (const char* expression : {"0 9 * *", "0 1,,2 * * *", "x * * * *", "0 0 * foo *", "60 * * * *",
                                 "*/0 * * * *", "0 17-9 * * *", "0 0 * * fri-mon"}) {
    const auto e = error_of(expression);
    EXPECT_EQ(describe(e, "en"), e.message) << expression;
    EXPECT_NE(describe(e, "de"), e.message) << expression;
  }
  EXPECT_EQ(describe(error_of("0 9 * *"), "de"),
            "5 Felder erwartet (Minute Stunde Tag Monat Wochentag), gefunden: 4");
  EXPECT_EQ(describe(error_of("60 * * * *"), "de"), "Feld Minute: 60 liegt nicht zwischen 0 und 59");
  EXPECT_EQ(describe(error_of("0 0 * foo *"), "de"), "Feld Monat: „foo“ ist weder Zahl noch Name");
  EXPECT_EQ(describe(error_of("x * * * *"), "de"), "Feld Minute: „x“ ist keine Zahl");
  EXPECT_EQ(describe(error_of("*/0 * * * *"), "de"),
            "Feld Minute: Schrittweite „0“ muss eine Zahl von 1 bis 59 sein");
  EXPECT_EQ(describe(error_of("0 1,,2 * * *"), "de"), "Feld Stunde hat einen leeren Listeneintrag");
}

TEST(cron, reversed_range_is_an_error) {
  EXPECT_EQ(said_of("0 17-9 * * *"), (said{"hour field: range '17-9' runs backwards", 1}));
  EXPECT_EQ(said_of("0 0 * DEC-JAN *"), (said{"month field: range 'DEC-JAN' runs backwards", 3}));
  EXPECT_EQ(said_of("0 0 * * fri-mon/2"), (said{"day of week field: range 'fri-mon' runs backwards", 4}));
}

TEST(cron, empty_list_item_is_an_error) {
  EXPECT_EQ(said_of("1,,2 * * * *"), (said{"minute field has an empty list item", 0}));
  EXPECT_EQ(said_of("0 0 1, * *"), (said{"day of month field has an empty list item", 2}));
  EXPECT_EQ(said_of("0 0 * * ,MON"), (said{"day of week field has an empty list item", 4}));
}

TEST(cron, garbage_is_an_error_naming_the_field) {
  EXPECT_EQ(said_of("? * * * *"), (said{"minute field: '?' is not a number", 0}));
  EXPECT_EQ(said_of("0 0 * * MONDAY"), (said{"day of week field: 'MONDAY' is not a number or name", 4}));
  EXPECT_EQ(said_of("0 0 * MON *"), (said{"month field: 'MON' is not a number or name", 3}));
  EXPECT_EQ(said_of("0 0 JAN * *"), (said{"day of month field: 'JAN' is not a number", 2}));
  for (const char* bad : {"-1 * * * *", "1- * * * *", "*-5 * * * *", "1-2-3 * * * *", "+5 * * * *",
                          "1.5 * * * *", "/5 * * * *", "x * * * *", "0x1 * * * *"}) {
    EXPECT_EQ(said_of(bad).field, 0U) << bad;
  }
  EXPECT_EQ(said_of("0 0 L * *").field, 2U);
  EXPECT_EQ(said_of("0 0 * * MON#2").field, 4U);
  EXPECT_EQ(said_of("0 0 ? * MON").field, 2U);
}

TEST(cron, find_time_zone_returns_null_for_an_unknown_name) {
  EXPECT_NE(find_time_zone("Europe/Berlin"), nullptr);
  EXPECT_NE(find_time_zone("UTC"), nullptr);
  EXPECT_EQ(find_time_zone("Mars/Olympus_Mons"), nullptr);
  EXPECT_EQ(find_time_zone(""), nullptr);
}

// ---- next fire times in UTC --------------------------------------------------------------------

TEST(cron, next_is_strictly_after_even_when_after_is_a_fire_time) {
  EXPECT_EQ(fires("0 9 * * *", "2026-01-05T09:00:00Z"), list{"2026-01-06T09:00:00Z"});
  EXPECT_EQ(fires("0 9 * * *", "2026-01-05T08:59:59.999Z"), list{"2026-01-05T09:00:00Z"});
  // Sub-minute: 09:00:00.001 is already after the 09:00 fire.
  EXPECT_EQ(fires("0 9 * * *", "2026-01-05T09:00:00.001Z"), list{"2026-01-06T09:00:00Z"});
  EXPECT_EQ(fires("* * * * *", "2026-01-05T10:00:30Z", 2),
            (list{"2026-01-05T10:01:00Z", "2026-01-05T10:02:00Z"}));
}

TEST(cron, every_15_minutes_rolls_over_hours_days_and_years) {
  EXPECT_EQ(
      fires("*/15 * * * *", "2026-12-31T23:07:00Z", 4),
      (list{"2026-12-31T23:15:00Z", "2026-12-31T23:30:00Z", "2026-12-31T23:45:00Z", "2027-01-01T00:00:00Z"}));
}

TEST(cron, ranges_steps_and_lists_select_the_right_minutes_and_hours) {
  EXPECT_EQ(
      fires("0 9-17/4 * * *", "2026-01-05T00:00:00Z", 4),
      (list{"2026-01-05T09:00:00Z", "2026-01-05T13:00:00Z", "2026-01-05T17:00:00Z", "2026-01-06T09:00:00Z"}));
  EXPECT_EQ(
      fires("10/20 * * * *", "2026-01-05T00:00:00Z", 4),
      (list{"2026-01-05T00:10:00Z", "2026-01-05T00:30:00Z", "2026-01-05T00:50:00Z", "2026-01-05T01:10:00Z"}));
  EXPECT_EQ(
      fires("5,35 */12 * * *", "2026-01-05T00:10:00Z", 4),
      (list{"2026-01-05T00:35:00Z", "2026-01-05T12:05:00Z", "2026-01-05T12:35:00Z", "2026-01-06T00:05:00Z"}));
  EXPECT_EQ(fires("59 23 31 12 *", "2026-01-01T00:00:00Z", 2),
            (list{"2026-12-31T23:59:00Z", "2027-12-31T23:59:00Z"}));
}

TEST(cron, weekly_on_monday) {
  // 2026-01-01 is a Thursday; the next Mondays are Jan 5 and Jan 12.
  EXPECT_EQ(fires("0 9 * * MON", "2026-01-01T00:00:00Z", 2),
            (list{"2026-01-05T09:00:00Z", "2026-01-12T09:00:00Z"}));
  EXPECT_EQ(fires("0 9 * * 1", "2026-01-05T09:00:00Z"), list{"2026-01-12T09:00:00Z"});
}

TEST(cron, weekday_range_skips_the_weekend) {
  // Friday 2026-01-09 09:00 -> Monday 2026-01-12.
  EXPECT_EQ(fires("0 9 * * MON-FRI", "2026-01-09T09:00:00Z"), list{"2026-01-12T09:00:00Z"});
}

TEST(cron, sunday_is_0_or_7_and_ranges_may_end_at_7) {
  // 2026-01-04 is a Sunday.
  EXPECT_EQ(fires("0 0 * * 7", "2026-01-01T00:00:00Z"), list{"2026-01-04T00:00:00Z"});
  EXPECT_EQ(fires("0 0 * * 0", "2026-01-01T00:00:00Z"), list{"2026-01-04T00:00:00Z"});
  EXPECT_EQ(
      fires("0 0 * * 5-7", "2026-01-01T00:00:00Z", 4),
      (list{"2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z", "2026-01-04T00:00:00Z", "2026-01-09T00:00:00Z"}));
}

TEST(cron, names_are_case_insensitive) {
  const auto expected = fires("0 0 1 1,2,3 0", "2026-01-01T00:00:00Z", 6);
  EXPECT_EQ(fires("0 0 1 jan,Feb,MAR sUn", "2026-01-01T00:00:00Z", 6), expected);
  EXPECT_EQ(fires("0 0 1 JAN-mar SUN", "2026-01-01T00:00:00Z", 6), expected);
  EXPECT_EQ(fires("0 0 1 JAN,JUL *", "2026-01-01T00:00:00Z", 2),
            (list{"2026-07-01T00:00:00Z", "2027-01-01T00:00:00Z"}));
}

TEST(cron, day_of_month_or_day_of_week_when_both_are_restricted) {
  // Mondays in Feb 2026: 2, 9, 16, 23; plus the 13th (a Friday).
  EXPECT_EQ(fires("0 0 13 * MON", "2026-02-01T00:00:00Z", 6),
            (list{"2026-02-02T00:00:00Z", "2026-02-09T00:00:00Z", "2026-02-13T00:00:00Z",
                  "2026-02-16T00:00:00Z", "2026-02-23T00:00:00Z", "2026-03-02T00:00:00Z"}));
  // Feb 30 never exists, but the OR rule still fires on Mondays in February.
  EXPECT_EQ(fires("0 0 30 2 MON", "2026-03-01T00:00:00Z"), list{"2027-02-01T00:00:00Z"});
}

TEST(cron, a_star_day_field_means_both_must_match) {
  EXPECT_EQ(fires("0 0 13 * *", "2026-02-01T00:00:00Z", 2),
            (list{"2026-02-13T00:00:00Z", "2026-03-13T00:00:00Z"}));
  // "*/2" starts with '*', so it is unrestricted: odd days that are Mondays (Feb 9, Feb 23, Mar 9).
  EXPECT_EQ(fires("0 0 */2 * MON", "2026-02-01T00:00:00Z", 3),
            (list{"2026-02-09T00:00:00Z", "2026-02-23T00:00:00Z", "2026-03-09T00:00:00Z"}));
}

TEST(cron, day_31_skips_short_months) {
  EXPECT_EQ(fires("0 0 31 * *", "2026-01-31T00:00:00Z", 3),
            (list{"2026-03-31T00:00:00Z", "2026-05-31T00:00:00Z", "2026-07-31T00:00:00Z"}));
}

TEST(cron, february_29_fires_only_in_leap_years) {
  EXPECT_EQ(fires("0 12 29 2 *", "2026-01-01T00:00:00Z", 2),
            (list{"2028-02-29T12:00:00Z", "2032-02-29T12:00:00Z"}));
  // 2100 is not a leap year: 8 years pass between Feb 29 2096 and Feb 29 2104.
  EXPECT_EQ(fires("0 12 29 2 *", "2096-03-01T00:00:00Z"), list{"2104-02-29T12:00:00Z"});
}

TEST(cron, impossible_expression_returns_nullopt) {
  EXPECT_EQ(fires("0 0 30 2 *", "2026-01-01T00:00:00Z"), list{"none"});
  EXPECT_EQ(fires("0 0 31 4,6,9,11 *", "2026-01-01T00:00:00Z"), list{"none"});
  EXPECT_EQ(fires("* * 31 FEB *", "2026-01-01T00:00:00Z", 1, zone("Europe/Berlin")), list{"none"});
}

// What config and /csi subscribe refuse: a date no month has. A weekday never rules a date out, and
// with both day fields restricted the weekday alone fires.
TEST(cron, can_fire_is_false_only_for_a_day_no_named_month_has) {
  for (const char* never : {"0 9 30 2 *", "0 0 31 4 *", "0 0 31 4,6,9,11 *", "* * 30,31 FEB *"}) {
    EXPECT_FALSE(schedule(never).can_fire()) << never;
    EXPECT_EQ(schedule(never).next_after(at("2026-01-01T00:00:00Z"), nullptr), std::nullopt) << never;
  }
  for (const char* fires_sometime : {"0 9 * * MON", "0 12 29 2 *", "0 0 31 4,5 *", "0 0 30 2 MON",
                                     "0 0 */2 2 *", "0 0 29 2 */7", "0 0 31 * *", "0 0 31 2 MON-FRI"}) {
    EXPECT_TRUE(schedule(fires_sometime).can_fire()) << fires_sometime;
  }
}

// ---- next fire times across daylight-saving changes ----------------------------------------------

TEST(cron, berlin_spring_gap_fires_once_when_the_gap_ends) {
  const auto* berlin = zone("Europe/Berlin");
  // 2026-03-29 02:00 CET (+1) jumps to 03:00 CEST (+2), at 01:00Z.
  // 03-28 02:30 CET = 01:30Z; 03-29 02:30 does not exist -> 03:00 CEST = 01:00Z; 03-30 02:30 CEST = 00:30Z.
  EXPECT_EQ(fires("30 2 * * *", "2026-03-28T00:00:00Z", 3, berlin),
            (list{"2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z"}));
  // 01:45 CET = 00:45Z; 02:00, 02:15, 02:30, 02:45 and 03:00 all fire as one at 03:00 CEST = 01:00Z;
  // then 03:15 CEST = 01:15Z.
  EXPECT_EQ(fires("*/15 * * * *", "2026-03-29T00:40:00Z", 3, berlin),
            (list{"2026-03-29T00:45:00Z", "2026-03-29T01:00:00Z", "2026-03-29T01:15:00Z"}));
  // Times next to the gap are untouched: 01:30 CET = 00:30Z, 03:30 CEST = 01:30Z.
  EXPECT_EQ(fires("30 1,3 * * *", "2026-03-29T00:00:00Z", 2, berlin),
            (list{"2026-03-29T00:30:00Z", "2026-03-29T01:30:00Z"}));
}

TEST(cron, berlin_fall_overlap_fires_once_at_the_first_occurrence) {
  const auto* berlin = zone("Europe/Berlin");
  // 2026-10-25 03:00 CEST (+2) falls back to 02:00 CET (+1), at 01:00Z: 02:00-02:59 happens twice.
  // 10-25 02:30 is 00:30Z (CEST) and 01:30Z (CET): only 00:30Z fires. 10-26 02:30 CET = 01:30Z.
  EXPECT_EQ(fires("30 2 * * *", "2026-10-24T12:00:00Z", 2, berlin),
            (list{"2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"}));
  // Asked during the repeated hour (02:15 CET = 01:15Z): that day's 02:30 has already fired.
  EXPECT_EQ(fires("30 2 * * *", "2026-10-25T01:15:00Z", 1, berlin), list{"2026-10-26T01:30:00Z"});
  // 02:00 CEST = 00:00Z, 02:30 CEST = 00:30Z; the repeated 02:00 and 02:30 CET (01:00Z, 01:30Z) stay
  // silent; 03:00 CET = 02:00Z.
  EXPECT_EQ(fires("*/30 * * * *", "2026-10-24T23:45:00Z", 3, berlin),
            (list{"2026-10-25T00:00:00Z", "2026-10-25T00:30:00Z", "2026-10-25T02:00:00Z"}));
}

TEST(cron, berlin_weekly_keeps_local_time_across_both_changes) {
  const auto* berlin = zone("Europe/Berlin");
  // Mon 03-23 09:00 CET = 08:00Z -> Mon 03-30 09:00 CEST = 07:00Z.
  EXPECT_EQ(fires("0 9 * * MON", "2026-03-23T08:00:00Z", 1, berlin), list{"2026-03-30T07:00:00Z"});
  // Mon 10-19 09:00 CEST = 07:00Z -> Mon 10-26 09:00 CET = 08:00Z.
  EXPECT_EQ(fires("0 9 * * MON", "2026-10-19T07:00:00Z", 1, berlin), list{"2026-10-26T08:00:00Z"});
}

TEST(cron, new_york_spring_gap_fires_once_when_the_gap_ends) {
  const auto* new_york = zone("America/New_York");
  // 2026-03-08 02:00 EST (-5) jumps to 03:00 EDT (-4), at 07:00Z.
  // 03-07 02:30 EST = 07:30Z; 03-08 02:30 does not exist -> 03:00 EDT = 07:00Z; 03-09 02:30 EDT = 06:30Z.
  EXPECT_EQ(fires("30 2 * * *", "2026-03-07T00:00:00Z", 3, new_york),
            (list{"2026-03-07T07:30:00Z", "2026-03-08T07:00:00Z", "2026-03-09T06:30:00Z"}));
  // Mon 03-02 09:00 EST = 14:00Z -> Mon 03-09 09:00 EDT = 13:00Z.
  EXPECT_EQ(fires("0 9 * * MON", "2026-03-02T14:00:00Z", 1, new_york), list{"2026-03-09T13:00:00Z"});
}

TEST(cron, new_york_fall_overlap_fires_once_at_the_first_occurrence) {
  const auto* new_york = zone("America/New_York");
  // 2026-11-01 02:00 EDT (-4) falls back to 01:00 EST (-5), at 06:00Z: 01:00-01:59 happens twice.
  // 11-01 01:30 is 05:30Z (EDT) and 06:30Z (EST): only 05:30Z fires. 11-02 01:30 EST = 06:30Z.
  EXPECT_EQ(fires("30 1 * * *", "2026-10-31T12:00:00Z", 2, new_york),
            (list{"2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"}));
  // 02:30 is outside the overlap: 11-01 02:30 EST = 07:30Z, 11-02 02:30 EST = 07:30Z.
  EXPECT_EQ(fires("30 2 * * *", "2026-10-31T12:00:00Z", 2, new_york),
            (list{"2026-11-01T07:30:00Z", "2026-11-02T07:30:00Z"}));
  // Mon 10-26 09:00 EDT = 13:00Z -> Mon 11-02 09:00 EST = 14:00Z.
  EXPECT_EQ(fires("0 9 * * MON", "2026-10-26T13:00:00Z", 1, new_york), list{"2026-11-02T14:00:00Z"});
}

// ---- exhaustive check against a minute-by-minute reference ----------------------------------------

using sys_minutes = date::sys_time<minutes>;

struct wall_time {
  unsigned minute, hour, day, month, weekday;
};
using predicate = std::function<bool(const wall_time&)>;

wall_time wall_of(date::local_time<minutes> local) {
  const auto day = std::chrono::floor<date::days>(local);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<minutes> time{local - day};
  return {static_cast<unsigned>(time.minutes().count()), static_cast<unsigned>(time.hours().count()),
          static_cast<unsigned>(ymd.day()), static_cast<unsigned>(ymd.month()),
          date::weekday{day}.c_encoding()};
}

date::local_time<minutes> local_at(sys_minutes s, std::chrono::seconds offset) {
  return date::local_time<minutes>{s.time_since_epoch() + std::chrono::floor<minutes>(offset)};
}

/// The rules of cron.hpp applied literally, one UTC minute at a time: `s` fires when its wall time
/// matches and has not been shown before (fall-back), or when `s` ends a spring-forward gap and any
/// wall time in the gap, or `s`'s own, matches.
bool reference_fires_at(sys_minutes s, const predicate& matches, const date::time_zone* tz) {
  const auto info = tz->get_info(s);
  const auto previous = tz->get_info(info.begin - std::chrono::seconds{1});
  const auto local = local_at(s, info.offset);
  if (s == info.begin && previous.offset < info.offset) {
    for (auto l = local_at(s, previous.offset); l <= local; l += minutes{1}) {
      if (matches(wall_of(l))) return true;
    }
    return false;
  }
  const bool repeated = previous.offset > info.offset && s < info.begin + (previous.offset - info.offset);
  return !repeated && matches(wall_of(local));
}

void expect_reference(std::string_view expression, const predicate& matches, const date::time_zone* tz,
                      sys_minutes from, sys_minutes to, date::days margin = date::days{9}) {
  const auto s = schedule(expression);
  std::vector<timestamp> expected;
  for (auto m = from; m < to + margin; m += minutes{1}) {
    if (reference_fires_at(m, matches, tz)) expected.push_back(m);
  }
  for (auto m = from; m < to; m += minutes{1}) {
    for (const timestamp t : {timestamp{m}, timestamp{m} + std::chrono::seconds{30}}) {
      const auto it = std::upper_bound(expected.begin(), expected.end(), t);
      ASSERT_NE(it, expected.end()) << expression << " after " << to_iso8601(t);
      ASSERT_EQ(s.next_after(t, tz), *it) << expression << " after " << to_iso8601(t) << " in " << tz->name();
    }
  }
}

TEST(cron, every_minute_around_each_2026_dst_change_matches_the_reference) {
  const std::vector<std::pair<std::string_view, predicate>> cases{
      {"*/15 * * * *", [](const wall_time& w) { return w.minute % 15 == 0; }},
      {"30 2 * * *", [](const wall_time& w) { return w.hour == 2 && w.minute == 30; }},
      {"59 1 * * *", [](const wall_time& w) { return w.hour == 1 && w.minute == 59; }},
      {"0 3 * * *", [](const wall_time& w) { return w.hour == 3 && w.minute == 0; }},
      {"* 2 * * *", [](const wall_time& w) { return w.hour == 2; }},
      {"0,30 1-3 * * *", [](const wall_time& w) { return w.minute % 30 == 0 && w.hour >= 1 && w.hour <= 3; }},
      {"45 1,2 * * SUN",
       [](const wall_time& w) { return w.weekday == 0 && w.minute == 45 && (w.hour == 1 || w.hour == 2); }},
  };
  const std::vector<std::pair<std::string_view, std::string_view>> changes{
      {"Europe/Berlin", "2026-03-29T01:00:00Z"},
      {"Europe/Berlin", "2026-10-25T01:00:00Z"},
      {"America/New_York", "2026-03-08T07:00:00Z"},
      {"America/New_York", "2026-11-01T06:00:00Z"}};
  for (const auto& [name, change] : changes) {
    const auto centre = std::chrono::floor<minutes>(at(change));
    for (const auto& [expression, matches] : cases) {
      expect_reference(expression, matches, zone(name), centre - std::chrono::hours{30},
                       centre + std::chrono::hours{30});
    }
  }
}

TEST(cron, every_minute_of_february_2028_in_utc_matches_the_reference) {
  const auto* utc = zone("UTC");
  const std::vector<std::pair<std::string_view, predicate>> cases{
      {"0 0 13 * MON",
       [](const wall_time& w) { return w.hour == 0 && w.minute == 0 && (w.day == 13 || w.weekday == 1); }},
      {"0 0 */2 * MON",
       [](const wall_time& w) { return w.hour == 0 && w.minute == 0 && w.day % 2 == 1 && w.weekday == 1; }},
      {"15 10 29 * *", [](const wall_time& w) { return w.hour == 10 && w.minute == 15 && w.day == 29; }},
      {"*/7 9-17/4 * FEB,MAR MON-FRI",
       [](const wall_time& w) {
         return (w.month == 2 || w.month == 3) && w.minute % 7 == 0 &&
                (w.hour == 9 || w.hour == 13 || w.hour == 17) && w.weekday >= 1 && w.weekday <= 5;
       }},
  };
  const auto from = std::chrono::floor<minutes>(at("2028-01-31T00:00:00Z"));
  for (const auto& [expression, matches] : cases) {
    expect_reference(expression, matches, utc, from, from + date::days{31}, date::days{40});
    // nullptr means UTC.
    const auto s = schedule(expression);
    for (auto t = timestamp{from}; t < from + date::days{31}; t += std::chrono::hours{7}) {
      ASSERT_EQ(s.next_after(t, nullptr), s.next_after(t, utc)) << expression;
    }
  }
}

// A date for people is their wall calendar's: 00:13 in Berlin on 4 December is 3 December in UTC.
TEST(cron, local_date_text_is_the_calendar_date_in_the_zone) {
  const auto t = at("2026-12-03T23:13:00Z");
  EXPECT_EQ(local_date_text(t, find_time_zone("Europe/Berlin")), "2026-12-04");
  EXPECT_EQ(local_date_text(t, find_time_zone("America/New_York")), "2026-12-03");
  EXPECT_EQ(local_date_text(t, nullptr), "2026-12-03");
}

}  // namespace
}  // namespace csibot::core
