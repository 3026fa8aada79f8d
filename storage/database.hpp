#pragma once
/// The csibot database: one SQLite file, opened with csibot's pragmas and migrated to the current
/// schema. Owns the connection; repositories borrow it. Not thread-safe: use from one thread.
#include <filesystem>
#include <memory>
#include <string>

namespace csibot::storage {

class connection;  // sqlite.hpp

class database {
 public:
  /// Opens or creates `path` (":memory:" works), sets WAL, synchronous=FULL, foreign_keys=ON and a
  /// busy timeout, and applies pending migrations. Throws storage::error on failure.
  explicit database(const std::filesystem::path& path);
  ~database();
  database(const database&) = delete;
  database& operator=(const database&) = delete;

  /// The schema version after migration (PRAGMA user_version).
  int schema_version() const;

  /// Online backup into `target` (SQLite backup API); safe while the bot runs. Throws storage::error.
  void backup_to(const std::filesystem::path& target) const;

  connection& conn() const { return *conn_; }

 private:
  std::unique_ptr<connection> conn_;
};

/// RAII transaction (BEGIN IMMEDIATE): rolls back in its destructor unless commit() was called.
/// Nesting is not supported; a second transaction on the same database throws storage::error.
class transaction {
 public:
  explicit transaction(database& db);
  ~transaction();
  transaction(const transaction&) = delete;
  transaction& operator=(const transaction&) = delete;
  void commit();

 private:
  database& db_;
  bool done_ = false;
};

}  // namespace csibot::storage
