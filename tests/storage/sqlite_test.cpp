#include "storage/sqlite.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

namespace csibot::storage {
namespace {

constexpr int sqlite_constraint = 19;  // SQLITE_CONSTRAINT; the tests do not include <sqlite3.h>

TEST(sqlite_statement, binds_and_reads_every_type) {
  connection conn(":memory:");
  conn.exec("CREATE TABLE t (i INTEGER, n INTEGER, d REAL, s TEXT, z TEXT, o INTEGER)");
  const std::int64_t big = std::numeric_limits<std::int64_t>::max();
  statement insert = conn.prepare("INSERT INTO t VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  insert.bind(1, big).bind(2, -7).bind(3, 2.5).bind(4, std::string_view("text")).bind(5, nullptr);
  insert.bind(6, std::optional<int>{});
  insert.run();

  statement select = conn.prepare("SELECT i, n, d, s, z, o FROM t");
  ASSERT_TRUE(select.step());
  EXPECT_EQ(select.column_int64(0), big);
  EXPECT_EQ(select.column_int(1), -7);
  EXPECT_DOUBLE_EQ(select.column_double(2), 2.5);
  EXPECT_EQ(select.column_text(3), "text");
  EXPECT_TRUE(select.is_null(4));
  EXPECT_EQ(select.column_optional_text(4), std::nullopt);
  EXPECT_EQ(select.column_optional_int(5), std::nullopt);
  EXPECT_EQ(select.column_optional_double(5), std::nullopt);
  EXPECT_FALSE(select.step());
}

TEST(sqlite_statement, text_with_embedded_nul_and_emoji_round_trips) {
  connection conn(":memory:");
  conn.exec("CREATE TABLE t (s TEXT)");
  const std::string text = std::string("a\0b ", 4) + "\xF0\x9F\x98\x80";
  conn.prepare("INSERT INTO t VALUES (?1)").bind(1, text).run();
  statement select = conn.prepare("SELECT s FROM t");
  ASSERT_TRUE(select.step());
  EXPECT_EQ(select.column_text(0), text);
}

// A borrowed text is stored as it was when the row was written: changing (or freeing) the caller's
// string after run() does not reach the table, and the next use of the cached statement, which the
// lease reset, does not read it either.
TEST(sqlite_statement, borrowed_text_is_stored_as_it_was_at_run) {
  connection conn(":memory:");
  conn.exec("CREATE TABLE t (s TEXT, e TEXT)");
  {
    std::string text(3000, 'x');  // a reply's body is of this size
    const std::string empty;
    auto insert = conn.cached("INSERT INTO t VALUES (?1, ?2)");
    insert->bind_borrowed(1, text).bind_borrowed(2, empty).run();
    text.assign(3000, 'y');
  }
  conn.cached("INSERT INTO t VALUES (?1, ?2)")->bind(1, std::string_view{"second"}).bind(2, nullptr).run();
  statement select = conn.prepare("SELECT s, e FROM t ORDER BY rowid");
  ASSERT_TRUE(select.step());
  EXPECT_EQ(select.column_text(0), std::string(3000, 'x'));
  EXPECT_FALSE(select.is_null(1)) << "an empty borrowed text is text, not NULL";
  ASSERT_TRUE(select.step());
  EXPECT_EQ(select.column_text(0), "second");
  EXPECT_TRUE(select.is_null(1));
}

TEST(sqlite_error, names_the_operation_and_code_but_never_the_bound_values) {
  connection conn(":memory:");
  conn.exec("CREATE TABLE t (k TEXT PRIMARY KEY)");
  conn.prepare("INSERT INTO t (k) VALUES (?1)").bind(1, "secret-value").run();
  try {
    conn.prepare("INSERT INTO t (k) VALUES (?1)").bind(1, "secret-value").run();
    FAIL() << "expected storage::error";
  } catch (const error& e) {
    EXPECT_EQ(e.code() & 0xff, sqlite_constraint);
    const std::string what = e.what();
    EXPECT_NE(what.find("INSERT INTO t"), std::string::npos) << what;
    EXPECT_EQ(what.find("secret-value"), std::string::npos) << what;
  }
}

TEST(sqlite_error, bad_sql_throws_on_prepare_and_exec) {
  connection conn(":memory:");
  EXPECT_THROW(conn.prepare("SELEC nonsense"), error);
  EXPECT_THROW(conn.exec("CREATE TABLE"), error);
}

TEST(sqlite_statement, bind_out_of_range_throws) {
  connection conn(":memory:");
  statement st = conn.prepare("SELECT ?1");
  EXPECT_THROW(st.bind(2, 1), error);
}

TEST(sqlite_connection, cached_statement_is_reused_and_starts_fresh_each_time) {
  connection conn(":memory:");
  conn.exec("CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1), (2), (3);");
  const statement* first = nullptr;
  {
    auto st = conn.cached("SELECT n FROM t WHERE n >= ?1 ORDER BY n");
    first = &*st;
    st->bind(1, 2);
    ASSERT_TRUE(st->step());  // left mid-way: the lease must reset it
    EXPECT_EQ(st->column_int(0), 2);
  }
  {
    auto st = conn.cached("SELECT n FROM t WHERE n >= ?1 ORDER BY n");
    EXPECT_EQ(&*st, first);
    EXPECT_FALSE(st->step());  // bindings were cleared: n >= NULL matches nothing
  }
  auto st = conn.cached("SELECT n FROM t WHERE n >= ?1 ORDER BY n");
  st->bind(1, 2);
  ASSERT_TRUE(st->step());  // reset: the walk starts again at the first row
  EXPECT_EQ(st->column_int(0), 2);
}

TEST(sqlite_connection, cached_statement_in_use_hands_out_a_fresh_one) {
  connection conn(":memory:");
  conn.exec("CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1), (2);");
  auto outer = conn.cached("SELECT n FROM t ORDER BY n");
  ASSERT_TRUE(outer->step());
  auto inner = conn.cached("SELECT n FROM t ORDER BY n");
  EXPECT_NE(&*inner, &*outer);
  ASSERT_TRUE(inner->step());
  EXPECT_EQ(inner->column_int(0), 1);
  ASSERT_TRUE(outer->step());
  EXPECT_EQ(outer->column_int(0), 2);
}

TEST(sqlite_connection, reports_changes_rowid_and_transaction_state) {
  connection conn(":memory:");
  conn.exec("CREATE TABLE t (i INTEGER)");
  EXPECT_FALSE(conn.in_transaction());
  conn.exec("BEGIN");
  EXPECT_TRUE(conn.in_transaction());
  conn.prepare("INSERT INTO t (i) VALUES (?1)").bind(1, 5).run();
  EXPECT_EQ(conn.last_insert_rowid(), 1);
  EXPECT_EQ(conn.changes(), 1);
  conn.exec("COMMIT");
  EXPECT_FALSE(conn.in_transaction());
}

}  // namespace
}  // namespace csibot::storage
