#include "storage/local_chat_repository.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "storage/database.hpp"
#include "storage/sqlite.hpp"
#include "storage/temp_dir.hpp"

namespace csibot::storage {
namespace {

const core::timestamp t0 = core::from_millis(1'800'000'000'000);

local_chat_message text(std::string channel, std::string author, std::string body,
                        std::optional<std::string> visible_to = std::nullopt) {
  return {0, std::move(channel), author, author + " name", false, std::move(body), std::move(visible_to), t0,
          {}};
}

TEST(local_chat_repository, channels_are_created_once_and_listed_by_kind) {
  test::temp_dir dir;
  database db(dir / "chat.db");
  local_chat_repository repo(db);
  EXPECT_TRUE(repo.ensure_channel("general", local_channel_kind::channel, t0));
  EXPECT_FALSE(repo.ensure_channel("general", local_channel_kind::channel, t0));
  EXPECT_TRUE(repo.ensure_channel("csi-digests", local_channel_kind::channel, t0));
  EXPECT_TRUE(repo.ensure_channel("dm:ada", local_channel_kind::dm, t0));
  const auto channels = repo.channels(local_channel_kind::channel);
  ASSERT_EQ(channels.size(), 2U);
  EXPECT_EQ(channels[0].id, "csi-digests");
  EXPECT_EQ(channels[1].id, "general");
  ASSERT_EQ(repo.channels(local_channel_kind::dm).size(), 1U);
  EXPECT_TRUE(repo.has_channel("dm:ada"));
  EXPECT_FALSE(repo.has_channel("dm:bob"));
}

TEST(local_chat_repository, messages_survive_reopening_the_file) {
  test::temp_dir dir;
  std::int64_t id = 0;
  {
    database db(dir / "chat.db");
    local_chat_repository repo(db);
    repo.ensure_channel("general", local_channel_kind::channel, t0);
    id = repo.append(text("general", "ada", R"({"text":"Grüße 👋 '; DROP TABLE local_messages; --"})"));
  }
  database db(dir / "chat.db");
  local_chat_repository repo(db);
  const auto m = repo.find(id);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->body, R"({"text":"Grüße 👋 '; DROP TABLE local_messages; --"})");
  EXPECT_EQ(m->author, "ada");
  EXPECT_EQ(m->author_name, "ada name");
  EXPECT_EQ(m->created_at, t0);
  EXPECT_FALSE(m->visible_to);
}

TEST(local_chat_repository, a_message_needs_an_existing_channel) {
  test::temp_dir dir;
  database db(dir / "chat.db");
  local_chat_repository repo(db);
  EXPECT_THROW(repo.append(text("nowhere", "ada", "{}")), storage::error);
}

TEST(local_chat_repository, recent_shows_public_and_own_ephemeral_messages_oldest_first) {
  test::temp_dir dir;
  database db(dir / "chat.db");
  local_chat_repository repo(db);
  repo.ensure_channel("general", local_channel_kind::channel, t0);
  repo.append(text("general", "ada", "1"));
  repo.append(text("general", "ada", "2", "ada"));
  repo.append(text("general", "bob", "3", "bob"));
  repo.append(text("general", "bob", "4"));
  const auto ada = repo.recent("general", "ada", 10);
  ASSERT_EQ(ada.size(), 3U);
  EXPECT_EQ(ada[0].body, "1");
  EXPECT_EQ(ada[1].body, "2");
  EXPECT_EQ(ada[2].body, "4");
  const auto last_two = repo.recent("general", "bob", 2);
  ASSERT_EQ(last_two.size(), 2U);
  EXPECT_EQ(last_two[0].body, "3");
  EXPECT_EQ(last_two[1].body, "4");
  EXPECT_TRUE(repo.recent("other", "ada", 10).empty());
}

TEST(local_chat_repository, replace_body_changes_only_that_message) {
  test::temp_dir dir;
  database db(dir / "chat.db");
  local_chat_repository repo(db);
  repo.ensure_channel("dm:ada", local_channel_kind::dm, t0);
  const auto a = repo.append(text("dm:ada", "csibot", "old"));
  const auto b = repo.append(text("dm:ada", "csibot", "other"));
  EXPECT_TRUE(repo.replace_body(a, "new", t0 + std::chrono::seconds{5}));
  EXPECT_FALSE(repo.replace_body(a + 100, "new", t0));
  EXPECT_EQ(repo.find(a)->body, "new");
  EXPECT_EQ(repo.find(a)->updated_at, t0 + std::chrono::seconds{5});
  EXPECT_EQ(repo.find(b)->body, "other");
  EXPECT_FALSE(repo.find(a + 100));
}

TEST(local_chat_repository, history_is_capped_at_the_newest_n) {
  test::temp_dir dir;
  database db(dir / "chat.db");
  local_chat_repository repo(db);
  repo.ensure_channel("general", local_channel_kind::channel, t0);
  {
    transaction tx(db);
    for (int i = 0; i < 250; ++i)
      repo.append(text("general", "ada", std::to_string(i)));
    tx.commit();
  }
  const auto last = repo.recent("general", "ada", 200);
  ASSERT_EQ(last.size(), 200U);
  EXPECT_EQ(last.front().body, "50");
  EXPECT_EQ(last.back().body, "249");
}

TEST(local_chat_repository, a_persons_locale_is_kept_across_reopening_and_replaced_by_their_next_hello) {
  test::temp_dir dir;
  {
    database db(dir / "chat.db");
    local_chat_repository repo(db);
    EXPECT_EQ(repo.locale_of("bo"), "");
    repo.remember_locale("bo", "de-DE", t0, 10);
    repo.remember_locale("ada", "en-GB", t0, 10);
  }
  database db(dir / "chat.db");
  local_chat_repository repo(db);
  EXPECT_EQ(repo.locale_of("bo"), "de-DE");
  repo.remember_locale("bo", "fr-FR", t0 + std::chrono::minutes{1}, 10);
  EXPECT_EQ(repo.locale_of("bo"), "fr-FR");
  repo.remember_locale("bo", "", t0 + std::chrono::minutes{2}, 10);
  EXPECT_EQ(repo.locale_of("bo"), "") << "a hello without a locale forgets the old one";
  EXPECT_EQ(repo.locale_of("ada"), "en-GB");
}

TEST(local_chat_repository, past_the_bound_a_new_person_makes_the_least_recently_seen_go) {
  database db(":memory:");
  local_chat_repository repo(db);
  repo.remember_locale("ada", "en-GB", t0, 2);
  repo.remember_locale("bo", "de-DE", t0 + std::chrono::seconds{1}, 2);
  repo.remember_locale("ada", "en-GB", t0 + std::chrono::seconds{2}, 2);  // seen again: now the newest
  repo.remember_locale("cy", "cy-GB", t0 + std::chrono::seconds{3}, 2);
  EXPECT_EQ(repo.locale_of("bo"), "");
  EXPECT_EQ(repo.locale_of("ada"), "en-GB");
  EXPECT_EQ(repo.locale_of("cy"), "cy-GB");
  auto count = db.conn().prepare("SELECT count(*) FROM local_locales");
  ASSERT_TRUE(count.step());
  EXPECT_EQ(count.column_int64(0), 2);
}

}  // namespace
}  // namespace csibot::storage
