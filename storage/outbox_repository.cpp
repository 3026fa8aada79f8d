#include "storage/outbox_repository.hpp"

#include <algorithm>
#include <limits>

#include "storage/codec.hpp"
#include "storage/database.hpp"
#include "storage/message_json.hpp"
#include "storage/sqlite.hpp"

namespace csibot::storage {
namespace {

constexpr std::string_view columns =
    "id, platform, kind, channel, user, replaces, reply_to, body, created_at, attempts, next_attempt_at, "
    "state, last_error, platform_message_id, sent_at, rate_limited_since, parts_sent, source";

std::string_view kind_name(core::delivery k) {
  switch (k) {
    case core::delivery::channel:
      return "channel";
    case core::delivery::direct:
      return "direct";
    case core::delivery::update:
      return "update";
    case core::delivery::ephemeral:
      break;
  }
  return "ephemeral";
}

std::optional<core::delivery> parse_kind(std::string_view s) {
  if (s == "ephemeral") return core::delivery::ephemeral;
  if (s == "channel") return core::delivery::channel;
  if (s == "direct") return core::delivery::direct;
  if (s == "update") return core::delivery::update;
  return std::nullopt;
}

std::optional<outbox_state> parse_state(std::string_view s) {
  if (s == "pending") return outbox_state::pending;
  if (s == "sent") return outbox_state::sent;
  if (s == "failed") return outbox_state::failed;
  return std::nullopt;
}

outbox_entry read_row(const statement& st) {
  outbox_entry e;
  e.id = st.column_int64(0);
  e.message.platform = st.column_text(1);
  e.message.kind = require_column(parse_kind(st.column_text(2)), "outbox.kind");
  e.message.channel = st.column_text(3);
  e.message.user = st.column_text(4);
  e.message.replaces = st.column_text(5);
  e.reply_to = st.column_text(6);
  e.message.body = decode_message(st.column_text(7), "outbox.body");
  e.created_at = core::from_millis(st.column_int64(8));
  e.attempts = st.column_int(9);
  e.next_attempt_at = core::from_millis(st.column_int64(10));
  e.state = require_column(parse_state(st.column_text(11)), "outbox.state");
  e.last_error = st.column_text(12);
  e.platform_message_id = st.column_text(13);
  if (!st.is_null(14)) e.sent_at = core::from_millis(st.column_int64(14));
  if (!st.is_null(15)) e.rate_limited_since = core::from_millis(st.column_int64(15));
  e.parts_sent = static_cast<std::size_t>(std::max<std::int64_t>(st.column_int64(16), 0));
  e.source = st.column_text(17);
  return e;
}

// A part count as SQLite's integer (a message has a few dozen parts at most).
std::int64_t sql_count(std::size_t n) {
  return static_cast<std::int64_t>(std::min<std::size_t>(n, std::numeric_limits<std::int32_t>::max()));
}

// Errors come from platforms and may be long (an HTML error page); a row keeps a readable prefix.
std::string_view capped(std::string_view error) {
  constexpr std::size_t max_error = 500;
  return error.substr(0, max_error);
}

}  // namespace

std::string_view to_string(outbox_state s) {
  switch (s) {
    case outbox_state::sent:
      return "sent";
    case outbox_state::failed:
      return "failed";
    case outbox_state::pending:
      break;
  }
  return "pending";
}

std::int64_t outbox_repository::enqueue(const core::outbound& m, std::string_view reply_to,
                                        core::timestamp now, std::string_view source) {
  // Every reply passes here: its texts are bound where they are (the message, the body, reply_to all
  // outlive run()), sparing a copy and an allocation each.
  const std::string body = encode_message(m.body);
  auto st = db_.conn().cached(R"(
INSERT INTO outbox (platform, kind, channel, user, replaces, reply_to, body, created_at, next_attempt_at, source)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9))");
  st->bind_borrowed(1, m.platform).bind_borrowed(2, kind_name(m.kind)).bind_borrowed(3, m.channel);
  st->bind_borrowed(4, m.user).bind_borrowed(5, m.replaces).bind_borrowed(6, reply_to);
  st->bind_borrowed(7, body)
      .bind(8, core::to_millis(now))
      .bind_borrowed(9, source.empty() ? std::string_view{""} : source);  // a null view binds NULL
  st->run();
  return db_.conn().last_insert_rowid();
}

std::int64_t outbox_repository::last_id() const {
  auto st = db_.conn().cached("SELECT coalesce(max(id), 0) FROM outbox");
  st->step();
  return st->column_int64(0);
}

outbox_entry enqueued_entry(std::int64_t id, core::outbound message, std::string reply_to,
                            core::timestamp now) {
  outbox_entry e;
  e.id = id;
  e.message = std::move(message);
  e.reply_to = std::move(reply_to);
  e.created_at = now;
  e.next_attempt_at = now;
  return e;
}

std::vector<outbox_entry> outbox_repository::due(std::optional<std::string_view> platform,
                                                 core::timestamp now, std::size_t limit) const {
  static const std::string sql =
      "SELECT " + std::string{columns} +
      " FROM outbox INDEXED BY outbox_pending WHERE state = 'pending' AND next_attempt_at <= ?1"
      " AND (?2 IS NULL OR platform = ?2) ORDER BY id LIMIT ?3";
  auto st = db_.conn().cached(sql);
  st->bind(1, core::to_millis(now)).bind(2, platform).bind(3, sql_limit(limit));
  std::vector<outbox_entry> out;
  while (st->step())
    out.push_back(read_row(*st));
  return out;
}

std::vector<outbox_entry> outbox_repository::pending_after(std::int64_t after_id, std::size_t limit) const {
  static const std::string sql = "SELECT " + std::string{columns} +
                                 " FROM outbox INDEXED BY outbox_pending WHERE state = 'pending' AND id > ?1"
                                 " ORDER BY id LIMIT ?2";
  auto st = db_.conn().cached(sql);
  st->bind(1, after_id).bind(2, sql_limit(limit));
  std::vector<outbox_entry> out;
  while (st->step())
    out.push_back(read_row(*st));
  return out;
}

std::optional<outbox_entry> outbox_repository::find(std::int64_t id) const {
  static const std::string sql = "SELECT " + std::string{columns} + " FROM outbox WHERE id = ?1";
  auto st = db_.conn().cached(sql);
  st->bind(1, id);
  if (!st->step()) return std::nullopt;
  return read_row(*st);
}

bool outbox_repository::mark_sent(std::int64_t id) {
  auto st = db_.conn().cached("DELETE FROM outbox WHERE id = ?1 AND state = 'pending'");
  st->bind(1, id).run();
  return db_.conn().changes() > 0;
}

bool outbox_repository::reschedule(std::int64_t id, core::timestamp next_at, std::string_view error,
                                   std::size_t parts_sent) {
  auto st = db_.conn().cached(R"(
UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?2, last_error = ?3, parts_sent = max(parts_sent, ?4)
WHERE id = ?1 AND state = 'pending')");
  st->bind(1, id).bind(2, core::to_millis(next_at)).bind(3, capped(error)).bind(4, sql_count(parts_sent));
  st->run();
  return db_.conn().changes() > 0;
}

bool outbox_repository::postpone(std::int64_t id, core::timestamp next_at, core::timestamp since,
                                 std::string_view error, std::size_t parts_sent) {
  auto st = db_.conn().cached(R"(
UPDATE outbox SET next_attempt_at = ?2, rate_limited_since = coalesce(rate_limited_since, ?3), last_error = ?4,
                  parts_sent = max(parts_sent, ?5)
WHERE id = ?1 AND state = 'pending')");
  st->bind(1, id).bind(2, core::to_millis(next_at)).bind(3, core::to_millis(since)).bind(4, capped(error));
  st->bind(5, sql_count(parts_sent));
  st->run();
  return db_.conn().changes() > 0;
}

bool outbox_repository::mark_failed(std::int64_t id, std::string_view error) {
  auto st = db_.conn().cached(R"(
UPDATE outbox SET state = 'failed', attempts = attempts + 1, last_error = ?2
WHERE id = ?1 AND state = 'pending')");
  st->bind(1, id).bind(2, capped(error));
  st->run();
  return db_.conn().changes() > 0;
}

std::int64_t outbox_repository::pending_count() const {
  auto st = db_.conn().cached("SELECT count(*) FROM outbox WHERE state = 'pending'");
  st->step();
  return st->column_int64(0);
}

std::optional<core::timestamp> outbox_repository::oldest_pending_at() const {
  auto st = db_.conn().cached(
      "SELECT created_at FROM outbox INDEXED BY outbox_pending WHERE state = 'pending' ORDER BY id LIMIT 1");
  if (!st->step()) return std::nullopt;
  return core::from_millis(st->column_int64(0));
}

std::int64_t outbox_repository::failed_count() const {
  auto st = db_.conn().cached("SELECT count(*) FROM outbox WHERE state = 'failed'");
  st->step();
  return st->column_int64(0);
}

std::optional<outbox_entry> outbox_repository::newest_failed() const {
  static const std::string sql =
      "SELECT " + std::string{columns} + " FROM outbox WHERE state = 'failed' ORDER BY id DESC LIMIT 1";
  auto st = db_.conn().cached(sql);
  if (!st->step()) return std::nullopt;
  return read_row(*st);
}

std::int64_t outbox_repository::purge_sent(core::timestamp now, std::chrono::days keep, std::size_t limit) {
  auto st = db_.conn().cached(
      "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox INDEXED BY outbox_sent "
      "WHERE state = 'sent' AND sent_at < ?1 LIMIT ?2)");
  st->bind(1, core::to_millis(now - keep)).bind(2, sql_limit(limit));
  st->run();
  return db_.conn().changes();
}

std::int64_t outbox_repository::purge_failed(core::timestamp before, std::size_t limit) {
  auto st = db_.conn().cached(
      "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE state = 'failed' AND created_at < ?1 "
      "LIMIT ?2)");
  st->bind(1, core::to_millis(before)).bind(2, sql_limit(limit));
  st->run();
  return db_.conn().changes();
}

}  // namespace csibot::storage
