#include <gtest/gtest.h>

#include "storage/database.hpp"
#include "storage/repositories.hpp"
#include "temp_dir.hpp"

namespace csibot::storage {
namespace {

using namespace std::chrono_literals;

const core::timestamp t0 = core::from_millis(1'800'000'000'000);

TEST(event_repository, first_delivery_is_new_and_a_redelivery_is_not) {
  database db(":memory:");
  event_repository events(db);
  EXPECT_TRUE(events.first_seen("slack", "Ev01", t0, 1h));
  EXPECT_FALSE(events.first_seen("slack", "Ev01", t0 + 1s, 1h));
  EXPECT_FALSE(events.first_seen("slack", "Ev01", t0 + 59min, 1h));
}

TEST(event_repository, same_id_on_another_platform_is_new) {
  database db(":memory:");
  event_repository events(db);
  EXPECT_TRUE(events.first_seen("slack", "42", t0, 1h));
  EXPECT_TRUE(events.first_seen("mattermost", "42", t0, 1h));
}

TEST(event_repository, redelivery_is_recognised_after_a_restart) {
  test::temp_dir dir;
  {
    database db(dir / "csibot.db");
    EXPECT_TRUE(event_repository(db).first_seen("slack", "Ev01", t0, 1h));
  }
  database db(dir / "csibot.db");
  EXPECT_FALSE(event_repository(db).first_seen("slack", "Ev01", t0 + 1s, 1h));
}

TEST(event_repository, expired_id_counts_as_new_again_with_a_fresh_time_to_live) {
  database db(":memory:");
  event_repository events(db);
  EXPECT_TRUE(events.first_seen("slack", "Ev01", t0, 1h));
  EXPECT_TRUE(events.first_seen("slack", "Ev01", t0 + 1h, 1h));  // expired exactly at t0 + 1h
  EXPECT_FALSE(events.first_seen("slack", "Ev01", t0 + 90min, 1h));
  EXPECT_TRUE(events.first_seen("slack", "Ev01", t0 + 2h, 1h));
}

TEST(event_repository, purge_removes_only_expired_ids) {
  database db(":memory:");
  event_repository events(db);
  events.first_seen("slack", "old1", t0, 1h);
  events.first_seen("slack", "old2", t0, 2h);
  events.first_seen("slack", "fresh", t0, 3h);
  EXPECT_EQ(events.purge(t0 + 2h), 2);
  EXPECT_EQ(events.purge(t0 + 2h), 0);
  EXPECT_FALSE(events.first_seen("slack", "fresh", t0 + 2h, 3h));
  EXPECT_TRUE(events.first_seen("slack", "old1", t0 + 2h, 1h));
}

}  // namespace
}  // namespace csibot::storage
