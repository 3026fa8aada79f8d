// The weekly scores of a period that is still running (SPEC §5): counted back from now, not from a
// period end that lies in the future, so that the newest week drawn is the one just lived.
#include <gtest/gtest.h>

#include "builders.hpp"
#include "core/time.hpp"
#include "insights/analysis.hpp"

namespace csibot::insights {
namespace {

using std::chrono::days;
using std::chrono::hours;

// 2026-Q4, asked on 2026-12-03 at noon.
const core::timestamp q4_start = core::from_millis(1'790'812'800'000);  // 2026-10-01T00:00:00Z
const core::period q4{q4_start, q4_start + days{92}, "2026-Q4"};
const core::timestamp now = q4_start + days{63} + hours{12};

service_input quarter(core::timestamp asked_at) {
  static const text_rules rules;
  service_accumulator acc(test::make_service("vpn"), q4, rules, asked_at);
  for (int i = 0; i < 5; ++i)
    acc.add({.created_at = now - days{1}, .rating = 5, .reason = {}, .impact = {}, .usage = {}});
  for (int i = 0; i < 5; ++i)
    acc.add({.created_at = q4_start + hours{6}, .rating = 1, .reason = {}, .impact = {}, .usage = {}});
  return std::move(acc).finish();
}

TEST(running_period, weeks_are_counted_back_from_now) {
  const auto s = analyse_service(quarter(now), {});
  // 1 October to 3 December noon: 63.5 days, ten weeks; the newest holds yesterday's answers.
  ASSERT_EQ(s.weekly_scores.size(), 10u);
  EXPECT_EQ(s.weekly_scores.back(), 100.0);
  EXPECT_EQ(s.weekly_scores.front(), 0.0);  // the first week of the quarter is drawn, not dropped
  EXPECT_EQ(s.sparkline, "▁········█");
}

TEST(running_period, a_period_that_is_over_is_counted_back_from_its_end) {
  const auto s = analyse_service(quarter(q4.to + days{30}), {});
  ASSERT_EQ(s.weekly_scores.size(), 12u);  // 92 days: the last twelve weeks
  EXPECT_FALSE(s.weekly_scores.back());    // nobody answered in the quarter's last four weeks
  EXPECT_EQ(week_count(q4, now), 10u);
  EXPECT_EQ(week_count(q4), 12u);
  EXPECT_EQ(week_count(q4, q4_start), 0u);  // asked before it began: no week yet
}

}  // namespace
}  // namespace csibot::insights
