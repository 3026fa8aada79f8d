#pragma once
/// Data retention (SPEC §10, `bot.retention_days`): what csibot forgets as it ages.
///  - Comments: the reason and usage texts of feedback created before the cut-off are erased (set
///    to null). Ratings, impact, status and dates stay, so trends and digests of old periods still
///    count them; only the words people wrote go. The reply links of that feedback go with them
///    (reply_links: what lets an owner's answer reach the author of a pseudonymous or anonymous answer).
///  - The web chat's messages from before the cut-off are deleted: they hold the same comments,
///    typed there.
///  - The outbox deletes a row once it is sent; rows that earlier versions kept after sending are
///    deleted here a week after sending whatever the setting (their bodies quote comments). Messages
///    that failed for good go when they are older than the period.
/// Each pass works in batches of bounded size, so that a first pass over years of history does not
/// hold the writer for long; the caller repeats until `more` is false.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "core/time.hpp"

namespace csibot::storage {

class database;

/// What one retention pass removed.
struct retention_result {
  std::int64_t comments_erased = 0;      ///< feedback rows whose reason and usage were erased
  std::int64_t reply_links_deleted = 0;  ///< links to the authors of that feedback
  std::int64_t chat_messages_deleted = 0;
  std::int64_t sent_messages_deleted = 0;
  std::int64_t failed_messages_deleted = 0;  ///< outbox rows that never went out, by created_at
  bool more = false;                         ///< a batch was full: run again for the rest
};

class retention {
 public:
  /// How long rows that earlier versions kept after sending stay, unless the retention period is
  /// shorter.
  static constexpr std::chrono::days sent_messages_kept{7};

  explicit retention(database& db) : db_(db) {}

  /// One pass at `now`, in its own transaction. `keep` is the retention period (nullopt: comments
  /// and chat messages are kept for ever); `batch` bounds the rows each kind may touch.
  retention_result run(core::timestamp now, std::optional<std::chrono::days> keep, std::size_t batch);

 private:
  struct step {
    std::int64_t changed = 0;
    bool more = false;  ///< stopped at the batch's bound; rows past it may still be due
  };
  step erase_comments(core::timestamp before, std::size_t batch, std::int64_t& links_deleted);
  step delete_chat_messages(core::timestamp before, std::size_t batch);

  database& db_;
};

}  // namespace csibot::storage
