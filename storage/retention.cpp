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
// a conversation is open (bot.conversation_timeout), and the config requires the retention period
// to be longer than that: no row gets a comment after the cursor has passed it.
constexpr std::string_view comments_cursor_key = "retention.comments_erased_before";

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
  // Deferred: a pass lost to a power cut is simply done again by the next one.
  transaction tx(db_, durability::deferred);
  if (keep) {
    const auto before = now - *keep;
    const auto comments = erase_comments(before, batch, r.reply_links_deleted);
    const auto chat = delete_chat_messages(before, batch);
    r.comments_erased = comments.changed;
    r.chat_messages_deleted = chat.changed;
    r.failed_messages_deleted = outbox_repository{db_}.purge_failed(before, batch);
    r.more = comments.more || chat.more || r.failed_messages_deleted == sql_limit(batch);
  }
  const auto sent_keep = keep ? std::min(*keep, sent_messages_kept) : sent_messages_kept;
  r.sent_messages_deleted = outbox_repository{db_}.purge_sent(now, sent_keep, batch);
  r.more = r.more || r.sent_messages_deleted == sql_limit(batch);
  tx.commit();
  return r;
}

retention::step retention::erase_comments(core::timestamp before, std::size_t batch,
                                          std::int64_t& links_deleted) {
  auto& conn = db_.conn();
  const std::int64_t from = read_cursor(conn);
  const std::int64_t to = core::to_millis(before);
  if (from >= to) return {};  // the period grew since the last pass: what was erased stays erased

  // The next `batch` rows after the cursor in created_at order (the index's order), with or without
  // comments: each pass reads at most that many, however many were erased before.
  auto probe = conn.cached(R"(
SELECT count(*), max(created_at) FROM (
  SELECT created_at FROM feedback INDEXED BY feedback_created
  WHERE created_at >= ?1 AND created_at < ?2 ORDER BY created_at LIMIT ?3))");
  probe->bind(1, from).bind(2, to).bind(3, sql_limit(batch));
  probe->step();
  const bool more = probe->column_int64(0) == sql_limit(batch);
  // A full batch ends at the last row's time, exclusive, and the next pass starts there; when every
  // row of the batch has the same time, that whole millisecond is taken, or the cursor would stall.
  std::int64_t until = to;
  if (more) {
    until = probe->column_int64(1);
    if (until == from) until = from + 1;
  }
  auto erase = conn.cached(R"(
UPDATE feedback INDEXED BY feedback_created SET reason = NULL, usage = NULL
WHERE created_at >= ?1 AND created_at < ?2 AND (reason IS NOT NULL OR usage IS NOT NULL))");
  erase->bind(1, from).bind(2, until).run();
  const auto erased = conn.changes();
  // The same rows' reply links: an answer with its words gone leaves an owner nothing to answer, and
  // the link would outlive the very comment it was allowed for. A link is only ever written while the
  // feedback still has its reason, so none appears behind the cursor later.
  auto unlink = conn.cached(R"(
DELETE FROM reply_links WHERE feedback_id IN (
  SELECT id FROM feedback INDEXED BY feedback_created WHERE created_at >= ?1 AND created_at < ?2))");
  unlink->bind(1, from).bind(2, until).run();
  links_deleted = conn.changes();
  write_cursor(conn, until);
  return {erased, until < to};
}

retention::step retention::delete_chat_messages(core::timestamp before, std::size_t batch) {
  auto& conn = db_.conn();
  // Messages are appended with the time they were written, so id order is time order: the oldest
  // `batch` messages are read, and those of them from before the cut-off go. A pass with nothing to
  // delete reads one batch from the start of the table, never the whole history.
  auto st = conn.cached(R"(
DELETE FROM local_messages
WHERE id IN (SELECT id FROM (SELECT id, created_at FROM local_messages ORDER BY id LIMIT ?2)
             WHERE created_at < ?1))");
  st->bind(1, core::to_millis(before)).bind(2, sql_limit(batch)).run();
  const auto deleted = conn.changes();
  return {deleted, deleted == sql_limit(batch)};
}

}  // namespace csibot::storage
