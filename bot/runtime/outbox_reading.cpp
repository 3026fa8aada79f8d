// Reading the outbox table into lanes: the main read up to the memory budget, rows a writer hands
// over directly, and the read-ahead past a full budget. Everything runs on the io thread.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/post.hpp>

#include "bot/runtime/outbox_impl.hpp"
#include "storage/database.hpp"

namespace csibot::runtime {
namespace asio = boost::asio;

void outbox::impl::post_load() {
  if (load_posted || stopping) return;
  load_posted = true;
  asio::post(io, [self = shared_from_this()] { self->load(); });
}

// Also re-reads the table now and then, for rows written by another process (the CLI).
void outbox::impl::poll() {
  poll_timer.expires_after(opts.poll_interval);
  poll_timer.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
    if (ec || self->stopping) return;
    self->load();
    self->poll();
  });
}

// Reads rows newer than the last one seen into their lanes, up to max_loaded in memory.
void outbox::impl::load() {
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
void outbox::impl::accept(std::vector<storage::outbox_entry> rows) {
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
bool outbox::impl::newest_after(const std::vector<storage::outbox_entry>& rows, std::int64_t after) const {
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

bool outbox::impl::takes_directly(const std::vector<storage::outbox_entry>& rows) const {
  // A read-ahead past last_id would have left an id between it and rows.front(): no check needed.
  if (more || loaded + rows.size() > opts.max_loaded) return false;
  return newest_after(rows, last_id);
}

// With the budget full, rows the read-ahead would read next: it looked since the main read last
// moved (its bookkeeping is current) and its cursor is at the end of the table.
bool outbox::impl::skims_directly(const std::vector<storage::outbox_entry>& rows) const {
  if (!more || skim_base == -1 || skim_base != last_id) return false;
  return newest_after(rows, skim_cursor);
}

// The budget is spent, typically on messages that wait for their channel's pace (one person's DM
// backlog) or a Retry-After: replies to everybody else must not queue behind them. So look further
// into the table and take a row whose lane has nothing in memory and no earlier row still unread:
// order within each lane holds. Bounded: max_loaded / 8 extra rows in memory and 4 pages read per
// look; the scan resumes where it stopped, so each row is read by it once.
void outbox::impl::skim(const storage::outbox_repository& box, std::size_t page) {
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
bool outbox::impl::skim_one(storage::outbox_entry& row) {
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

void outbox::impl::add(storage::outbox_entry row) {
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

// The lane `key` emptied: the next row the read-ahead passed over for it is its next row in order, so
// it is taken at once rather than found again by a scan from the oldest unread row (which, once per
// sent row, was about half of csibot's CPU under a paced backlog: docs/PERFORMANCE.md).
void outbox::impl::take_passed_over(const std::string& key, lane& l) {
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

}  // namespace csibot::runtime
