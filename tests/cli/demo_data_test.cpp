// The demo generator alone: deterministic, valid rows, and the shapes the demo promises.
#include "bot/cli/demo_data.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "config/loader.hpp"
#include "core/scale.hpp"

namespace csibot::cli {
namespace {

const core::timestamp now = *core::parse_iso8601("2026-11-30T15:00:00Z");

demo_request request_for(int days, int scale) {
  const auto settings = config::demo_settings();
  demo_request r;
  r.services = demo_catalog(settings.services, scale);
  for (const auto& p : settings.pulses)
    r.pulse_services.push_back(p.service);
  r.days = days;
  r.scale = scale;
  r.now = now;
  return r;
}

std::vector<core::feedback> generate(const demo_request& r, std::uint64_t seed) {
  std::vector<core::feedback> rows;
  std::mt19937_64 rng{seed};
  const auto n =
      generate_demo(r, rng, [&](const core::feedback& f, const core::service&) { rows.push_back(f); });
  EXPECT_EQ(n, rows.size());
  return rows;
}

// Everything a row says, as one comparable string.
std::string describe(const core::feedback& f) {
  return f.service + "|" + f.user.value_or("-") + "|" + std::to_string(f.rating.value_or(-1)) + "|" +
         f.reason.value_or("-") + "|" + (f.impact ? std::string{core::to_string(*f.impact)} : "-") + "|" +
         f.usage.value_or("-") + "|" + std::string{core::to_string(f.source)} + "|" +
         std::string{core::to_string(f.status)} + "|" + std::to_string(core::to_millis(f.created_at));
}

std::map<std::string, std::size_t> volume_by_service(const std::vector<core::feedback>& rows) {
  std::map<std::string, std::size_t> n;
  for (const auto& f : rows)
    ++n[f.service];
  return n;
}

TEST(demo_data, same_seed_gives_the_same_rows) {
  const auto r = request_for(30, 1);
  const auto a = generate(r, 7), b = generate(r, 7), c = generate(r, 8);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i)
    ASSERT_EQ(describe(a[i]), describe(b[i])) << "row " << i;
  EXPECT_FALSE(a.size() == c.size() &&
               std::equal(a.begin(), a.end(), c.begin(),
                          [](const auto& x, const auto& y) { return describe(x) == describe(y); }));
}

TEST(demo_data, every_row_is_valid_for_its_service) {
  const auto r = request_for(90, 2);
  std::map<std::string, core::scale> scales;
  for (const auto& s : r.services)
    scales[s.id] = s.scale;
  for (const auto& f : generate(r, 1)) {
    ASSERT_EQ(f.scale, scales.at(f.service));
    if (f.rating) {
      ASSERT_TRUE(core::in_range(f.scale, *f.rating)) << describe(f);
    }
    ASSERT_GE(f.created_at, now - std::chrono::days{90});
    ASSERT_LT(f.created_at, now);
    ASSERT_TRUE(f.user && f.user->starts_with("local:"));
    if (f.status == core::feedback_status::partial) {
      ASSERT_FALSE(f.reason || f.impact || f.usage);
    }
    if (f.usage) {
      ASSERT_TRUE(f.usage_asked);
    }
  }
}

TEST(demo_data, volume_is_25_to_60_a_week_per_service_except_the_retire_candidate) {
  for (const auto& [service, n] : volume_by_service(generate(request_for(84, 1), 3))) {
    const double weekly = static_cast<double>(n) / 12.0;
    if (service == "file-share") {
      EXPECT_LT(weekly, 20) << service;
    } else {
      EXPECT_GE(weekly, 20) << service;
      EXPECT_LE(weekly, 75) << service;  // vpn rises with its complaints
    }
  }
}

TEST(demo_data, weekends_are_quieter_and_mondays_peak) {
  std::array<std::size_t, 7> by_weekday{};
  for (const auto& f : generate(request_for(84, 1), 4))
    ++by_weekday[std::chrono::weekday{std::chrono::floor<std::chrono::days>(f.created_at)}.c_encoding()];
  const auto weekend = by_weekday[0] + by_weekday[6];
  const auto weekdays = by_weekday[1] + by_weekday[2] + by_weekday[3] + by_weekday[4] + by_weekday[5];
  EXPECT_LT(weekend * 5 * 3, weekdays * 2) << "weekend days should see under a third of a weekday";
  EXPECT_EQ(std::ranges::max_element(by_weekday) - by_weekday.begin(), 1) << "Monday peaks";
}

TEST(demo_data, scale_multiplies_volume) {
  const auto one = volume_by_service(generate(request_for(60, 1), 5));
  const auto three = volume_by_service(generate(request_for(60, 3), 5));
  for (const auto& [service, n] : one) {
    const double ratio = static_cast<double>(three.at(service)) / static_cast<double>(n);
    EXPECT_GT(ratio, 2.4) << service;
    EXPECT_LT(ratio, 3.6) << service;
  }
}

TEST(demo_data, scaled_catalog_has_fifty_distinct_services) {
  const auto configured = config::demo_settings().services;
  EXPECT_EQ(demo_catalog(configured, 1), configured);
  const auto scaled = demo_catalog(configured, 2);
  ASSERT_EQ(scaled.size(), demo_scaled_services);
  std::set<std::string> ids;
  std::set<core::scale> scales;
  for (const auto& s : scaled) {
    EXPECT_TRUE(core::is_valid_service_id(s.id)) << s.id;
    ids.insert(s.id);
    scales.insert(s.scale);
  }
  EXPECT_EQ(ids.size(), scaled.size());
  EXPECT_TRUE(ids.contains("svc-01") && ids.contains("svc-43"));
  EXPECT_EQ(scales.size(), 4U) << "every scale is exercised";
}

TEST(demo_data, people_grow_with_scale) {
  std::set<std::string> one, four;
  for (const auto& f : generate(request_for(90, 1), 6))
    one.insert(*f.user);
  for (const auto& f : generate(request_for(30, 4), 6))
    four.insert(*f.user);
  EXPECT_LE(one.size(), demo_people);
  EXPECT_GT(one.size(), demo_people * 9 / 10);
  EXPECT_GT(four.size(), 3 * demo_people);
}

TEST(demo_data, reasons_and_usage_come_from_the_service_themes) {
  std::size_t vpn_drops = 0, laptop_late = 0, usage = 0;
  for (const auto& f : generate(request_for(90, 1), 9)) {
    if (f.service == "vpn" && f.reason && f.reason->find("drops") != std::string::npos) ++vpn_drops;
    if (f.service == "laptop-provisioning" && f.reason == "laptop arrived late") ++laptop_late;
    if (f.usage) ++usage;
  }
  EXPECT_GT(vpn_drops, 20U);
  EXPECT_GE(laptop_late, 3U);
  EXPECT_GT(usage, 100U);
}

TEST(demo_data, rejects_an_empty_window) {
  std::mt19937_64 rng{1};
  EXPECT_THROW(generate_demo(request_for(0, 1), rng, [](const auto&, const auto&) {}), std::invalid_argument);
  EXPECT_THROW(generate_demo(request_for(1, 0), rng, [](const auto&, const auto&) {}), std::invalid_argument);
}

}  // namespace
}  // namespace csibot::cli
