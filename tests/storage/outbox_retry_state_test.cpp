// What the outbox table keeps about a row between attempts, on real SQLite files: a rate limit (HTTP
// 429) postpones a row without using up an attempt and remembers when the first one came; how many
// parts of a split message went out survives a reopen; a database written before these columns
// existed is upgraded with its pending rows intact.
#include <gtest/gtest.h>

#include "storage/database.hpp"
#include "storage/outbox_repository.hpp"
#include "storage/sqlite.hpp"
#include "temp_dir.hpp"

namespace csibot::storage {
namespace {

using namespace std::chrono_literals;

const core::timestamp t0 = core::from_millis(1'800'000'000'000);

core::outbound post(std::string text) {
  core::outbound o;
  o.kind = core::delivery::channel;
  o.platform = "slack";
  o.channel = "C1";
  o.body.text = std::move(text);
  return o;
}

TEST(outbox_retry_state, a_rate_limit_postpones_without_counting_an_attempt_and_keeps_its_first_time) {
  database db(":memory:");
  outbox_repository box(db);
  const auto id = box.enqueue(post("digest"), "", t0);
  EXPECT_FALSE(box.find(id)->rate_limited_since) << "never rate-limited yet";

  EXPECT_TRUE(box.postpone(id, t0 + 30s, t0, "chat.postMessage: ratelimited"));
  EXPECT_TRUE(box.due(std::nullopt, t0 + 29s, 10).empty());
  EXPECT_EQ(box.due(std::nullopt, t0 + 30s, 10).size(), 1u);
  EXPECT_TRUE(box.postpone(id, t0 + 90s, t0 + 60s, "chat.postMessage: ratelimited"));

  const auto e = box.find(id);
  EXPECT_EQ(e->attempts, 0) << "a 429 is not a failed attempt";
  EXPECT_EQ(e->rate_limited_since, t0) << "the first 429 counts, not the latest";
  EXPECT_EQ(e->next_attempt_at, t0 + 90s);
  EXPECT_EQ(e->last_error, "chat.postMessage: ratelimited");
  EXPECT_TRUE(box.mark_failed(id, "gave up"));
  EXPECT_FALSE(box.postpone(id, t0 + 2h, t0, "late")) << "a failed row cannot come back";
}

TEST(outbox_retry_state, the_parts_a_split_message_has_sent_are_kept_across_a_reopen) {
  test::temp_dir dir;
  std::int64_t id = 0;
  {
    database db(dir / "csibot.db");
    outbox_repository box(db);
    id = box.enqueue(post("a reply in three parts"), "https://hooks.example/1", t0);
    EXPECT_EQ(box.find(id)->parts_sent, 0u);
    EXPECT_TRUE(box.reschedule(id, t0 + 1s, "response_url: http_500", 1));
    EXPECT_TRUE(box.postpone(id, t0 + 2s, t0 + 1s, "chat.postMessage: ratelimited", 2));
    EXPECT_TRUE(box.reschedule(id, t0 + 3s, "connection reset"));  // a sender that threw knows no parts
  }
  database db(dir / "csibot.db");
  const auto e = outbox_repository(db).find(id);
  EXPECT_EQ(e->parts_sent, 2u) << "an attempt that reports fewer parts does not undo the sent ones";
  EXPECT_EQ(e->attempts, 2);
}

TEST(outbox_retry_state, a_database_of_schema_10_is_upgraded_and_keeps_its_pending_rows) {
  test::temp_dir dir;
  std::int64_t id = 0;
  int current = 0;
  {
    database db(dir / "csibot.db");
    current = db.schema_version();
    id = outbox_repository(db).enqueue(post("left over"), "", t0);
    // Back to how a csibot of schema 10 left the file: without what migration 11 and later added.
    db.conn().exec(
        "ALTER TABLE outbox DROP COLUMN rate_limited_since; ALTER TABLE outbox DROP COLUMN parts_sent; "
        "ALTER TABLE outbox DROP COLUMN source; PRAGMA user_version = 10");
  }
  database db(dir / "csibot.db");
  EXPECT_EQ(db.schema_version(), current);
  const auto rows = outbox_repository(db).due("slack", t0, 10);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].id, id);
  EXPECT_EQ(rows[0].message.body.text, "left over");
  EXPECT_FALSE(rows[0].rate_limited_since);
  EXPECT_EQ(rows[0].parts_sent, 0u);
  EXPECT_EQ(rows[0].source, "") << "a row from before schema 13 answers someone";
}

TEST(outbox_retry_state, a_scheduled_rows_source_is_kept_through_a_restart_and_into_failure) {
  test::temp_dir dir;
  std::int64_t digest = 0, reply = 0;
  {
    database db(dir / "csibot.db");
    outbox_repository box(db);
    digest = box.enqueue(post("the weekly digest"), "", t0, "subscription:7");
    reply = box.enqueue(post("a reply"), "https://hooks.example/2", t0);
  }
  database db(dir / "csibot.db");
  outbox_repository box(db);
  EXPECT_EQ(box.find(digest)->source, "subscription:7");
  EXPECT_EQ(box.find(reply)->source, "");
  ASSERT_TRUE(box.mark_failed(digest, "chat.postMessage: not_in_channel"));
  const auto failed = box.newest_failed();
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->source, "subscription:7") << "an operator can still see which subscription it was";
}

}  // namespace
}  // namespace csibot::storage
