#pragma once
/// A thin RAII layer over the sqlite3 C API: connection, prepared statement, error. This header
/// does not include <sqlite3.h>, so that pure layers may include storage headers.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace csibot::storage {

/// A SQLite failure. `code()` is the SQLite (extended) result code; `what()` names the operation
/// (a summary of the SQL text, which never holds values) and SQLite's message, never bound values.
class error : public std::runtime_error {
 public:
  error(int code, const std::string& message) : std::runtime_error(message), code_(code) {}
  int code() const noexcept { return code_; }

 private:
  int code_;
};

/// `count` as a LIMIT parameter: SQLite's integers are signed, so a size beyond them (a caller's
/// "no limit") is capped at the largest one.
inline std::int64_t sql_limit(std::size_t count) {
  constexpr auto max = static_cast<std::size_t>(INT64_MAX);
  return static_cast<std::int64_t>(count < max ? count : max);
}

/// A prepared statement. Parameters are 1-based, columns 0-based (as in SQLite). Finalized in the
/// destructor. Belongs to the connection that prepared it and must not outlive it.
class statement {
 public:
  statement(sqlite3* db, std::string_view sql);
  ~statement();
  statement(statement&& other) noexcept;
  statement& operator=(statement&&) = delete;
  statement(const statement&) = delete;
  statement& operator=(const statement&) = delete;

  statement& bind(int index, std::int64_t value);
  statement& bind(int index, int value);
  statement& bind(int index, double value);
  /// Copies the text (SQLITE_TRANSIENT), so `value` may die right after the call.
  statement& bind(int index, std::string_view value);
  /// Binds the text where it is (SQLITE_STATIC), without the copy bind() makes: for the hot inserts
  /// (a reply's body is a kilobyte or more, and every copied text is an allocation). `value` must stay
  /// valid until the last step() that reads it has returned — run() included — so bind only named
  /// objects that outlive that call, never a temporary.
  statement& bind_borrowed(int index, std::string_view value);
  template <class T>
  statement& bind_borrowed(int index, const std::optional<T>& value) {
    return value ? bind_borrowed(index, *value) : bind(index, nullptr);
  }
  statement& bind(int index, std::nullptr_t);
  template <class T>
  statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind(index, nullptr);
  }

  /// Advances: true when a row is available, false when done. Throws storage::error.
  bool step();
  /// Steps a statement that returns no rows (INSERT/UPDATE/DELETE) to completion.
  void run();
  /// Makes the statement runnable again and clears its bindings. Never throws.
  void reset() noexcept;

  bool is_null(int column) const;
  std::int64_t column_int64(int column) const;
  int column_int(int column) const;
  double column_double(int column) const;
  std::string column_text(int column) const;  ///< "" for NULL
  std::optional<std::string> column_optional_text(int column) const;
  std::optional<int> column_optional_int(int column) const;
  std::optional<double> column_optional_double(int column) const;

  /// A short, value-free name of this statement for error messages ("INSERT INTO feedback(...").
  const std::string& operation() const { return operation_; }

 private:
  void check_bind(int rc, int index) const;

  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  std::string operation_;

  friend class connection;
  friend class statement_lease;
  bool in_use_ = false;  // set while a statement_lease hands it out
};

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
