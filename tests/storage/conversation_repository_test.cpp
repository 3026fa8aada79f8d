#include <gtest/gtest.h>

#include "storage/database.hpp"
#include "storage/repositories.hpp"
#include "temp_dir.hpp"

namespace csibot::storage {
namespace {

using namespace std::chrono_literals;

const core::timestamp t0 = core::from_millis(1'800'000'000'000);

// Last changed a day before it expires, as a conversation with the default timeout is.
conversation_row make_row(std::string user, std::string state, core::timestamp expires) {
  return {"slack", std::move(user), std::move(state), expires - 24h, expires};
}

TEST(conversation_repository, saved_conversation_survives_a_restart) {
  test::temp_dir dir;
  {
    database db(dir / "csibot.db");
    conversation_repository(db).save(make_row("U1", "{\"step\":\"reason\"}", t0 + 24h));
  }
  database db(dir / "csibot.db");
  const auto row = conversation_repository(db).find("slack", "U1");
  ASSERT_TRUE(row);
  EXPECT_EQ(row->platform, "slack");
  EXPECT_EQ(row->user, "U1");
  EXPECT_EQ(row->state, "{\"step\":\"reason\"}");
  EXPECT_EQ(row->updated_at, t0);
  EXPECT_EQ(row->expires_at, t0 + 24h);
}

TEST(conversation_repository, save_replaces_the_open_conversation_of_the_same_person) {
  database db(":memory:");
  conversation_repository repo(db);
  repo.save(make_row("U1", "a", t0 + 1h));
  conversation_row next = make_row("U1", "b", t0 + 2h);
  next.updated_at = t0 + 1min;
  repo.save(next);
  EXPECT_EQ(repo.count_open(t0), 1);
  EXPECT_EQ(repo.find("slack", "U1")->state, "b");
  EXPECT_EQ(repo.find("slack", "U1")->expires_at, t0 + 2h);
  EXPECT_EQ(repo.find("mattermost", "U1"), std::nullopt);  // same id on another platform is another person
}

TEST(conversation_repository, remove_ends_the_conversation) {
  database db(":memory:");
  conversation_repository repo(db);
  repo.save(make_row("U1", "a", t0 + 1h));
  repo.remove("slack", "U1");
  repo.remove("slack", "U1");  // absent: no error
  EXPECT_EQ(repo.find("slack", "U1"), std::nullopt);
  EXPECT_EQ(repo.count_open(t0), 0);
}

TEST(conversation_repository, expired_returns_conversations_due_at_or_before_now) {
  database db(":memory:");
  conversation_repository repo(db);
  repo.save(make_row("due-earlier", "x", t0 - 1h));
  repo.save(make_row("due-now", "x", t0));
  repo.save(make_row("later", "x", t0 + 1ms));
  const auto due = repo.expired(t0);
  ASSERT_EQ(due.size(), 2U);
  EXPECT_EQ(due[0].user, "due-earlier");
  EXPECT_EQ(due[1].user, "due-now");
  EXPECT_EQ(repo.find("slack", "due-now")->state, "x");  // expired() reads, the caller decides
  EXPECT_EQ(repo.count_open(t0), 1);                     // only "later" is still open
}

// A closed conversation keeps its row (for the notice at the person's next message) but is neither
// open nor due again, and the purge removes it after the window.
TEST(conversation_repository, a_closed_conversation_is_not_due_again_and_is_purged_later) {
  database db(":memory:");
  conversation_repository repo(db);
  repo.save(make_row("U1", "full state", t0 - 1min));
  repo.save(make_row("U2", "open", t0 + 1h));
  ASSERT_EQ(repo.expired(t0).size(), 1U);
  repo.close("slack", "U1", "closed state");
  EXPECT_TRUE(repo.expired(t0).empty());
  const auto closed = repo.find("slack", "U1");
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->state, "closed state");
  EXPECT_EQ(closed->updated_at, closed->expires_at);
  EXPECT_EQ(repo.count_open(t0), 1);

  EXPECT_EQ(repo.purge_closed(t0 - 2min), 0);  // expired after that: kept
  EXPECT_EQ(repo.purge_closed(t0 - 1min), 1);
  EXPECT_EQ(repo.find("slack", "U1"), std::nullopt);
  EXPECT_TRUE(repo.find("slack", "U2"));
}

}  // namespace
}  // namespace csibot::storage
