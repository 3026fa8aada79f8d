#include "insights/metrics.hpp"

#include <gtest/gtest.h>

namespace csibot::insights {
namespace {

constexpr double tolerance = 0.00005;

// Wilson score interval, z = 1.96 (z² = 3.8415):
//   centre = (p + z²/2n) / (1 + z²/n),  half = z·sqrt(p(1−p)/n + z²/4n²) / (1 + z²/n).
// 8 of 10: p = 0.8; centre = (0.8 + 0.19207) / 1.38415 = 0.71674;
//          half = 1.96 · sqrt(0.016 + 0.0096037) / 1.38415 = 0.22658  → [0.4902, 0.9433].
TEST(wilson, eight_of_ten) {
  const auto w = wilson(8, 10);
  EXPECT_NEAR(w.low, 0.4902, tolerance);
  EXPECT_NEAR(w.high, 0.9433, tolerance);
}

// 0 of 10: p = 0; centre = 0.19207 / 1.38415 = 0.13876; half = 1.96 · sqrt(0.0096037) / 1.38415 = 0.13876
// → [0, 0.2775]: the interval never reaches below zero, yet says "could be up to 28 %".
TEST(wilson, none_of_ten_is_not_certainty) {
  const auto w = wilson(0, 10);
  EXPECT_NEAR(w.low, 0.0, tolerance);
  EXPECT_NEAR(w.high, 0.2775, tolerance);
}

// 10 of 10 mirrors 0 of 10 → [0.7225, 1].
TEST(wilson, all_of_ten_mirrors_none_of_ten) {
  const auto w = wilson(10, 10);
  EXPECT_NEAR(w.low, 0.7225, tolerance);
  EXPECT_NEAR(w.high, 1.0, tolerance);
}

// 1 of 1: centre = (1 + 1.92073) / 4.84146 = 0.60327; half = 1.96 · sqrt(0.96037) / 4.84146 = 0.39673
// → [0.2065, 1]: one happy answer proves little.
TEST(wilson, one_of_one_is_wide) {
  const auto w = wilson(1, 1);
  EXPECT_NEAR(w.low, 0.2065, tolerance);
  EXPECT_NEAR(w.high, 1.0, tolerance);
}

// 50 of 100: centre = 0.5; half = 1.96 · sqrt(0.0025 + 0.000096) / 1.038415 = 0.09618 → [0.4038, 0.5962].
TEST(wilson, half_of_a_hundred_is_symmetric) {
  const auto w = wilson(50, 100);
  EXPECT_NEAR(w.low, 0.4038, tolerance);
  EXPECT_NEAR(w.high, 0.5962, tolerance);
  EXPECT_NEAR(0.5 - w.low, w.high - 0.5, 1e-12);
}

TEST(wilson, no_answers_give_an_empty_interval) {
  const auto w = wilson(0, 0);
  EXPECT_EQ(w.low, 0.0);
  EXPECT_EQ(w.high, 0.0);
}

TEST(wilson, interval_narrows_as_answers_grow) {
  const auto small = wilson(8, 10), large = wilson(800, 1000);
  EXPECT_LT(large.high - large.low, small.high - small.low);
  EXPECT_LT(large.low, 0.8);
  EXPECT_GT(large.high, 0.8);
}

// csat5, ratings 1,2,3,3,4,4,4,5,5,5: n = 10, mean = 36/10 = 3.6, happy (4–5) = 6, unhappy (1–2) = 2,
// CSAT = 60 %, Wilson(6, 10): centre = (0.6 + 0.19207)/1.38415 = 0.57227,
// half = 1.96 · sqrt(0.024 + 0.0096037)/1.38415 = 0.25957 → [31.27 %, 83.18 %].
TEST(summarize, csat5_share_of_top_two_with_wilson_interval) {
  const auto s = summarize(core::scale::csat5, {{1, 1}, {2, 1}, {3, 2}, {4, 3}, {5, 3}});
  EXPECT_EQ(s.n, 10);
  EXPECT_DOUBLE_EQ(s.mean, 3.6);
  EXPECT_EQ(s.happy, 6);
  EXPECT_EQ(s.unhappy, 2);
  EXPECT_DOUBLE_EQ(s.score, 60.0);
  EXPECT_NEAR(s.score_interval.low, 31.27, 0.005);
  EXPECT_NEAR(s.score_interval.high, 83.18, 0.005);
}

TEST(summarize, csat5_ignores_ratings_off_the_scale_and_empty_buckets) {
  const auto s = summarize(core::scale::csat5, {{0, 4}, {6, 4}, {5, 2}, {4, 0}, {3, -1}, {1, 2}});
  EXPECT_EQ(s.n, 4);
  EXPECT_DOUBLE_EQ(s.mean, 3.0);
  EXPECT_DOUBLE_EQ(s.score, 50.0);
}

// nps10, 10 answers: promoters 9,9,10,10,10 (p = 0.5), passives 7,8, detractors 0,3,6 (d = 0.3).
// NPS = (0.5 − 0.3) · 100 = +20. Adjusted-Wald interval: n' = 13, p' = 5.75/13 = 0.442308,
// d' = 3.75/13 = 0.288462, NPS' = 0.153846; variance (p' + d' − NPS'²)/n' = 0.707101/13;
// half = 1.96 · sqrt(0.054392) = 0.457106 → [−30.33, +61.10] points.
TEST(summarize, nps10_promoters_minus_detractors_with_interval) {
  const auto s = summarize(core::scale::nps10, {{0, 1}, {3, 1}, {6, 1}, {7, 1}, {8, 1}, {9, 2}, {10, 3}});
  EXPECT_EQ(s.n, 10);
  EXPECT_EQ(s.happy, 5);
  EXPECT_EQ(s.unhappy, 3);
  EXPECT_DOUBLE_EQ(s.mean, 7.2);  // (0 + 3 + 6 + 7 + 8 + 18 + 30) / 10
  EXPECT_NEAR(s.score, 20.0, 1e-9);
  EXPECT_NEAR(s.score_interval.low, -30.33, 0.005);
  EXPECT_NEAR(s.score_interval.high, 61.10, 0.005);
}

TEST(summarize, nps10_interval_stays_within_plus_minus_hundred) {
  const auto all_promoters = summarize(core::scale::nps10, {{10, 3}});
  EXPECT_DOUBLE_EQ(all_promoters.score, 100.0);
  EXPECT_LE(all_promoters.score_interval.high, 100.0);
  EXPECT_LT(all_promoters.score_interval.low, 0.0);  // three answers leave much doubt
  const auto all_detractors = summarize(core::scale::nps10, {{0, 1}});
  EXPECT_DOUBLE_EQ(all_detractors.score, -100.0);
  EXPECT_GE(all_detractors.score_interval.low, -100.0);
  EXPECT_GT(all_detractors.score_interval.high, 0.0);
}

TEST(summarize, nothing_gives_zeros) {
  const auto s = summarize(core::scale::csat5, {});
  EXPECT_EQ(s.n, 0);
  EXPECT_EQ(s.mean, 0.0);
  EXPECT_EQ(s.score, 0.0);
}

TEST(summarize, thumbs_score_is_share_up) {
  const auto s = summarize(core::scale::thumbs, {{0, 1}, {1, 3}});
  EXPECT_DOUBLE_EQ(s.score, 75.0);
  EXPECT_EQ(s.unhappy, 1);
}

}  // namespace
}  // namespace csibot::insights
