#include "bot/runtime/dispatch_queue.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <deque>
#include <map>

#include "storage/database.hpp"
#include "storage/outbox_repository.hpp"

namespace csibot::runtime {
namespace asio = boost::asio;

struct dispatch_queue::impl : std::enable_shared_from_this<dispatch_queue::impl> {
  struct item {
    core::inbound in;
    std::string reply_to;
    completion done;
  };

  impl(asio::io_context& i, commands::dispatcher& d, storage::database& b, clock c, committed_rows f,
       dispatch_queue_options o)
      : io(i), dispatcher(d), db(b), now(std::move(c)), committed(std::move(f)), opts(o) {
    opts.max_batch = std::max<std::size_t>(opts.max_batch, 1);
  }

  asio::io_context& io;
  commands::dispatcher& dispatcher;
  storage::database& db;
  clock now;
  committed_rows committed;
  dispatch_queue_options opts;
  std::deque<item> queue;
  bool drain_posted = false;
  std::size_t arrivals = 0;  // submits since the drain last looked
  std::chrono::steady_clock::time_point linger_start{};
  std::size_t quiet_turns = 0;  // io turns in a row without a new submit
  static constexpr std::size_t quiet_turns_before_commit = 8;
  std::uint64_t batches = 0, failed_batches = 0, events = 0;

  // Events waiting for their preparer, per person, in arrival order (set_preparer).
  struct held_events {
    std::chrono::steady_clock::time_point since;
    std::deque<item> items;
  };
  preparer prepare;
  std::chrono::milliseconds max_hold{0};
  std::map<std::string, held_events, std::less<>> held;  // by held_key()
  std::size_t held_count = 0;
  std::unique_ptr<asio::steady_timer> hold_timer;
  bool hold_timer_armed = false;

  static std::string held_key(std::string_view platform, std::string_view user) {
    std::string key;
    key.reserve(platform.size() + 1 + user.size());
    key.append(platform).append(1, '\n').append(user);
    return key;
  }

  void enqueue(item i) {
    queue.push_back(std::move(i));
    ++arrivals;
    post_drain();
  }

  void accept(item i) {
    if (!prepare) return enqueue(std::move(i));
    if (!held.empty()) {
      const auto it = held.find(held_key(i.in.platform, i.in.user));
      if (it != held.end()) {
        it->second.items.push_back(std::move(i));
        ++held_count;
        return;
      }
    }
    if (prepared(i.in)) return enqueue(std::move(i));
    auto& h = held[held_key(i.in.platform, i.in.user)];
    h.since = std::chrono::steady_clock::now();
    h.items.push_back(std::move(i));
    ++held_count;
    arm_hold_timer();
  }

  // A preparer that throws lets the event through as it came: a missing locale is not worth an event.
  bool prepared(core::inbound& in) {
    try {
      return prepare(in);
    } catch (const std::exception& e) {
      spdlog::error("dispatch queue: preparing {} event {} failed: {}", in.platform, in.event_id, e.what());
      return true;
    }
  }

  void release(const std::string& key, bool prepare_again) {
    const auto it = held.find(key);
    if (it == held.end()) return;
    auto items = std::move(it->second.items);
    held.erase(it);
    held_count -= items.size();
    // Prepared again, not held again: what was waited for is known now, or will not be soon.
    for (auto& i : items) {
      if (prepare_again) (void)prepared(i.in);
      enqueue(std::move(i));
    }
  }

  void arm_hold_timer() {
    if (hold_timer_armed || held.empty()) return;
    if (!hold_timer) hold_timer = std::make_unique<asio::steady_timer>(io);
    auto oldest = held.begin()->second.since;
    for (const auto& [key, h] : held)
      oldest = std::min(oldest, h.since);
    hold_timer_armed = true;
    hold_timer->expires_at(oldest + max_hold);
    hold_timer->async_wait([weak = weak_from_this()](const boost::system::error_code& ec) {
      const auto self = weak.lock();
      if (!self || ec) return;
      self->hold_timer_armed = false;
      self->release_overdue();
    });
  }

  void release_overdue() {
    const auto at = std::chrono::steady_clock::now();
    std::vector<std::string> overdue;
    for (const auto& [key, h] : held)
      if (at - h.since >= max_hold) overdue.push_back(key);
    if (!overdue.empty())
      spdlog::warn(
          "dispatch queue: waited {} ms for what {} person(s)' events needed (their profile); "
          "handling them without it",
          max_hold.count(), overdue.size());
    for (const auto& key : overdue)
      release(key, false);
    arm_hold_timer();
  }

  // Posted, not run inline: every submit already waiting in the io_context's queue for this turn gets
  // into the batch, and a drain never runs inside a caller's stack.
  void post_drain() {
    if (drain_posted) return;
    drain_posted = true;
    linger_start = std::chrono::steady_clock::now();
    post_turn();
  }

  void post_turn() {
    asio::post(io, [weak = weak_from_this()] {
      if (const auto self = weak.lock()) self->drain();
    });
  }

  void drain() {
    // A frame already in a socket's buffer takes a few io turns to become a submit (read completion,
    // coroutine resumption, strand hand-off). So the drain looks again while submits keep coming and
    // for a few quiet turns after, within max_linger, rather than paying an fsync per event. A lone
    // event costs those few turns (microseconds), never a timer.
    quiet_turns = arrivals > 0 ? 0 : quiet_turns + 1;
    arrivals = 0;
    if (quiet_turns < quiet_turns_before_commit && queue.size() < opts.max_batch &&
        std::chrono::steady_clock::now() - linger_start < opts.max_linger) {
      post_turn();
      return;
    }
    quiet_turns = 0;
    drain_posted = false;
    const std::size_t n = std::min(queue.size(), opts.max_batch);
    std::vector<core::inbound> batch;
    std::vector<item> waiters;
    batch.reserve(n);
    waiters.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
      batch.push_back(std::move(queue.front().in));
      waiters.push_back(std::move(queue.front()));
      queue.pop_front();
    }
    // More than one batch's worth: the rest go after the handlers already waiting, not right now.
    if (!queue.empty()) post_drain();
    if (n > 0) run(batch, waiters);
  }

  void run(const std::vector<core::inbound>& batch, std::vector<item>& waiters) {
    const auto t = now();
    storage::outbox_repository box{db};
    // Per event, the rows its last call wrote: a call after a rolled-back savepoint (the event failed
    // and gets an apology instead) replaces what the rollback took back.
    std::vector<std::vector<storage::outbox_entry>> written(batch.size());
    auto replies =
        dispatcher.dispatch_batch(batch, t, [&](std::size_t i, const std::vector<core::outbound>& out) {
          written[i] = enqueue(box, out, waiters[i], t);
        });
    ++batches;
    events += batch.size();
    bool queued = dispatcher.last_batch_committed();
    if (!queued) {
      ++failed_batches;
      written.assign(1, {});
      queued = queue_failure_replies(box, replies, waiters, t, written.front());
    }
    std::vector<storage::outbox_entry> rows;
    for (auto& w : written)
      rows.insert(rows.end(), std::make_move_iterator(w.begin()), std::make_move_iterator(w.end()));
    if (!rows.empty() && committed) committed(std::move(rows));
    const std::vector<commands::outcome> outcomes(dispatcher.last_outcomes().begin(),
                                                  dispatcher.last_outcomes().end());
    for (std::size_t i = 0; i < waiters.size(); ++i)
      complete(batch[i], waiters[i], {std::move(replies[i]), outcomes[i], queued});
  }

  static std::vector<storage::outbox_entry> enqueue(storage::outbox_repository& box,
                                                    const std::vector<core::outbound>& out,
                                                    const item& waiter, core::timestamp t) {
    std::vector<storage::outbox_entry> rows;
    rows.reserve(out.size());
    for (const auto& o : out)
      rows.push_back(storage::enqueued_entry(box.enqueue(o, waiter.reply_to, t), o, waiter.reply_to, t));
    return rows;
  }

  // The batch was rolled back with the outbox rows written inside it; the "internal error" replies that
  // replace them still deserve delivery, in a transaction of their own.
  bool queue_failure_replies(storage::outbox_repository& box,
                             const std::vector<std::vector<core::outbound>>& replies,
                             const std::vector<item>& waiters, core::timestamp t,
                             std::vector<storage::outbox_entry>& written) {
    try {
      storage::transaction tx{db};
      std::vector<storage::outbox_entry> rows;
      for (std::size_t i = 0; i < replies.size(); ++i) {
        auto more = enqueue(box, replies[i], waiters[i], t);
        rows.insert(rows.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
      }
      tx.commit();
      written = std::move(rows);
      return true;
    } catch (const std::exception& e) {
      spdlog::error("dispatch queue: the replies of a failed batch of {} could not be queued either: {}",
                    replies.size(), e.what());
      return false;
    }
  }

  static void complete(const core::inbound& in, item& waiter, dispatch_result result) {
    if (!waiter.done) return;
    try {
      waiter.done(std::move(result));
    } catch (const std::exception& e) {
      // One waiter's failure must not keep the others of its batch from hearing back.
      spdlog::error("dispatch queue: completion for {} event {} threw: {}", in.platform, in.event_id,
                    e.what());
    }
  }
};

dispatch_queue::dispatch_queue(asio::io_context& io, commands::dispatcher& dispatcher, storage::database& db,
                               clock now, committed_rows committed, dispatch_queue_options options)
    : impl_(std::make_shared<impl>(io, dispatcher, db, std::move(now), std::move(committed), options)) {}

dispatch_queue::~dispatch_queue() = default;

void dispatch_queue::submit(core::inbound in, completion done, std::string reply_to) {
  impl_->accept({std::move(in), std::move(reply_to), std::move(done)});
}

void dispatch_queue::set_preparer(preparer prepare, std::chrono::milliseconds max_hold) {
  impl_->prepare = std::move(prepare);
  impl_->max_hold = max_hold;
}

void dispatch_queue::release(std::string_view platform, std::string_view user) {
  impl_->release(impl::held_key(platform, user), true);
}

std::size_t dispatch_queue::held() const {
  return impl_->held_count;
}

std::size_t dispatch_queue::queued() const {
  return impl_->queue.size();
}

std::uint64_t dispatch_queue::batches_dispatched() const {
  return impl_->batches;
}

std::uint64_t dispatch_queue::batches_failed() const {
  return impl_->failed_batches;
}

std::uint64_t dispatch_queue::events_dispatched() const {
  return impl_->events;
}

}  // namespace csibot::runtime
