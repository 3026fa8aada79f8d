#include "insights/sparkline.hpp"

#include <gtest/gtest.h>

#include "insights/pass.hpp"

namespace csibot::insights {
namespace {

using namespace std::chrono_literals;

TEST(sparkline, places_values_on_the_fixed_range) {
  // 0 → band 0, 12.5 → band 1, 50 → band 4, 99 → band 7, 100 → band 7 (not past it).
  EXPECT_EQ(sparkline({0.0, 12.5, 50.0, 99.0, 100.0}, 0, 100), "▁▂▅██");
}

TEST(sparkline, a_week_without_answers_is_a_dot) {
  EXPECT_EQ(sparkline({80.0, std::nullopt, 20.0}, 0, 100), "▇·▂");
}

TEST(sparkline, values_outside_the_range_are_clamped) {
  EXPECT_EQ(sparkline({-5.0, 150.0}, 0, 100), "▁█");
}

TEST(sparkline, nps_uses_minus_hundred_to_hundred) {
  EXPECT_EQ(score_sparkline(core::scale::nps10, {-100.0, 0.0, 100.0}), "▁▅█");
}

TEST(weekly_scores, are_the_score_of_each_week_and_gaps_below_the_minimum) {
  const std::vector<std::vector<rating_bucket>> weeks = {{{5, 3}, {1, 1}}, {}, {{4, 1}}};
  const auto scores = weekly_scores(core::scale::csat5, weeks);
  ASSERT_EQ(scores.size(), 3u);
  EXPECT_DOUBLE_EQ(*scores[0], 75.0);
  EXPECT_FALSE(scores[1]);
  EXPECT_DOUBLE_EQ(*scores[2], 100.0);
  // With a minimum of 2 answers a week (an anonymous service's min_group), the lone answer is hidden.
  EXPECT_FALSE(weekly_scores(core::scale::csat5, weeks, 2)[2]);
}

TEST(week_count, whole_and_partial_weeks_capped_at_twelve) {
  const auto at = core::from_millis(1'800'000'000'000);
  EXPECT_EQ(week_count({at, at + std::chrono::days{7}, "7d"}), 1u);
  EXPECT_EQ(week_count({at, at + std::chrono::days{30}, "30d"}), 5u);
  EXPECT_EQ(week_count({at, at + std::chrono::days{365}, "365d"}), 12u);
  EXPECT_EQ(week_count({at, at, "empty"}), 0u);
}

TEST(service_accumulator, puts_answers_in_weeks_counted_back_from_the_end) {
  const auto to = core::from_millis(1'800'000'000'000);
  const core::period p{to - std::chrono::days{14}, to, "14d"};
  text_rules rules;
  core::service svc;
  svc.id = "vpn";
  service_accumulator acc(svc, p, rules);
  acc.add({.created_at = to - 1ms, .rating = 5, .reason = {}, .impact = {}, .usage = {}});
  acc.add({.created_at = p.from, .rating = 1, .reason = {}, .impact = {}, .usage = {}});
  acc.add(
      {.created_at = p.from + std::chrono::days{7}, .rating = 2, .reason = {}, .impact = {}, .usage = {}});
  const service_input in = std::move(acc).finish();
  ASSERT_EQ(in.weeks.size(), 2u);
  ASSERT_EQ(in.weeks[0].size(), 1u);  // oldest week: the answer at the period's start
  EXPECT_EQ(in.weeks[0][0].rating, 1);
  ASSERT_EQ(in.weeks[1].size(), 2u);  // newest week: [to − 7 d, to)
  EXPECT_EQ(in.weeks[1][0].rating, 2);
  EXPECT_EQ(in.weeks[1][1].rating, 5);
  EXPECT_EQ(in.impacts.unanswered, 3);
}

}  // namespace
}  // namespace csibot::insights
