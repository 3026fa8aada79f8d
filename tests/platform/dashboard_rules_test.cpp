// Who may see the dashboard, and in which language it speaks (bot/platform/local/dashboard.hpp). The
// page and its JSON on the real binary: tests/e2e/dashboard_test.cpp.
#include <gtest/gtest.h>

#include "bot/platform/local/dashboard.hpp"

namespace csibot::platform::local {
namespace {

TEST(dashboard_rules, loopback_visitors_always_see_it_others_only_where_the_local_chat_is_served) {
  for (const char* loopback : {"127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"}) {
    EXPECT_TRUE(dashboard_visible_to(loopback, false)) << loopback;
    EXPECT_TRUE(dashboard_visible_to(loopback, true)) << loopback;
  }
  for (const char* remote :
       {"10.0.0.5", "192.168.1.20", "2001:db8::1", "::ffff:10.0.0.5", "", "not an address"}) {
    EXPECT_FALSE(dashboard_visible_to(remote, false)) << remote << ": a Slack-only bot may face the internet";
    EXPECT_TRUE(dashboard_visible_to(remote, true))
        << remote << ": the chat's page already shows /csi digest";
  }
}

TEST(dashboard_rules, the_language_comes_from_the_page_then_the_browser_then_the_bot) {
  EXPECT_EQ(dashboard_language("de", std::nullopt, "en"), "de");
  EXPECT_EQ(dashboard_language("en-GB", std::string_view{"de-DE,de;q=0.9"}, "de"), "en")
      << "the page's choice wins";
  EXPECT_EQ(dashboard_language("", std::string_view{"de-DE,de;q=0.9,en;q=0.8"}, "en"), "de");
  EXPECT_EQ(dashboard_language("", std::string_view{"de;q=0.9"}, "en"), "de");
  EXPECT_EQ(dashboard_language("", std::string_view{"fr-FR,fr;q=0.9"}, "de"), "en")
      << "an unshipped language reads English, as the chat's replies do";
  EXPECT_EQ(dashboard_language("", std::string_view{"*"}, "de"), "de");
  EXPECT_EQ(dashboard_language("", std::string_view{""}, "de"), "de");
  EXPECT_EQ(dashboard_language("", std::nullopt, "de"), "de");
  EXPECT_EQ(dashboard_language("", std::nullopt, "de-AT"), "de");
}

TEST(dashboard_rules, fresh_figures_are_computed_at_most_once_per_gap_whatever_the_period) {
  using namespace std::chrono_literals;
  fresh_gate gate{250ms};
  const auto t0 = std::chrono::steady_clock::time_point{} + 1h;
  EXPECT_TRUE(gate.admit(t0));
  EXPECT_FALSE(gate.admit(t0 + 100ms)) << "a second period right after the first waits";
  EXPECT_FALSE(gate.admit(t0 + 249ms));
  EXPECT_TRUE(gate.admit(t0 + 250ms));
  EXPECT_FALSE(gate.admit(t0 + 400ms)) << "the gap counts from the last computation admitted";
  EXPECT_TRUE(gate.admit(t0 + 10s));
}

}  // namespace
}  // namespace csibot::platform::local
