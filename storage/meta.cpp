#include "storage/meta.hpp"

#include "storage/database.hpp"
#include "storage/sqlite.hpp"

namespace csibot::storage {
namespace {

// Markers live beside storage's own keys under a prefix of their own, so that no caller can read
// or overwrite the pseudonymisation key.
std::string marker_key(std::string_view key) {
  return "marker:" + std::string{key};
}

}  // namespace

std::optional<std::string> read_marker(database& db, std::string_view key) {
  auto st = db.conn().cached("SELECT value FROM meta WHERE key = ?1");
  st->bind(1, marker_key(key));
  if (!st->step()) return std::nullopt;
  return st->column_text(0);
}

void write_marker(database& db, std::string_view key, std::string_view value) {
  auto st = db.conn().cached(
      "INSERT INTO meta (key, value) VALUES (?1, ?2) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  st->bind(1, marker_key(key)).bind(2, value);
  st->run();
}

}  // namespace csibot::storage
