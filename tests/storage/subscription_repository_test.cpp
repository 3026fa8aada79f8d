// Digest subscriptions and their ledger on a real SQLite file: config sync keeps ids (and so the
// ledger) across restarts, command subscriptions are ended per channel, a slot is recorded once.
#include "storage/subscription_repository.hpp"

#include <gtest/gtest.h>

#include "storage/database.hpp"
#include "storage/temp_dir.hpp"

namespace csibot::storage {
namespace {

const core::timestamp t0 = core::from_millis(1'790'000'000'000);

digest_subscription config_entry(std::string channel, std::vector<std::string> services = {"*"}) {
  digest_subscription s;
  s.origin = subscription_origin::config;
  s.channel = std::move(channel);
  s.services = std::move(services);
  s.timezone = "Europe/Berlin";
  s.created_by = "config";
  return s;
}

class subscriptions : public ::testing::Test {
 protected:
  test::temp_dir dir;
  std::unique_ptr<database> db = std::make_unique<database>(dir / "csibot.db");
  subscription_repository repo() { return subscription_repository{*db}; }
  void reopen() {
    db.reset();
    db = std::make_unique<database>(dir / "csibot.db");
  }
};

TEST_F(subscriptions, config_sync_adds_once_and_keeps_ids_across_restarts) {
  const std::vector wanted{config_entry("local:a"), config_entry("local:b", {"vpn", "email"})};
  EXPECT_EQ(repo().sync_from_config(wanted, t0), 2u);
  const auto first = repo().active();
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[1].services, (std::vector<std::string>{"vpn", "email"}));
  EXPECT_EQ(first[0].created_at, t0);

  reopen();
  EXPECT_EQ(repo().sync_from_config(wanted, t0 + std::chrono::hours{5}), 0u);
  const auto again = repo().active();
  ASSERT_EQ(again.size(), 2u);
  EXPECT_EQ(again[0].id, first[0].id);
  EXPECT_EQ(again[0].created_at, t0) << "a restart must not move the start (that would skip a missed slot)";
}

TEST_F(subscriptions, service_order_does_not_make_a_new_config_subscription) {
  repo().sync_from_config({config_entry("local:a", {"vpn", "email"})}, t0);
  EXPECT_EQ(repo().sync_from_config({config_entry("local:a", {"email", "vpn"})}, t0), 0u);
  EXPECT_EQ(repo().active().size(), 1u);
}

TEST_F(subscriptions, an_entry_removed_from_the_file_stops_and_resumes_with_its_ledger_when_back) {
  const auto entry = config_entry("local:a");
  repo().sync_from_config({entry}, t0);
  const auto id = repo().active().at(0).id;
  ASSERT_TRUE(repo().record_run(id, t0 + std::chrono::hours{1}, t0));

  repo().sync_from_config({}, t0);
  EXPECT_TRUE(repo().active().empty());
  ASSERT_TRUE(repo().find(id));
  EXPECT_FALSE(repo().find(id)->active);

  repo().sync_from_config({entry}, t0);
  ASSERT_EQ(repo().active().size(), 1u);
  EXPECT_EQ(repo().active()[0].id, id);
  EXPECT_EQ(repo().last_slot(id), t0 + std::chrono::hours{1});
}

TEST_F(subscriptions, an_edited_entry_is_a_new_subscription) {
  auto entry = config_entry("local:a");
  repo().sync_from_config({entry}, t0);
  entry.schedule = "0 9 * * *";
  EXPECT_EQ(repo().sync_from_config({entry}, t0), 1u);
  const auto active = repo().active();
  ASSERT_EQ(active.size(), 1u);
  EXPECT_EQ(active[0].schedule, "0 9 * * *");
}

TEST_F(subscriptions, command_subscriptions_are_ended_per_channel_and_config_ones_are_kept) {
  repo().sync_from_config({config_entry("local:a")}, t0);
  digest_subscription mine;
  mine.channel = "local:a";
  mine.services = {"vpn"};
  mine.created_by = "local:alice";
  mine.created_at = t0;
  repo().add(mine);
  mine.services = {"email"};
  repo().add(mine);
  mine.channel = "local:b";
  repo().add(mine);

  EXPECT_EQ(repo().in_channel("local:a").size(), 3u);
  EXPECT_EQ(repo().deactivate("local:a", {"vpn"}), 1u);
  EXPECT_EQ(repo().deactivate("local:a", {}), 1u) << "email only: the config entry is not the command's";
  ASSERT_EQ(repo().in_channel("local:a").size(), 1u);
  EXPECT_EQ(repo().in_channel("local:a")[0].origin, subscription_origin::config);
  EXPECT_EQ(repo().in_channel("local:b").size(), 1u);
}

TEST_F(subscriptions, a_slot_is_recorded_once_even_after_a_restart) {
  repo().sync_from_config({config_entry("local:a")}, t0);
  const auto id = repo().active().at(0).id;
  EXPECT_FALSE(repo().last_slot(id));
  EXPECT_TRUE(repo().record_run(id, t0, t0));
  EXPECT_FALSE(repo().record_run(id, t0, t0));
  reopen();
  EXPECT_FALSE(repo().record_run(id, t0, t0 + std::chrono::hours{1}));
  EXPECT_TRUE(repo().record_run(id, t0 + std::chrono::days{7}, t0));
  EXPECT_EQ(repo().last_slot(id), t0 + std::chrono::days{7});
}

}  // namespace
}  // namespace csibot::storage
