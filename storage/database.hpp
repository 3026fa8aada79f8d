#pragma once
/// The csibot database: one SQLite file, opened with csibot's pragmas and migrated to the current
/// schema. Owns the connection; repositories borrow it. Not thread-safe: use from one thread.
#include <filesystem>
#include <memory>
#include <string>

namespace csibot::storage {

class connection;  // sqlite.hpp

/// How a database is opened.
enum class open_mode {
  /// Creates the file if needed and applies pending migrations (csibot run, migrate, demo).
  migrate,
  /// Leaves the file's schema as it is, older or newer: for commands that must not change a database
  /// another csibot may be running on (the CLI's reports and backups). The caller checks
  /// schema_version() against current_schema() where it reads tables.
  as_is,
};

class database {
 public:
  /// Opens or creates `path` (":memory:" works), sets WAL, synchronous=FULL, foreign_keys=ON and a
  /// busy timeout, and (open_mode::migrate) applies pending migrations. Throws storage::error on
  /// failure.
  explicit database(const std::filesystem::path& path, open_mode mode = open_mode::migrate);
  ~database();
  database(const database&) = delete;
  database& operator=(const database&) = delete;

  /// The schema version after migration (PRAGMA user_version).
  int schema_version() const;
  /// The schema this csibot's migrations lead to.
  static int current_schema();

  /// Online backup into `target` (SQLite backup API); safe while the bot runs. The copy is then
  /// read whole with PRAGMA quick_check: the backup API copies pages as they are, so a damaged
  /// database would make a damaged copy, and that must be said now, not on the day it is restored.
  /// Throws storage::error (SQLITE_CORRUPT with the first problem found when the check fails); the
  /// caller removes the file it named.
  void backup_to(const std::filesystem::path& target) const;

  connection& conn() const { return *conn_; }

 private:
  friend class transaction;
  std::unique_ptr<connection> conn_;
  int open_transactions_ = 0;        // storage::transaction objects begun and not yet ended
  bool synchronous_normal_ = false;  // a deferred transaction lowered it and could not restore FULL yet
};

/// How durable the outermost commit of a transaction is.
enum class durability {
  /// fsync at COMMIT (synchronous=FULL): once commit() returns, the data survives a power cut.
  full,
  /// No fsync of its own (synchronous=NORMAL for this commit): survives a crash of the process, and a
  /// power cut once the next full commit or checkpoint has flushed the log after it (WAL frames are
  /// written in order). For bookkeeping whose loss only repeats work, e.g. "this message was sent".
  deferred
};

/// RAII transaction that nests. The outermost one on a connection is BEGIN IMMEDIATE … COMMIT; one
/// opened while another is open is a savepoint (SAVEPOINT sp_N … RELEASE), so that a part of a larger
/// unit of work (one event of a group commit) can be undone alone. Destroyed without commit(), it
/// rolls back: the outermost with ROLLBACK, an inner one with ROLLBACK TO + RELEASE, which keeps what
/// the enclosing transaction wrote before it. Nothing is durable until the outermost commit().
/// Transactions end in the reverse order they began (scopes do that). Never keep one open across a
/// co_await: the connection is shared by everything on the io thread.
class transaction {
 public:
  /// Begins; throws storage::error (e.g. SQLITE_BUSY when another process holds the write lock, or
  /// SQLITE_ABORT when SQLite already rolled back the enclosing transaction after an I/O error).
  /// `d` applies to the outermost transaction; a nested one shares its enclosing one's commit.
  explicit transaction(database& db, durability d = durability::full);
  ~transaction();
  transaction(const transaction&) = delete;
  transaction& operator=(const transaction&) = delete;

  /// Outermost: COMMIT (durable on return). Inner: RELEASE (kept unless an enclosing one rolls back).
  /// Throws storage::error; after a failed COMMIT the destructor still rolls back.
  void commit();
  /// Undoes this transaction's writes now; the destructor then does nothing. Never throws.
  void rollback() noexcept;
  /// True for a savepoint inside another transaction.
  bool nested() const { return level_ > 0; }

 private:
  void finish() noexcept;
  void set_synchronous(bool full);

  database& db_;
  int level_;  // 0 for the outermost; its savepoint is sp_<level_>
  bool done_ = false;
  bool deferred_ = false;  // synchronous is NORMAL until this one ends
};
}  // namespace csibot::storage
