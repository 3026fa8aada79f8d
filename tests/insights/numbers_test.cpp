// Scores as people read them: never 100 unless everyone, never 0 unless no one, never "-0", and
// never a target reached that was not.
#include "insights/numbers.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "builders.hpp"
#include "insights/analysis.hpp"
#include "insights/digest.hpp"

namespace csibot::insights {
namespace {

TEST(numbers, only_everyone_is_a_hundred_and_only_no_one_is_zero) {
  EXPECT_EQ(share_text(100), "100");
  EXPECT_EQ(share_text(99.6), "99");
  EXPECT_EQ(share_text(66.7), "67");
  EXPECT_EQ(share_text(0.3), "<1");
  EXPECT_EQ(share_text(0.7), "1");
  EXPECT_EQ(share_text(0), "0");
}

TEST(numbers, nps_never_reads_minus_or_plus_zero) {
  EXPECT_EQ(nps_text(0), "0");
  EXPECT_EQ(nps_text(-0.4), "-<1");
  EXPECT_EQ(nps_text(0.4), "+<1");
  EXPECT_EQ(nps_text(23.4), "+23");
  EXPECT_EQ(nps_text(99.7), "+99");
  EXPECT_EQ(nps_text(-99.7), "-99");
  EXPECT_EQ(nps_text(-100), "-100");
  EXPECT_EQ(delta_text(-0.2), "-<1");
  EXPECT_EQ(interval_number(core::scale::nps10, -0.3, 40.2), "0…+40");
}

TEST(numbers, a_score_below_its_target_is_not_shown_at_it) {
  EXPECT_EQ(share_text(84.6, 0, 85.0), "84");
  EXPECT_EQ(share_text(85.0, 0, 85.0), "85");
  EXPECT_EQ(share_text(84.6, 0, 80.0), "85");  // far from the target: rounded as usual
  EXPECT_EQ(nps_text(29.7, 0, 30.0), "+29");
  EXPECT_EQ(target_decimals(85.5), 1);
  EXPECT_EQ(share_text(85.46, target_decimals(85.5), 85.5), "85.4");
}

service_input input_with(const std::string& id, std::vector<rating_bucket> ratings) {
  static const text_rules rules;
  auto in = service_accumulator(test::make_service(id), test::period_30d, rules).finish();
  in.ratings = std::move(ratings);
  return in;
}

// 11 of 13 happy = 84.6 %, target 85; 1 of 300 unhappy with 299 happy = 99.7 %.
TEST(numbers, the_digest_agrees_with_its_target_in_every_language) {
  service_input a = input_with("vpn", {{5, 11}, {1, 2}});
  a.service.target = 85;
  service_input b = input_with("wiki", {{5, 299}, {1, 1}});
  const auto data = analyse({a, b}, {});
  for (const char* lang : {"en", "de"}) {
    const auto d = compose_digest(data, {.language = lang, .period = test::period_30d});
    EXPECT_EQ(d.table.rows[0][1], "CSAT 84 %") << lang;
    EXPECT_EQ(d.table.rows[1][1], "CSAT 99 %") << lang;
  }
  const auto why = explain_priority(data.services[1], "en");
  EXPECT_NE(why.find(", <1 % unhappy"), std::string::npos) << why;  // not "0 % unhappy" beside a priority
}

// A target given to three decimals: 1 of 3 (33.33… %) meets 33.333, and must not read "33.33 %
// met (≥ 33.333)", a score below the target it is said to meet.
TEST(numbers, a_target_with_many_decimals_gives_the_score_as_many) {
  EXPECT_EQ(target_decimals(33.333), 3);
  EXPECT_EQ(share_text(100.0 / 3, target_decimals(33.333), 33.333), "33.333");
  EXPECT_EQ(share_text(33.3329, target_decimals(33.333), 33.333), "33.332");
  // Finer than max_target_decimals: a score that meets the target is not rounded below it.
  EXPECT_EQ(share_text(100.0 / 3, target_decimals(33.3333331), 33.3333331), "33.333334");
  service_input a = input_with("vpn", {{5, 1}, {1, 2}});
  a.service.target = 33.333;
  const auto d = compose_digest(analyse({a}, {}), {.language = "en", .period = test::period_30d});
  EXPECT_EQ(d.table.rows[0][1], "CSAT 33.333 %");
  EXPECT_EQ(d.table.rows[0][5], "met (≥ 33.333)");
}

// The JSON carries each figure as the chat writes it, for the dashboard, which rounded on its own:
// NPS -10.5 read -10 there and -11 in the digest; 199 of 200 must read 99 %; target 85.5 read 86 %.
TEST(numbers, the_json_writes_each_figure_as_the_chat_does) {
  service_input nps = input_with("ci", {{0, 21}, {7, 179}});
  nps.service.scale = core::scale::nps10;
  nps.service.target = 30;
  service_input almost = input_with("mail", {{5, 199}, {1, 1}});
  service_input half = input_with("vpn", {{5, 11}, {1, 2}});
  half.service.target = 85.5;
  const auto d =
      compose_digest(analyse({nps, almost, half}, {}), {.language = "en", .period = test::period_30d});
  const auto j = nlohmann::json::parse(to_json(d))["services"];
  EXPECT_EQ(j[0]["shown"]["score"], "-11");
  EXPECT_EQ(j[0]["shown"]["target"], "+30");
  EXPECT_EQ(d.table.rows[0][1], "NPS -11");
  EXPECT_EQ(j[1]["shown"]["score"], "99 %");
  EXPECT_EQ(j[2]["shown"]["score"], "84.6 %");
  EXPECT_EQ(j[2]["shown"]["target"], "85.5 %");
  EXPECT_EQ(
      j[2]["shown"]["interval"][0].get<std::string>() + "–" + j[2]["shown"]["interval"][1].get<std::string>(),
      "58 %–96 %");
}

}  // namespace
}  // namespace csibot::insights
