// runtime::outbox on a real SQLite file and a real io_context, with a recording fake platform: sent
// once, retried with back-off, Retry-After honoured, permanent failures not retried, pending rows sent
// after a restart, order kept within a channel while other channels proceed, bounded concurrency.
#include "bot/runtime/outbox.hpp"

#include <gtest/gtest.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <deque>
#include <map>
#include <set>

#include "storage/database.hpp"
#include "storage/sqlite.hpp"
#include "storage/temp_dir.hpp"
#include "support/io_wait.hpp"

namespace csibot::runtime {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;

/// A platform that records every attempt, answers from a script per message text (sent by default),
/// can hold a send until the test releases it, and checks that nothing earlier in the same channel is
/// still pending when a message goes out (mark_sent commits before the next send).
class fake_platform {
 public:
  struct attempt {
    std::int64_t id;
    std::string text;
    steady::time_point at;
    std::size_t parts_sent;  // as the row told the sender
  };

  explicit fake_platform(storage::database& db) : db_(db) {}

  outbox::sender sender() {
    return [this](const storage::outbox_entry& e) { return send(e); };
  }

  void script(const std::string& text, std::vector<send_result> results) {
    for (auto& r : results)
      scripts_[text].push_back(std::move(r));
  }
  void hold(const std::string& text) { held_.insert(text); }
  void release(const std::string& text) {
    held_.erase(text);
    if (const auto it = gates_.find(text); it != gates_.end()) it->second->cancel();
  }

  std::vector<std::string> texts() const {
    std::vector<std::string> out;
    for (const auto& a : attempts)
      out.push_back(a.text);
    return out;
  }
  std::size_t count(const std::string& text) const {
    return static_cast<std::size_t>(
        std::count_if(attempts.begin(), attempts.end(), [&](const attempt& a) { return a.text == text; }));
  }
  std::vector<steady::time_point> times(const std::string& text) const {
    std::vector<steady::time_point> out;
    for (const auto& a : attempts)
      if (a.text == text) out.push_back(a.at);
    return out;
  }
  bool holding(const std::string& text) const { return gates_.contains(text) && held_.contains(text); }

  std::vector<attempt> attempts;
  std::size_t in_flight = 0;
  std::size_t max_in_flight = 0;
  std::vector<std::string> order_violations;

 private:
  asio::awaitable<send_result> send(storage::outbox_entry e) {
    const std::string text = e.message.body.text;
    attempts.push_back({e.id, text, steady::now(), e.parts_sent});
    check_order(e);
    max_in_flight = std::max(max_in_flight, ++in_flight);
    if (held_.contains(text)) {
      auto gate =
          std::make_shared<asio::steady_timer>(co_await asio::this_coro::executor, steady::time_point::max());
      gates_[text] = gate;
      co_await gate->async_wait(asio::as_tuple(asio::use_awaitable));
      gates_.erase(text);
    }
    --in_flight;
    auto& script = scripts_[text];
    if (script.empty()) co_return send_result::sent("ts-" + std::to_string(e.id));
    if (script.front().what == send_result::status::sent && script.front().reason == "throw") {
      script.pop_front();
      throw std::runtime_error("connection reset");
    }
    auto r = std::move(script.front());
    script.pop_front();
    co_return r;
  }

  void check_order(const storage::outbox_entry& e) {
    for (const auto& earlier : storage::outbox_repository{db_}.pending_after(0, 1000)) {
      if (earlier.id < e.id && earlier.message.channel == e.message.channel)
        order_violations.push_back(e.message.body.text + " before " + earlier.message.body.text);
    }
  }

  storage::database& db_;
  std::map<std::string, std::deque<send_result>> scripts_;
  std::set<std::string> held_;
  std::map<std::string, std::shared_ptr<asio::steady_timer>> gates_;
};

send_result throws() {
  send_result r;
  r.reason = "throw";
  return r;
}

class outbox_test : public ::testing::Test {
 protected:
  storage::test::temp_dir dir;
  std::unique_ptr<storage::database> db = std::make_unique<storage::database>(dir / "csibot.db");
  asio::io_context io;
  std::chrono::milliseconds offset{0};  // the injected clock is real time moved by this much
  fake_platform slack{*db};

  core::timestamp now() const {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()) + offset;
  }

  static outbox_options fast() {
    outbox_options o;
    o.backoff_base = 20ms;
    o.backoff_cap = 1s;
    o.random = [] { return 0.999; };  // the full delay: floor(0.999 * (ceiling + 1)) == ceiling
    o.poll_interval = 1h;             // rows arrive through notify() unless a test says otherwise
    return o;
  }

  std::unique_ptr<outbox> make(outbox_options o = fast()) {
    auto box = std::make_unique<outbox>(
        io, *db, [this] { return now(); }, std::move(o));
    box->add_sender("slack", slack.sender());
    return box;
  }

  /// An outbox whose pacer holds channel C-slow back until `slow_until` (as Slack's one-a-second DM
  /// pace would) and lets every other channel go at once.
  std::unique_ptr<outbox> make_paced(outbox_options o, steady::time_point slow_until) {
    auto box = std::make_unique<outbox>(
        io, *db, [this] { return now(); }, std::move(o));
    box->add_sender("slack", slack.sender(), [slow_until](const storage::outbox_entry& e) {
      if (e.message.channel != "C-slow") return std::chrono::milliseconds::zero();
      return std::max(std::chrono::ceil<std::chrono::milliseconds>(slow_until - steady::now()),
                      std::chrono::milliseconds::zero());
    });
    return box;
  }

  std::int64_t enqueue(const std::string& channel, const std::string& text, std::string platform = "slack") {
    core::outbound o{core::delivery::channel, std::move(platform), channel, "U1", {}, {}};
    o.body.text = text;
    return storage::outbox_repository{*db}.enqueue(o, "", now());
  }

  storage::outbox_entry row(std::int64_t id) { return *storage::outbox_repository{*db}.find(id); }
  /// A sent row leaves the table (storage::outbox_repository::mark_sent); pending and failed rows stay.
  bool is(std::int64_t id, storage::outbox_state s) {
    const auto r = storage::outbox_repository{*db}.find(id);
    return s == storage::outbox_state::sent ? !r : r && r->state == s;
  }

  template <class Predicate>
  bool wait(Predicate&& p) {
    return test::run_until(io, std::forward<Predicate>(p));
  }
  /// A started outbox that has read every row so far, so that the next row follows its last read.
  std::unique_ptr<outbox> caught_up() {
    auto box = make();
    box->start();
    settle(*box);
    return box;
  }
  /// Row `id` as its writer hands it over (outbox::accept), with `text` for a body: which of the two
  /// bodies goes out shows whether the row was taken as handed or read from the table.
  storage::outbox_entry handed(std::int64_t id, std::string text) {
    auto r = row(id);
    r.message.body.text = std::move(text);
    return r;
  }
  /// An outbox with room for two rows in memory and `slow` rows "slow1", "slow2", … waiting in C-slow,
  /// whose pace holds them back until `slow_until`. Not started.
  std::unique_ptr<outbox> paced_backlog(int slow, steady::time_point slow_until) {
    auto o = fast();
    o.max_loaded = 2;
    auto box = make_paced(o, slow_until);
    for (int i = 1; i <= slow; ++i)
      enqueue("C-slow", "slow" + std::to_string(i));
    return box;
  }
  /// The texts sent so far that begin with `prefix`, in sending order.
  std::vector<std::string> sent_starting(std::string_view prefix) {
    std::vector<std::string> out;
    for (const auto& t : slack.texts())
      if (t.starts_with(prefix)) out.push_back(t);
    return out;
  }
  /// Sends a last message through `box` and waits for it: everything the outbox would still do for
  /// earlier rows without a new cause has had its chance by then.
  void settle(outbox& box) {
    const auto id = enqueue("sentinel", "sentinel-" + std::to_string(++sentinels_));
    box.notify();
    ASSERT_TRUE(wait([&] { return is(id, storage::outbox_state::sent); }));
  }

 private:
  int sentinels_ = 0;
};

TEST_F(outbox_test, enqueued_message_is_sent_once_and_leaves_the_table) {
  const auto id = enqueue("C1", "hello");
  auto box = make();
  box->start();
  ASSERT_TRUE(wait([&] { return is(id, storage::outbox_state::sent); }));
  settle(*box);
  EXPECT_EQ(slack.count("hello"), 1u);
  EXPECT_EQ(storage::outbox_repository{*db}.pending_count(), 0);
  auto rows = db->conn().prepare("SELECT count(*) FROM outbox");
  ASSERT_TRUE(rows.step());
  EXPECT_EQ(rows.column_int64(0), 0) << "the text of a sent message is not kept";
  EXPECT_EQ(box->stats().sent, 2u);
  EXPECT_EQ(box->stats().pending, 0);
}

TEST_F(outbox_test, rows_committed_after_start_are_sent_on_notify) {
  auto box = make();
  box->start();
  const auto id = enqueue("C1", "later");
  box->notify();
  EXPECT_TRUE(wait([&] { return is(id, storage::outbox_state::sent); }));  // the poll is an hour away
}

// A writer that just committed rows hands them over (outbox::accept): they are sent as handed, with
// no read of the table.
TEST_F(outbox_test, rows_handed_over_right_after_the_last_read_are_sent_as_handed) {
  auto box = caught_up();
  const auto id = enqueue("C1", "stored");
  box->accept({handed(id, "handed")});
  ASSERT_TRUE(wait([&] { return is(id, storage::outbox_state::sent); }));
  settle(*box);
  EXPECT_EQ(slack.count("handed"), 1u);
  EXPECT_EQ(slack.count("stored"), 0u);
}

TEST_F(outbox_test, rows_handed_over_after_unread_rows_are_read_from_the_table_in_order) {
  auto box = caught_up();
  const auto earlier = enqueue("C1", "from the cli");  // another process's row, not read yet
  const auto id = enqueue("C1", "stored");
  box->accept({handed(id, "handed")});
  ASSERT_TRUE(wait([&] { return is(id, storage::outbox_state::sent); }));
  settle(*box);
  EXPECT_TRUE(is(earlier, storage::outbox_state::sent));
  EXPECT_EQ(slack.count("handed"), 0u);
  const auto texts = slack.texts();
  const auto first = std::find(texts.begin(), texts.end(), "from the cli");
  ASSERT_NE(first, texts.end());
  EXPECT_EQ(std::next(first), std::find(texts.begin(), texts.end(), "stored"));
}

// A handed-over row the table does not hold (its savepoint was rolled back) is never sent.
TEST_F(outbox_test, a_handed_over_row_that_was_not_committed_is_not_sent) {
  auto box = caught_up();
  const auto id = enqueue("C1", "committed");
  auto phantom = handed(id, "rolled back");
  phantom.id = id + 1;
  box->accept({row(id), phantom});
  ASSERT_TRUE(wait([&] { return is(id, storage::outbox_state::sent); }));
  settle(*box);
  EXPECT_EQ(slack.count("committed"), 1u);
  EXPECT_EQ(slack.count("rolled back"), 0u);
}

TEST_F(outbox_test, rows_written_without_notify_are_found_by_the_poll) {
  auto o = fast();
  o.poll_interval = 20ms;
  auto box = make(o);
  box->start();
  const auto id = enqueue("C1", "from the cli");
  EXPECT_TRUE(wait([&] { return is(id, storage::outbox_state::sent); }));
}

TEST_F(outbox_test, transient_failures_are_retried_with_growing_back_off_then_sent) {
  slack.script("flaky", {send_result::retry("timeout"), send_result::failed("503", false)});
  const auto id = enqueue("C1", "flaky");
  auto box = make();
  box->start();
  ASSERT_TRUE(wait([&] { return is(id, storage::outbox_state::sent); }));
  const auto t = slack.times("flaky");
  ASSERT_EQ(t.size(), 3u);
  // Rows hold milliseconds, so a wait may come out up to 1 ms short of the nominal delay.
  EXPECT_GE(t[1] - t[0], 20ms - 1ms);   // base
  EXPECT_GE(t[2] - t[1], 40ms - 1ms);   // doubled
  EXPECT_EQ(box->stats().retried, 2u);  // the row itself left the table when it was sent
}

TEST_F(outbox_test, a_sender_that_throws_is_retried_like_a_transient_failure) {
  slack.script("boom", {throws()});
  const auto id = enqueue("C1", "boom");
  auto box = make();
  box->start();
  ASSERT_TRUE(wait([&] { return is(id, storage::outbox_state::sent); }));
  EXPECT_EQ(slack.count("boom"), 2u);
}

TEST_F(outbox_test, retry_after_is_honoured_and_holds_back_only_its_channel) {
  slack.script("limited", {send_result::retry_after(300ms)});
  const auto a1 = enqueue("C1", "limited");
  const auto a2 = enqueue("C1", "behind");
  const auto b1 = enqueue("C2", "other channel");
  auto box = make();
  box->start();
  ASSERT_TRUE(wait([&] { return is(a2, storage::outbox_state::sent); }));
  const auto t = slack.times("limited");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_GE(t[1] - t[0], 300ms - 1ms);                  // rows hold milliseconds
  EXPECT_LT(slack.times("other channel").at(0), t[1]);  // C2 did not wait for C1's limit
  EXPECT_GT(slack.times("behind").at(0), t[1]);         // but C1's next message did
  EXPECT_TRUE(is(a1, storage::outbox_state::sent));
  EXPECT_TRUE(is(b1, storage::outbox_state::sent));
  EXPECT_TRUE(slack.order_violations.empty()) << slack.order_violations.front();
}

TEST_F(outbox_test, a_platform_wide_retry_after_pauses_every_channel_of_the_platform) {
  slack.script("limited", {send_result::retry_after(300ms, send_result::scope::platform)});
  enqueue("C1", "limited");
  auto box = make();
  box->start();
  ASSERT_TRUE(wait([&] { return slack.count("limited") == 1; }));
  const auto b1 = enqueue("C2", "other channel");
  box->notify();
  ASSERT_TRUE(wait([&] { return is(b1, storage::outbox_state::sent); }));
  EXPECT_GE(slack.times("other channel").at(0) - slack.times("limited").at(0), 300ms - 1ms);
}

TEST_F(outbox_test, permanent_failure_is_failed_once_and_never_retried) {
  slack.script("gone", {send_result::failed("channel_not_found")});
  const auto id = enqueue("C1", "gone");
  const auto next = enqueue("C1", "next in the channel");
  auto box = make();
  box->start();
  ASSERT_TRUE(wait([&] { return is(next, storage::outbox_state::sent); }));
  settle(*box);
  EXPECT_EQ(slack.count("gone"), 1u);
  EXPECT_TRUE(is(id, storage::outbox_state::failed));
  EXPECT_EQ(row(id).last_error, "channel_not_found");
  EXPECT_EQ(box->stats().failed, 1u);
}

// A scheduled digest that fails for good: what on_failed returns is written with the failure and sent.
TEST_F(outbox_test, a_row_that_fails_for_good_sends_what_on_failed_asks_for_once) {
  slack.script("digest", {send_result::failed("not_in_channel")});
  core::outbound digest{core::delivery::channel, "slack", "C-digests", "", {}, {}};
  digest.body.text = "digest";
  const auto id = storage::outbox_repository{*db}.enqueue(digest, "", now(), "subscription:4");
  std::vector<std::pair<std::string, std::string>> told;  // source, error
  auto o = fast();
  o.on_failed = [&](const storage::outbox_entry& e, std::string_view error) {
    told.emplace_back(e.source, error);
    core::outbound note{core::delivery::direct, "slack", {}, "U-subscriber", {}, {}};
    note.body.text = "your digest was not posted: " + std::string{error};
    return std::vector<core::outbound>{note};
  };
  auto box = make(std::move(o));
  box->start();
  ASSERT_TRUE(wait([&] { return slack.count("your digest was not posted: not_in_channel") == 1; }));
  settle(*box);
  EXPECT_TRUE(is(id, storage::outbox_state::failed));
  ASSERT_EQ(told.size(), 1u) << "asked once, for the failed row only (the note and the sentinel went out)";
  EXPECT_EQ(told[0].first, "subscription:4");
  EXPECT_EQ(told[0].second, "not_in_channel");
  EXPECT_EQ(slack.count("your digest was not posted: not_in_channel"), 1u);
  EXPECT_EQ(storage::outbox_repository{*db}.pending_count(), 0);
}

TEST_F(outbox_test, an_on_failed_that_throws_still_records_the_failure_and_sends_on) {
  slack.script("gone", {send_result::failed("is_archived")});
  const auto id = enqueue("C1", "gone");
  auto o = fast();
  o.on_failed = [](const storage::outbox_entry&, std::string_view) -> std::vector<core::outbound> {
    throw std::runtime_error("no subscription table");
  };
  auto box = make(std::move(o));
  box->start();
  ASSERT_TRUE(wait([&] { return is(id, storage::outbox_state::failed); }));
  settle(*box);  // the sender goes on
  EXPECT_EQ(slack.count("gone"), 1u);
  EXPECT_EQ(row(id).last_error, "is_archived");
}

TEST_F(outbox_test, gives_up_after_max_attempts) {
  auto o = fast();
  o.max_attempts = 3;
  slack.script("never", {send_result::retry("503"), send_result::retry("503"), send_result::retry("503"),
                         send_result::retry("503")});
  const auto id = enqueue("C1", "never");
  auto box = make(o);
  box->start();
  ASSERT_TRUE(wait([&] { return is(id, storage::outbox_state::failed); }));
  settle(*box);
  EXPECT_EQ(slack.count("never"), 3u);
  EXPECT_EQ(row(id).attempts, 3);
  EXPECT_EQ(row(id).last_error, "gave up after 3 attempts: 503");
}

TEST_F(outbox_test, rate_limits_use_up_no_attempts_and_the_message_still_goes_out_once) {
  auto o = fast();
  o.max_attempts = 3;
  slack.script("busy", std::vector<send_result>(5, send_result::retry_after(0ms)));
  const auto id = enqueue("C1", "busy");
  auto box = make(o);
  box->start();
  ASSERT_TRUE(wait([&] { return is(id, storage::outbox_state::sent); }));
  EXPECT_EQ(slack.count("busy"), 6u) << "five 429s, then the send that went through";
  EXPECT_EQ(box->stats().failed, 0u);
}

TEST_F(outbox_test, a_row_still_rate_limited_after_the_patience_fails_for_good) {
  auto o = fast();
  o.rate_limit_patience = 1h;
  slack.script("throttled", std::vector<send_result>(3, send_result::retry_after(0ms)));
  const auto id = enqueue("C1", "throttled");
  const auto next = enqueue("C1", "next in the channel");
  slack.hold("throttled");
  auto box = make(o);
  box->start();
  ASSERT_TRUE(wait([&] { return slack.holding("throttled"); }));
  slack.release("throttled");  // the first 429: the patience starts now
  slack.hold("throttled");
  ASSERT_TRUE(wait([&] { return slack.count("throttled") == 2 && slack.holding("throttled"); }));
  EXPECT_EQ(row(id).attempts, 0);
  ASSERT_TRUE(row(id).rate_limited_since);
  offset = 61min;  // the second 429 comes more than an hour after the first
  slack.release("throttled");
  ASSERT_TRUE(wait([&] { return is(next, storage::outbox_state::sent); }));
  EXPECT_TRUE(is(id, storage::outbox_state::failed));
  EXPECT_EQ(slack.count("throttled"), 2u);
  EXPECT_NE(row(id).last_error.find("still rate limited 61 min after the first 429"), std::string::npos)
      << row(id).last_error;
}

TEST_F(outbox_test, order_within_a_channel_is_kept_while_another_channel_proceeds) {
  slack.hold("a1");
  enqueue("C1", "a1");
  enqueue("C1", "a2");
  enqueue("C1", "a3");
  const auto b1 = enqueue("C2", "b1");
  const auto b2 = enqueue("C2", "b2");
  auto box = make();
  box->start();
  ASSERT_TRUE(wait([&] { return is(b2, storage::outbox_state::sent) && slack.holding("a1"); }));
  EXPECT_TRUE(is(b1, storage::outbox_state::sent));
  EXPECT_EQ(slack.count("a2"), 0u);  // a1 is still in flight
  slack.release("a1");
  ASSERT_TRUE(wait([&] { return slack.count("a3") == 1; }));
  const auto texts = slack.texts();
  const auto pos = [&](const char* t) { return std::find(texts.begin(), texts.end(), t) - texts.begin(); };
  EXPECT_LT(pos("a1"), pos("a2"));
  EXPECT_LT(pos("a2"), pos("a3"));
  EXPECT_TRUE(slack.order_violations.empty()) << slack.order_violations.front();
}

TEST_F(outbox_test, concurrency_is_bounded_across_channels) {
  auto o = fast();
  o.max_in_flight = 2;
  for (int i = 0; i < 5; ++i) {
    slack.hold("m" + std::to_string(i));
    enqueue("C" + std::to_string(i), "m" + std::to_string(i));
  }
  auto box = make(o);
  box->start();
  for (int released = 0; released < 5; ++released) {
    std::string next;
    ASSERT_TRUE(wait([&] {
      for (const auto& a : slack.attempts)
        if (slack.holding(a.text)) next = a.text;
      return !next.empty();
    }));
    slack.release(next);
  }
  EXPECT_TRUE(wait([&] { return box->stats().sent == 5; }));
  EXPECT_EQ(slack.max_in_flight, 2u);  // five channels, all ready at once, never more than two sends
}

TEST_F(outbox_test, a_message_waiting_for_its_channel_pace_holds_no_send_slot) {
  // One slot. The pacer keeps C-slow waiting 300 ms; its message is first in the table, yet C-fast's
  // reply must not queue behind it, and C-slow's goes once its pace allows, attempted once.
  auto o = fast();
  o.max_in_flight = 1;
  const auto slow_until = steady::now() + 300ms;
  auto box = make_paced(o, slow_until);
  enqueue("C-slow", "paced");
  enqueue("C-fast", "quick");
  box->start();
  ASSERT_TRUE(wait([&] { return box->stats().sent == 2; }));
  EXPECT_EQ(slack.texts(), (std::vector<std::string>{"quick", "paced"}));
  EXPECT_GE(slack.times("paced").front(), slow_until);
  EXPECT_EQ(slack.count("paced"), 1u);
}

TEST_F(outbox_test, a_paced_backlog_larger_than_memory_does_not_hold_up_other_channels) {
  // Room for two rows in memory, and C-slow's pace holds its five back for 400 ms: the replies to
  // C-x and C-y, written after them, still go at once, and every channel keeps its own order.
  const auto slow_until = steady::now() + 400ms;
  auto box = paced_backlog(5, slow_until);
  enqueue("C-x", "x1");
  enqueue("C-x", "x2");
  enqueue("C-y", "y1");
  box->start();
  ASSERT_TRUE(wait([&] { return box->stats().sent == 8; }));
  for (const char* quick : {"x1", "x2", "y1"}) {
    ASSERT_EQ(slack.count(quick), 1u) << quick;
    EXPECT_LT(slack.times(quick).front(), slow_until) << quick << " waited for C-slow's backlog";
  }
  EXPECT_EQ(sent_starting("slow"), (std::vector<std::string>{"slow1", "slow2", "slow3", "slow4", "slow5"}));
  EXPECT_TRUE(slack.order_violations.empty()) << slack.order_violations.front();
}

// With memory full of a paced backlog, rows handed over for other channels go as handed (no read of
// the table), and a handed row for the paced channel waits its turn behind the backlog.
TEST_F(outbox_test, rows_handed_over_while_memory_is_full_are_taken_as_handed) {
  const auto slow_until = steady::now() + 400ms;
  auto box = paced_backlog(4, slow_until);
  box->start();
  settle(*box);  // the read-ahead has looked to the end of the table
  const auto x = enqueue("C-x", "x stored");
  const auto slow = enqueue("C-slow", "slow5 stored");
  box->accept({handed(x, "x handed"), handed(slow, "slow5 handed")});
  ASSERT_TRUE(wait([&] { return is(x, storage::outbox_state::sent); }));
  EXPECT_EQ(slack.count("x handed"), 1u);
  EXPECT_EQ(slack.count("x stored"), 0u);
  EXPECT_LT(slack.times("x handed").front(), slow_until) << "C-x waited for C-slow's backlog";
  ASSERT_TRUE(wait([&] { return is(slow, storage::outbox_state::sent); }));
  // Passed over behind its lane's backlog, the paced row is read from the table when its turn comes.
  EXPECT_EQ(sent_starting("slow"),
            (std::vector<std::string>{"slow1", "slow2", "slow3", "slow4", "slow5 stored"}));
  EXPECT_TRUE(slack.order_violations.empty()) << slack.order_violations.front();
}

TEST_F(outbox_test, lanes_read_ahead_take_what_was_passed_over_in_order_while_more_arrives) {
  // Two rows in memory, C-slow paced for 300 ms: C-a and C-b are read ahead past it, and each takes
  // its next row, which the read-ahead passed over, as soon as it empties; rows written meanwhile
  // (the main read moves on) join their lanes in order. Every row goes exactly once.
  auto o = fast();
  o.max_loaded = 2;
  const auto slow_until = steady::now() + 300ms;
  auto box = make_paced(o, slow_until);
  std::vector<std::string> texts;
  const auto add = [&](const std::string& channel, const std::string& text) {
    enqueue(channel, text);
    texts.push_back(text);
  };
  for (int i = 1; i <= 4; ++i)
    add("C-slow", "slow" + std::to_string(i));
  for (int i = 1; i <= 5; ++i) {
    add("C-a", "a" + std::to_string(i));
    add("C-b", "b" + std::to_string(i));
  }
  box->start();
  ASSERT_TRUE(wait([&] { return slack.count("a3") == 1; }));
  for (int i = 6; i <= 8; ++i) {
    add("C-b", "b" + std::to_string(i));
    add("C-slow", "slow" + std::to_string(i - 1));
    add("C-a", "a" + std::to_string(i));
  }
  box->notify();
  ASSERT_TRUE(wait([&] { return box->stats().sent == texts.size(); }));
  for (const auto& t : texts)
    EXPECT_EQ(slack.count(t), 1u) << t;
  EXPECT_LT(slack.times("a5").front(), slow_until) << "C-a waited for C-slow's backlog";
  EXPECT_LT(slack.times("b5").front(), slow_until) << "C-b waited for C-slow's backlog";
  EXPECT_TRUE(slack.order_violations.empty()) << slack.order_violations.front();
}

TEST_F(outbox_test, a_backlog_larger_than_memory_allows_is_sent_in_full_and_in_order) {
  auto o = fast();
  o.max_loaded = 3;
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 20; ++i)
    ids.push_back(enqueue("C" + std::to_string(i % 4), "m" + std::to_string(i)));
  auto box = make(o);
  box->start();
  ASSERT_TRUE(wait([&] { return box->stats().sent == 20; }));
  for (const auto id : ids)
    EXPECT_TRUE(is(id, storage::outbox_state::sent)) << id;
  EXPECT_EQ(slack.attempts.size(), 20u);
  EXPECT_TRUE(slack.order_violations.empty()) << slack.order_violations.front();
}

TEST_F(outbox_test, restart_sends_each_pending_row_exactly_once) {
  slack.script("b", {send_result::retry_after(1h)});
  const auto a = enqueue("C1", "a");
  const auto b = enqueue("C1", "b");
  const auto c = enqueue("C1", "c");
  {
    auto first = make();
    first->start();
    ASSERT_TRUE(wait([&] { return row(b).rate_limited_since.has_value(); }));  // a 429 is no attempt
    first->stop();
    ASSERT_TRUE(wait([&] { return first->idle(); }));
  }
  EXPECT_TRUE(is(a, storage::outbox_state::sent));
  EXPECT_TRUE(is(c, storage::outbox_state::pending));
  const auto d = enqueue("C2", "d");  // written while no sender ran

  offset += 1h;  // the process comes back after b's Retry-After
  auto second = make();
  second->start();
  ASSERT_TRUE(wait([&] { return is(c, storage::outbox_state::sent) && is(d, storage::outbox_state::sent); }));
  settle(*second);
  EXPECT_EQ(slack.count("a"), 1u);
  EXPECT_EQ(slack.count("b"), 2u);  // once per run: the first answer was Retry-After
  EXPECT_EQ(slack.count("c"), 1u);
  EXPECT_EQ(slack.count("d"), 1u);
  EXPECT_TRUE(slack.order_violations.empty()) << slack.order_violations.front();
}

TEST_F(outbox_test, a_split_message_resumes_after_the_parts_it_sent_also_after_a_restart) {
  slack.script("long", {send_result::retry("http_500").with_parts(1), throws(),
                        send_result::retry_after(1h).with_parts(2)});
  const auto id = enqueue("C1", "long");
  {
    auto first = make();
    first->start();
    ASSERT_TRUE(wait([&] { return row(id).rate_limited_since.has_value(); }));
    first->stop();
    ASSERT_TRUE(wait([&] { return first->idle(); }));
  }
  EXPECT_EQ(row(id).parts_sent, 2u);
  offset += 1h;
  auto second = make();
  second->start();
  ASSERT_TRUE(wait([&] { return is(id, storage::outbox_state::sent); }));
  std::vector<std::size_t> told;
  for (const auto& a : slack.attempts)
    told.push_back(a.parts_sent);
  // The attempt that threw reported no parts: the one sent before it still counts.
  EXPECT_EQ(told, (std::vector<std::size_t>{0, 1, 1, 2}));
}

TEST_F(outbox_test, a_row_due_later_after_a_restart_waits_for_its_time) {
  const auto id = enqueue("C1", "later");
  storage::outbox_repository{*db}.reschedule(id, now() + 250ms, "503");
  const auto start = steady::now();
  auto box = make();
  box->start();
  ASSERT_TRUE(wait([&] { return is(id, storage::outbox_state::sent); }));
  EXPECT_GE(slack.times("later").at(0) - start, 200ms);  // the clocks are read at slightly different times
}

TEST_F(outbox_test, stop_lets_the_send_in_flight_finish_and_records_it_but_starts_no_new_one) {
  slack.hold("in flight");
  const auto a = enqueue("C1", "in flight");
  const auto b = enqueue("C1", "not started");
  auto box = make();
  box->start();
  ASSERT_TRUE(wait([&] { return slack.holding("in flight"); }));
  box->stop();
  EXPECT_FALSE(box->idle());
  slack.release("in flight");
  ASSERT_TRUE(wait([&] { return box->idle(); }));
  EXPECT_TRUE(is(a, storage::outbox_state::sent));
  EXPECT_TRUE(is(b, storage::outbox_state::pending));
  EXPECT_EQ(slack.count("not started"), 0u);
}

TEST_F(outbox_test, rows_of_a_platform_without_a_sender_stay_pending_and_hold_up_nothing) {
  const auto other = enqueue("C1", "for mattermost", "mattermost");
  const auto mine = enqueue("C1", "for slack");
  auto box = make();
  box->start();
  ASSERT_TRUE(wait([&] { return is(mine, storage::outbox_state::sent); }));
  EXPECT_TRUE(is(other, storage::outbox_state::pending));
  EXPECT_EQ(box->stats().pending, 1);
}

TEST(outbox_order_key, ephemeral_replies_are_ordered_per_person_everything_else_per_channel) {
  const auto key = [](core::delivery kind, std::string channel, std::string user) {
    storage::outbox_entry e;
    e.message = {kind, "slack", std::move(channel), std::move(user), {}, {}};
    return outbox::default_order_key(e);
  };
  using core::delivery;
  EXPECT_NE(key(delivery::ephemeral, "C1", "U1"), key(delivery::ephemeral, "C1", "U2"));
  EXPECT_EQ(key(delivery::channel, "C1", "U1"), key(delivery::channel, "C1", "U2"));
  EXPECT_EQ(key(delivery::update, "D1", "U1"), key(delivery::direct, "D1", "U1"));  // a click and its answer
  EXPECT_EQ(key(delivery::direct, "", "U1"), key(delivery::direct, "", "U1"));
  EXPECT_NE(key(delivery::direct, "", "U1"), key(delivery::direct, "", "U2"));
  EXPECT_NE(key(delivery::direct, "", "U1"), key(delivery::channel, "U1", "U1"));
}

}  // namespace
}  // namespace csibot::runtime
