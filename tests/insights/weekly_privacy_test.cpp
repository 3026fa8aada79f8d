// Weekly scores of pseudonymous and anonymous services (SPEC §5, §12): a week with too few answers
// cannot merely be blanked, because the period's n and score beside the other weeks give it back.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "builders.hpp"
#include "insights/analysis.hpp"
#include "insights/digest.hpp"

namespace csibot::insights {
namespace {

using test::make_service;
using test::period_30d;

const text_rules rules;

// An input with no answers, for the test to fill in by hand.
service_input empty_input(core::anonymity a) {
  return service_accumulator(make_service("hr", core::criticality::high, a), period_30d, rules).finish();
}

// Five answers in the older week (four happy: 80 %), one in the newer week.
service_input five_then_one(core::anonymity a, int lone_rating) {
  auto in = empty_input(a);
  in.ratings = {{5, 4}, {1, 1}, {lone_rating, 1}};
  in.weeks = {{{5, 4}, {1, 1}}, {{lone_rating, 1}}};
  return in;
}

analysis_options with_min_group(int min_group) {
  analysis_options o;
  o.min_group = min_group;
  return o;
}
const analysis_options min_group_5 = with_min_group(5);

TEST(weekly_privacy, a_lone_answer_in_a_week_withholds_every_week_of_an_anonymous_service) {
  for (auto a : {core::anonymity::anonymous, core::anonymity::pseudonymous}) {
    const auto s = analyse_service(five_then_one(a, 1), min_group_5);
    EXPECT_FALSE(s.hidden);
    EXPECT_EQ(s.figures.n, 6);  // the period's figures are a group of six: still shown
    EXPECT_TRUE(s.weeks_withheld);
    EXPECT_TRUE(s.weekly_scores.empty());  // not even the week of five, which would give the lone one
    EXPECT_TRUE(s.sparkline.empty());
  }
}

TEST(weekly_privacy, the_withheld_weeks_read_the_same_whatever_the_lone_answer_was) {
  const auto unhappy = analyse_service(five_then_one(core::anonymity::anonymous, 1), min_group_5);
  const auto happy = analyse_service(five_then_one(core::anonymity::anonymous, 5), min_group_5);
  EXPECT_EQ(unhappy.weekly_scores, happy.weekly_scores);
  EXPECT_EQ(weekly_text(unhappy, "en"), "too few answers per week");
  EXPECT_EQ(weekly_text(unhappy, "de"), "zu wenige Antworten pro Woche");
}

TEST(weekly_privacy, answers_before_the_drawn_weeks_are_a_group_too) {
  // A long period draws only its last weeks: two answers before them would be n minus the weeks.
  auto in = empty_input(core::anonymity::anonymous);
  in.ratings = {{5, 10}, {1, 2}};
  in.weeks = {{{5, 5}}, {{5, 5}}};
  EXPECT_TRUE(analyse_service(in, min_group_5).weeks_withheld);
  in.ratings = {{5, 10}, {1, 5}};  // five before the drawn weeks: a group of its own
  EXPECT_FALSE(analyse_service(in, min_group_5).weeks_withheld);
}

TEST(weekly_privacy, weeks_without_answers_do_not_withhold_the_others) {
  auto in = empty_input(core::anonymity::anonymous);
  in.ratings = {{5, 9}, {1, 1}};
  in.weeks = {{{5, 4}, {1, 1}}, {}, {{5, 5}}};
  const auto s = analyse_service(in, min_group_5);
  EXPECT_FALSE(s.weeks_withheld);
  ASSERT_EQ(s.weekly_scores.size(), 3u);
  EXPECT_EQ(s.weekly_scores[0], 80.0);
  EXPECT_FALSE(s.weekly_scores[1]);
  EXPECT_EQ(s.weekly_scores[2], 100.0);
  EXPECT_EQ(s.sparkline, "▇·█");
}

TEST(weekly_privacy, identified_services_show_every_week_however_small) {
  const auto s = analyse_service(five_then_one(core::anonymity::identified, 1), min_group_5);
  EXPECT_FALSE(s.weeks_withheld);
  ASSERT_EQ(s.weekly_scores.size(), 2u);
  EXPECT_EQ(s.weekly_scores[0], 80.0);
  EXPECT_EQ(s.weekly_scores[1], 0.0);
}

TEST(weekly_privacy, the_digest_table_and_json_withhold_the_weeks) {
  catalog_insight data = analyse({five_then_one(core::anonymity::anonymous, 1)}, min_group_5);
  const auto d = compose_digest(data, {.language = "en", .period = period_30d});
  ASSERT_EQ(d.table.rows.size(), 1u);
  EXPECT_EQ(d.table.rows[0][3], "too few answers per week");
  EXPECT_EQ(d.table.rows[0][4], "6");
  const auto j = nlohmann::json::parse(to_json(d))["services"][0];
  EXPECT_TRUE(j["weekly_scores"].is_null());
  EXPECT_EQ(j["weeks_withheld"], true);
  EXPECT_EQ(j["sparkline"], "");
}

}  // namespace
}  // namespace csibot::insights

namespace csibot::insights {
namespace {

// Six answers are a group, but the two that state an impact are two people's choices: the priority's
// reason must not give the share they make up (SPEC §5); an identified service shows it.
TEST(impact_privacy, an_impact_stated_by_fewer_than_min_group_is_not_shown_for_an_anonymous_service) {
  for (auto a : {core::anonymity::anonymous, core::anonymity::identified}) {
    auto in = five_then_one(a, 1);
    in.impacts.blocks = 2;
    in.impacts.unanswered = 4;
    const auto s = analyse_service(in, min_group_5);
    const auto why = explain_priority(s, "en");
    if (a == core::anonymity::identified) {
      EXPECT_FALSE(s.impacts_withheld);
      EXPECT_NE(why.find("100"), std::string::npos) << why;
    } else {
      EXPECT_TRUE(s.impacts_withheld);
      EXPECT_EQ(why, explain_priority(analyse_service(five_then_one(a, 1), min_group_5), "en"))
          << "reads as if nobody had stated an impact: " << why;
    }
  }
}

}  // namespace
}  // namespace csibot::insights
