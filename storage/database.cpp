#include "storage/database.hpp"

#include <sqlite3.h>

#include <string>
#include <system_error>

#include "storage/hashing.hpp"
#include "storage/migrations_sql.hpp"
#include "storage/sqlite.hpp"

namespace csibot::storage {
namespace {

namespace fs = std::filesystem;

constexpr int known_schema = static_cast<int>(generated::migrations.size());

bool is_memory(const fs::path& path) {
  return path.native() == ":memory:";
}

void create_parent(const fs::path& path) {
  const fs::path parent = path.parent_path();
  if (parent.empty()) return;
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec) throw error(SQLITE_CANTOPEN, "cannot create folder \"" + parent.string() + "\": " + ec.message());
}

int user_version(connection& conn) {
  statement st = conn.prepare("PRAGMA user_version");
  st.step();
  return st.column_int(0);
}

void rollback_quietly(connection& conn) noexcept {
  try {
    if (conn.in_transaction()) conn.exec("ROLLBACK");
  } catch (...) {  // NOLINT(bugprone-empty-catch): the original error is what the caller must see
  }
}

// Applies one migration in its own write transaction. The version is re-read under the write lock,
// so that two processes opening the same file at once do not both apply it.
bool apply_next_migration(connection& conn) {
  conn.exec("BEGIN IMMEDIATE");
  try {
    const int version = user_version(conn);
    if (version >= known_schema) {
      conn.exec("COMMIT");
      return false;
    }
    conn.exec(generated::migrations[static_cast<std::size_t>(version)]);
    // A PRAGMA takes no parameters; the number is ours, never input.
    conn.exec("PRAGMA user_version = " + std::to_string(version + 1));
    conn.exec("COMMIT");
    return true;
  } catch (const error& e) {
    rollback_quietly(conn);
    throw error(e.code(), std::string("storage migration failed: ") + e.what());
  }
}

void migrate(connection& conn) {
  const int version = user_version(conn);
  if (version > known_schema) {
    throw error(SQLITE_ERROR, "database schema " + std::to_string(version) + " is newer than this csibot (" +
                                  std::to_string(known_schema) + ")");
  }
  while (apply_next_migration(conn)) {
  }
}

void apply_pragmas(connection& conn) {
  // busy_timeout first, so that switching to WAL waits for another process instead of failing.
  conn.exec("PRAGMA busy_timeout = 5000");
  conn.exec("PRAGMA journal_mode = WAL");
  // FULL: an acknowledged write survives a power cut, not only a crash (ARCHITECTURE §6).
  conn.exec("PRAGMA synchronous = FULL");
  conn.exec("PRAGMA foreign_keys = ON");
  // Group commit runs every event in a savepoint, and SQLite copies each page an event touches into a
  // sub-journal to be able to roll it back. Past 64 KiB that journal spills to a temporary file: a
  // pwrite per page, ~40% of the CPU of a 256-event batch. In memory it is truncated at each RELEASE.
  // (Sorts and GROUP BY also stay in memory; csibot's are over small group counts or use indexes.)
  conn.exec("PRAGMA temp_store = MEMORY");
}

}  // namespace

database::database(const std::filesystem::path& path, open_mode mode) {
  if (!is_memory(path) && mode == open_mode::migrate) create_parent(path);
  conn_ = std::make_unique<connection>(path.string());
  apply_pragmas(*conn_);
  if (mode == open_mode::as_is) return;
  migrate(*conn_);
  // Created here, outside any caller's transaction, so that a rollback can never lose the key.
  ensure_pseudonym_key(*conn_);
}

int database::current_schema() {
  return known_schema;
}

database::~database() = default;

int database::schema_version() const {
  return user_version(*conn_);
}

namespace {

// quick_check reads every page and checks each b-tree and record (not the indexes against their
// tables: integrity_check's extra, which takes several times as long on a large file).
void check_copy(connection& copy) {
  auto check = copy.prepare("PRAGMA quick_check(1)");
  std::string verdict = check.step() ? check.column_text(0) : std::string{"no answer"};
  if (verdict == "ok") return;
  throw error(SQLITE_CORRUPT, "the copy fails SQLite's quick_check (" + verdict +
                                  "): the database itself may be damaged; check it with "
                                  "sqlite3 FILE 'PRAGMA integrity_check' before relying on a backup");
}

}  // namespace

void database::backup_to(const std::filesystem::path& target) const {
  create_parent(target);
  connection dest(target.string());
  sqlite3_backup* backup = sqlite3_backup_init(dest.handle(), "main", conn_->handle(), "main");
  if (backup == nullptr) {
    throw error(sqlite3_extended_errcode(dest.handle()),
                std::string("SQLite backup failed to start: ") + sqlite3_errmsg(dest.handle()));
  }
  // One step copies every page; BUSY/LOCKED (another process writing) is retried for ~5 s.
  constexpr int max_retries = 100;
  int rc = SQLITE_OK;
  for (int retries = 0; retries <= max_retries; ++retries) {
    rc = sqlite3_backup_step(backup, -1);
    if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
    sqlite3_sleep(50);
  }
  const int finish_rc = sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE || finish_rc != SQLITE_OK) {
    throw error(rc != SQLITE_DONE ? rc : finish_rc,
                std::string("SQLite backup failed: ") + sqlite3_errstr(rc != SQLITE_DONE ? rc : finish_rc));
  }
  check_copy(dest);
}

namespace {

// Savepoint names are ours (a nesting level), never input; the text is a key of the statement cache.
std::string savepoint_sql(std::string_view verb, int level) {
  std::string sql{verb};
  sql += " sp_";
  sql += std::to_string(level);
  return sql;
}

}  // namespace

transaction::transaction(database& db, durability d) : db_(db), level_(db.open_transactions_) {
  connection& conn = db_.conn();
  if (level_ == 0) {
    if (conn.in_transaction()) {
      throw error(SQLITE_MISUSE,
                  "storage::transaction: a transaction begun outside storage::transaction is open");
    }
    // Set outside the transaction and back to FULL in finish() however it ends; should that fail, the
    // next full transaction sets FULL again before it begins, or does not begin at all.
    if (d == durability::deferred) {
      set_synchronous(false);
      deferred_ = true;
    } else if (db_.synchronous_normal_) {
      set_synchronous(true);
    }
    try {
      conn.cached("BEGIN IMMEDIATE")->run();
    } catch (...) {
      finish();
      throw;
    }
  } else {
    // After SQLITE_FULL, IOERR or NOMEM SQLite may roll the whole transaction back on its own. A
    // SAVEPOINT then would silently start a new transaction, and every later "nested" write would be
    // committed on its own while the caller believes it is still inside the outer one.
    if (!conn.in_transaction()) {
      throw error(SQLITE_ABORT, "storage::transaction: the enclosing transaction was rolled back by SQLite");
    }
    conn.cached(savepoint_sql("SAVEPOINT", level_))->run();
  }
  ++db_.open_transactions_;
}

transaction::~transaction() {
  rollback();
}

void transaction::commit() {
  if (done_) throw error(SQLITE_MISUSE, "storage::transaction: commit() after commit() or rollback()");
  if (level_ != db_.open_transactions_ - 1) {
    throw error(SQLITE_MISUSE, "storage::transaction: commit() while an inner transaction is open");
  }
  connection& conn = db_.conn();
  if (level_ == 0) {
    // When COMMIT fails (e.g. SQLITE_BUSY, a deferred foreign key) the transaction stays open and the
    // destructor rolls back.
    conn.cached("COMMIT")->run();
  } else {
    if (!conn.in_transaction()) {
      throw error(SQLITE_ABORT, "storage::transaction: the enclosing transaction was rolled back by SQLite");
    }
    conn.cached(savepoint_sql("RELEASE", level_))->run();
  }
  finish();
}

void transaction::rollback() noexcept {
  if (done_) return;
  // An enclosing transaction that ended first (misuse) took this one with it: nothing left to undo.
  if (level_ < db_.open_transactions_) {
    connection& conn = db_.conn();
    if (level_ == 0) {
      rollback_quietly(conn);
    } else {
      try {
        // ROLLBACK TO undoes the writes but leaves the savepoint open; RELEASE closes it.
        if (conn.in_transaction()) conn.cached(savepoint_sql("ROLLBACK TO", level_))->run();
        if (conn.in_transaction()) conn.cached(savepoint_sql("RELEASE", level_))->run();
      } catch (...) {
        // Writes that cannot be undone alone must not be committed with the enclosing transaction:
        // undo all of it, so that its commit() fails and its caller reports the whole unit as failed.
        rollback_quietly(conn);
      }
    }
  }
  finish();
}

void transaction::set_synchronous(bool full) {
  db_.conn().cached(full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL")->run();
  db_.synchronous_normal_ = !full;
}

void transaction::finish() noexcept {
  done_ = true;
  if (deferred_) {
    deferred_ = false;
    try {
      set_synchronous(true);
    } catch (...) {  // NOLINT(bugprone-empty-catch): retried by the next full transaction
    }
  }
  // Everything at this level and above has ended, whatever order the objects die in.
  if (level_ < db_.open_transactions_) db_.open_transactions_ = level_;
}

}  // namespace csibot::storage
