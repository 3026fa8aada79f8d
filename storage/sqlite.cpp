#include "storage/sqlite.hpp"

#include <sqlite3.h>

#include <cctype>
#include <limits>
#include <utility>

#include "storage/wal_batching_vfs.hpp"

namespace csibot::storage {
namespace {

// Error messages name the statement by its SQL text, which holds only placeholders, never values;
// whitespace is collapsed and the text cut so that a log line stays one short line.
std::string summarize_sql(std::string_view sql) {
  constexpr std::size_t max_length = 64;
  std::string out;
  bool space = false;
  for (char c : sql) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
    if (out.size() >= max_length) {
      out += "...";
      break;
    }
  }
  return out;
}

[[noreturn]] void fail(sqlite3* db, int rc, std::string_view what, std::string_view operation) {
  std::string message = "SQLite ";
  message.append(what).append(" failed for \"").append(operation).append("\": ");
  message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  throw error(db != nullptr ? sqlite3_extended_errcode(db) : rc, message);
}

// SQLITE_TRANSIENT expands to an old-style cast; spelled out here so that -Wold-style-cast holds.
const sqlite3_destructor_type transient = reinterpret_cast<sqlite3_destructor_type>(-1);

}  // namespace

statement::statement(sqlite3* db, std::string_view sql) : db_(db), operation_(summarize_sql(sql)) {
  if (sql.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    throw error(SQLITE_TOOBIG, "SQLite prepare failed: statement too long");
  }
  const int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
  if (rc != SQLITE_OK) fail(db_, rc, "prepare", operation_);
  if (stmt_ == nullptr) throw error(SQLITE_MISUSE, "SQLite prepare: no statement in \"" + operation_ + "\"");
}

statement::~statement() {
  sqlite3_finalize(stmt_);
}

statement::statement(statement&& other) noexcept
    : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)), operation_(std::move(other.operation_)) {}

void statement::check_bind(int rc, int index) const {
  if (rc != SQLITE_OK) fail(db_, rc, "bind of parameter " + std::to_string(index), operation_);
}

statement& statement::bind(int index, std::int64_t value) {
  check_bind(sqlite3_bind_int64(stmt_, index, value), index);
  return *this;
}

statement& statement::bind(int index, int value) {
  check_bind(sqlite3_bind_int(stmt_, index, value), index);
  return *this;
}

statement& statement::bind(int index, double value) {
  check_bind(sqlite3_bind_double(stmt_, index, value), index);
  return *this;
}

statement& statement::bind(int index, std::string_view value) {
  check_bind(sqlite3_bind_text64(stmt_, index, value.data(), value.size(), transient, SQLITE_UTF8), index);
  return *this;
}

statement& statement::bind_borrowed(int index, std::string_view value) {
  // SQLite copies the text into the row it builds during step(); after that it holds a pointer it
  // does not read again before the next step(), and reset() unbinds it (the lease always resets).
  check_bind(sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_STATIC, SQLITE_UTF8),
             index);
  return *this;
}

statement& statement::bind(int index, std::nullptr_t) {
  check_bind(sqlite3_bind_null(stmt_, index), index);
  return *this;
}

bool statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail(db_, rc, "step", operation_);
}

void statement::run() {
  while (step()) {
  }
}

void statement::reset() noexcept {
  // The result code of reset repeats the last step's error, which step() already reported.
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool statement::is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::int64_t statement::column_int64(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

int statement::column_int(int column) const {
  return sqlite3_column_int(stmt_, column);
}

double statement::column_double(int column) const {
  return sqlite3_column_double(stmt_, column);
}

std::string statement::column_text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (text == nullptr) return {};
  return std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::optional<std::string> statement::column_optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return column_text(column);
}

std::optional<int> statement::column_optional_int(int column) const {
  if (is_null(column)) return std::nullopt;
  return column_int(column);
}

std::optional<double> statement::column_optional_double(int column) const {
  if (is_null(column)) return std::nullopt;
  return column_double(column);
}

statement_lease::statement_lease(statement* cached) : st_(cached) {
  st_->in_use_ = true;
}

statement_lease::statement_lease(std::unique_ptr<statement> owned)
    : st_(owned.get()), owned_(std::move(owned)) {}

statement_lease::statement_lease(statement_lease&& other) noexcept
    : st_(std::exchange(other.st_, nullptr)), owned_(std::move(other.owned_)) {}

statement_lease::~statement_lease() {
  if (st_ == nullptr) return;
  st_->reset();
  if (!owned_) st_->in_use_ = false;
}

namespace {

/// Process-wide settings, applied once before SQLite initialises itself. Memory statistics off: with
/// them on, every sqlite3_malloc and sqlite3_free takes a global mutex to count bytes that nothing
/// here reads (profiled: 2.5 % of the bot's CPU under load, most of its mutex time).
void configure_library_once() {
  static const bool configured = [] {
    // SQLITE_MISUSE if the library was initialised already (another user in the process): harmless.
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)configured;
}

}  // namespace

connection::connection(const std::string& path) {
  configure_library_once();
  constexpr int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, wal_batching_vfs());
  if (rc != SQLITE_OK) {
    std::string message = "SQLite open failed for \"" + path + "\": ";
    message += db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    throw error(rc, message);
  }
  sqlite3_extended_result_codes(db_, 1);
}

connection::~connection() {
  cache_.clear();
  sqlite3_close(db_);
}

void connection::exec(std::string_view sql) {
  const std::string text(sql);
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return;
  std::string what = "SQLite exec failed for \"" + summarize_sql(sql) + "\": ";
  what += message != nullptr ? message : sqlite3_errstr(rc);
  sqlite3_free(message);
  throw error(sqlite3_extended_errcode(db_), what);
}

statement connection::prepare(std::string_view sql) {
  return statement(db_, sql);
}

statement_lease connection::cached(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    it = cache_.emplace(std::string(sql), std::make_unique<statement>(db_, sql)).first;
  }
  if (it->second->in_use_) return statement_lease(std::make_unique<statement>(db_, sql));
  return statement_lease(it->second.get());
}

std::int64_t connection::last_insert_rowid() const {
  return sqlite3_last_insert_rowid(db_);
}

std::int64_t connection::changes() const {
  return sqlite3_changes64(db_);
}

bool connection::in_transaction() const {
  return sqlite3_get_autocommit(db_) == 0;
}

std::vector<statement_costs> connection::statement_costs_since_reset(bool reset) {
  std::vector<statement_costs> out;
  const int r = reset ? 1 : 0;
  for (sqlite3_stmt* st = sqlite3_next_stmt(db_, nullptr); st != nullptr; st = sqlite3_next_stmt(db_, st)) {
    const char* sql = sqlite3_sql(st);
    out.push_back({sql != nullptr ? sql : "", sqlite3_stmt_status(st, SQLITE_STMTSTATUS_FULLSCAN_STEP, r),
                   sqlite3_stmt_status(st, SQLITE_STMTSTATUS_SORT, r),
                   sqlite3_stmt_status(st, SQLITE_STMTSTATUS_AUTOINDEX, r)});
  }
  return out;
}

}  // namespace csibot::storage
