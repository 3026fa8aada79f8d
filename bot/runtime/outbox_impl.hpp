#pragma once
// Private to the outbox sender: the state of outbox::impl, which its parts share. outbox.cpp: the
// public face; outbox_lanes.cpp: lanes and their turns; outbox_reading.cpp: reading rows and the
// read-ahead; outbox_outcomes.cpp: sends and the recording of their outcomes. Everything runs on the
// io thread, so nothing here locks.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <vector>

#include "bot/runtime/outbox.hpp"

namespace csibot::runtime {

namespace detail {

// What becomes of a row after an attempt: decided when the outcome arrives, written by the next flush,
// and applied to the lane only after that commit.
struct verdict {
  // postpone: rate-limited (HTTP 429), due again at next_at without counting an attempt.
  enum class action { sent, reschedule, postpone, fail };
  action act = action::sent;
  std::int64_t id = 0;
  std::string key;
  core::timestamp next_at{};
  std::string error;
  core::timestamp limited_since{};  // postpone: the row's first 429
  std::size_t parts_sent = 0;       // reschedule, postpone: parts of a split message already taken
};

// The messages of one order key, oldest first; only the head is ever in flight.
struct lane {
  std::deque<storage::outbox_entry> queue;
  bool busy = false;     // the head is being sent, or its outcome is not committed yet
  bool ready = false;    // listed in impl::ready
  bool waiting = false;  // a timer will make it ready
  std::optional<protocol::backoff> backoff;
  std::unique_ptr<boost::asio::steady_timer> timer;
};

}  // namespace detail

struct outbox::impl : std::enable_shared_from_this<outbox::impl> {
  using lane = detail::lane;
  using verdict = detail::verdict;

  impl(boost::asio::io_context& i, storage::database& d, clock c, outbox_options o);

  boost::asio::io_context& io;
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
  boost::asio::steady_timer poll_timer;
  boost::asio::steady_timer flush_timer;  // retries a flush that failed
  std::int64_t last_id = 0;               // rows up to here are loaded (or belong to no sender)
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

  // Most lanes live for one message (a reply to one person): an emptied lane's map node, with its
  // deque's storage and its key's buffer, is kept for the next new key instead of being freed and
  // allocated again, about five allocations per reply.
  static constexpr std::size_t spare_lanes_kept = 256;
  std::vector<decltype(lanes)::node_type> spare_lanes;

  // outbox.cpp
  void stop();

  // outbox_reading.cpp
  void post_load();
  void poll();
  void load();
  void accept(std::vector<storage::outbox_entry> rows);
  bool newest_after(const std::vector<storage::outbox_entry>& rows, std::int64_t after) const;
  bool takes_directly(const std::vector<storage::outbox_entry>& rows) const;
  bool skims_directly(const std::vector<storage::outbox_entry>& rows) const;
  std::size_t skim_cap() const { return opts.max_loaded + opts.max_loaded / 8 + 1; }
  void skim(const storage::outbox_repository& box, std::size_t page);
  bool skim_one(storage::outbox_entry& row);
  void add(storage::outbox_entry row);
  void take_passed_over(const std::string& key, lane& l);

  // outbox_lanes.cpp
  lane& lane_for(const std::string& key);
  void retire(decltype(lanes)::iterator it);
  core::timestamp due_at(const lane& l) const;
  void schedule(const std::string& key);
  void arm(const std::string& key, lane& l, std::chrono::milliseconds wait);
  void pump();
  std::chrono::milliseconds pace_wait(const storage::outbox_entry& e) const;

  // outbox_outcomes.cpp
  static boost::asio::awaitable<void> send_one(std::shared_ptr<impl> self, const sender& s, std::string key,
                                               const storage::outbox_entry& e);
  void on_result(std::string key, const storage::outbox_entry& e, const send_result& r);
  verdict judge(std::string key, const storage::outbox_entry& e, const send_result& r);
  verdict rate_limited(verdict v, const storage::outbox_entry& e, const send_result& r);
  void flush();
  void flush_failed(const char* why);
  std::size_t write_follow_ups(storage::outbox_repository& box, const storage::outbox_entry& e,
                               std::string_view error);
  void settle(const verdict& v);
};

}  // namespace csibot::runtime
