#pragma once
/// A thin RAII layer over the sqlite3 C API: the connection and its statement cache; the prepared
/// statement and storage::error are in statement.hpp. This header does not include <sqlite3.h>, so
/// that pure layers may include storage headers.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "storage/statement.hpp"

struct sqlite3;

namespace csibot::storage {

class connection;

/// What one prepared statement of a connection did since its counters were last reset (SQLite's
/// sqlite3_stmt_status): rows stepped through in full table scans, sorts, and automatic indexes
/// built because no index fitted. Each is work that grows with the table rather than the answer.
struct statement_costs {
  std::string sql;
  int full_scan_steps = 0;
  int sorts = 0;
  int automatic_indexes = 0;
};

/// A statement borrowed from a connection's cache. Resets it and clears its bindings when the
/// lease ends, so that no read stays open between calls. Move-only; must not outlive the connection.
class statement_lease {
 public:
  statement_lease(statement_lease&& other) noexcept;
  statement_lease& operator=(statement_lease&&) = delete;
  statement_lease(const statement_lease&) = delete;
  statement_lease& operator=(const statement_lease&) = delete;
  ~statement_lease();

  statement& operator*() const { return *st_; }
  statement* operator->() const { return st_; }

 private:
  friend class connection;
  explicit statement_lease(statement* cached);
  explicit statement_lease(std::unique_ptr<statement> owned);

  statement* st_;
  std::unique_ptr<statement> owned_;  // set when the cached one was busy (re-entrant use)
};

/// An open SQLite connection (owns the sqlite3*). Not thread-safe: use from one thread.
class connection {
 public:
  /// Opens or creates the database at `path` (":memory:" works). Throws storage::error.
  explicit connection(const std::string& path);
  ~connection();
  connection(const connection&) = delete;
  connection& operator=(const connection&) = delete;

  /// Runs one or more SQL statements that take no parameters (schema, pragmas, BEGIN/COMMIT).
  /// Never build `sql` from values: use prepare() and bind(). Throws storage::error.
  void exec(std::string_view sql);

  /// A fresh prepared statement, owned by the caller. Throws storage::error.
  statement prepare(std::string_view sql);

  /// The prepared statement for `sql` from this connection's cache (prepared on first use), for hot
  /// paths. When the cached one is in use (a caller re-enters), a fresh statement is handed out.
  statement_lease cached(std::string_view sql);

  std::int64_t last_insert_rowid() const;
  std::int64_t changes() const;  ///< rows changed by the last INSERT/UPDATE/DELETE
  bool in_transaction() const;   ///< false in autocommit mode
  sqlite3* handle() const { return db_; }

  /// The costs of every statement this connection has prepared and not finalized, cached or not.
  /// With `reset`, their counters start again from zero. Lets the tests pin that the statements of
  /// a command stay index lookups however long the history grows.
  std::vector<statement_costs> statement_costs_since_reset(bool reset);

 private:
  // Transparent, so that cached() looks up a string_view without allocating.
  struct sql_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view sql) const noexcept { return std::hash<std::string_view>{}(sql); }
  };

  sqlite3* db_ = nullptr;
  // Cleared in the destructor before the connection closes (sqlite3_close needs finalized statements).
  std::unordered_map<std::string, std::unique_ptr<statement>, sql_hash, std::equal_to<>> cache_;
};

}  // namespace csibot::storage
