#pragma once
/// Group commit for inbound events (ARCHITECTURE §6): events submitted during one turn of the
/// io_context are dispatched together in ONE transaction — each event rolled back alone if it fails,
/// its replies written to the outbox with it — and every waiter is completed after that single
/// COMMIT. One disk flush then covers the whole batch instead of one per event; under load the
/// batches grow by themselves, because events keep arriving while the previous COMMIT waits for the
/// disk.
///
/// Threading: submit() and every completion run on the io_context's one thread, which is also the
/// only thread that touches the dispatcher and the database, so nothing here locks.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "commands/dispatch.hpp"
#include "core/events.hpp"
#include "core/time.hpp"
#include "storage/outbox_repository.hpp"

namespace boost::asio {
class io_context;
}

namespace csibot::storage {
class database;
}

namespace csibot::runtime {

/// What a waiter gets once its event's batch is over.
struct dispatch_result {
  std::vector<core::outbound> replies;
  commands::outcome outcome = commands::outcome::failed;
  /// The replies are committed in the outbox, which sends them. False only when even the fallback
  /// write failed after a failed batch: then the caller may send `replies` itself or drop them.
  bool queued = false;
};

struct dispatch_queue_options {
  std::size_t max_batch = 512;  ///< events per transaction; the rest go in the next turn
  /// While events keep arriving, the drain waits up to this long (in io turns, never blocking) so
  /// that a burst shares one COMMIT: frames already in a socket's buffer complete one per turn.
  std::chrono::microseconds max_linger{2000};
};

class dispatch_queue {
 public:
  /// Called once per submitted event, on the io thread, after the batch's COMMIT (or its failure).
  using completion = std::function<void(dispatch_result)>;
  using clock = std::function<core::timestamp()>;
  /// The outbox rows a batch wrote, as committed, in id order (wire it to outbox::accept).
  using committed_rows = std::function<void(std::vector<storage::outbox_entry>)>;

  /// Borrows `io`, `dispatcher` and `db` (the dispatcher's database); they must outlive the queue.
  /// `committed` runs after every batch that wrote outbox rows.
  dispatch_queue(boost::asio::io_context& io, commands::dispatcher& dispatcher, storage::database& db,
                 clock now, committed_rows committed = {}, dispatch_queue_options options = {});
  /// Events not dispatched yet are dropped without completion (their platform redelivers them).
  ~dispatch_queue();
  dispatch_queue(const dispatch_queue&) = delete;
  dispatch_queue& operator=(const dispatch_queue&) = delete;

  /// Queues `in`; the first submit of a turn posts the drain. `reply_to` is stored with each of its
  /// replies in the outbox (Slack's response_url), "" when the platform has none.
  void submit(core::inbound in, completion done, std::string reply_to = {});

  /// Fills in what a platform left out of an event before it is queued: the person's locale, which
  /// Slack and Mattermost tell only through a profile that must be read first. Returns false while
  /// that is being found out: the queue then holds the event, and every later one of the same person
  /// behind it (their order matters: a rating must not overtake the conversation it answers), until
  /// release() for that person or until `max_hold` has passed, whichever is first.
  using preparer = std::function<bool(core::inbound& in)>;
  void set_preparer(preparer prepare, std::chrono::milliseconds max_hold = std::chrono::seconds{2});
  /// What held `user`'s events on `platform` is known now: prepare them again and queue them, in order.
  void release(std::string_view platform, std::string_view user);
  std::size_t held() const;  ///< events waiting for their preparer

  std::size_t queued() const;                ///< submitted, not dispatched yet
  std::uint64_t batches_dispatched() const;  ///< dispatch_batch calls (one transaction each)
  std::uint64_t batches_failed() const;      ///< of those, rolled back as a whole
  std::uint64_t events_dispatched() const;

 private:
  struct impl;
  std::shared_ptr<impl> impl_;  // posted drains hold a weak_ptr: a drain after destruction does nothing
};

}  // namespace csibot::runtime
