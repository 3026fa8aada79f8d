// Planning a pulse run: a deterministic sample of the share asked, and due times spread over the
// run's window, which ends where quiet hours begin (bot.timezone).
#include "dialog/pulse_plan.hpp"

#include <gtest/gtest.h>

#include <set>

#include "dialog/prompt_message.hpp"
#include "dialog/test_support.hpp"

namespace csibot::dialog {
namespace {

using namespace std::chrono_literals;
using csibot::test::utc;

std::vector<std::string> people(int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i)
    out.push_back("slack:U" + std::to_string(1000 + i));
  return out;
}

TEST(pulse_plan, the_sample_is_about_the_share_and_the_same_for_the_same_run) {
  const auto all = people(10'000);
  const auto half = sample_audience(all, 0.5, "vpn@2026-12-01T09:00:00Z");
  EXPECT_GT(half.size(), 4'800u);
  EXPECT_LT(half.size(), 5'200u);
  EXPECT_EQ(sample_audience(all, 0.5, "vpn@2026-12-01T09:00:00Z"), half) << "a restart picks the same people";
  const auto next = sample_audience(all, 0.5, "vpn@2026-12-08T09:00:00Z");
  const std::set<std::string> a(half.begin(), half.end());
  std::size_t both = 0;
  for (const auto& p : next)
    both += a.count(p);
  EXPECT_LT(both, next.size() * 6 / 10) << "the next run asks others too";
  EXPECT_EQ(sample_audience(all, 1.0, "x").size(), all.size());
  EXPECT_TRUE(sample_audience(all, 0.0, "x").empty());
}

TEST(pulse_plan, members_are_asked_once_in_an_order_that_is_not_alphabetical) {
  auto all = people(200);
  all.push_back(all.front());  // in two channels
  const auto chosen = sample_audience(all, 1.0, "seed");
  EXPECT_EQ(chosen.size(), 200u);
  EXPECT_FALSE(std::is_sorted(chosen.begin(), chosen.end()));
}

TEST(pulse_plan, due_times_are_spread_evenly_from_the_start) {
  const auto start = utc(2026, 12, 1, 9, 0);
  const auto times = spread_times(4, start, start + 2h);
  ASSERT_EQ(times.size(), 4u);
  EXPECT_EQ(times[0], start);
  EXPECT_EQ(times[1], start + 30min);
  EXPECT_EQ(times[3], start + 90min);
  for (const auto t : spread_times(3, start, start))
    EXPECT_EQ(t, start) << "no window: all at the start";
}

TEST(pulse_plan, the_window_ends_where_quiet_hours_begin_in_the_bot_zone) {
  config::policy_settings policy;  // quiet 18:00-08:00
  // 16:30 in Berlin (15:30 UTC, winter): 2 h of spread, but quiet hours start at 18:00 (17:00 UTC).
  EXPECT_EQ(window_end(utc(2026, 12, 1, 15, 30), 2h, policy, "Europe/Berlin"), utc(2026, 12, 1, 17, 0));
  // 10:00 in Berlin: the whole spread.
  EXPECT_EQ(window_end(utc(2026, 12, 1, 9, 0), 2h, policy, "Europe/Berlin"), utc(2026, 12, 1, 11, 0));
  // Started at night: the whole spread (the policy moves each prompt to the morning).
  EXPECT_EQ(window_end(utc(2026, 12, 1, 22, 0), 2h, policy, "Europe/Berlin"), utc(2026, 12, 2, 0, 0));
  policy.quiet_hours = "";
  EXPECT_EQ(window_end(utc(2026, 12, 1, 15, 30), 2h, policy, "Europe/Berlin"), utc(2026, 12, 1, 17, 30));
}

TEST(prompt_message, the_opening_says_why_how_anonymous_and_how_to_opt_out) {
  const auto svc = csibot::test::make_service("vpn", "Remote access VPN", core::scale::csat5,
                                              core::anonymity::pseudonymous);
  core::message question;
  question.text = "How satisfied are you with *Remote access VPN*?";
  const auto ticket = opening_message(question, {core::prompt_kind::ticket, "INC-1042", false, false}, svc,
                                      "en", "/csi", "slack");
  EXPECT_TRUE(ticket.text.starts_with("Your ticket *INC-1042* about *Remote access VPN* was resolved"))
      << ticket.text;
  EXPECT_NE(ticket.text.find("How satisfied"), std::string::npos);
  EXPECT_NE(ticket.context.find("pseudonymous"), std::string::npos) << ticket.context;
  EXPECT_NE(ticket.context.find("`/csi optout`"), std::string::npos) << ticket.context;
  EXPECT_EQ(ticket.context.find("web chat"), std::string::npos) << "Slack keeps its own history";
  const auto on_local_chat = opening_message(question, {core::prompt_kind::ticket, "INC-1042", false, false},
                                             svc, "en", "/csi", "local");
  EXPECT_NE(on_local_chat.context.find("This web chat keeps the conversation itself as its history"),
            std::string::npos)
      << on_local_chat.context;

  const auto pulse =
      opening_message(question, {core::prompt_kind::pulse, "", false, false}, svc, "en", "/csi", "slack");
  EXPECT_TRUE(pulse.text.starts_with("This is the regular feedback pulse for *Remote access VPN*"))
      << pulse.text;
  const auto ask =
      opening_message(question, {core::prompt_kind::pulse, "", true, false}, svc, "en", "/csi", "slack");
  EXPECT_TRUE(ask.text.starts_with("The team behind *Remote access VPN*")) << ask.text;
  const auto reminder =
      opening_message(question, {core::prompt_kind::pulse, "", false, true}, svc, "en", "/csi", "slack");
  EXPECT_NE(reminder.text.find("only reminder"), std::string::npos) << reminder.text;
}

}  // namespace
}  // namespace csibot::dialog
