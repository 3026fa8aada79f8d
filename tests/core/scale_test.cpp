#include "core/scale.hpp"

#include <gtest/gtest.h>

#include "core/feedback.hpp"
#include "core/service.hpp"

namespace csibot::core {
namespace {

TEST(scale, ranges_match_the_spec) {
  EXPECT_EQ(scale_values(scale::csat5), (std::vector<int>{1, 2, 3, 4, 5}));
  EXPECT_EQ(scale_values(scale::nps10), (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
  EXPECT_EQ(scale_values(scale::ces7), (std::vector<int>{1, 2, 3, 4, 5, 6, 7}));
  EXPECT_EQ(scale_values(scale::thumbs), (std::vector<int>{0, 1}));
}

TEST(scale, in_range_rejects_just_outside) {
  EXPECT_FALSE(in_range(scale::csat5, 0));
  EXPECT_FALSE(in_range(scale::csat5, 6));
  EXPECT_FALSE(in_range(scale::nps10, -1));
  EXPECT_FALSE(in_range(scale::nps10, 11));
  EXPECT_FALSE(in_range(scale::ces7, 8));
  EXPECT_FALSE(in_range(scale::thumbs, 2));
  EXPECT_TRUE(in_range(scale::nps10, 0));
}

TEST(scale, csat_happy_is_top_two_and_unhappy_bottom_two) {
  EXPECT_FALSE(is_happy(scale::csat5, 3));
  EXPECT_FALSE(is_unhappy(scale::csat5, 3));
  EXPECT_TRUE(is_happy(scale::csat5, 4));
  EXPECT_TRUE(is_unhappy(scale::csat5, 2));
  EXPECT_FALSE(is_unhappy(scale::csat5, 4));
}

TEST(scale, nps_promoters_passives_and_detractors) {
  EXPECT_TRUE(is_unhappy(scale::nps10, 0));
  EXPECT_TRUE(is_unhappy(scale::nps10, 6));
  for (int passive : {7, 8}) {
    EXPECT_FALSE(is_happy(scale::nps10, passive));
    EXPECT_FALSE(is_unhappy(scale::nps10, passive));
  }
  EXPECT_TRUE(is_happy(scale::nps10, 9));
  EXPECT_TRUE(is_happy(scale::nps10, 10));
}

TEST(scale, ces_and_thumbs_happiness) {
  EXPECT_TRUE(is_unhappy(scale::ces7, 3));
  EXPECT_FALSE(is_happy(scale::ces7, 5));
  EXPECT_FALSE(is_unhappy(scale::ces7, 4));
  EXPECT_TRUE(is_happy(scale::ces7, 6));
  EXPECT_TRUE(is_happy(scale::thumbs, 1));
  EXPECT_TRUE(is_unhappy(scale::thumbs, 0));
}

TEST(scale, no_rating_is_both_happy_and_unhappy) {
  for (auto s : {scale::csat5, scale::nps10, scale::ces7, scale::thumbs}) {
    for (int r : scale_values(s))
      EXPECT_FALSE(is_happy(s, r) && is_unhappy(s, r)) << to_string(s) << " " << r;
  }
}

TEST(scale, names_round_trip) {
  for (auto s : {scale::csat5, scale::nps10, scale::ces7, scale::thumbs})
    EXPECT_EQ(parse_scale(to_string(s)), s);
  EXPECT_FALSE(parse_scale("CSAT5"));
  EXPECT_FALSE(parse_scale(""));
}

TEST(feedback_enums, names_round_trip_as_exported) {
  for (auto i : {impact::blocks, impact::slows, impact::minor, impact::none})
    EXPECT_EQ(parse_impact(to_string(i)), i);
  for (auto s : {source::command, source::conversation, source::pulse, source::ticket}) {
    EXPECT_EQ(parse_source(to_string(s)), s);
  }
  EXPECT_EQ(to_string(impact::slows), "slows");
  EXPECT_EQ(to_string(feedback_status::partial), "partial");
  EXPECT_EQ(parse_feedback_status("complete"), feedback_status::complete);
  EXPECT_FALSE(parse_impact("slow"));
  EXPECT_FALSE(parse_source("web"));
}

TEST(feedback_enums, impact_and_criticality_weights) {
  EXPECT_EQ(impact_weight(impact::blocks), 3.0);
  EXPECT_EQ(impact_weight(impact::none), 0.0);
  const criticality_weights defaults;  // SPEC §2: 1/2/3/5 by default
  EXPECT_EQ(defaults.of(criticality::low), 1);
  EXPECT_EQ(defaults.of(criticality::medium), 2);
  EXPECT_EQ(defaults.of(criticality::high), 3);
  EXPECT_EQ(defaults.of(criticality::critical), 5);
  const criticality_weights configured{.low = 0, .medium = 1, .high = 4, .critical = 10};
  EXPECT_EQ(configured.of(criticality::low), 0);
  EXPECT_EQ(configured.of(criticality::high), 4);
  EXPECT_EQ(configured.of(criticality::critical), 10);
}

TEST(service, id_must_be_a_slug) {
  EXPECT_TRUE(is_valid_service_id("vpn"));
  EXPECT_TRUE(is_valid_service_id("ci-cd_2"));
  EXPECT_TRUE(is_valid_service_id(std::string(64, 'a')));
  EXPECT_FALSE(is_valid_service_id(std::string(65, 'a')));
  EXPECT_FALSE(is_valid_service_id(""));
  EXPECT_FALSE(is_valid_service_id("-vpn"));
  EXPECT_FALSE(is_valid_service_id("VPN"));
  EXPECT_FALSE(is_valid_service_id("v pn"));
  EXPECT_FALSE(is_valid_service_id("vpn\xC3\xA9"));
}

TEST(service, found_in_the_catalog_by_exact_id) {
  std::vector<service> catalog(2);
  catalog[0].id = "vpn";
  catalog[1].id = "mail";
  EXPECT_EQ(find_service(catalog, "mail"), &catalog[1]);
  EXPECT_EQ(find_service(catalog, "vpn"), &catalog[0]);
  EXPECT_EQ(find_service(catalog, "VPN"), nullptr) << "ids are slugs; names are matched elsewhere";
  EXPECT_EQ(find_service(catalog, ""), nullptr);
  EXPECT_EQ(find_service({}, "vpn"), nullptr);
}

}  // namespace
}  // namespace csibot::core
