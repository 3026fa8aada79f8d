#pragma once
/// A prepared statement of the sqlite3 C API, and storage::error, which it and every storage call
/// throw. This header does not include <sqlite3.h>, so that pure layers may include storage headers.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

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

}  // namespace csibot::storage
