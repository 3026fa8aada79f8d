#pragma once
/// The outbox sender (ARCHITECTURE §6): sends the rows of storage's outbox table through the platform
/// that owns them, after the transaction that wrote them committed, and records each outcome.
///
/// Delivery: each row is sent until the platform accepts it or it fails for good, and is marked sent
/// (committed: the row is deleted) before the next message of its order key is tried; rows pending at
/// a restart are sent then. The one window that cannot be closed: if the process dies after the platform
/// accepted a message and before mark_sent committed, that message is sent again after the restart
/// (at-least-once). Platforms that take an idempotency key could close it; Slack's chat.postMessage
/// does not. A row sent as several posts reports how many the platform took (send_result::parts_sent);
/// that count is recorded with the outcome, and the next attempt, also after a restart, starts after
/// them (the same window applies to the parts of the last attempt). The marks are committed without an fsync
/// of their own (storage::durability::deferred): a process crash keeps them, a power cut can lose the last
/// few until the next full commit, and those messages are then sent again too. An fsync per mark would cap
/// sending near 150 per second.
///
/// Order: messages with the same order key go out one at a time in id order; different keys go
/// concurrently, up to max_in_flight, so that one rate-limited channel holds up only itself.
///
/// Threading: everything runs on the io_context's one thread, so nothing here locks. No database
/// transaction is ever held across a co_await.
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bot/protocol/backoff.hpp"
#include "bot/runtime/send_result.hpp"
#include "core/time.hpp"
#include "storage/outbox_repository.hpp"

namespace boost::asio {
class io_context;
}

namespace csibot::storage {
class database;
}

namespace csibot::runtime {

struct outbox_options {
  std::size_t max_in_flight = 64;  ///< sends awaiting a platform at once, all platforms together
  int max_attempts = 10;           ///< then the row is failed; rate limits (429) do not count
  /// A row the platform keeps answering "rate limited" (HTTP 429) fails for good once this long has
  /// passed since its first 429. A 429 is the platform saying "later", so it uses up no attempt; this
  /// bounds a platform that would answer 429 for ever. Generous: a backlog of thousands of posts
  /// drains through Slack's workspace-wide limit in well under an hour.
  std::chrono::milliseconds rate_limit_patience{std::chrono::hours{6}};
  std::chrono::milliseconds backoff_base{500};
  std::chrono::milliseconds backoff_cap{std::chrono::minutes{5}};
  protocol::backoff::random_source random = protocol::backoff::system_random();
  std::size_t max_loaded = 4096;  ///< rows held in memory; a larger backlog is read as it drains
  /// Also re-reads the table this often, for rows written by another process (the CLI).
  std::chrono::milliseconds poll_interval{std::chrono::seconds{5}};
  /// Messages with equal keys keep their order; empty: outbox::default_order_key.
  std::function<std::string(const storage::outbox_entry&)> order_key;
  /// Called inside the transaction that records a row failed for good, with the reason; the messages
  /// it returns are written in that transaction too and sent like any other (the app tells a scheduled
  /// digest's subscriber). May throw: the failure is then recorded without them, and logged.
  std::function<std::vector<core::outbound>(const storage::outbox_entry&, std::string_view error)> on_failed;
};

/// For /metrics.
struct outbox_stats {
  std::int64_t pending = 0;   ///< rows waiting in the table (read from the database)
  std::uint64_t sent = 0;     ///< since start
  std::uint64_t failed = 0;   ///< failed for good since start
  std::uint64_t retried = 0;  ///< attempts that will be tried again
  std::size_t in_flight = 0;  ///< sends awaiting a platform now
};

class outbox {
 public:
  /// Sends one message. May throw: that counts as a transient failure (retry with back-off). The
  /// entry stays alive and unchanged until the returned awaitable completes, so a sender may keep a
  /// reference to it instead of a copy.
  using sender = std::function<boost::asio::awaitable<send_result>(const storage::outbox_entry&)>;
  using clock = std::function<core::timestamp()>;

  /// Borrows `io` and `db`; both must outlive every handler this posts (destroy the outbox after the
  /// io_context stopped running, or after stop() and idle()). `now` gives the time written to rows
  /// and compared with next_attempt_at.
  outbox(boost::asio::io_context& io, storage::database& db, clock now, outbox_options options = {});
  ~outbox();
  outbox(const outbox&) = delete;
  outbox& operator=(const outbox&) = delete;

  /// How long `row` would have to wait for its platform's rate limit (Slack: about one message per
  /// second per channel), zero when it may go now. Asked before a send takes one of max_in_flight's
  /// slots, so that a message waiting for its channel's turn holds up only its own lane, never the
  /// replies of other people. Books nothing: the sender still paces itself, and may wait a little
  /// when two lanes share a channel.
  using pacer = std::function<std::chrono::milliseconds(const storage::outbox_entry& row)>;

  /// Registers the sender (and, optionally, the pacer) of `platform`; call before start(). Rows of a
  /// platform without a sender stay pending in the table (logged once) for a later run that has one.
  void add_sender(std::string platform, sender s, pacer p = {});
  /// Reads what is pending (also from before a restart) and starts sending.
  void start();
  /// New rows were committed: read them now instead of at the next poll. Cheap; coalesced per tick.
  void notify();
  /// New rows were committed, and these are they (as storage::enqueued_entry builds them, in id
  /// order). Taken as they are when they follow the last row read directly and are the newest in the
  /// table, as one writer on the io thread makes them; otherwise the same as notify().
  void accept(std::vector<storage::outbox_entry> rows);
  /// Starts no new send and cancels the waits; sends in flight finish and their outcome is recorded.
  void stop();
  /// After stop(): true once nothing is in flight and every outcome is recorded.
  bool idle() const;
  /// Throws storage::error when the pending count cannot be read.
  outbox_stats stats() const;

  /// Ephemeral messages are ordered per (platform, channel, user): only that person sees them, and a
  /// busy channel must not make hundreds of people's replies wait in one line. Direct messages per
  /// DM channel (per user while the channel is not known yet); everything else per (platform, channel).
  static std::string default_order_key(const storage::outbox_entry& e);

 private:
  struct impl;
  std::shared_ptr<impl> impl_;  // shared with the handlers and coroutines in flight
};

}  // namespace csibot::runtime
