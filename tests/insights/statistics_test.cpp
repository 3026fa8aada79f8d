// Wilson and NPS intervals, the two-proportion and NPS z-tests and the change rule, against hand-computed
// values.
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

summary nps(std::int64_t promoters, std::int64_t passives, std::int64_t detractors) {
  return summarize(core::scale::nps10, {{10, promoters}, {8, passives}, {3, detractors}});
}

// 50 promoters + 50 passives (NPS +50) against 50 promoters + 50 detractors (NPS 0): pooled
// P = 100/200 = 0.5, D = 50/200 = 0.25; se = sqrt((0.5 + 0.25 − 0.25²) · (1/100 + 1/100))
// = sqrt(0.01375) = 0.117260; z = (0.5 − 0) / 0.117260 = 4.26401. The promoter share alone is 50 %
// on both sides (z = 0): fifty detractors turned passive would have been "within noise".
TEST(nps_z, detractors_turned_passive_are_a_change) {
  EXPECT_NEAR(nps_z(50, 0, 100, 50, 50, 100), 4.26401, tolerance);
  EXPECT_NEAR(nps_z(50, 50, 100, 50, 0, 100), -4.26401, tolerance);
  const auto t = compare(nps(50, 50, 0), nps(50, 0, 50));
  EXPECT_EQ(t.change, change::better);
  EXPECT_NEAR(t.z, 4.26401, tolerance);
  EXPECT_NEAR(t.delta, 50.0, 1e-9);
  EXPECT_EQ(compare(nps(50, 0, 50), nps(50, 50, 0)).change, change::worse);
}

// 10 promoters against 10 detractors: each period alone has no spread, pooled P = D = 0.5 does;
// se = sqrt(1 · 0.2) = 0.447214; z = 2 / 0.447214 = 4.47214.
TEST(nps_z, all_promoters_against_all_detractors_is_beyond_noise) {
  EXPECT_NEAR(nps_z(10, 0, 10, 0, 10, 10), 4.47214, tolerance);
  EXPECT_EQ(compare(nps(10, 0, 0), nps(0, 0, 10)).change, change::better);
}

// +33.3 (30 P, 10 D of 60) against +16.7 (25 P, 15 D of 60): P = 55/120, D = 25/120;
// se = sqrt((0.666667 − 0.0625) · (2/60)) = 0.141913; z = 0.166667 / 0.141913 = 1.17444.
TEST(nps_z, a_small_move_is_within_noise) {
  EXPECT_NEAR(nps_z(30, 10, 60, 25, 15, 60), 1.17444, tolerance);
  EXPECT_EQ(compare(nps(30, 20, 10), nps(25, 20, 15)).change, change::within_noise);
}

TEST(nps_z, no_spread_or_no_answers_is_zero) {
  EXPECT_EQ(nps_z(0, 0, 10, 0, 0, 20), 0);  // passives only
  EXPECT_EQ(nps_z(10, 0, 10, 20, 0, 20), 0);
  EXPECT_EQ(nps_z(0, 0, 0, 5, 0, 10), 0);
}

// Adjusted Wald (Sauro and Lewis): n' = n + 3, p' = (P + 0.75) / n', d' = (D + 0.75) / n',
// NPS' = p' − d', half = 1.959964 · sqrt((p' + d' − NPS'²) / n').
// 3 promoters of 3: n' = 6, p' = 0.625, d' = 0.125, NPS' = 0.5, half = 1.959964 · sqrt(0.5 / 6)
// = 0.565793 → [−6.58, +106.58], clamped to [−6.58, +100]: not the plain interval's +100…+100.
TEST(nps_interval, keeps_its_doubt_at_the_extremes) {
  const auto top = summarize(core::scale::nps10, {{10, 3}});
  EXPECT_EQ(top.score, 100);
  EXPECT_NEAR(top.score_interval.low, -6.57929, 1e-4);
  EXPECT_EQ(top.score_interval.high, 100);
  const auto bottom = summarize(core::scale::nps10, {{0, 3}});
  EXPECT_EQ(bottom.score_interval.low, -100);
  EXPECT_NEAR(bottom.score_interval.high, 6.57929, 1e-4);
  // Passives only: n' = 8, p' = d' = 0.09375, half = 1.959964 · sqrt(0.1875 / 8) = 0.300057.
  const auto passives = summarize(core::scale::nps10, {{8, 5}});
  EXPECT_NEAR(passives.score_interval.low, -30.0057, 1e-4);
  EXPECT_NEAR(passives.score_interval.high, 30.0057, 1e-4);
}

// 5 promoters, 3 passives, 2 detractors (+30): n' = 13, p' = 5.75/13 = 0.442308, d' = 2.75/13
// = 0.211538, NPS' = 0.230769, half = 1.959964 · sqrt((0.653846 − 0.053254) / 13) = 0.421275
// → [−19.05, +65.20]. 60 P, 20 D of 100 (+40): [+23.38, +54.29].
TEST(nps_interval, a_middle_case) {
  const auto s = summarize(core::scale::nps10, {{10, 5}, {8, 3}, {3, 2}});
  EXPECT_NEAR(s.score_interval.low, -19.0506, 1e-4);
  EXPECT_NEAR(s.score_interval.high, 65.2045, 1e-4);
  const auto w = nps_interval(60, 20, 100);
  EXPECT_NEAR(w.low, 23.3799, 1e-4);
  EXPECT_NEAR(w.high, 54.2900, 1e-4);
}

// One promoter: the adjusted interval, [−48.5, +98.5], would leave out the +100 that was observed.
TEST(nps_interval, holds_the_observed_nps) {
  const auto w = nps_interval(1, 0, 1);
  EXPECT_NEAR(w.low, -48.4986, 1e-4);
  EXPECT_EQ(w.high, 100);
  EXPECT_EQ(nps_interval(0, 0, 0).low, 0);
  EXPECT_EQ(nps_interval(0, 0, 0).high, 0);
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
