#pragma once
/// The outbox (ARCHITECTURE §6): replies written in the transaction that handled their event and sent
/// after it committed, so that a reply is never claimed before its cause is durable and never lost to
/// a restart. The runtime sender (bot/runtime/outbox) reads pending rows and records each outcome.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/events.hpp"
#include "core/time.hpp"

namespace csibot::storage {

class database;

enum class outbox_state { pending, sent, failed };

/// One row of the outbox.
struct outbox_entry {
  std::int64_t id = 0;
  core::outbound message;  ///< platform, kind, channel, user, replaces and body
  std::string reply_to;    ///< platform handle for answering (Slack's response_url); "" when none
  core::timestamp created_at{};
  int attempts = 0;  ///< sends tried so far
  core::timestamp next_attempt_at{};
  outbox_state state = outbox_state::pending;
  std::string last_error;
  std::string platform_message_id;         ///< only in rows sent by earlier versions (Slack's ts)
  std::optional<core::timestamp> sent_at;  ///< idem
  /// When the platform first answered this row "rate limited" (HTTP 429); nullopt when it never did.
  std::optional<core::timestamp> rate_limited_since;
  /// Of a message sent as several posts: how many the platform took in earlier attempts. A retry
  /// starts after them, so that no part is shown twice.
  std::size_t parts_sent = 0;
  /// What wrote a row that answers no one: "subscription:<id>" for a scheduled digest (the sender
  /// tells its subscriber when it fails for good); "" for every reply.
  std::string source;
};

/// Prepared statements only; methods throw storage::error. Writes join the caller's transaction when
/// one is open (that is the point of enqueue), otherwise each is its own commit.
class outbox_repository {
 public:
  explicit outbox_repository(database& db) : db_(db) {}

  /// Adds a pending message, due at `now`; returns its id (ids only grow, never reused). `source` as
  /// outbox_entry::source.
  std::int64_t enqueue(const core::outbound& message, std::string_view reply_to, core::timestamp now,
                       std::string_view source = {});
  /// The highest id in the table (sent, failed or pending), 0 when it is empty.
  std::int64_t last_id() const;

  /// Pending rows with next_attempt_at <= now, of `platform` (all when nullopt), in id order.
  std::vector<outbox_entry> due(std::optional<std::string_view> platform, core::timestamp now,
                                std::size_t limit) const;
  /// Pending rows with id > after_id, due or not, in id order: what a sender that keeps per-channel
  /// order must know about (a later message must wait behind an earlier one that is backing off).
  std::vector<outbox_entry> pending_after(std::int64_t after_id, std::size_t limit) const;
  std::optional<outbox_entry> find(std::int64_t id) const;

  /// The platform took the message: the pending row is deleted. Nothing reads a sent message again,
  /// and keeping it would keep its text and its recipient side by side (a thanks names the feedback's
  /// number, an answered question quotes the rating), a link to the person that an anonymous service
  /// promises not to store (SPEC §2). False when the row was not pending (nothing changed).
  bool mark_sent(std::int64_t id);
  /// Counts a failed attempt and makes the row due again at `next_at`; `parts_sent` (of a message sent
  /// as several posts) is kept when it is more than the row's. False when not pending.
  bool reschedule(std::int64_t id, core::timestamp next_at, std::string_view error,
                  std::size_t parts_sent = 0);
  /// The platform asked for later (HTTP 429): due again at `next_at` without counting an attempt.
  /// `since` is kept as rate_limited_since only when the row had none; `parts_sent` as reschedule().
  /// False when not pending.
  bool postpone(std::int64_t id, core::timestamp next_at, core::timestamp since, std::string_view error,
                std::size_t parts_sent = 0);
  /// pending → failed for good; counts the attempt. False when not pending.
  bool mark_failed(std::int64_t id, std::string_view error);

  std::int64_t pending_count() const;  ///< for /metrics
  /// When the first pending row (the lowest id) was written, nullopt when none is pending: how long
  /// the backlog has waited (`/csi admin status`). One step through the outbox_pending index.
  std::optional<core::timestamp> oldest_pending_at() const;
  /// Rows in state failed: messages that never went out and are kept for an operator to look at
  /// (`/csi admin status`). The table holds few rows besides the pending ones, so a scan is cheap.
  std::int64_t failed_count() const;
  /// The failed row with the highest id (the last written of them), nullopt when none failed.
  std::optional<outbox_entry> newest_failed() const;
  /// Deletes rows in state sent, which earlier versions kept for a week after sending, whose sent_at is
  /// older than `now - keep`, at most `limit` of them; returns how many. Failed rows stay for an
  /// operator to look at. Run by storage::retention.
  std::int64_t purge_sent(core::timestamp now, std::chrono::days keep,
                          std::size_t limit = std::numeric_limits<std::size_t>::max());
  /// Deletes failed rows created before `before`, at most `limit`; returns how many. Run by
  /// storage::retention when a retention period is set: a message that never went out still holds
  /// what it would have said. The table holds only pending and failed rows, so this reads little.
  std::int64_t purge_failed(core::timestamp before, std::size_t limit);

 private:
  database& db_;
};

std::string_view to_string(outbox_state s);

/// The row that enqueue(message, reply_to, now) wrote as `id`, exactly as find(id) reads it back while
/// it is pending: lets the writer hand its committed rows to the sender without reading them again.
outbox_entry enqueued_entry(std::int64_t id, core::outbound message, std::string reply_to,
                            core::timestamp now);

}  // namespace csibot::storage
