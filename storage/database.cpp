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
}

}  // namespace

database::database(const std::filesystem::path& path) {
  if (!is_memory(path)) create_parent(path);
  conn_ = std::make_unique<connection>(path.string());
  apply_pragmas(*conn_);
  migrate(*conn_);
  // Created here, outside any caller's transaction, so that a rollback can never lose the key.
  ensure_pseudonym_key(*conn_);
}

database::~database() = default;

int database::schema_version() const {
  return user_version(*conn_);
}

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
}

transaction::transaction(database& db) : db_(db) {
  if (db_.conn().in_transaction()) {
    throw error(SQLITE_MISUSE,
                "storage::transaction: a transaction is already open (nesting is not supported)");
  }
  db_.conn().cached("BEGIN IMMEDIATE")->run();
}

transaction::~transaction() {
  if (!done_) rollback_quietly(db_.conn());
}

void transaction::commit() {
  if (done_) throw error(SQLITE_MISUSE, "storage::transaction: commit() called twice");
  // When COMMIT fails (e.g. SQLITE_BUSY) the transaction stays open and the destructor rolls back.
  db_.conn().cached("COMMIT")->run();
  done_ = true;
}

}  // namespace csibot::storage
