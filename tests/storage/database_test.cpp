#include "storage/database.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "storage/sqlite.hpp"
#include "temp_dir.hpp"

namespace csibot::storage {
namespace {

constexpr int sqlite_abort = 4;     // SQLITE_ABORT; the tests do not include <sqlite3.h>
constexpr int sqlite_corrupt = 11;  // SQLITE_CORRUPT

std::int64_t query_int(database& db, std::string_view sql) {
  statement st = db.conn().prepare(sql);
  EXPECT_TRUE(st.step());
  return st.column_int64(0);
}

std::string query_text(database& db, std::string_view sql) {
  statement st = db.conn().prepare(sql);
  EXPECT_TRUE(st.step());
  return st.column_text(0);
}

void add_row(database& db, std::string_view key, std::string_view value) {
  db.conn().prepare("INSERT INTO meta (key, value) VALUES (?1, ?2)").bind(1, key).bind(2, value).run();
}

std::int64_t count_rows(database& db, std::string_view key) {
  statement st = db.conn().prepare("SELECT count(*) FROM meta WHERE key = ?1");
  st.bind(1, key);
  st.step();
  return st.column_int64(0);
}

TEST(database, migrates_an_empty_file_to_the_current_schema) {
  test::temp_dir dir;
  database db(dir / "csibot.db");
  EXPECT_GE(db.schema_version(), 1);
  for (const char* table :
       {"services", "feedback", "conversations", "processed_events", "audit_log", "meta"}) {
    statement st = db.conn().prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1");
    st.bind(1, std::string_view(table));
    ASSERT_TRUE(st.step());
    EXPECT_EQ(st.column_int(0), 1) << table;
  }
}

TEST(database, opens_with_wal_full_sync_foreign_keys_and_busy_timeout) {
  test::temp_dir dir;
  database db(dir / "csibot.db");
  EXPECT_EQ(query_text(db, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(query_int(db, "PRAGMA synchronous"), 2);  // FULL
  EXPECT_EQ(query_int(db, "PRAGMA foreign_keys"), 1);
  EXPECT_EQ(query_int(db, "PRAGMA busy_timeout"), 5000);
  EXPECT_EQ(query_int(db, "PRAGMA temp_store"), 2);  // MEMORY: savepoint journals never hit the disk
}

TEST(database, memory_database_is_migrated) {
  database db(":memory:");
  EXPECT_GE(db.schema_version(), 1);
  add_row(db, "k", "v");
  EXPECT_EQ(count_rows(db, "k"), 1);
}

TEST(database, creates_a_missing_parent_folder) {
  test::temp_dir dir;
  const auto path = dir / "var/nested/csibot.db";
  database db(path);
  EXPECT_TRUE(std::filesystem::exists(path));
}

TEST(database, reopening_an_existing_file_keeps_its_data_and_schema) {
  test::temp_dir dir;
  int version = 0;
  {
    database db(dir / "csibot.db");
    version = db.schema_version();
    add_row(db, "kept", "yes");
  }
  database db(dir / "csibot.db");
  EXPECT_EQ(db.schema_version(), version);
  EXPECT_EQ(count_rows(db, "kept"), 1);
}

TEST(database, schema_newer_than_the_binary_is_refused_with_a_clear_error) {
  test::temp_dir dir;
  int known = 0;
  {
    database db(dir / "csibot.db");
    known = db.schema_version();
    db.conn().exec("PRAGMA user_version = 99");
  }
  try {
    database db(dir / "csibot.db");
    FAIL() << "expected storage::error";
  } catch (const error& e) {
    EXPECT_EQ(std::string(e.what()),
              "database schema 99 is newer than this csibot (" + std::to_string(known) + ")");
  }
}

TEST(database, opening_a_path_that_cannot_be_created_throws) {
  test::temp_dir dir;
  { std::ofstream(dir / "file") << "x"; }
  EXPECT_THROW(database(dir / "file/csibot.db"), error);
}

TEST(transaction, destroyed_without_commit_rolls_back) {
  database db(":memory:");
  {
    transaction tx(db);
    add_row(db, "gone", "1");
    EXPECT_TRUE(db.conn().in_transaction());
  }
  EXPECT_FALSE(db.conn().in_transaction());
  EXPECT_EQ(count_rows(db, "gone"), 0);
}

TEST(transaction, rolls_back_when_an_exception_unwinds_it) {
  database db(":memory:");
  try {
    transaction tx(db);
    add_row(db, "gone", "1");
    add_row(db, "gone", "2");  // primary key violation throws
    tx.commit();
  } catch (const error&) {
  }
  EXPECT_EQ(count_rows(db, "gone"), 0);
}

TEST(transaction, commit_keeps_the_rows_across_reopen) {
  test::temp_dir dir;
  {
    database db(dir / "csibot.db");
    transaction tx(db);
    add_row(db, "kept", "1");
    tx.commit();
  }
  database db(dir / "csibot.db");
  EXPECT_EQ(count_rows(db, "kept"), 1);
}

TEST(transaction, inner_rollback_keeps_the_outer_writes) {
  database db(":memory:");
  transaction outer(db);
  add_row(db, "outer", "1");
  {
    transaction inner(db);
    EXPECT_TRUE(inner.nested());
    add_row(db, "inner", "1");
  }  // destroyed without commit
  add_row(db, "after", "1");
  outer.commit();
  EXPECT_EQ(count_rows(db, "outer"), 1);
  EXPECT_EQ(count_rows(db, "inner"), 0);
  EXPECT_EQ(count_rows(db, "after"), 1);
  EXPECT_FALSE(db.conn().in_transaction());
}

TEST(transaction, outer_rollback_discards_a_released_inner) {
  database db(":memory:");
  {
    transaction outer(db);
    EXPECT_FALSE(outer.nested());
    add_row(db, "outer", "1");
    transaction inner(db);
    add_row(db, "inner", "1");
    inner.commit();
  }
  EXPECT_EQ(count_rows(db, "outer"), 0);
  EXPECT_EQ(count_rows(db, "inner"), 0);
  EXPECT_FALSE(db.conn().in_transaction());
}

TEST(transaction, exception_in_an_inner_one_undoes_only_its_writes) {
  database db(":memory:");
  transaction outer(db);
  add_row(db, "dup", "outer");
  try {
    transaction inner(db);
    add_row(db, "inner", "1");
    add_row(db, "dup", "again");  // primary key violation throws
    inner.commit();
    FAIL() << "expected storage::error";
  } catch (const error&) {
  }
  // The outer transaction is still open and usable, and a new inner one works after the failure.
  ASSERT_TRUE(db.conn().in_transaction());
  {
    transaction retry(db);
    add_row(db, "retry", "1");
    retry.commit();
  }
  outer.commit();
  EXPECT_EQ(count_rows(db, "dup"), 1);
  EXPECT_EQ(count_rows(db, "inner"), 0);
  EXPECT_EQ(count_rows(db, "retry"), 1);
}

TEST(transaction, three_levels_roll_back_independently) {
  database db(":memory:");
  transaction a(db);
  add_row(db, "a", "1");
  {
    transaction b(db);
    add_row(db, "b", "1");
    {
      transaction c(db);
      add_row(db, "c", "1");
      c.commit();
    }
    b.rollback();  // takes the released c with it
    EXPECT_EQ(count_rows(db, "c"), 0);
  }
  {
    transaction d(db);  // the same level as b again: its savepoint name is reused safely
    add_row(db, "d", "1");
    d.commit();
  }
  a.commit();
  EXPECT_EQ(count_rows(db, "a"), 1);
  EXPECT_EQ(count_rows(db, "b"), 0);
  EXPECT_EQ(count_rows(db, "d"), 1);
}

TEST(transaction, released_inner_is_not_visible_to_another_connection_until_the_outer_commits) {
  test::temp_dir dir;
  database writer(dir / "csibot.db");
  database reader(dir / "csibot.db");
  transaction outer(writer);
  {
    transaction inner(writer);
    add_row(writer, "inner", "1");
    inner.commit();
  }
  EXPECT_EQ(count_rows(reader, "inner"), 0);
  outer.commit();
  EXPECT_EQ(count_rows(reader, "inner"), 1);
}

TEST(transaction, commit_of_the_outer_while_an_inner_is_open_throws_and_commits_nothing) {
  database db(":memory:");
  {
    transaction outer(db);
    add_row(db, "outer", "1");
    transaction inner(db);
    EXPECT_THROW(outer.commit(), error);
    EXPECT_TRUE(db.conn().in_transaction());
  }
  EXPECT_EQ(count_rows(db, "outer"), 0);
}

TEST(transaction, inner_refuses_to_begin_when_sqlite_already_rolled_back_the_outer) {
  database db(":memory:");
  transaction outer(db);
  add_row(db, "outer", "1");
  db.conn().exec("ROLLBACK");  // what SQLite does by itself after SQLITE_FULL or an I/O error
  try {
    transaction inner(db);
    FAIL() << "a savepoint now would start a new transaction in autocommit mode";
  } catch (const error& e) {
    EXPECT_EQ(e.code(), sqlite_abort);
  }
  EXPECT_FALSE(db.conn().in_transaction());
  EXPECT_THROW(outer.commit(), error);
  EXPECT_EQ(count_rows(db, "outer"), 0);
}

TEST(transaction, explicit_rollback_then_destructor_does_nothing_more) {
  database db(":memory:");
  transaction outer(db);
  add_row(db, "outer", "1");
  {
    transaction inner(db);
    add_row(db, "inner", "1");
    inner.rollback();
    EXPECT_THROW(inner.commit(), error);
    add_row(db, "between", "1");  // written in the outer transaction: the inner one is over
  }
  outer.commit();
  EXPECT_EQ(count_rows(db, "inner"), 0);
  EXPECT_EQ(count_rows(db, "between"), 1);
  EXPECT_EQ(count_rows(db, "outer"), 1);
}

TEST(transaction, a_transaction_begun_outside_storage_transaction_is_refused) {
  database db(":memory:");
  db.conn().exec("BEGIN");
  EXPECT_THROW(transaction tx(db), error);
  db.conn().exec("ROLLBACK");
  transaction tx(db);  // and the database is usable afterwards
  tx.commit();
}

TEST(transaction, deferred_commit_skips_the_fsync_only_for_itself) {
  test::temp_dir dir;
  database db(dir / "csibot.db");
  database other(dir / "csibot.db");
  {
    transaction tx(db, durability::deferred);
    EXPECT_EQ(query_int(db, "PRAGMA synchronous"), 1);  // NORMAL: no fsync at this COMMIT
    add_row(db, "deferred", "1");
    tx.commit();
  }
  EXPECT_EQ(query_int(db, "PRAGMA synchronous"), 2);  // FULL again for everything else
  EXPECT_EQ(count_rows(other, "deferred"), 1);        // committed like any other
  try {
    transaction tx(db, durability::deferred);
    add_row(db, "deferred", "again");  // primary key violation throws
  } catch (const error&) {
  }
  EXPECT_EQ(query_int(db, "PRAGMA synchronous"), 2);
}

TEST(transaction, deferred_durability_of_a_nested_one_is_its_outer_ones) {
  database db(":memory:");
  transaction outer(db);
  transaction inner(db, durability::deferred);
  EXPECT_EQ(query_int(db, "PRAGMA synchronous"), 2);
  inner.commit();
  outer.commit();
}

TEST(transaction, second_connection_does_not_see_uncommitted_rows) {
  test::temp_dir dir;
  database writer(dir / "csibot.db");
  database reader(dir / "csibot.db");
  transaction tx(writer);
  add_row(writer, "pending", "1");
  EXPECT_EQ(count_rows(reader, "pending"), 0);
  tx.commit();
  EXPECT_EQ(count_rows(reader, "pending"), 1);
}

TEST(database, backup_produces_a_readable_copy_with_the_same_rows) {
  test::temp_dir dir;
  database db(dir / "csibot.db");
  for (int i = 0; i < 100; ++i)
    add_row(db, "row" + std::to_string(i), "value");
  db.backup_to(dir / "backups/copy.db");
  add_row(db, "after", "not in the copy");

  database copy(dir / "backups/copy.db");
  EXPECT_EQ(copy.schema_version(), db.schema_version());
  EXPECT_EQ(query_int(copy, "SELECT count(*) FROM meta WHERE key LIKE 'row%'"), 100);
  EXPECT_EQ(count_rows(copy, "after"), 0);
  EXPECT_EQ(query_text(copy, "PRAGMA integrity_check"), "ok");
}

// The backup API copies pages as they are: a damaged page must fail the backup, not sit in the copy.
TEST(database, a_backup_of_a_damaged_database_fails_its_check_and_says_so) {
  test::temp_dir dir;
  const auto file = dir / "csibot.db";
  {
    database db(file);
    db.conn().exec("CREATE TABLE bulk (n INTEGER PRIMARY KEY, text TEXT NOT NULL)");
    auto insert = db.conn().prepare("INSERT INTO bulk (n, text) VALUES (?1, ?2)");
    transaction tx(db);
    for (int i = 0; i < 400; ++i) {
      insert.bind(1, i).bind(2, std::string(600, 'x')).run();
      insert.reset();
    }
    tx.commit();
  }  // closing the last connection checkpoints the log into the file
  const auto size = std::filesystem::file_size(file);
  ASSERT_GT(size, 40U * 4096U);
  {
    // A page near the end belongs to the bulk table, written last: fill it with garbage.
    std::fstream raw(file, std::ios::in | std::ios::out | std::ios::binary);
    raw.seekp(static_cast<std::streamoff>(size - 4U * 4096U));
    const std::string garbage(4096, '\xA5');
    raw.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  database db(file);
  try {
    db.backup_to(dir / "copy.db");
    FAIL() << "a damaged database was backed up without complaint";
  } catch (const error& e) {
    EXPECT_EQ(e.code(), sqlite_corrupt);
    EXPECT_NE(std::string{e.what()}.find("quick_check"), std::string::npos) << e.what();
    EXPECT_NE(std::string{e.what()}.find("integrity_check"), std::string::npos) << e.what();
  }
}

TEST(database, backup_of_a_memory_database_works) {
  test::temp_dir dir;
  database db(":memory:");
  add_row(db, "k", "v");
  db.backup_to(dir / "copy.db");
  database copy(dir / "copy.db");
  EXPECT_EQ(count_rows(copy, "k"), 1);
}

}  // namespace
}  // namespace csibot::storage
