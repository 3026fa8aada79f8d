// "Did we get there?" (SPEC §6): a done improvement is judged once the period after it is over and
// enough people have answered — verified only when the happy share rose beyond noise.
#include "insights/verification.hpp"

#include <gtest/gtest.h>

#include "builders.hpp"

namespace csibot::insights {
namespace {

using std::chrono::days;

const core::timestamp added = test::period_end;
const core::timestamp done_at = added + days{10};

// 40 answers in the 30 days before `add`, 20 of them happy: CSAT 50 %.
core::measurement baseline(std::int64_t happy = 20, std::int64_t n = 40) {
  return {100.0 * static_cast<double>(happy) / static_cast<double>(n), happy, n, added - days{30}, added};
}

summary after(std::int64_t happy, std::int64_t n) {
  summary s;
  s.n = n;
  s.happy = happy;
  s.score = n == 0 ? 0 : 100.0 * static_cast<double>(happy) / static_cast<double>(n);
  return s;
}

TEST(verification, the_after_period_has_the_baseline_s_length_and_starts_at_done) {
  const auto p = after_period(done_at, baseline());
  EXPECT_EQ(p.from, done_at);
  EXPECT_EQ(p.to, done_at + days{30});
}

TEST(verification, nothing_is_decided_before_the_after_period_is_over) {
  const auto r = verify(baseline(), after(40, 40), done_at, done_at + days{29});
  EXPECT_EQ(r.verdict, verification_verdict::not_due);
}

TEST(verification, too_few_answers_keep_it_pending) {
  const auto r = verify(baseline(), after(4, 4), done_at, done_at + days{30});
  EXPECT_EQ(r.verdict, verification_verdict::too_few);
  EXPECT_EQ(verify(baseline(5, 40), after(4, 4), done_at, done_at + days{30}, {.min_answers = 3}).verdict,
            verification_verdict::verified)
      << "min_answers is the configured min_group";
}

TEST(verification, a_rise_beyond_noise_is_verified) {
  // 50 % → 85 % on 40 answers each: z ≈ 3.3.
  const auto r = verify(baseline(), after(34, 40), done_at, done_at + days{30});
  EXPECT_EQ(r.verdict, verification_verdict::verified);
  EXPECT_EQ(r.change.change, change::better);
  EXPECT_NEAR(r.change.delta, 35, 1e-9);
}

TEST(verification, a_rise_within_noise_is_no_measurable_effect) {
  // 50 % → 60 % on 40 answers each: z ≈ 0.9.
  const auto r = verify(baseline(), after(24, 40), done_at, done_at + days{31});
  EXPECT_EQ(r.verdict, verification_verdict::no_effect);
  EXPECT_EQ(r.change.change, change::within_noise);
  EXPECT_FALSE(r.baseline_too_small);
}

TEST(verification, a_fall_is_no_measurable_effect_too) {
  const auto r = verify(baseline(), after(5, 40), done_at, done_at + days{30});
  EXPECT_EQ(r.verdict, verification_verdict::no_effect);
  EXPECT_EQ(r.change.change, change::worse);
}

TEST(verification, a_baseline_too_small_to_compare_with_shows_no_effect_and_says_why) {
  const auto r = verify(baseline(1, 3), after(40, 40), done_at, done_at + days{30});
  EXPECT_EQ(r.verdict, verification_verdict::no_effect);
  EXPECT_TRUE(r.baseline_too_small);
}

// NPS: 50 promoters and 50 detractors (NPS 0) before, 50 promoters and 50 passives (NPS +50)
// after. The promoters did not change, the detractors went: that is an effect (z = 4.26).
TEST(verification, an_nps_rise_from_fewer_detractors_is_verified) {
  const core::measurement before{0, 50, 100, added - days{30}, added};
  const auto after = summarize(core::scale::nps10, {{10, 50}, {8, 50}});
  const auto r = verify(before, after, done_at, done_at + days{30});
  EXPECT_EQ(r.verdict, verification_verdict::verified);
  EXPECT_NEAR(r.change.delta, 50, 1e-9);
}

TEST(verification, an_nps_baseline_gives_its_detractors_back) {
  // +30 of 10 with 5 promoters: 2 detractors. CSAT has no such count to give back.
  EXPECT_EQ(as_summary({30, 5, 10, added - days{30}, added}, core::scale::nps10).unhappy, 2);
  EXPECT_EQ(as_summary({-100.0 / 3, 0, 3, added - days{30}, added}, core::scale::nps10).unhappy, 1);
  EXPECT_EQ(as_summary({50, 5, 10, added - days{30}, added}, core::scale::csat5).unhappy, 0);
}

}  // namespace
}  // namespace csibot::insights
