// csibot's VFS gathers the writes of a transaction to the write-ahead log and passes them on when the
// commit frame is whole. These tests look at the files through SQLite's own default VFS, in another
// connection or another process, which is what a crash or `csibot export` next to the bot sees.
#include "storage/wal_batching_vfs.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>

#include "storage/sqlite.hpp"
#include "temp_dir.hpp"

namespace {

using csibot::storage::connection;
using csibot::storage::test::temp_dir;

/// A connection through SQLite's default VFS, unaffected by csibot's.
class plain_reader {
 public:
  explicit plain_reader(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << "open: " << sqlite3_errmsg(db_);
    }
  }
  ~plain_reader() { sqlite3_close(db_); }
  plain_reader(const plain_reader&) = delete;
  plain_reader& operator=(const plain_reader&) = delete;

  /// The first column of the first row, as text; "error: …" when the query fails.
  std::string value(const std::string& sql) const {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
      return std::string{"error: "} + sqlite3_errmsg(db_);
    }
    std::string out;
    const int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
      const auto* text = sqlite3_column_text(st, 0);
      out = text != nullptr ? reinterpret_cast<const char*>(text) : "NULL";
    } else if (rc != SQLITE_DONE) {
      out = std::string{"error: "} + sqlite3_errmsg(db_);
    }
    sqlite3_finalize(st);
    return out;
  }

 private:
  sqlite3* db_ = nullptr;
};

void open_wal(connection& conn, bool normal_sync) {
  conn.exec("PRAGMA journal_mode = WAL");
  conn.exec(normal_sync ? "PRAGMA synchronous = NORMAL" : "PRAGMA synchronous = FULL");
}

std::string blob_sql(int bytes) {
  return "randomblob(" + std::to_string(bytes) + ")";
}

TEST(wal_batching_vfs, is_registered_beside_the_default) {
  const char* name = csibot::storage::wal_batching_vfs();
  ASSERT_NE(name, nullptr);
  EXPECT_NE(sqlite3_vfs_find(name), nullptr);
  EXPECT_NE(sqlite3_vfs_find(nullptr), sqlite3_vfs_find(name)) << "it must not replace the default";
}

std::string insert_rows(int rows, int bytes) {
  return "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + std::to_string(rows) +
         ") INSERT INTO t (payload) SELECT " + blob_sql(bytes) + " FROM n";
}

// Under synchronous = NORMAL nothing syncs the log at a commit: the log must hold the commit before
// SQLite publishes it, or a reader would be pointed at frames that are not in the file. Every fifth
// commit writes ~600 KiB of log, more than one write of the default VFS takes.
TEST(wal_batching_vfs, another_connection_reads_each_commit_at_once) {
  temp_dir dir;
  const auto path = (dir / "db.sqlite").string();
  connection conn(path);
  open_wal(conn, true);
  conn.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, payload BLOB NOT NULL)");
  plain_reader reader(path);
  int committed = 0;
  for (int i = 1; i <= 40; ++i) {
    const int rows = i % 5 == 0 ? 800 : 10;
    conn.exec("BEGIN IMMEDIATE");
    conn.exec(insert_rows(rows, 700));
    conn.exec("COMMIT");
    committed += rows;
    ASSERT_EQ(reader.value("SELECT count(*) FROM t"), std::to_string(committed)) << "after commit " << i;
  }
  EXPECT_EQ(reader.value("PRAGMA integrity_check"), "ok");
}

// A process that ends without closing its database (a crash, a kill) keeps every transaction it
// committed: nothing of a commit waits in the VFS's buffer for a later write or for the close.
TEST(wal_batching_vfs, commits_survive_a_process_that_dies_without_closing) {
  temp_dir dir;
  const auto path = (dir / "db.sqlite").string();
  {
    connection setup(path);
    open_wal(setup, true);
    setup.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, payload BLOB NOT NULL)");
  }
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    try {
      auto* conn = new connection(path);  // never closed: _exit() leaves as a crash would
      conn->exec("PRAGMA synchronous = NORMAL");
      for (int i = 0; i < 25; ++i) {
        conn->exec("BEGIN IMMEDIATE");
        conn->exec("INSERT INTO t (payload) VALUES (" + blob_sql(3000) + ")");
        conn->exec("INSERT INTO t (payload) VALUES (" + blob_sql(50) + ")");
        conn->exec("COMMIT");
      }
      conn->exec("BEGIN IMMEDIATE");  // open and unfinished at the end: must leave no trace
      conn->exec("INSERT INTO t (payload) VALUES (" + blob_sql(100) + ")");
      _exit(0);
    } catch (...) {
      _exit(3);
    }
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 0);
  plain_reader reader(path);
  EXPECT_EQ(reader.value("SELECT count(*) FROM t"), "50");
  EXPECT_EQ(reader.value("PRAGMA integrity_check"), "ok");
}

// Transactions much larger than the buffer, pages spilled to the log before the commit, a rolled-back
// spill overwritten by the next transaction, and checkpoints restarting the log: the database stays
// whole and holds exactly what was committed.
TEST(wal_batching_vfs, large_spilled_rolled_back_and_checkpointed_transactions_stay_consistent) {
  temp_dir dir;
  const auto path = (dir / "db.sqlite").string();
  connection conn(path);
  open_wal(conn, false);
  conn.exec("PRAGMA cache_size = 20");  // a few pages: big transactions spill into the log early
  conn.exec("PRAGMA wal_autocheckpoint = 50");
  conn.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, batch INTEGER NOT NULL, payload BLOB NOT NULL)");
  conn.exec("CREATE INDEX t_batch ON t (batch, payload)");
  plain_reader reader(path);
  int committed = 0;
  for (int batch = 0; batch < 12; ++batch) {
    const int rows = batch % 3 == 0 ? 1500 : 30;  // ~3 MiB of log: past the buffer's 1 MiB
    conn.exec("BEGIN IMMEDIATE");
    conn.exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
              std::to_string(rows) + ") INSERT INTO t (batch, payload) SELECT " + std::to_string(batch) +
              ", " + blob_sql(1000) + " FROM n");
    if (batch % 4 == 1) {
      conn.exec("ROLLBACK");
      continue;
    }
    conn.exec("COMMIT");
    committed += rows;
    ASSERT_EQ(reader.value("SELECT count(*) FROM t"), std::to_string(committed)) << "batch " << batch;
  }
  EXPECT_EQ(reader.value("SELECT count(DISTINCT batch) FROM t"), "9");
  EXPECT_EQ(reader.value("PRAGMA integrity_check"), "ok");
  conn.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  EXPECT_EQ(reader.value("SELECT count(*) FROM t"), std::to_string(committed));
}

}  // namespace
