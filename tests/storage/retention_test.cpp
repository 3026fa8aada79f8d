// Data retention (SPEC §10, bot.retention_days): old comments are erased and the rest of their
// feedback kept, the web chat forgets old messages, and sent outbox rows go after a week.
#include "storage/retention.hpp"

#include <gtest/gtest.h>

#include "sent_before.hpp"
#include "storage/database.hpp"
#include "storage/local_chat_repository.hpp"
#include "storage/outbox_repository.hpp"
#include "storage/reply_repository.hpp"
#include "storage/repositories.hpp"
#include "storage/sqlite.hpp"
#include "temp_dir.hpp"

namespace csibot::storage {
namespace {

using namespace std::chrono_literals;

const core::timestamp now = core::from_millis(1'800'000'000'000);
constexpr std::chrono::days year{365};

class retention_test : public ::testing::Test {
 protected:
  test::temp_dir dir;
  database db{dir / "csibot.db"};

  std::int64_t feedback_at(core::timestamp created, const char* reason, const char* usage = nullptr) {
    core::feedback f;
    f.service = "vpn";
    f.platform = "slack";
    f.user = "slack:U1";
    f.rating = 2;
    if (reason != nullptr) f.reason = reason;
    if (usage != nullptr) f.usage = usage;
    f.impact = core::impact::slows;
    f.status = core::feedback_status::complete;
    f.created_at = f.updated_at = created;
    return feedback_repository{db}.insert(f, core::anonymity::identified);
  }
  core::feedback row(std::int64_t id) { return *feedback_repository{db}.find(id); }

  std::int64_t chat_message_at(core::timestamp created, const char* text) {
    local_chat_repository chat{db};
    chat.ensure_channel("general", local_channel_kind::channel, created);
    local_chat_message m;
    m.channel = "general";
    m.author = "local:alice";
    m.author_name = "Alice";
    m.body = std::string{R"({"text":")"} + text + "\"}";
    m.created_at = created;
    return chat.append(m);
  }

  // A pending outbox row written at `created`: a digest that quotes a comment.
  std::int64_t queued_message_at(core::timestamp created) {
    core::outbound o;
    o.kind = core::delivery::channel;
    o.platform = "slack";
    o.channel = "C1";
    o.body.text = "digest quoting a comment";
    return outbox_repository{db}.enqueue(o, "", created);
  }

  std::int64_t sent_message_at(core::timestamp sent) {
    const auto id = queued_message_at(sent);
    test::mark_sent_as_earlier_versions_did(db, id, sent);
    return id;
  }

  retention_result run(std::optional<std::chrono::days> keep, std::size_t batch = 1000,
                       core::timestamp at = now) {
    return retention{db}.run(at, keep, batch);
  }
};

TEST_F(retention_test, comments_older_than_the_period_are_erased_and_the_rest_of_the_feedback_kept) {
  const auto old_one = feedback_at(now - year - 1h, "drops every hour, my manager is Bob", "calls");
  const auto recent = feedback_at(now - year + 1h, "slow at peak", "files");
  const auto r = run(year);
  EXPECT_EQ(r.comments_erased, 1);
  EXPECT_FALSE(r.more);

  const auto erased = row(old_one);
  EXPECT_FALSE(erased.reason);
  EXPECT_FALSE(erased.usage);
  EXPECT_EQ(erased.rating, 2);  // the figures of old periods still count it
  EXPECT_EQ(erased.impact, core::impact::slows);
  EXPECT_EQ(erased.status, core::feedback_status::complete);
  EXPECT_EQ(erased.created_at, now - year - 1h);

  EXPECT_EQ(row(recent).reason, "slow at peak");
  EXPECT_EQ(row(recent).usage, "files");
}

TEST_F(retention_test, without_a_period_comments_and_chat_are_kept_for_ever) {
  const auto old_one = feedback_at(now - 10 * year, "ancient");
  chat_message_at(now - 10 * year, "ancient");
  const auto r = run(std::nullopt);
  EXPECT_EQ(r.comments_erased, 0);
  EXPECT_EQ(r.chat_messages_deleted, 0);
  EXPECT_EQ(row(old_one).reason, "ancient");
  EXPECT_EQ(local_chat_repository{db}.recent("general", "local:alice", 10).size(), 1u);
}

TEST_F(retention_test, a_long_history_is_erased_in_batches_until_nothing_is_left) {
  for (int i = 0; i < 25; ++i)
    feedback_at(now - year - std::chrono::hours{i + 1}, "old");
  const auto keeps = feedback_at(now - 1h, "new");
  int passes = 0;
  std::int64_t erased = 0;
  for (retention_result r; passes == 0 || r.more; ++passes) {
    r = run(year, 10);
    erased += r.comments_erased;
    ASSERT_LE(r.comments_erased, 10);
    ASSERT_LT(passes, 10) << "retention never finished";
  }
  EXPECT_EQ(erased, 25);
  EXPECT_EQ(passes, 3);
  EXPECT_EQ(row(keeps).reason, "new");
}

TEST_F(retention_test, more_rows_of_one_millisecond_than_a_batch_do_not_stall_the_passes) {
  for (int i = 0; i < 15; ++i)
    feedback_at(now - year - 1h, "same moment");
  std::int64_t erased = 0;
  int passes = 0;
  for (retention_result r; passes == 0 || r.more; ++passes) {
    r = run(year, 10);
    erased += r.comments_erased;
    ASSERT_LT(passes, 10) << "retention never finished";
  }
  EXPECT_EQ(erased, 15);
}

TEST_F(retention_test, a_later_pass_reaches_the_rows_that_aged_since_without_scanning) {
  const auto first = feedback_at(now - year - 1h, "first");
  const auto second = feedback_at(now - year + 1h, "second");  // ages out two hours later
  run(year);
  EXPECT_FALSE(row(first).reason);
  EXPECT_EQ(row(second).reason, "second");

  db.conn().statement_costs_since_reset(true);
  const auto r = run(year, 1000, now + 2h);
  EXPECT_EQ(r.comments_erased, 1);
  EXPECT_FALSE(row(second).reason);
  for (const auto& s : db.conn().statement_costs_since_reset(false)) {
    EXPECT_EQ(s.full_scan_steps, 0) << s.sql;
    EXPECT_EQ(s.sorts, 0) << s.sql;
  }
}

TEST_F(retention_test, a_longer_period_later_does_not_bring_anything_back_or_erase_more) {
  const auto old_one = feedback_at(now - year - 1h, "old");
  const auto middle = feedback_at(now - year / 2, "middle");
  run(year / 4);  // erases both
  EXPECT_FALSE(row(old_one).reason);
  EXPECT_FALSE(row(middle).reason);
  const auto newer = feedback_at(now - year / 8, "newer");
  EXPECT_EQ(run(year).comments_erased, 0);
  EXPECT_EQ(row(newer).reason, "newer");
}

TEST_F(retention_test, web_chat_messages_older_than_the_period_are_deleted) {
  chat_message_at(now - year - 2h, "old one");
  chat_message_at(now - year - 1h, "old two");
  chat_message_at(now - 1h, "recent");
  const auto r = run(year);
  EXPECT_EQ(r.chat_messages_deleted, 2);
  const auto left = local_chat_repository{db}.recent("general", "local:alice", 10);
  ASSERT_EQ(left.size(), 1u);
  EXPECT_NE(left[0].body.find("recent"), std::string::npos);
  EXPECT_EQ(run(year).chat_messages_deleted, 0);
}

TEST_F(retention_test, sent_outbox_rows_go_after_a_week_or_the_shorter_period_and_pending_ones_stay) {
  outbox_repository box{db};
  const auto old_sent = sent_message_at(now - 8 * 24h);
  const auto fresh_sent = sent_message_at(now - 2 * 24h);
  const auto waiting = queued_message_at(now - 30 * 24h);

  EXPECT_EQ(run(std::nullopt).sent_messages_deleted, 1);  // a week, even when comments are kept
  EXPECT_FALSE(box.find(old_sent));
  EXPECT_TRUE(box.find(fresh_sent));
  EXPECT_TRUE(box.find(waiting));

  EXPECT_EQ(run(std::chrono::days{1}).sent_messages_deleted, 1);  // a shorter period wins
  EXPECT_FALSE(box.find(fresh_sent));
  EXPECT_TRUE(box.find(waiting));
}

TEST_F(retention_test, messages_that_never_went_out_go_with_the_period_and_stay_without_one) {
  outbox_repository box{db};
  const auto old_failed = queued_message_at(now - 40 * 24h);
  const auto new_failed = queued_message_at(now - 2 * 24h);
  box.mark_failed(old_failed, "channel_not_found");
  box.mark_failed(new_failed, "channel_not_found");

  EXPECT_EQ(run(std::nullopt).failed_messages_deleted, 0);  // kept for an operator
  EXPECT_TRUE(box.find(old_failed));
  EXPECT_EQ(run(std::chrono::days{30}).failed_messages_deleted, 1);
  EXPECT_FALSE(box.find(old_failed));
  EXPECT_TRUE(box.find(new_failed));
}

TEST_F(retention_test, reply_links_go_with_the_comments_they_were_allowed_for) {
  const auto old_one = feedback_at(now - year - 1h, "old");
  const auto recent = feedback_at(now - 1h, "recent");
  reply_repository replies{db};
  replies.consent(old_one, {"slack", "U1"}, true);
  replies.consent(recent, {"slack", "U1"}, true);
  const auto r = run(year);
  EXPECT_EQ(r.comments_erased, 1);
  EXPECT_EQ(r.reply_links_deleted, 1);
  auto links = db.conn().prepare("SELECT feedback_id FROM reply_links");
  ASSERT_TRUE(links.step());
  EXPECT_EQ(links.column_int64(0), recent);
  EXPECT_FALSE(links.step());
  EXPECT_EQ(run(year).reply_links_deleted, 0);
}

}  // namespace
}  // namespace csibot::storage
