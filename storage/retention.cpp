#include "storage/retention.hpp"

#include <algorithm>
#include <limits>
#include <string>

#include "storage/database.hpp"
#include "storage/outbox_repository.hpp"
#include "storage/sqlite.hpp"

namespace csibot::storage {

namespace {

// Feedback created before this many milliseconds has had its comments erased: the next pass starts
// there instead of walking years of already-erased rows again. Comments are only ever written while
// a conversation is open (hours at most), long before a row reaches any cut-off.
constexpr std::string_view comments_cursor_key = "retention.comments_erased_before";

std::int64_t as_limit(std::size_t batch) {
  return static_cast<std::int64_t>(std::min<std::size_t>(batch, std::numeric_limits<std::int64_t>::max()));
}

std::int64_t read_cursor(connection& conn) {
  auto st = conn.cached("SELECT value FROM meta WHERE key = ?1");
  st->bind(1, comments_cursor_key);
  if (!st->step()) return std::numeric_limits<std::int64_t>::min();
  try {
    return std::stoll(st->column_text(0));
  } catch (const std::exception&) {
    return std::numeric_limits<std::int64_t>::min();  // unreadable: start over, which is only slower
  }
}

void write_cursor(connection& conn, std::int64_t millis) {
  auto st = conn.cached(
      "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  st->bind(1, comments_cursor_key).bind(2, std::to_string(millis)).run();
}

}  // namespace

retention_result retention::run(core::timestamp now, std::optional<std::chrono::days> keep,
                                std::size_t batch) {
  retention_result r;
  transaction tx(db_);
  if (keep) {
    const auto before = now - *keep;
    r.comments_erased = erase_comments(before, batch);
    r.chat_messages_deleted = delete_chat_messages(before, batch);
  }
  const auto sent_keep = keep ? std::min(*keep, sent_messages_kept) : sent_messages_kept;
  r.sent_messages_deleted = outbox_repository{db_}.purge_sent(now, sent_keep, batch);
  tx.commit();
  const auto full = static_cast<std::int64_t>(batch);
  r.more = r.comments_erased == full || r.chat_messages_deleted == full || r.sent_messages_deleted == full;
  return r;
}

std::int64_t retention::erase_comments(core::timestamp before, std::size_t batch) {
  auto& conn = db_.conn();
  const std::int64_t from = read_cursor(conn);
  const std::int64_t to = core::to_millis(before);
  if (from >= to) return 0;  // the period grew since the last pass: what was erased stays erased
  // Through the created_at index, only the rows between the last pass's cut-off and this one.
  auto st = conn.cached(R"(
UPDATE feedback SET reason = NULL, usage = NULL
WHERE id IN (SELECT id FROM feedback INDEXED BY feedback_created
             WHERE created_at >= ?1 AND created_at < ?2 AND (reason IS NOT NULL OR usage IS NOT NULL)
             LIMIT ?3))");
  st->bind(1, from).bind(2, to).bind(3, as_limit(batch)).run();
  const auto erased = conn.changes();
  if (erased < as_limit(batch)) write_cursor(conn, to);
  return erased;
}

std::int64_t retention::delete_chat_messages(core::timestamp before, std::size_t batch) {
  auto& conn = db_.conn();
  // Messages are appended with the time they were written, so id order is time order: everything
  // below the first message at or after the cut-off goes. The inner lookup stops at that message,
  // so a pass with nothing to delete reads one row, not the whole history.
  auto st = conn.cached(R"(
DELETE FROM local_messages
WHERE id IN (SELECT id FROM local_messages
             WHERE id < coalesce((SELECT id FROM local_messages WHERE created_at >= ?1 ORDER BY id LIMIT 1),
                                 9223372036854775807)
             ORDER BY id LIMIT ?2))");
  st->bind(1, core::to_millis(before)).bind(2, as_limit(batch)).run();
  return conn.changes();
}

}  // namespace csibot::storage
