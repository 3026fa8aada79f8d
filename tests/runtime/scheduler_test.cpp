// The digest scheduler (SPEC §7) on a real SQLite file with an injected clock: a slot fires once,
// a digest missed while the bot was down is posted once at start (the newest slot, not one per
// missed slot), restarts never post a slot twice, and a failure is retried rather than lost.
#include "bot/runtime/scheduler.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "config/loader.hpp"
#include "dialog/test_support.hpp"
#include "storage/database.hpp"
#include "storage/repositories.hpp"

namespace csibot::runtime {
namespace {

using csibot::test::utc;

class scheduler_test : public ::testing::Test {
 protected:
  csibot::test::temp_dir dir;
  config::settings settings = config::demo_settings();
  std::unique_ptr<storage::database> db;
  std::unique_ptr<digest_scheduler> scheduler;
  std::vector<core::outbound> published;
  std::size_t staged = 0;
  std::vector<std::string> staged_sources;
  bool fail_stage = false;
  bool local_enabled = true;

  void SetUp() override {
    // One weekly digest on Mondays at 09:00 Berlin time for the local channel "csi-digests".
    settings.digests.clear();
    settings.digests.push_back({"local:csi-digests", {"*"}, "0 9 * * MON", "7d", ""});
    for (auto& s : settings.services)
      s.digest_channel = "local:csi-digests";  // covered by the entry: no digest of their own
    settings.bot.database = dir / "csibot.db";
    start(utc(2026, 11, 2, 12, 0));  // a Monday, after that day's 09:00 CET (08:00 UTC)
  }

  /// What `csibot run` does at start: open the database, sync the catalog and the config's digests.
  void start(core::timestamp now) {
    scheduler.reset();
    db.reset();
    db = std::make_unique<storage::database>(settings.bot.database);
    storage::service_repository{*db}.sync_from_config(settings.services, now);
    scheduler = std::make_unique<digest_scheduler>(
        *db, settings,
        digest_scheduler::hooks{
            .catalog = {},
            .platform_enabled = [this](std::string_view p) { return p == "local" && local_enabled; },
            .stage =
                [this](const std::vector<core::outbound>& out, std::string_view source) {
                  if (fail_stage) throw std::runtime_error("outbox is full");
                  staged += out.size();
                  staged_sources.emplace_back(source);
                },
            .publish =
                [this](const std::vector<core::outbound>& out) {
                  published.insert(published.end(), out.begin(), out.end());
                }});
    scheduler->sync_config(now);
  }

  void seed(int rating, core::timestamp at) {
    core::feedback f;
    f.service = "vpn";
    f.platform = "local";
    f.user = "local:alice";
    f.rating = rating;
    f.reason = "VPN drops every hour";
    f.scale = core::scale::csat5;
    f.status = core::feedback_status::complete;
    f.created_at = f.updated_at = at;
    storage::feedback_repository{*db}.insert(f, core::anonymity::identified);
  }
};

TEST_F(scheduler_test, nothing_is_posted_for_slots_before_the_subscription_existed) {
  EXPECT_EQ(scheduler->tick(utc(2026, 11, 2, 12, 0)).posted, 0u);
  EXPECT_TRUE(published.empty());
}

TEST_F(scheduler_test, the_next_slot_is_reported_and_fires_once_into_the_channel) {
  const auto r = scheduler->tick(utc(2026, 11, 2, 12, 0));
  ASSERT_TRUE(r.next);
  EXPECT_EQ(*r.next, utc(2026, 11, 9, 8, 0)) << "Monday 09:00 CET is 08:00 UTC";

  EXPECT_EQ(scheduler->tick(utc(2026, 11, 9, 7, 59)).posted, 0u);
  EXPECT_EQ(scheduler->tick(utc(2026, 11, 9, 8, 0)).posted, 1u);
  EXPECT_EQ(scheduler->tick(utc(2026, 11, 9, 8, 0, 30)).posted, 0u);
  ASSERT_EQ(published.size(), 1u);
  EXPECT_EQ(published[0].kind, core::delivery::channel);
  EXPECT_EQ(published[0].platform, "local");
  EXPECT_EQ(published[0].channel, "csi-digests");
  EXPECT_EQ(published[0].body.header, "CSI digest, 7d");
  EXPECT_EQ(staged, 1u) << "staged inside the transaction that records the slot";
  const auto subs = storage::subscription_repository{*db}.active();
  ASSERT_EQ(subs.size(), 1u);
  ASSERT_EQ(staged_sources.size(), 1u);
  EXPECT_EQ(staged_sources[0], "subscription:" + std::to_string(subs[0].id))
      << "the outbox row names its subscription, whose owner hears of a failure";
  EXPECT_EQ(subscription_of_source(staged_sources[0]), subs[0].id);
}

TEST(subscription_source, only_a_whole_positive_subscription_id_is_read_back) {
  EXPECT_EQ(subscription_of_source(subscription_source(12)), 12);
  EXPECT_EQ(subscription_of_source(""), std::nullopt);
  EXPECT_EQ(subscription_of_source("subscription:"), std::nullopt);
  EXPECT_EQ(subscription_of_source("subscription:12x"), std::nullopt);
  EXPECT_EQ(subscription_of_source("subscription:-3"), std::nullopt);
  EXPECT_EQ(subscription_of_source("pulse:12"), std::nullopt);
}

TEST_F(scheduler_test, a_service_s_digest_channel_gets_that_service_s_weekly_digest) {
  for (auto& s : settings.services)
    if (s.id == "vpn") s.digest_channel = "local:vpn-team";
  start(utc(2026, 11, 2, 12, 0));
  EXPECT_EQ(scheduler->tick(utc(2026, 11, 9, 8, 0)).posted, 2u);
  ASSERT_EQ(published.size(), 2u);
  const auto& team = published[0].channel == "vpn-team" ? published[0] : published[1];
  EXPECT_EQ(team.channel, "vpn-team");
  EXPECT_EQ(team.body.header, "CSI digest, 7d");
  EXPECT_NE(team.body.plain_text().find("Remote access VPN"), std::string::npos) << team.body.plain_text();
  EXPECT_EQ(team.body.plain_text().find("Email and calendar"), std::string::npos) << "only its own service";
  // A restart with the same config finds the same subscription: nothing is posted twice.
  start(utc(2026, 11, 9, 8, 1));
  EXPECT_EQ(scheduler->tick(utc(2026, 11, 9, 8, 2)).posted, 0u);
}

TEST_F(scheduler_test, the_digest_covers_the_period_that_ends_at_the_slot) {
  seed(1, utc(2026, 11, 8, 10, 0));  // inside [Nov 2 08:00, Nov 9 08:00)
  seed(5, utc(2026, 11, 9, 9, 0));   // after the slot: belongs to the next digest
  scheduler->tick(utc(2026, 11, 9, 8, 0));
  ASSERT_EQ(published.size(), 1u);
  ASSERT_TRUE(published[0].body.table);
  bool found = false;
  for (const auto& row : published[0].body.table->rows) {
    if (row[0] != "Remote access VPN") continue;
    found = true;
    EXPECT_EQ(row[1], "CSAT 0 %") << "only the 1/5 answer is inside the period";
    EXPECT_EQ(row[4], "1");
  }
  EXPECT_TRUE(found);
}

TEST_F(scheduler_test, a_digest_missed_during_downtime_is_posted_once_at_start) {
  scheduler.reset();
  // Down for three weekly slots (Nov 9, 16, 23); started again on Wednesday Nov 25.
  start(utc(2026, 11, 25, 10, 0));
  EXPECT_EQ(scheduler->tick(utc(2026, 11, 25, 10, 0)).posted, 1u);
  ASSERT_EQ(published.size(), 1u) << "once, not once per missed slot";
  EXPECT_EQ(storage::subscription_repository{*db}.last_slot(1), utc(2026, 11, 23, 8, 0)) << "the newest slot";
  EXPECT_EQ(scheduler->tick(utc(2026, 11, 25, 10, 1)).posted, 0u);

  // Another restart the same day: already posted, so nothing again.
  start(utc(2026, 11, 25, 11, 0));
  EXPECT_EQ(scheduler->tick(utc(2026, 11, 25, 11, 0)).posted, 0u);
  // And the regular schedule goes on.
  EXPECT_EQ(scheduler->tick(utc(2026, 11, 30, 8, 0)).posted, 1u);
  EXPECT_EQ(published.size(), 2u);
}

TEST_F(scheduler_test, a_failed_hand_over_is_rolled_back_and_retried) {
  fail_stage = true;
  EXPECT_EQ(scheduler->tick(utc(2026, 11, 9, 8, 0)).posted, 0u);
  EXPECT_TRUE(published.empty());
  EXPECT_FALSE(storage::subscription_repository{*db}.last_slot(1)) << "the ledger row was rolled back";
  fail_stage = false;
  EXPECT_EQ(scheduler->tick(utc(2026, 11, 9, 8, 1)).posted, 1u);
  EXPECT_EQ(published.size(), 1u);
}

TEST_F(scheduler_test, a_platform_that_is_not_running_gets_its_digest_when_it_is) {
  local_enabled = false;
  EXPECT_EQ(scheduler->tick(utc(2026, 11, 9, 8, 0)).posted, 0u);
  local_enabled = true;
  EXPECT_EQ(scheduler->tick(utc(2026, 11, 9, 9, 0)).posted, 1u);
}

TEST_F(scheduler_test, a_subscription_made_by_command_is_picked_up_at_the_next_tick) {
  storage::digest_subscription sub;
  sub.channel = "local:general";
  sub.services = {"vpn"};
  sub.schedule = "0 8 * * *";
  sub.period = "1d";
  sub.timezone = "UTC";
  sub.created_by = "local:alice";
  sub.created_at = utc(2026, 11, 3, 12, 0);
  storage::subscription_repository{*db}.add(sub);
  EXPECT_EQ(scheduler->tick(utc(2026, 11, 4, 8, 0)).posted, 1u);
  ASSERT_EQ(published.size(), 1u);
  EXPECT_EQ(published[0].channel, "general");
  ASSERT_TRUE(published[0].body.table);
  EXPECT_EQ(published[0].body.table->rows.size(), 1u) << "only vpn";
}

TEST_F(scheduler_test, latest_slot_looks_back_a_bounded_horizon) {
  storage::digest_subscription every_minute;
  every_minute.schedule = "* * * * *";
  every_minute.timezone = "UTC";
  const auto now = utc(2026, 11, 30, 12, 0);
  EXPECT_EQ(latest_slot(every_minute, utc(2020, 1, 1), now), now);
  EXPECT_EQ(latest_slot(every_minute, now, now), std::nullopt);
  every_minute.schedule = "not cron";
  EXPECT_EQ(latest_slot(every_minute, utc(2026, 1, 1), now), std::nullopt);
}

}  // namespace
}  // namespace csibot::runtime
