#include <algorithm>
#include <limits>

#include "storage/database.hpp"
#include "storage/repositories.hpp"
#include "storage/sqlite.hpp"

namespace csibot::storage {

void audit_repository::append(const audit_entry& e) {
  auto st = db_.conn().cached(
      "INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (?1, ?2, ?3, ?4, ?5)");
  st->bind(1, core::to_millis(e.at)).bind(2, e.actor).bind(3, e.action).bind(4, e.subject).bind(5, e.detail);
  st->run();
}

std::vector<audit_entry> audit_repository::recent(std::size_t limit) const {
  std::vector<audit_entry> out;
  auto st = db_.conn().cached(
      "SELECT id, at, actor, action, subject, detail FROM audit_log ORDER BY id DESC LIMIT ?1");
  st->bind(1, sql_limit(limit));
  while (st->step()) {
    out.push_back({st->column_int64(0), core::from_millis(st->column_int64(1)), st->column_text(2),
                   st->column_text(3), st->column_text(4), st->column_text(5)});
  }
  return out;
}

std::optional<audit_entry> audit_repository::latest(std::string_view action) const {
  auto st = db_.conn().cached(
      "SELECT id, at, actor, action, subject, detail FROM audit_log WHERE action = ?1 ORDER BY id DESC "
      "LIMIT 1");
  st->bind(1, action);
  if (!st->step()) return std::nullopt;
  return audit_entry{st->column_int64(0), core::from_millis(st->column_int64(1)),
                     st->column_text(2),  st->column_text(3),
                     st->column_text(4),  st->column_text(5)};
}

}  // namespace csibot::storage
