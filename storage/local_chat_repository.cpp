#include "storage/local_chat_repository.hpp"

#include <algorithm>
#include <limits>

#include "storage/codec.hpp"
#include "storage/database.hpp"
#include "storage/sqlite.hpp"

namespace csibot::storage {
namespace {

std::string_view kind_text(local_channel_kind kind) {
  return kind == local_channel_kind::dm ? "dm" : "channel";
}

local_channel_kind parse_kind(std::string_view text) {
  if (text == "dm") return local_channel_kind::dm;
  if (text == "channel") return local_channel_kind::channel;
  throw_bad_column("local_channels.kind");
}

local_chat_message read_message(const statement& st) {
  local_chat_message m;
  m.id = st.column_int64(0);
  m.channel = st.column_text(1);
  m.author = st.column_text(2);
  m.author_name = st.column_text(3);
  m.bot = st.column_int(4) != 0;
  m.body = st.column_text(5);
  m.visible_to = st.column_optional_text(6);
  m.created_at = core::from_millis(st.column_int64(7));
  m.updated_at = core::from_millis(st.column_int64(8));
  return m;
}

}  // namespace

bool local_chat_repository::ensure_channel(std::string_view id, local_channel_kind kind,
                                           core::timestamp now) {
  auto st = db_.conn().cached(
      "INSERT INTO local_channels (id, kind, created_at) VALUES (?1, ?2, ?3) ON CONFLICT (id) DO NOTHING");
  st->bind(1, id).bind(2, kind_text(kind)).bind(3, core::to_millis(now));
  st->run();
  return db_.conn().changes() > 0;
}

std::vector<local_channel> local_chat_repository::channels(local_channel_kind kind) const {
  std::vector<local_channel> out;
  auto st = db_.conn().cached("SELECT id, kind, created_at FROM local_channels WHERE kind = ?1 ORDER BY id");
  st->bind(1, kind_text(kind));
  while (st->step()) {
    out.push_back(
        {st->column_text(0), parse_kind(st->column_text(1)), core::from_millis(st->column_int64(2))});
  }
  return out;
}

bool local_chat_repository::has_channel(std::string_view id) const {
  auto st = db_.conn().cached("SELECT 1 FROM local_channels WHERE id = ?1");
  st->bind(1, id);
  return st->step();
}

std::vector<std::string> local_chat_repository::authors(std::string_view channel) const {
  auto st = db_.conn().cached(
      "SELECT DISTINCT author FROM local_messages WHERE channel = ?1 AND bot = 0 ORDER BY author");
  st->bind(1, channel);
  std::vector<std::string> out;
  while (st->step())
    out.push_back(st->column_text(0));
  return out;
}

std::int64_t local_chat_repository::append(const local_chat_message& m) {
  auto st = db_.conn().cached(
      "INSERT INTO local_messages (channel, author, author_name, bot, body, visible_to, created_at, "
      "updated_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)");
  st->bind(1, m.channel).bind(2, m.author).bind(3, m.author_name).bind(4, m.bot ? 1 : 0).bind(5, m.body);
  st->bind(6, m.visible_to).bind(7, core::to_millis(m.created_at));
  st->run();
  return db_.conn().last_insert_rowid();
}

bool local_chat_repository::replace_body(std::int64_t id, std::string_view body, core::timestamp now) {
  auto st = db_.conn().cached("UPDATE local_messages SET body = ?2, updated_at = ?3 WHERE id = ?1");
  st->bind(1, id).bind(2, body).bind(3, core::to_millis(now));
  st->run();
  return db_.conn().changes() > 0;
}

std::optional<local_chat_message> local_chat_repository::find(std::int64_t id) const {
  auto st = db_.conn().cached(
      "SELECT id, channel, author, author_name, bot, body, visible_to, created_at, updated_at "
      "FROM local_messages WHERE id = ?1");
  st->bind(1, id);
  if (!st->step()) return std::nullopt;
  return read_message(*st);
}

std::vector<local_chat_message> local_chat_repository::recent(std::string_view channel,
                                                              std::string_view viewer,
                                                              std::size_t limit) const {
  // Newest first with the index on (channel, id), then reversed: the LIMIT keeps the latest ones.
  auto st = db_.conn().cached(
      "SELECT id, channel, author, author_name, bot, body, visible_to, created_at, updated_at "
      "FROM local_messages WHERE channel = ?1 AND (visible_to IS NULL OR visible_to = ?2) "
      "ORDER BY id DESC LIMIT ?3");
  st->bind(1, channel).bind(2, viewer).bind(3, sql_limit(limit));
  std::vector<local_chat_message> out;
  while (st->step())
    out.push_back(read_message(*st));
  std::reverse(out.begin(), out.end());
  return out;
}

void local_chat_repository::remember_locale(std::string_view user, std::string_view locale,
                                            core::timestamp now, std::size_t keep) {
  const auto known = locale_of(user);
  if (known.empty() && locale.empty()) return;
  transaction tx{db_, durability::deferred};
  if (locale.empty()) {
    auto st = db_.conn().cached("DELETE FROM local_locales WHERE user = ?1");
    st->bind(1, user).run();
  } else {
    auto st = db_.conn().cached(
        "INSERT INTO local_locales (user, locale, updated_at) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (user) DO UPDATE SET locale = excluded.locale, updated_at = excluded.updated_at");
    st->bind(1, user).bind(2, locale).bind(3, core::to_millis(now)).run();
    if (known.empty()) {
      // Only a new person can take the table over its bound; names are free to pick in the web chat.
      auto trim = db_.conn().cached(
          "DELETE FROM local_locales WHERE user IN "
          "(SELECT user FROM local_locales ORDER BY updated_at DESC, user LIMIT -1 OFFSET ?1)");
      trim->bind(1, static_cast<std::int64_t>(keep)).run();
    }
  }
  tx.commit();
}

std::string local_chat_repository::locale_of(std::string_view user) const {
  auto st = db_.conn().cached("SELECT locale FROM local_locales WHERE user = ?1");
  st->bind(1, user);
  return st->step() ? st->column_text(0) : std::string{};
}

}  // namespace csibot::storage
