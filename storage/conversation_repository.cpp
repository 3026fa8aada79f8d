#include "storage/database.hpp"
#include "storage/repositories.hpp"
#include "storage/sqlite.hpp"

namespace csibot::storage {
namespace {

conversation_row read_row(const statement& st) {
  return {st.column_text(0), st.column_text(1), st.column_text(2), core::from_millis(st.column_int64(3)),
          core::from_millis(st.column_int64(4))};
}

}  // namespace

std::optional<conversation_row> conversation_repository::find(std::string_view platform,
                                                              std::string_view user) const {
  auto st = db_.conn().cached(
      "SELECT platform, user, state, updated_at, expires_at FROM conversations WHERE platform = ?1 AND user "
      "= ?2");
  st->bind(1, platform).bind(2, user);
  if (!st->step()) return std::nullopt;
  return read_row(*st);
}

void conversation_repository::save(const conversation_row& row) {
  auto st = db_.conn().cached(R"(
INSERT INTO conversations (platform, user, state, updated_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)
ON CONFLICT (platform, user) DO UPDATE SET
  state = excluded.state, updated_at = excluded.updated_at, expires_at = excluded.expires_at)");
  // Saved at every step of every conversation; the row outlives run(), so its texts are not copied.
  st->bind_borrowed(1, row.platform).bind_borrowed(2, row.user).bind_borrowed(3, row.state);
  st->bind(4, core::to_millis(row.updated_at)).bind(5, core::to_millis(row.expires_at));
  st->run();
}

void conversation_repository::remove(std::string_view platform, std::string_view user) {
  auto st = db_.conn().cached("DELETE FROM conversations WHERE platform = ?1 AND user = ?2");
  st->bind(1, platform).bind(2, user);
  st->run();
}

std::vector<conversation_row> conversation_repository::expired(core::timestamp now) const {
  std::vector<conversation_row> out;
  auto st = db_.conn().cached(
      "SELECT platform, user, state, updated_at, expires_at FROM conversations WHERE expires_at <= ?1 "
      "AND updated_at < expires_at ORDER BY expires_at, platform, user");
  st->bind(1, core::to_millis(now));
  while (st->step())
    out.push_back(read_row(*st));
  return out;
}

void conversation_repository::close(std::string_view platform, std::string_view user,
                                    std::string_view state) {
  auto st = db_.conn().cached(
      "UPDATE conversations SET state = ?3, updated_at = expires_at WHERE platform = ?1 AND user = ?2");
  st->bind(1, platform).bind(2, user).bind(3, state);
  st->run();
}

std::int64_t conversation_repository::purge_closed(core::timestamp before) {
  auto st = db_.conn().cached("DELETE FROM conversations WHERE expires_at <= ?1");
  st->bind(1, core::to_millis(before));
  st->run();
  return db_.conn().changes();
}

std::int64_t conversation_repository::count_open(core::timestamp now) const {
  auto st = db_.conn().cached("SELECT count(*) FROM conversations WHERE expires_at > ?1");
  st->bind(1, core::to_millis(now));
  st->step();
  return st->column_int64(0);
}

}  // namespace csibot::storage
