#include <gtest/gtest.h>

#include "storage/database.hpp"
#include "storage/repositories.hpp"
#include "temp_dir.hpp"

namespace csibot::storage {
namespace {

using namespace std::chrono_literals;

const core::timestamp t0 = core::from_millis(1'800'000'000'000);

conversation_row make_row(std::string user, std::string state, core::timestamp expires) {
  return {"slack", std::move(user), std::move(state), t0, expires};
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
  EXPECT_EQ(repo.count_open(), 1);
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
  EXPECT_EQ(repo.count_open(), 0);
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
  EXPECT_EQ(repo.count_open(), 3);  // expired() reads, the caller decides what to do
}

}  // namespace
}  // namespace csibot::storage
