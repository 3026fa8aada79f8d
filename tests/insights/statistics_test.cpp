// Wilson intervals, the two-proportion z-test and the change rule, against hand-computed values.
#include <gtest/gtest.h>

#include "insights/metrics.hpp"
#include "insights/trend.hpp"

namespace csibot::insights {
namespace {

constexpr double tolerance = 0.00005;

summary shares(std::int64_t happy, std::int64_t n) {
  // csat5: `happy` answers of 5, the rest of 1.
  return summarize(core::scale::csat5, {{5, happy}, {1, n - happy}});
}

// Wilson, 45 of 60, z = 1.959964 (z² = 3.841459, z²/n = 0.0640243):
//   centre = (0.75 + 0.0320122) / 1.0640243 = 0.734957
//   half   = 1.959964 · sqrt(0.75·0.25/60 + 3.841459/14400) / 1.0640243 = 0.107278
//   → [0.6277, 0.8422].
TEST(wilson, forty_five_of_sixty) {
  const auto w = wilson(45, 60);
  EXPECT_NEAR(w.low, 0.6277, tolerance);
  EXPECT_NEAR(w.high, 0.8422, tolerance);
}

// 45/60 against 30/60: pooled p = 75/120 = 0.625; se = sqrt(0.625 · 0.375 · (1/60 + 1/60))
// = sqrt(0.0078125) = 0.0883883; z = (0.75 − 0.5) / 0.0883883 = 2.82843 (= 2√2).
TEST(two_proportion_z, three_quarters_against_half) {
  EXPECT_NEAR(two_proportion_z(45, 60, 30, 60), 2.82843, tolerance);
  EXPECT_NEAR(two_proportion_z(30, 60, 45, 60), -2.82843, tolerance);
}

// 8/10 against 5/10: pooled 0.65; se = sqrt(0.65 · 0.35 · 0.2) = 0.213307; z = 0.3 / 0.213307 = 1.40642.
TEST(two_proportion_z, small_samples_give_a_small_z) {
  EXPECT_NEAR(two_proportion_z(8, 10, 5, 10), 1.40642, tolerance);
}

TEST(two_proportion_z, no_spread_or_no_answers_is_zero) {
  EXPECT_EQ(two_proportion_z(10, 10, 20, 20), 0);
  EXPECT_EQ(two_proportion_z(0, 0, 5, 10), 0);
}

// 60/100 against 46/100: pooled 0.53; se = sqrt(0.53 · 0.47 · 0.02) = 0.0705833; z = 0.14 / 0.0705833
// = 1.98347 ≥ 1.96 → better, by 14 points.
TEST(compare, just_beyond_noise_is_better) {
  const auto t = compare(shares(60, 100), shares(46, 100));
  EXPECT_EQ(t.change, change::better);
  EXPECT_NEAR(t.z, 1.98347, tolerance);
  EXPECT_NEAR(t.delta, 14.0, 1e-9);
  EXPECT_EQ(t.previous_n, 100);
}

// 60/100 against 47/100: pooled 0.535; se = sqrt(0.535 · 0.465 · 0.02) = 0.0705372; z = 0.13 / 0.0705372
// = 1.84300 < 1.96 → within noise, although the score rose 13 points.
TEST(compare, just_within_noise_is_not_a_change) {
  const auto t = compare(shares(60, 100), shares(47, 100));
  EXPECT_EQ(t.change, change::within_noise);
  EXPECT_NEAR(t.z, 1.84300, tolerance);
}

TEST(compare, a_fall_beyond_noise_is_worse) {
  EXPECT_EQ(compare(shares(30, 60), shares(45, 60)).change, change::worse);
}

// Five answers falling from 5/5 to 0/5 would be z = 3.16, but no arrow is drawn on five answers.
TEST(compare, too_few_answers_on_either_side_claims_nothing) {
  EXPECT_EQ(compare(shares(0, 5), shares(5, 5)).change, change::too_few);
  EXPECT_EQ(compare(shares(0, 50), shares(9, 9)).change, change::too_few);
  EXPECT_EQ(compare(shares(40, 50), summary{}).change, change::too_few);
  EXPECT_EQ(compare(shares(10, 10), shares(0, 10)).change, change::better);
}

TEST(summarize, nps_shares_come_from_promoters_and_detractors) {
  // 5 promoters (10), 3 passives (8), 2 detractors (3): NPS = 50 − 20 = +30.
  const auto s = summarize(core::scale::nps10, {{10, 5}, {8, 3}, {3, 2}});
  EXPECT_EQ(s.happy, 5);
  EXPECT_EQ(s.unhappy, 2);
  EXPECT_NEAR(s.score, 30.0, 1e-9);
}

}  // namespace
}  // namespace csibot::insights
