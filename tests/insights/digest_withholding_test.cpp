// What the digest says of small groups and empty periods: every rendering withholds the same things,
// and no figure it prints lets a reader work a withheld one back out (SPEC §5, §12).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "builders.hpp"
#include "core/i18n.hpp"
#include "insights/analysis.hpp"
#include "insights/digest.hpp"

namespace csibot::insights {
namespace {

using test::make_service;
using test::period_30d;

const text_rules rules;

service_input input(std::string id, core::anonymity a, std::vector<rating_bucket> ratings) {
  auto in = service_accumulator(make_service(std::move(id), core::criticality::high, a), period_30d, rules)
                .finish();
  in.ratings = std::move(ratings);
  return in;
}

analysis_options min_group(int n) {
  analysis_options o;
  o.min_group = n;
  return o;
}

nlohmann::json json_of(const catalog_insight& data, std::string_view id) {
  const auto j =
      nlohmann::json::parse(to_json(compose_digest(data, {.language = "en", .period = period_30d})));
  for (const auto& s : j["services"])
    if (s["id"] == id) return s;
  return nullptr;
}

// Six answers are shown, but only two state an impact ("blocks me"): the mix and its weight are those
// two people's choice. The digest's text says "impact not stated"; so must the JSON and the priority.
TEST(digest_withholding, an_impact_mix_of_fewer_than_min_group_is_neither_in_the_json_nor_in_the_priority) {
  auto stated = input("hr", core::anonymity::anonymous, {{1, 3}, {5, 3}});
  stated.impacts = {.blocks = 2, .slows = 0, .minor = 0, .none = 0, .unanswered = 4};
  auto unstated = input("hr", core::anonymity::anonymous, {{1, 3}, {5, 3}});
  unstated.impacts = {.blocks = 0, .slows = 0, .minor = 0, .none = 0, .unanswered = 6};
  const auto with = analyse({stated}, min_group(5));
  const auto without = analyse({unstated}, min_group(5));
  ASSERT_TRUE(with.services[0].impacts_withheld);
  EXPECT_EQ(with.services[0].priority, without.services[0].priority)
      << "the priority would give the weight of the two answers back";
  const auto j = json_of(with, "hr");
  EXPECT_TRUE(j["impacts"].is_null()) << j["impacts"];
  EXPECT_TRUE(j["impact_weight"].is_null()) << j["impact_weight"];
  EXPECT_EQ(j["priority"], json_of(without, "hr")["priority"]);
}

// Catalog: vpn 20, wiki 40 (identified), hr 2 (anonymous: hidden). The median with hr's 2 is 20, and
// with vpn's and wiki's n beside it one could solve for hr's; over the shown services it is 30.
TEST(digest_withholding, the_median_n_leaves_out_services_whose_figures_are_hidden) {
  const auto data = analyse({input("vpn", core::anonymity::identified, {{5, 20}}),
                             input("wiki", core::anonymity::identified, {{5, 40}}),
                             input("hr", core::anonymity::anonymous, {{5, 2}})},
                            min_group(5));
  ASSERT_TRUE(data.services[2].hidden);
  EXPECT_EQ(data.median_n, 30);
  const auto j =
      nlohmann::json::parse(to_json(compose_digest(data, {.language = "en", .period = period_30d})));
  EXPECT_EQ(j["median_n"], 30);
}

// 20 answers now; 3 before, which for an anonymous service is a group too small to show. There were
// answers before: "no answers before" would be false, and the exact 3 must not show either.
TEST(digest_withholding, a_hidden_previous_period_reads_too_few_to_tell_not_no_answers_before) {
  auto in = input("hr", core::anonymity::anonymous, {{5, 20}});
  in.previous = {{5, 3}};
  const auto data = analyse({in}, min_group(5));
  for (const char* lang : {"en", "de"}) {
    const auto d = compose_digest(data, {.language = lang, .period = period_30d});
    EXPECT_EQ(d.table.rows[0][2], core::tr(lang, "digest.change.too_few"));
  }
  const auto j = json_of(data, "hr");
  EXPECT_EQ(j["change"]["verdict"], "too_few");
  EXPECT_TRUE(j["change"]["previous_n"].is_null()) << j["change"];
  EXPECT_EQ(j["change"]["previous_withheld"], true);
}

// No answers is no group to protect: the digest says "no answers" as /csi stats says 0, and adds no
// small print about hidden figures.
TEST(digest_withholding, an_anonymous_service_without_answers_reads_no_answers) {
  for (auto a : {core::anonymity::anonymous, core::anonymity::pseudonymous}) {
    const auto data = analyse({input("hr", a, {})}, min_group(5));
    const auto d = compose_digest(data, {.language = "en", .period = period_30d});
    EXPECT_EQ(d.table.rows[0][1], "no answers");
    EXPECT_EQ(d.table.rows[0][4], "0");
    EXPECT_EQ(d.context.find("fewer than 5"), std::string::npos) << d.context;
  }
}

// 0 answers have no score, interval or mean: 0.0 would read as "everybody unhappy".
TEST(digest_withholding, the_json_of_a_service_without_answers_has_no_score) {
  const auto j = json_of(analyse({input("vpn", core::anonymity::identified, {})}, min_group(5)), "vpn");
  EXPECT_EQ(j["n"], 0);
  EXPECT_TRUE(j["score"].is_null()) << j["score"];
  EXPECT_TRUE(j["interval"].is_null()) << j["interval"];
  EXPECT_TRUE(j["mean"].is_null()) << j["mean"];
  EXPECT_TRUE(j["happy_pct"].is_null()) << j["happy_pct"];
  EXPECT_TRUE(j["unhappy_pct"].is_null()) << j["unhappy_pct"];
}

}  // namespace
}  // namespace csibot::insights
