#include "config/cron.hpp"

#include <gtest/gtest.h>

namespace csibot::config::detail {
namespace {

TEST(config_cron, accepts_the_usual_forms) {
  for (const char* ok :
       {"0 9 * * MON", "*/15 * * * *", "0 9-17 * * mon-fri", "30 8 1 * *", "0 0 1 jan,jul *",
        "5,35 */2 1-31/2 * 0", "0 10 * * 7", "0 10 * * SUN-SAT", "  0\t9 * * 1  ", "10/5 * * * *"}) {
    EXPECT_EQ(cron_problem(ok), std::nullopt) << ok;
  }
}

TEST(config_cron, wrong_field_count_is_reported) {
  EXPECT_EQ(cron_problem("0 9 * *"),
            "expected 5 fields (minute hour day-of-month month day-of-week), found 4");
  EXPECT_TRUE(cron_problem("0 9 * * * *"));
  EXPECT_TRUE(cron_problem(""));
}

TEST(config_cron, out_of_range_values_name_the_field) {
  EXPECT_EQ(cron_problem("60 * * * *"), "minute field: 60 is out of range 0-59");
  EXPECT_EQ(cron_problem("0 24 * * *"), "hour field: 24 is out of range 0-23");
  EXPECT_EQ(cron_problem("0 0 0 * *"), "day of month field: 0 is out of range 1-31");
  EXPECT_EQ(cron_problem("0 0 * 13 *"), "month field: 13 is out of range 1-12");
  EXPECT_EQ(cron_problem("0 0 * * 8"), "day of week field: 8 is out of range 0-7");
}

TEST(config_cron, names_only_where_the_field_has_them) {
  EXPECT_TRUE(cron_problem("0 0 * * MONDAY"));
  EXPECT_TRUE(cron_problem("0 0 * MON *"));
  EXPECT_TRUE(cron_problem("0 0 JAN * *"));
  EXPECT_EQ(cron_problem("0 0 * DEC SAT"), std::nullopt);
}

TEST(config_cron, malformed_ranges_steps_and_lists_are_reported) {
  EXPECT_EQ(cron_problem("0 17-9 * * *"), "hour field: range '17-9' runs backwards");
  EXPECT_TRUE(cron_problem("*/0 * * * *"));
  EXPECT_TRUE(cron_problem("*/x * * * *"));
  EXPECT_TRUE(cron_problem("1,,2 * * * *"));
  EXPECT_TRUE(cron_problem("1- * * * *"));
  EXPECT_TRUE(cron_problem("-1 * * * *"));
  EXPECT_TRUE(cron_problem("? * * * *"));
  EXPECT_TRUE(cron_problem("*-5 * * * *"));
}

// A schedule that parses but matches no date would wait for ever without a word (Feb 30, Apr 31).
TEST(config_cron, a_schedule_that_never_fires_is_reported) {
  for (const char* never : {"0 9 30 2 *", "0 0 31 4 *", "0 0 31 4,6,9,11 *", "* * 30,31 FEB *"}) {
    const auto problem = cron_problem(never);
    ASSERT_TRUE(problem) << never;
    EXPECT_NE(problem->find("never fires"), std::string::npos) << *problem;
  }
  EXPECT_EQ(cron_problem("0 12 29 2 *"), std::nullopt) << "29 February comes every four years";
  EXPECT_EQ(cron_problem("0 0 30 2 MON"), std::nullopt) << "both day fields given: Mondays in February fire";
  EXPECT_EQ(cron_problem("0 0 31 4,5 *"), std::nullopt) << "31 May fires";
}

}  // namespace
}  // namespace csibot::config::detail
