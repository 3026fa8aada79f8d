// The direct message a subscriber gets when their scheduled digest could not be posted: it says which
// subscription, where, when and why, and what to do, in the subscriber's language.
#include "commands/subscription_text.hpp"

#include <gtest/gtest.h>

#include "config/loader.hpp"
#include "core/time.hpp"

namespace csibot::commands {
namespace {

storage::digest_subscription weekly_vpn_digest() {
  storage::digest_subscription s;
  s.id = 4;
  s.channel = "slack:C0DIGEST";
  s.services = {"vpn", "gone_service"};
  s.schedule = "0 9 * * MON";
  s.period = "7d";
  s.timezone = "Europe/Berlin";
  s.created_by = "slack:U0OWNER";
  return s;
}

const core::timestamp due = core::from_millis(1'796'630'400'000);  // 2026-12-07 08:00 UTC, a Monday

TEST(undelivered_digest_notice, names_the_subscription_the_channel_the_time_and_the_refusal) {
  const auto catalog = config::demo_settings().services;
  const auto m =
      undelivered_digest_notice("en", catalog, weekly_vpn_digest(), "chat.postMessage: not_in_channel", due,
                                "/csi", due + std::chrono::minutes{1});
  EXPECT_NE(m.text.find("could not be posted into channel C0DIGEST"), std::string::npos) << m.text;
  EXPECT_NE(m.text.find("2026-12-07 09:00"), std::string::npos) << "in the subscription's zone: " << m.text;
  EXPECT_NE(m.text.find("chat.postMessage: not\\_in\\_channel"), std::string::npos)
      << "the reason shows as Slack gave it, not in italics: " << m.text;
  EXPECT_NE(m.text.find("Remote access VPN, gone\\_service: `0 9 * * MON`"), std::string::npos)
      << "services by name, one gone from the catalog by its id: " << m.text;
  EXPECT_NE(m.text.find("next 2026-12-14 09:00"), std::string::npos) << m.text;
  EXPECT_NE(m.context.find("invite it there"), std::string::npos) << m.context;
  EXPECT_NE(m.context.find("`/csi unsubscribe`"), std::string::npos) << m.context;
}

TEST(undelivered_digest_notice, speaks_the_subscribers_language) {
  const auto m = undelivered_digest_notice("de", {}, weekly_vpn_digest(), "is_archived. ", due, "/csi", due);
  EXPECT_NE(m.text.find("is\\_archived. Das Abo:"), std::string::npos) << "one full stop: " << m.text;
  EXPECT_NE(m.text.find("konnte nicht in den Channel C0DIGEST gepostet werden"), std::string::npos) << m.text;
  EXPECT_NE(m.context.find("lade es dort ein"), std::string::npos) << m.context;
}

TEST(undelivered_digest_notice, a_hostile_reason_is_cut_and_cannot_add_markup) {
  const std::string reason = "*bold* " + std::string(5000, 'x');
  const auto m = undelivered_digest_notice("en", {}, weekly_vpn_digest(), reason, due, "/csi", due);
  EXPECT_NE(m.text.find("\\*bold\\*"), std::string::npos) << m.text;
  EXPECT_LT(m.text.size(), 1000u) << "the reason is cut to a readable length";
}

}  // namespace
}  // namespace csibot::commands
