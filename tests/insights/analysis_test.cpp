#include "insights/analysis.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "builders.hpp"
#include "core/text.hpp"

namespace csibot::insights {
namespace {

using core::impact;
using test::feed;
using test::make_service;
using test::period_30d;

struct analysis_fixture : ::testing::Test {
  text_rules rules;
  std::vector<service_input> inputs;
  analysis_options options;

  service_accumulator start(core::service s) { return service_accumulator(std::move(s), period_30d, rules); }

  /// 40 % unhappy of 10, all "slows me down".
  service_input critical_vpn() {
    auto vpn = start(make_service("vpn", core::criticality::critical));
    feed(vpn, 1, 4, impact::slows);
    feed(vpn, 5, 6, impact::slows);
    return std::move(vpn).finish();
  }
  /// 50 % unhappy of 100, all "blocks me".
  service_input low_printing() {
    auto printing = start(make_service("printing", core::criticality::low));
    feed(printing, 2, 50, impact::blocks);
    feed(printing, 4, 50, impact::blocks);
    return std::move(printing).finish();
  }
};

// critical VPN:  5 × 0.4 × 2 (all "slows") × ln(11)  = 9.5916
// low printing:  1 × 0.5 × 3 (all "blocks") × ln(101) = 6.9227
// high email:    nobody unhappy → 0, not ranked
TEST_F(analysis_fixture, priority_is_criticality_times_unhappy_times_impact_times_damped_volume) {
  auto email = start(make_service("email", core::criticality::high));
  feed(email, 5, 20, impact::minor);
  inputs.push_back(std::move(email).finish());
  inputs.push_back(low_printing());
  inputs.push_back(critical_vpn());

  const auto result = analyse(inputs, options);
  ASSERT_EQ(result.priorities.size(), 2u);
  EXPECT_EQ(result.services[result.priorities[0]].service.id, "vpn");
  EXPECT_EQ(result.services[result.priorities[1]].service.id, "printing");
  EXPECT_NEAR(result.services[2].priority, 9.5916, 0.0001);
  EXPECT_NEAR(result.services[1].priority, 6.9227, 0.0001);
  EXPECT_EQ(result.services[0].priority, 0);
  EXPECT_EQ(result.services[2].hurt_pct, 100);  // every VPN answer says "slows me down"
  EXPECT_NEAR(result.services[2].unhappy_pct, 40, 1e-9);
}

// The same catalog with `[criticality] low = 2, critical = 3` (high 3 … 3 keeps the order rule):
// critical VPN:  3 × 0.4 × 2 × ln(11)  = 5.7550
// low printing:  2 × 0.5 × 3 × ln(101) = 13.8454, now first
TEST_F(analysis_fixture, configured_criticality_weights_change_the_ranking) {
  inputs.push_back(critical_vpn());
  inputs.push_back(low_printing());
  options.weights = {.low = 2, .medium = 2, .high = 3, .critical = 3};

  const auto result = analyse(inputs, options);
  ASSERT_EQ(result.priorities.size(), 2u);
  EXPECT_EQ(result.services[result.priorities[0]].service.id, "printing");
  EXPECT_NEAR(result.services[1].priority, 13.8454, 0.0001);
  EXPECT_NEAR(result.services[0].priority, 5.7550, 0.0001);
}

TEST_F(analysis_fixture, impact_weight_is_the_mean_over_answers_that_state_one) {
  auto svc = start(make_service("vpn"));
  feed(svc, 1, 2, impact::blocks);  // 3 + 3
  feed(svc, 2, 1, impact::none);    // 0
  feed(svc, 1, 1, impact::minor);   // 1
  feed(svc, 1, 3);                  // not stated: not in the mean
  inputs.push_back(std::move(svc).finish());
  const auto s = analyse(inputs, options).services[0];
  EXPECT_NEAR(s.impact_weight, 7.0 / 4, 1e-9);
  EXPECT_EQ(s.impacts, (impact_mix{.blocks = 2, .slows = 0, .minor = 1, .none = 1, .unanswered = 3}));
  EXPECT_EQ(s.hurt_pct, 50);  // 2 "blocks me" of 4 stated
}

TEST_F(analysis_fixture, unstated_impact_counts_as_minor_in_the_priority) {
  auto svc = start(make_service("vpn"));
  feed(svc, 1, 10);
  inputs.push_back(std::move(svc).finish());
  const auto s = analyse(inputs, options).services[0];
  EXPECT_EQ(s.impact_weight, 1);
  EXPECT_EQ(s.hurt_pct, 0);
  EXPECT_NEAR(s.priority, 2 * 1.0 * 1 * std::log1p(10.0), 1e-9);
}

// Catalog n: fax 10, wiki 40, erp 100 → median 40.
//   fax: 7 of 10 stated say "no impact" (70 % ≥ 60 %), 10 ≥ min_group, 10 ≤ median → candidate.
//   erp: 80 % "no impact" but 100 answers > median → busy, not a candidate.
//   wiki: 40 answers, only 50 % "no impact" → not a candidate.
TEST_F(analysis_fixture, retire_candidates_mostly_no_impact_and_rarely_used) {
  auto fax = start(make_service("fax", core::criticality::low));
  feed(fax, 3, 7, impact::none);
  feed(fax, 2, 3, impact::minor);
  auto wiki = start(make_service("wiki"));
  feed(wiki, 4, 20, impact::none);
  feed(wiki, 4, 20, impact::slows);
  auto erp = start(make_service("erp"));
  feed(erp, 4, 80, impact::none);
  feed(erp, 4, 20, impact::minor);
  inputs.push_back(std::move(fax).finish());
  inputs.push_back(std::move(wiki).finish());
  inputs.push_back(std::move(erp).finish());
  const auto result = analyse(inputs, options);
  EXPECT_EQ(result.median_n, 40);
  ASSERT_EQ(result.retire, (std::vector<std::size_t>{0}));
  EXPECT_TRUE(result.services[0].retire);
  EXPECT_NEAR(result.services[0].no_impact_pct, 70, 1e-9);
}

// A digest of erp alone: compared with itself, erp is always at the median and its 80 % "no impact"
// would make it a retire candidate; against the catalog (fax 10, wiki 40, erp 100) it is the busiest.
TEST_F(analysis_fixture, rarely_used_is_judged_against_the_whole_catalog_when_given) {
  auto erp = start(make_service("erp"));
  feed(erp, 4, 80, impact::none);
  feed(erp, 4, 20, impact::minor);
  inputs.push_back(std::move(erp).finish());
  EXPECT_TRUE(analyse(inputs, options).services[0].retire) << "alone, it is its own median";
  options.catalog_volumes = {10, 40, 100};
  const auto result = analyse(inputs, options);
  EXPECT_EQ(result.median_n, 40);
  EXPECT_FALSE(result.services[0].retire);
  EXPECT_TRUE(result.retire.empty());
}

TEST(retire_rule, needs_min_group_answers_that_state_an_impact) {
  EXPECT_FALSE(
      is_retire_candidate({.blocks = 0, .slows = 0, .minor = 0, .none = 4, .unanswered = 20}, 24, 100, 5));
  EXPECT_TRUE(
      is_retire_candidate({.blocks = 0, .slows = 0, .minor = 2, .none = 3, .unanswered = 0}, 5, 5, 5));
  EXPECT_FALSE(
      is_retire_candidate({.blocks = 0, .slows = 0, .minor = 3, .none = 2, .unanswered = 0}, 5, 5, 5));
}

TEST_F(analysis_fixture, anonymous_services_below_min_group_show_nothing_but_n) {
  for (auto a : {core::anonymity::anonymous, core::anonymity::pseudonymous}) {
    auto svc = start(make_service("hr", core::criticality::critical, a));
    feed(svc, 1, 4, impact::blocks, "payroll portal crashes");
    inputs.push_back(std::move(svc).finish());
  }
  const auto result = analyse(inputs, options);
  for (const auto& s : result.services) {
    EXPECT_TRUE(s.hidden);
    EXPECT_EQ(s.figures.n, 4);
    EXPECT_EQ(s.figures.score, 0);
    EXPECT_EQ(s.figures.unhappy, 0);
    EXPECT_TRUE(s.themes.empty());
    EXPECT_TRUE(s.sparkline.empty());
    EXPECT_EQ(s.priority, 0);
  }
  EXPECT_TRUE(result.priorities.empty());
}

TEST_F(analysis_fixture, anonymous_services_at_min_group_show_themes_with_quotes) {
  auto svc = start(make_service("hr", core::criticality::high, core::anonymity::anonymous));
  feed(svc, 1, 5, impact::blocks, "payroll portal crashes");
  feed(svc, 5, 1, impact::none, "fine");
  inputs.push_back(std::move(svc).finish());
  const auto s = analyse(inputs, options).services[0];
  EXPECT_FALSE(s.hidden);
  ASSERT_FALSE(s.themes.empty());
  EXPECT_EQ(s.themes[0].quote, "payroll portal crashes");
}

// A theme of fewer than min_group comments is a small group of its own: its quote is one of a few
// comments their writers can tell apart. Count and mean stay; an identified service keeps the quote.
TEST_F(analysis_fixture, anonymous_themes_below_min_group_show_no_quote) {
  for (auto a : {core::anonymity::anonymous, core::anonymity::identified}) {
    inputs.clear();
    auto svc = start(make_service("hr", core::criticality::high, a));
    feed(svc, 1, 2, impact::blocks, "payroll portal crashes");
    feed(svc, 5, 6, impact::none, "fine");
    inputs.push_back(std::move(svc).finish());
    const auto s = analyse(inputs, options).services[0];
    ASSERT_FALSE(s.hidden);
    ASSERT_FALSE(s.themes.empty());
    EXPECT_EQ(s.themes[0].count, 2);
    EXPECT_EQ(s.themes[0].quote.empty(), a == core::anonymity::anonymous) << s.themes[0].quote;
  }
}

TEST_F(analysis_fixture, identified_services_show_figures_however_small) {
  auto svc = start(make_service("vpn"));
  feed(svc, 1, 2, impact::slows, "drops");
  inputs.push_back(std::move(svc).finish());
  const auto s = analyse(inputs, options).services[0];
  EXPECT_FALSE(s.hidden);
  EXPECT_EQ(s.figures.n, 2);
  EXPECT_EQ(s.themes.size(), 1u);
  EXPECT_EQ(s.change.change, change::too_few);
}

TEST_F(analysis_fixture, change_uses_the_previous_period_and_target_is_checked) {
  auto base = make_service("vpn");
  base.target = 70;
  auto svc = start(base);
  feed(svc, 5, 45);
  feed(svc, 1, 15);
  svc.add_previous(5, 30);
  svc.add_previous(2, 30);
  inputs.push_back(std::move(svc).finish());
  const auto s = analyse(inputs, options).services[0];
  EXPECT_EQ(s.change.change, change::better);  // 75 % against 50 %, z = 2.83
  EXPECT_NEAR(s.change.delta, 25, 1e-9);
  EXPECT_EQ(s.target_met, true);
  EXPECT_EQ(core::utf8_length(s.sparkline), 5u);  // 30 days: five weeks drawn
  EXPECT_FALSE(s.response_rate);                  // prompts are not counted yet: no rate, never a guess
}

TEST_F(analysis_fixture, response_rate_only_when_prompts_were_sent) {
  auto svc = start(make_service("vpn"));
  feed(svc, 4, 3);
  svc.set_responses({.sent = 40, .answered = 10});
  inputs.push_back(std::move(svc).finish());
  auto zero = start(make_service("wiki"));
  zero.set_responses({.sent = 0, .answered = 0});
  inputs.push_back(std::move(zero).finish());
  const auto result = analyse(inputs, options);
  EXPECT_EQ(result.services[0].response_rate, 25.0);
  EXPECT_FALSE(result.services[1].response_rate);
}

}  // namespace
}  // namespace csibot::insights
