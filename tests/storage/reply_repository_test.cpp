// Answers to feedback in storage (SPEC §6): the migration, the consent token, consent with and
// without a link, who an answer reaches, and the count of answers — on a real SQLite file.
#include "storage/reply_repository.hpp"

#include <gtest/gtest.h>

#include "storage/database.hpp"
#include "storage/repositories.hpp"
#include "storage/sqlite.hpp"
#include "storage/temp_dir.hpp"

namespace csibot::storage {
namespace {

const core::timestamp t0 = core::from_millis(1'790'000'000'000);

class replies : public ::testing::Test {
 protected:
  test::temp_dir dir;
  std::unique_ptr<database> db = std::make_unique<database>(dir / "csibot.db");
  reply_repository repo() { return reply_repository{*db}; }

  std::int64_t answer(const char* user, core::anonymity a, std::optional<std::string> reason = "slow") {
    core::feedback f;
    f.service = "vpn";
    f.platform = "local";
    f.user = user;
    f.rating = 2;
    f.reason = std::move(reason);
    f.created_at = f.updated_at = t0;
    return feedback_repository{*db}.insert(f, a);
  }
  core::feedback row(std::int64_t id) { return *feedback_repository{*db}.find(id); }
  std::int64_t scalar(std::string_view sql) {
    auto st = db->conn().prepare(sql);
    st.step();
    return st.column_int64(0);
  }
};

TEST_F(replies, the_migration_creates_the_link_and_answer_tables) {
  EXPECT_GE(db->schema_version(), 8);
  for (const char* name :
       {"reply_links", "feedback_replies", "reply_links_person", "feedback_replies_feedback"}) {
    auto st = db->conn().prepare("SELECT count(*) FROM sqlite_schema WHERE name = ?1");
    st.bind(1, std::string_view{name});
    st.step();
    EXPECT_EQ(st.column_int(0), 1) << name;
  }
}

TEST_F(replies, a_database_of_schema_7_is_upgraded_and_keeps_its_feedback) {
  const auto id = answer("local:bob", core::anonymity::identified);
  const int current = db->schema_version();
  // Back to how a csibot of schema 7 left the file: without what migration 8 and every later one added.
  db->conn().exec(
      "DROP TABLE reply_links; DROP TABLE feedback_replies; DROP INDEX audit_log_action; DROP TABLE "
      "local_locales; ALTER TABLE outbox DROP COLUMN rate_limited_since; "
      "ALTER TABLE outbox DROP COLUMN parts_sent; ALTER TABLE outbox DROP COLUMN source; "
      "PRAGMA user_version = 7");
  db.reset();
  db = std::make_unique<database>(dir / "csibot.db");
  EXPECT_EQ(db->schema_version(), current);
  EXPECT_EQ(row(id).reason, "slow");
  EXPECT_EQ(scalar("SELECT count(*) FROM reply_links"), 0);
  EXPECT_TRUE(repo().consent(id, {"local", "bob"}, false));
}

TEST_F(replies, a_token_is_bound_to_one_feedback_and_one_person) {
  const auto token = repo().consent_token(12, {"local", "bob"});
  EXPECT_EQ(token.size(), 32u);
  EXPECT_EQ(token.find_first_not_of("0123456789abcdef"), std::string::npos) << token;
  EXPECT_EQ(repo().consent_token(12, {"local", "bob"}), token) << "stable";
  EXPECT_TRUE(repo().token_matches(12, {"local", "bob"}, token));
  EXPECT_FALSE(repo().token_matches(13, {"local", "bob"}, token));
  EXPECT_FALSE(repo().token_matches(12, {"local", "eve"}, token));
  EXPECT_FALSE(repo().token_matches(12, {"slack", "bob"}, token));
  EXPECT_FALSE(repo().token_matches(12, {"local", "bob"}, token.substr(1)));
  EXPECT_FALSE(repo().token_matches(12, {"local", "bob"}, ""));
}

TEST_F(replies, another_installation_makes_other_tokens) {
  test::temp_dir other_dir;
  database other{other_dir / "csibot.db"};
  EXPECT_NE(reply_repository{other}.consent_token(12, {"local", "bob"}),
            repo().consent_token(12, {"local", "bob"}))
      << "keyed with each installation's own secret";
}

TEST_F(replies, consent_to_an_identified_answer_sets_allow_reply_and_stores_no_link) {
  const auto id = answer("local:bob", core::anonymity::identified);
  EXPECT_TRUE(repo().consent(id, {"local", "bob"}, false));
  EXPECT_TRUE(row(id).allow_reply);
  EXPECT_EQ(scalar("SELECT count(*) FROM reply_links"), 0);
  EXPECT_FALSE(repo().consent(id, {"local", "bob"}, false)) << "the second time changes nothing";
  const auto to = repo().recipient(row(id));
  ASSERT_TRUE(to);
  EXPECT_EQ(to->person, (core::ref{"local", "bob"}));
  EXPECT_FALSE(to->through_link);
}

TEST_F(replies, an_anonymous_answer_is_reached_only_through_the_link_its_author_allowed) {
  const auto id = answer("local:dave", core::anonymity::anonymous);
  EXPECT_FALSE(repo().recipient(row(id))) << "nothing links it to dave";
  EXPECT_TRUE(repo().consent(id, {"local", "dave"}, true));
  EXPECT_FALSE(repo().consent(id, {"local", "dave"}, true));
  EXPECT_FALSE(repo().consent(id, {"local", "eve"}, true)) << "a link is never replaced";
  const auto to = repo().recipient(row(id));
  ASSERT_TRUE(to);
  EXPECT_EQ(to->person, (core::ref{"local", "dave"}));
  EXPECT_TRUE(to->through_link);
  EXPECT_FALSE(row(id).user);
}

TEST_F(replies, a_pseudonym_is_no_address) {
  const auto id = answer("local:dave", core::anonymity::pseudonymous);
  ASSERT_TRUE(row(id).user->starts_with("pseudo:"));
  EXPECT_FALSE(repo().recipient(row(id)));
}

TEST_F(replies, feedback_without_a_reason_takes_no_consent) {
  const auto id = answer("local:dave", core::anonymity::anonymous, std::nullopt);
  EXPECT_FALSE(repo().consent(id, {"local", "dave"}, true));
  EXPECT_FALSE(row(id).allow_reply);
  EXPECT_EQ(scalar("SELECT count(*) FROM reply_links"), 0);
}

TEST_F(replies, answers_are_counted_per_feedback) {
  const auto one = answer("local:bob", core::anonymity::identified);
  const auto other = answer("local:eve", core::anonymity::identified);
  EXPECT_EQ(repo().replies_sent(one), 0);
  repo().record_reply(one, "local:alice", t0);
  repo().record_reply(one, "local:admin", t0);
  repo().record_reply(other, "local:alice", t0);
  EXPECT_EQ(repo().replies_sent(one), 2);
  EXPECT_EQ(repo().replies_sent(other), 1);
}

}  // namespace
}  // namespace csibot::storage
