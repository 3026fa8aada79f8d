// One class, impl, whose parts (loading, lanes, sends, recording outcomes) share the lanes' state; it
// stays in one file rather than spreading that state over several (ARCHITECTURE §5: a reason for the
// length). Everything runs on the io thread.
#include "bot/runtime/outbox.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <vector>

#include "storage/database.hpp"

namespace csibot::runtime {
namespace asio = boost::asio;

std::string outbox::default_order_key(const storage::outbox_entry& e) {
  const auto& m = e.message;
  constexpr char sep = '\x1f';  // cannot occur in a platform's ids
  std::string key = m.platform + sep;
  if (m.kind == core::delivery::ephemeral) return key + m.channel + sep + m.user;
  if (m.kind == core::delivery::direct && m.channel.empty()) return key + sep + m.user;
  return key + m.channel;
}

namespace {

// What becomes of a row after an attempt: decided when the outcome arrives, written by the next flush,
// and applied to the lane only after that commit.
struct verdict {
  enum class action { sent, reschedule, fail };
  action act = action::sent;
  std::int64_t id = 0;
  std::string key;
  core::timestamp next_at{};
  std::string error;
};

// The messages of one order key, oldest first; only the head is ever in flight.
struct lane {
  std::deque<storage::outbox_entry> queue;
  bool busy = false;     // the head is being sent, or its outcome is not committed yet
  bool ready = false;    // listed in impl::ready
  bool waiting = false;  // a timer will make it ready
  std::optional<protocol::backoff> backoff;
  std::unique_ptr<asio::steady_timer> timer;
};

}  // namespace

struct outbox::impl : std::enable_shared_from_this<outbox::impl> {
  impl(asio::io_context& i, storage::database& d, clock c, outbox_options o)
      : io(i), db(d), now(std::move(c)), opts(std::move(o)), poll_timer(i), flush_timer(i) {
    if (!opts.order_key) opts.order_key = &outbox::default_order_key;
    opts.max_in_flight = std::max<std::size_t>(opts.max_in_flight, 1);
    opts.max_loaded = std::max<std::size_t>(opts.max_loaded, 1);
    opts.poll_interval = std::max(opts.poll_interval, std::chrono::milliseconds{10});
  }

  asio::io_context& io;
  storage::database& db;
  clock now;
  outbox_options opts;
  std::map<std::string, sender, std::less<>> senders;
  std::map<std::string, outbox::pacer, std::less<>> pacers;
  std::unordered_map<std::string, lane> lanes;
  std::deque<std::string> ready;  // keys whose head may be sent now, waiting for a slot
  std::map<std::string, core::timestamp, std::less<>> platform_pause;
  std::vector<verdict> verdicts;  // outcomes waiting for the next flush
  std::set<std::string, std::less<>> unknown_platforms;
  asio::steady_timer poll_timer;
  asio::steady_timer flush_timer;  // retries a flush that failed
  std::int64_t last_id = 0;        // rows up to here are loaded (or belong to no sender)
  // Read-ahead past a full memory budget (skim()): rows taken early, for the main read to skip; the
  // scan's cursor and the last_id it started from; and per lane seen by the scan, the ids it passed
  // over (in id order), which the lane takes one by one as it empties (take_passed_over()).
  std::set<std::int64_t> skimmed;
  std::int64_t skim_cursor = 0, skim_base = -1;
  std::unordered_map<std::string, std::deque<std::int64_t>> skim_passed;
  std::size_t loaded = 0;
  std::size_t in_flight = 0;
  bool stopping = false, load_posted = false, flush_posted = false, flush_failing = false, more = false;
  std::uint64_t sent = 0, failed = 0, retried = 0;

  void post_load() {
    if (load_posted || stopping) return;
    load_posted = true;
    asio::post(io, [self = shared_from_this()] { self->load(); });
  }

  // Reads rows newer than the last one seen into their lanes, up to max_loaded in memory.
  void load() {
    load_posted = false;
    if (stopping) return;
    constexpr std::size_t page = 1000;
    try {
      const storage::outbox_repository box{db};
      more = loaded >= opts.max_loaded;
      while (!more) {
        const std::size_t limit = std::min(page, opts.max_loaded - loaded);
        auto rows = box.pending_after(last_id, limit);
        for (auto& row : rows)
          add(std::move(row));
        if (rows.size() < limit) break;
        more = loaded >= opts.max_loaded;
      }
      skimmed.erase(skimmed.begin(), skimmed.upper_bound(last_id));
      if (more) skim(box, page);
    } catch (const std::exception& e) {
      spdlog::error("outbox: reading pending messages failed: {}", e.what());
    }
    pump();
  }

  // The rows a writer just committed, taken without reading them back (outbox::accept): only when
  // they are exactly the rows after last_id, so that a lane's order and the read-ahead's bookkeeping
  // stay what load() would have made of them. Anything else (another process's rows in between, a
  // full budget) goes the reading way.
  void accept(std::vector<storage::outbox_entry> rows) {
    if (stopping) return;
    if (takes_directly(rows)) {
      for (auto& row : rows)
        add(std::move(row));
    } else if (skims_directly(rows)) {
      // The budget is full and the read-ahead had reached the end of the table: these rows are what
      // its next look would read, so they go through the same per-row rule without that read.
      for (auto& row : rows) {
        if (!skim_one(row)) break;  // full: the rest waits for the next look, from the cursor
      }
    } else {
      return post_load();
    }
    pump();
  }

  // Whether `rows` are the ids the table holds right after `after`, and nothing newer.
  bool newest_after(const std::vector<storage::outbox_entry>& rows, std::int64_t after) const {
    if (rows.empty()) return false;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (rows[i].id != after + 1 + static_cast<std::int64_t>(i)) return false;
    }
    try {
      return storage::outbox_repository{db}.last_id() == rows.back().id;
    } catch (const std::exception& e) {
      spdlog::warn("outbox: reading the newest message id failed: {}", e.what());
      return false;
    }
  }

  bool takes_directly(const std::vector<storage::outbox_entry>& rows) const {
    // A read-ahead past last_id would have left an id between it and rows.front(): no check needed.
    if (more || loaded + rows.size() > opts.max_loaded) return false;
    return newest_after(rows, last_id);
  }

  // With the budget full, rows the read-ahead would read next: it looked since the main read last
  // moved (its bookkeeping is current) and its cursor is at the end of the table.
  bool skims_directly(const std::vector<storage::outbox_entry>& rows) const {
    if (!more || skim_base == -1 || skim_base != last_id) return false;
    return newest_after(rows, skim_cursor);
  }

  std::size_t skim_cap() const { return opts.max_loaded + opts.max_loaded / 8 + 1; }

  // The budget is spent, typically on messages that wait for their channel's pace (one person's DM
  // backlog) or a Retry-After: replies to everybody else must not queue behind them. So look further
  // into the table and take a row whose lane has nothing in memory and no earlier row still unread:
  // order within each lane holds. Bounded: max_loaded / 8 extra rows in memory and 4 pages read per
  // look; the scan resumes where it stopped, so each row is read by it once.
  void skim(const storage::outbox_repository& box, std::size_t page) {
    if (skim_base == -1) {  // the first look, or after a failed read: from the oldest unread row
      skim_cursor = last_id;
      skim_passed.clear();
    } else if (skim_base != last_id) {
      // The main read moved on: what it read is in the lanes now, no longer passed over.
      skim_cursor = std::max(skim_cursor, last_id);
      for (auto it = skim_passed.begin(); it != skim_passed.end();) {
        auto& ids = it->second;
        while (!ids.empty() && ids.front() <= last_id)
          ids.pop_front();
        it = ids.empty() ? skim_passed.erase(it) : std::next(it);
      }
    }
    skim_base = last_id;
    for (std::size_t scanned = 0; loaded < skim_cap() && scanned < 4 * page;) {
      auto rows = box.pending_after(skim_cursor, page);
      for (auto& row : rows) {
        if (!skim_one(row)) break;
        ++scanned;
      }
      if (rows.size() < page) break;
    }
  }

  // The read-ahead's rule for the row after skim_cursor. False, leaving the cursor, when memory is
  // full.
  bool skim_one(storage::outbox_entry& row) {
    if (loaded >= skim_cap()) return false;
    skim_cursor = row.id;
    if (skimmed.contains(row.id) || !senders.contains(row.message.platform)) return true;
    std::string key = opts.order_key(row);
    auto& passed = skim_passed[key];
    const auto it = lanes.find(key);
    // Taken only when it is its lane's next row: nothing of the lane in memory, nothing passed over.
    if (!passed.empty() || (it != lanes.end() && !it->second.queue.empty())) {
      passed.push_back(row.id);
      return true;
    }
    skimmed.insert(row.id);
    lane_for(key).queue.push_back(std::move(row));
    ++loaded;
    schedule(key);
    return true;
  }

  void add(storage::outbox_entry row) {
    last_id = std::max(last_id, row.id);
    if (skimmed.contains(row.id)) return;  // read ahead by skim(): in its lane already, or sent
    const auto& platform = row.message.platform;
    if (!senders.contains(platform)) {
      if (unknown_platforms.insert(platform).second) {
        spdlog::warn("outbox: no sender for platform '{}'; its messages stay pending", platform);
      }
      return;
    }
    std::string key = opts.order_key(row);
    lane_for(key).queue.push_back(std::move(row));
    ++loaded;
    schedule(key);
  }

  // Most lanes live for one message (a reply to one person): an emptied lane's map node, with its
  // deque's storage and its key's buffer, is kept for the next new key instead of being freed and
  // allocated again, about five allocations per reply.
  static constexpr std::size_t spare_lanes_kept = 256;
  std::vector<decltype(lanes)::node_type> spare_lanes;

  lane& lane_for(const std::string& key) {
    if (const auto it = lanes.find(key); it != lanes.end()) return it->second;
    if (spare_lanes.empty()) return lanes[key];
    auto node = std::move(spare_lanes.back());
    spare_lanes.pop_back();
    node.key().assign(key);
    return lanes.insert(std::move(node)).position->second;
  }

  // `it`'s lane is empty and neither busy nor waiting for its timer.
  void retire(decltype(lanes)::iterator it) {
    if (spare_lanes.size() >= spare_lanes_kept) {
      lanes.erase(it);
      return;
    }
    auto node = lanes.extract(it);
    auto& l = node.mapped();
    l.ready = false;
    l.backoff.reset();  // a new key starts with a fresh back-off, as a new lane did
    spare_lanes.push_back(std::move(node));
  }

  // The head may go when its own retry time and its platform's pause have passed.
  core::timestamp due_at(const lane& l) const {
    const auto& head = l.queue.front();
    const auto pause = platform_pause.find(head.message.platform);
    return pause == platform_pause.end() ? head.next_attempt_at
                                         : std::max(head.next_attempt_at, pause->second);
  }

  void schedule(const std::string& key) {
    const auto it = lanes.find(key);
    if (it == lanes.end()) return;
    lane& l = it->second;
    if (l.queue.empty()) {
      if (!l.busy && !l.waiting) retire(it);
      return;
    }
    if (l.busy || l.ready || l.waiting || stopping) return;
    const auto due = due_at(l);
    const auto t = now();
    if (due > t) return arm(key, l, due - t);
    l.ready = true;
    ready.push_back(key);
  }

  void arm(const std::string& key, lane& l, std::chrono::milliseconds wait) {
    if (!l.timer) l.timer = std::make_unique<asio::steady_timer>(io);
    l.waiting = true;
    l.timer->expires_after(wait);
    l.timer->async_wait([self = shared_from_this(), key](const boost::system::error_code& ec) {
      const auto it = self->lanes.find(key);
      if (it == self->lanes.end()) return;
      it->second.waiting = false;
      if (ec || self->stopping) return;
      self->schedule(key);
      self->pump();
    });
  }

  // Starts sends while slots are free. A lane is checked again when its turn comes: a platform-wide
  // pause may have begun after it was queued.
  void pump() {
    while (!stopping && in_flight < opts.max_in_flight && !ready.empty()) {
      std::string key = std::move(ready.front());
      ready.pop_front();
      const auto it = lanes.find(key);
      if (it == lanes.end()) continue;
      lane& l = it->second;
      l.ready = false;
      if (l.busy || l.queue.empty()) continue;
      const auto due = due_at(l);
      if (const auto t = now(); due > t) {
        arm(key, l, due - t);
        continue;
      }
      if (const auto wait = pace_wait(l.queue.front()); wait > std::chrono::milliseconds::zero()) {
        arm(key, l, wait);
        continue;
      }
      l.busy = true;
      ++in_flight;
      const auto& head = l.queue.front();
      asio::co_spawn(io,
                     send_one(shared_from_this(), senders.at(head.message.platform), std::move(key), head),
                     asio::detached);
    }
  }

  std::chrono::milliseconds pace_wait(const storage::outbox_entry& e) const {
    const auto it = pacers.find(e.message.platform);
    if (it == pacers.end() || !it->second) return {};
    try {
      return it->second(e);
    } catch (const std::exception& ex) {
      // Pacing is an optimisation: without its answer the sender still paces itself.
      spdlog::warn("outbox: the {} pacer failed: {}", e.message.platform, ex.what());
      return {};
    }
  }

  // `s` and `e` by reference, not copied per send (a message's body and reply URL are a dozen
  // allocations): the senders are fixed once start() ran, and `e` is its lane's head, which stays in
  // place (a deque keeps references on push_back; an unordered_map keeps its nodes) until settle()
  // pops it, after this coroutine recorded the outcome. A lane is never erased while busy.
  static asio::awaitable<void> send_one(std::shared_ptr<impl> self, const sender& s, std::string key,
                                        const storage::outbox_entry& e) {
    send_result r;
    try {
      r = co_await s(e);
    } catch (const std::exception& ex) {
      r = send_result::retry(ex.what());
    } catch (...) {
      r = send_result::retry("unknown exception");
    }
    self->on_result(std::move(key), e, r);
  }

  void on_result(std::string key, const storage::outbox_entry& e, const send_result& r) {
    --in_flight;
    verdicts.push_back(judge(std::move(key), e, r));
    if (!flush_posted) {
      flush_posted = true;
      asio::post(io, [self = shared_from_this()] { self->flush(); });
    }
    pump();
  }

  verdict judge(std::string key, const storage::outbox_entry& e, const send_result& r) {
    using status = send_result::status;
    verdict v{verdict::action::sent, e.id, std::move(key), {}, r.reason};
    if (r.what == status::sent) return v;
    v.act = verdict::action::fail;
    if (r.what == status::failed) return v;
    if (e.attempts + 1 >= opts.max_attempts) {
      v.error = "gave up after " + std::to_string(e.attempts + 1) + " attempts: " + r.reason;
      return v;
    }
    v.act = verdict::action::reschedule;
    if (r.what == status::retry_after) {
      v.next_at = now() + r.delay;
      if (r.pause == send_result::scope::platform) {
        auto& until = platform_pause[e.message.platform];
        until = std::max(until, v.next_at);
      }
      return v;
    }
    lane& l = lanes.at(v.key);  // there: it is busy with this entry
    if (!l.backoff) l.backoff.emplace(opts.backoff_base, opts.backoff_cap, opts.random);
    v.next_at = now() + l.backoff->next();
    return v;
  }

  // Records every outcome since the last flush in one transaction; only then may a lane send its next
  // message, so that a restart never repeats a recorded send. Deferred durability: no fsync of its
  // own (the next dispatch commit flushes it). Losing it to a power cut only sends those messages
  // again, while an fsync per flush would cost the io thread 6-7 ms each time.
  void flush() {
    flush_posted = false;
    if (verdicts.empty()) return;
    try {
      storage::transaction tx{db, storage::durability::deferred};
      storage::outbox_repository box{db};
      for (const auto& v : verdicts) {
        if (v.act == verdict::action::sent) box.mark_sent(v.id);
        if (v.act == verdict::action::reschedule) box.reschedule(v.id, v.next_at, v.error);
        if (v.act == verdict::action::fail) box.mark_failed(v.id, v.error);
      }
      tx.commit();
    } catch (const std::exception& e) {
      return flush_failed(e.what());
    }
    if (flush_failing) spdlog::info("outbox: send outcomes are recorded again");
    flush_failing = false;
    auto done = std::move(verdicts);
    verdicts.clear();
    for (auto& v : done)
      settle(v);
    pump();
    if (more) post_load();  // room was made: the main read or the read-ahead may take more
  }

  void flush_failed(const char* why) {
    if (stopping) {
      spdlog::error(
          "outbox: {} send outcome(s) not recorded at shutdown ({}); those messages will be sent "
          "again after a restart",
          verdicts.size(), why);
      verdicts.clear();
      return;
    }
    if (!flush_failing) spdlog::error("outbox: recording send outcomes failed, retrying: {}", why);
    flush_failing = true;
    flush_timer.expires_after(std::chrono::seconds{1});
    flush_timer.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
      // Cancelled by stop(): one last try, so that what was sent is not sent again after a restart.
      if (!ec || self->stopping) self->flush();
    });
  }

  void settle(const verdict& v) {
    lane& l = lanes.at(v.key);
    auto& head = l.queue.front();
    l.busy = false;
    if (v.act == verdict::action::reschedule) {
      ++retried;
      ++head.attempts;
      head.next_attempt_at = v.next_at;
      head.last_error = v.error;
      spdlog::debug("outbox: message {} to {} will be retried: {}", v.id, head.message.platform, v.error);
    } else {
      if (v.act == verdict::action::sent) {
        ++sent;
        if (l.backoff) l.backoff->reset();
      } else {
        ++failed;
        // Ids and reason only: the body is what a person wrote and stays out of the log.
        spdlog::warn("outbox: message {} ({} to {}) failed for good after {} attempt(s): {}", v.id,
                     head.message.platform,
                     head.message.channel.empty() ? head.message.user : head.message.channel,
                     head.attempts + 1, v.error);
      }
      l.queue.pop_front();
      --loaded;
      if (l.queue.empty()) take_passed_over(v.key, l);
    }
    schedule(v.key);
  }

  // The lane `key` emptied: the next row the read-ahead passed over for it is its next row in order, so
  // it is taken at once rather than found again by a scan from the oldest unread row (which, once per
  // sent row, was about half of csibot's CPU under a paced backlog: docs/PERFORMANCE.md).
  void take_passed_over(const std::string& key, lane& l) {
    if (skim_base == -1 || stopping) return;  // the next skim() scans afresh
    const auto it = skim_passed.find(key);
    if (it == skim_passed.end()) return;
    try {
      const storage::outbox_repository box{db};
      while (!it->second.empty()) {
        const auto id = it->second.front();
        it->second.pop_front();
        if (id <= last_id) continue;  // the main read has it
        auto row = box.find(id);
        if (!row || row->state != storage::outbox_state::pending) continue;
        skimmed.insert(id);
        l.queue.push_back(std::move(*row));
        ++loaded;
        return;
      }
    } catch (const std::exception& e) {
      spdlog::error("outbox: reading a pending message failed: {}", e.what());
      skim_base = -1;  // the next skim() scans again from the oldest unread row
    }
  }

  void stop() {
    if (stopping) return;
    stopping = true;
    ready.clear();
    poll_timer.cancel();
    flush_timer.cancel();
    for (auto& [key, l] : lanes) {
      l.ready = false;
      if (l.timer) l.timer->cancel();
    }
  }

  void poll() {
    poll_timer.expires_after(opts.poll_interval);
    poll_timer.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
      if (ec || self->stopping) return;
      self->load();
      self->poll();
    });
  }
};

outbox::outbox(asio::io_context& io, storage::database& db, clock now, outbox_options options)
    : impl_(std::make_shared<impl>(io, db, std::move(now), std::move(options))) {}

outbox::~outbox() {
  impl_->stop();
}

void outbox::add_sender(std::string platform, sender s, pacer p) {
  impl_->pacers.insert_or_assign(platform, std::move(p));
  impl_->senders.insert_or_assign(std::move(platform), std::move(s));
}

void outbox::start() {
  impl_->post_load();
  impl_->poll();
}

void outbox::notify() {
  impl_->post_load();
}

void outbox::accept(std::vector<storage::outbox_entry> rows) {
  impl_->accept(std::move(rows));
}

void outbox::stop() {
  impl_->stop();
}

bool outbox::idle() const {
  return impl_->stopping && impl_->in_flight == 0 && impl_->verdicts.empty();
}

outbox_stats outbox::stats() const {
  outbox_stats s;
  s.pending = storage::outbox_repository{impl_->db}.pending_count();
  s.sent = impl_->sent;
  s.failed = impl_->failed;
  s.retried = impl_->retried;
  s.in_flight = impl_->in_flight;
  return s;
}

}  // namespace csibot::runtime
