// config::digest_plan: a service's digest_channel (SPEC §2) gets that service's digest, unless a
// [[digest]] entry already sends it there.
#include "config/digest_plan.hpp"

#include <gtest/gtest.h>

namespace csibot::config {
namespace {

core::service service(std::string id, std::string digest_channel) {
  core::service s;
  s.id = std::move(id);
  s.name = s.id;
  s.digest_channel = std::move(digest_channel);
  return s;
}

settings with(std::vector<core::service> services, std::vector<digest_settings> digests) {
  settings s;
  s.services = std::move(services);
  s.digests = std::move(digests);
  return s;
}

TEST(digest_plan, a_digest_channel_gets_its_services_weekly_digest) {
  const auto plan = digest_plan(with({service("vpn", "slack:CVPN"), service("email", "")}, {}));
  ASSERT_EQ(plan.size(), 1u);
  EXPECT_EQ(plan[0].channel, "slack:CVPN");
  EXPECT_EQ(plan[0].services, (std::vector<std::string>{"vpn"}));
  EXPECT_EQ(plan[0].schedule, "0 9 * * MON");
  EXPECT_EQ(plan[0].period, "7d");
  EXPECT_EQ(plan[0].timezone, "") << "bot.timezone";
}

TEST(digest_plan, services_sharing_a_channel_share_one_digest_in_catalog_order) {
  const auto plan = digest_plan(with(
      {service("vpn", "slack:COPS"), service("email", "slack:CMAIL"), service("wifi", "slack:COPS")}, {}));
  ASSERT_EQ(plan.size(), 2u);
  EXPECT_EQ(plan[0].channel, "slack:CMAIL");
  EXPECT_EQ(plan[1].channel, "slack:COPS");
  EXPECT_EQ(plan[1].services, (std::vector<std::string>{"vpn", "wifi"}));
}

TEST(digest_plan, an_entry_that_already_sends_the_service_there_is_not_doubled) {
  const std::vector<digest_settings> entries{{"slack:CALL", {"*"}, "0 8 * * *", "1d", ""},
                                             {"slack:CVPN", {"vpn"}, "30 8 1 * *", "30d", ""}};
  const auto plan = digest_plan(
      with({service("vpn", "slack:CVPN"), service("email", "slack:CALL"), service("wifi", "slack:CVPN")},
           entries));
  ASSERT_EQ(plan.size(), 3u);
  EXPECT_EQ(plan[0].schedule, "0 8 * * *");  // the file's entries first, unchanged
  EXPECT_EQ(plan[1].schedule, "30 8 1 * *");
  // wifi is not in CVPN's entry, so it gets its own digest there; vpn and email are covered.
  EXPECT_EQ(plan[2].channel, "slack:CVPN");
  EXPECT_EQ(plan[2].services, (std::vector<std::string>{"wifi"}));
}

}  // namespace
}  // namespace csibot::config
