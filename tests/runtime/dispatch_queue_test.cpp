// runtime::dispatch_queue on a real SQLite file and a real io_context: the submits of one turn become
// one transaction (counted with SQLite's commit hook), every waiter gets its own replies after that
// commit, the replies are in the outbox, and failures stay with their event.
#include "bot/runtime/dispatch_queue.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <map>

#include "bot/runtime/outbox.hpp"
#include "commands/dispatch_fixture.hpp"
#include "storage/outbox_repository.hpp"
#include "storage/sqlite.hpp"
#include "support/io_wait.hpp"

namespace csibot::runtime {
namespace {

namespace asio = boost::asio;
using commands::outcome;

constexpr std::string_view internal_error = "Something went wrong on my side";

class dispatch_queue_test : public commands::test::dispatch_test {
 protected:
  asio::io_context io;
  int commits = 0;
  int notified = 0;
  std::vector<storage::outbox_entry> handed_over;  // every row the queue said it committed
  std::unique_ptr<dispatch_queue> queue;
  std::vector<std::optional<dispatch_result>> results;

  void SetUp() override {
    dispatch_test::SetUp();
    // Every COMMIT on the dispatcher's connection, whatever issued it.
    sqlite3_commit_hook(
        db->conn().handle(),
        [](void* count) {
          ++*static_cast<int*>(count);
          return 0;
        },
        &commits);
    make_queue({});
  }

  void make_queue(dispatch_queue_options o) {
    queue = std::make_unique<dispatch_queue>(
        io, *bot, *db, [this] { return now; },
        [this](std::vector<storage::outbox_entry> rows) {
          ++notified;
          handed_over.insert(handed_over.end(), rows.begin(), rows.end());
        },
        o);
  }

  /// Submits `in` with a completion that stores the result at its submit position.
  void submit(core::inbound in, std::string reply_to = {}) {
    const std::size_t slot = results.size();
    results.emplace_back();
    queue->submit(
        std::move(in), [this, slot](dispatch_result r) { results[slot] = std::move(r); },
        std::move(reply_to));
  }

  bool all_done() {
    return test::run_until(io, [&] {
      return std::all_of(results.begin(), results.end(), [](const auto& r) { return r.has_value(); });
    });
  }

  std::vector<storage::outbox_entry> outbox_rows() {
    return storage::outbox_repository{*db}.pending_after(0, 10'000);
  }
  /// What the queue handed to the outbox is exactly what the table holds: the same rows, in id order,
  /// each as it reads back (the outbox sends these without reading them again).
  void expect_handed_over_as_committed() {
    const auto rows = outbox_rows();
    ASSERT_EQ(handed_over.size(), rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const auto& h = handed_over[i];
      const auto& r = rows[i];
      EXPECT_EQ(h.id, r.id);
      EXPECT_EQ(h.message.kind, r.message.kind);
      EXPECT_EQ(h.message.platform, r.message.platform);
      EXPECT_EQ(h.message.channel, r.message.channel);
      EXPECT_EQ(h.message.user, r.message.user);
      EXPECT_EQ(h.message.replaces, r.message.replaces);
      EXPECT_EQ(h.message.body, r.message.body);
      EXPECT_EQ(h.reply_to, r.reply_to);
      EXPECT_EQ(h.created_at, r.created_at);
      EXPECT_EQ(h.next_attempt_at, r.next_attempt_at);
      EXPECT_EQ(h.attempts, r.attempts);
      EXPECT_EQ(h.state, r.state);
      EXPECT_EQ(h.last_error, r.last_error);
    }
  }
  std::vector<outcome> outcomes() const {
    std::vector<outcome> out;
    for (const auto& r : results)
      out.push_back(r ? r->outcome : outcome::failed);
    return out;
  }
  void fail_feedback_with_reason(std::string_view reason) {
    // Both: a one-shot feedback is inserted with its reason, a conversation's reason is an update.
    for (const char* op : {"INSERT", "UPDATE"}) {
      db->conn().exec(std::string{"CREATE TEMP TRIGGER fail_event_"} + op + " BEFORE " + op +
                      " ON feedback WHEN NEW.reason = '" + std::string{reason} +
                      "' BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
    }
    commits = 0;  // creating the triggers counted as commits
  }
};

TEST_F(dispatch_queue_test, many_submits_in_one_turn_are_one_transaction_and_each_waiter_gets_its_replies) {
  constexpr int n = 50;
  for (int i = 0; i < n; ++i)
    submit(command("u" + std::to_string(i), "feedback vpn 4 slow"), "https://hooks/" + std::to_string(i));
  EXPECT_EQ(queue->queued(), std::size_t{n});
  EXPECT_TRUE(results[0] == std::nullopt);  // nothing is answered before the commit
  ASSERT_TRUE(all_done());

  EXPECT_EQ(commits, 1);
  EXPECT_EQ(queue->batches_dispatched(), 1u);
  EXPECT_EQ(queue->events_dispatched(), std::uint64_t{n});
  EXPECT_EQ(notified, 1);
  EXPECT_EQ(all_feedback().size(), std::size_t{n});
  std::size_t replies = 0;
  for (int i = 0; i < n; ++i) {
    const auto& r = *results[static_cast<std::size_t>(i)];
    EXPECT_EQ(r.outcome, outcome::handled);
    EXPECT_TRUE(r.queued);
    ASSERT_FALSE(r.replies.empty());
    for (const auto& o : r.replies)
      EXPECT_EQ(o.user, "u" + std::to_string(i));
    replies += r.replies.size();
  }
  // Every reply is in the outbox, with the reply handle of the event that caused it.
  const auto rows = outbox_rows();
  ASSERT_EQ(rows.size(), replies);
  for (const auto& row : rows)
    EXPECT_EQ(row.reply_to, "https://hooks/" + row.message.user.substr(1));
  expect_handed_over_as_committed();
}

TEST_F(dispatch_queue_test, a_full_queue_is_drained_in_batches_of_the_configured_size) {
  make_queue({16});
  for (int i = 0; i < 40; ++i)
    submit(command("u" + std::to_string(i), "help"));
  ASSERT_TRUE(all_done());
  EXPECT_EQ(queue->batches_dispatched(), 3u);  // 16 + 16 + 8
  EXPECT_EQ(commits, 3);
  EXPECT_EQ(queue->queued(), 0u);
}

TEST_F(dispatch_queue_test, submits_in_later_turns_make_their_own_batch) {
  submit(command("alice", "help"));
  ASSERT_TRUE(all_done());
  submit(command("bob", "help"));
  ASSERT_TRUE(all_done());
  EXPECT_EQ(queue->batches_dispatched(), 2u);
  EXPECT_EQ(commits, 2);
}

TEST_F(dispatch_queue_test, a_failing_event_does_not_fail_the_others_of_its_batch) {
  fail_feedback_with_reason("boom");
  submit(command("alice", "feedback vpn 4 fine"));
  submit(command("bob", "feedback vpn 4 boom"));
  submit(command("carol", "feedback vpn 5 great"));
  ASSERT_TRUE(all_done());
  EXPECT_EQ(commits, 1);
  EXPECT_EQ(outcomes(), (std::vector{outcome::handled, outcome::failed, outcome::handled}));
  EXPECT_TRUE(says(results[1]->replies, internal_error));
  EXPECT_TRUE(results[1]->queued);
  EXPECT_FALSE(says(results[0]->replies, internal_error));
  EXPECT_EQ(all_feedback().size(), 2u);
  // Bob's row in the outbox is his internal-error reply, nothing of what was rolled back.
  std::vector<std::string> bobs;
  for (const auto& row : outbox_rows())
    if (row.message.user == "bob") bobs.push_back(row.message.body.text);
  ASSERT_EQ(bobs.size(), 1u);
  EXPECT_NE(bobs[0].find(internal_error), std::string::npos);
  expect_handed_over_as_committed();  // nothing of the rolled-back savepoint is handed over
}

TEST_F(dispatch_queue_test, duplicates_in_the_same_batch_are_processed_once) {
  const auto in = command("alice", "feedback vpn 4 twice");
  submit(in);
  submit(in);
  submit(command("bob", "help"));
  ASSERT_TRUE(all_done());
  EXPECT_EQ(commits, 1);
  EXPECT_EQ(outcomes(), (std::vector{outcome::handled, outcome::duplicate, outcome::handled}));
  EXPECT_TRUE(results[1]->replies.empty());
  EXPECT_EQ(all_feedback().size(), 1u);
  std::size_t alices = 0;
  for (const auto& row : outbox_rows())
    alices += row.message.user == "alice" ? 1u : 0u;
  EXPECT_EQ(alices, results[0]->replies.size());
}

TEST_F(dispatch_queue_test, a_batch_whose_commit_fails_fails_every_event_and_queues_only_the_error_replies) {
  db->conn().exec(
      "CREATE TABLE commit_guard (service TEXT REFERENCES services (id) DEFERRABLE INITIALLY DEFERRED);"
      "CREATE TRIGGER fail_commit AFTER INSERT ON feedback WHEN NEW.reason = 'doom' "
      "BEGIN INSERT INTO commit_guard VALUES ('no-such-service'); END");
  submit(command("alice", "feedback vpn 4 fine"));
  submit(command("bob", "feedback vpn 4 doom"));
  ASSERT_TRUE(all_done());
  EXPECT_EQ(queue->batches_failed(), 1u);
  EXPECT_EQ(outcomes(), (std::vector{outcome::failed, outcome::failed}));
  EXPECT_TRUE(all_feedback().empty());
  const auto rows = outbox_rows();
  ASSERT_EQ(rows.size(), 2u);  // one apology each, nothing of the rolled-back replies
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_TRUE(results[i]->queued);
    EXPECT_NE(rows[i].message.body.text.find(internal_error), std::string::npos);
  }
  EXPECT_EQ(notified, 1);
  expect_handed_over_as_committed();  // the apologies only, with the ids they were committed under
}

TEST_F(dispatch_queue_test, a_submit_from_a_completion_goes_into_the_next_batch) {
  bool resubmitted = false;
  queue->submit(command("alice", "help"), [&](dispatch_result) {
    submit(command("bob", "help"));
    resubmitted = true;
  });
  ASSERT_TRUE(test::run_until(io, [&] { return resubmitted; }));
  ASSERT_TRUE(all_done());
  EXPECT_EQ(queue->batches_dispatched(), 2u);
  EXPECT_EQ(results[0]->outcome, outcome::handled);
}

TEST_F(dispatch_queue_test, a_drain_posted_before_the_queue_is_destroyed_does_nothing) {
  submit(command("alice", "help"));
  queue.reset();
  io.run();  // the posted drain runs now and must find nothing to touch
  EXPECT_FALSE(results[0].has_value());
  EXPECT_EQ(commits, 0);
}

TEST_F(dispatch_queue_test, replies_reach_the_platform_through_the_outbox_after_the_commit) {
  std::vector<std::pair<std::string, bool>> delivered;  // text, whether the event was committed then
  outbox box{io, *db, [this] { return now; }};
  box.add_sender("local", [&](const storage::outbox_entry& e) -> asio::awaitable<send_result> {
    delivered.emplace_back(e.message.body.text, !all_feedback().empty());
    co_return send_result::sent("m" + std::to_string(e.id));
  });
  box.start();
  queue = std::make_unique<dispatch_queue>(
      io, *bot, *db, [this] { return now; },
      [&](std::vector<storage::outbox_entry> rows) { box.accept(std::move(rows)); });
  submit(command("alice", "feedback vpn 4 slow"));
  ASSERT_TRUE(all_done());
  const auto expected = results[0]->replies.size();
  ASSERT_TRUE(test::run_until(io, [&] { return storage::outbox_repository{*db}.pending_count() == 0; }));
  EXPECT_EQ(delivered.size(), expected);
  for (const auto& [text, committed] : delivered)
    EXPECT_TRUE(committed) << text;
  box.stop();
  ASSERT_TRUE(test::run_until(io, [&] { return box.idle(); }));
}

// What a platform leaves out (the person's locale) is filled in before an event is queued; while it is
// being read, that person's events wait, in order, and nobody else's do.
TEST_F(dispatch_queue_test, a_persons_events_wait_in_order_while_their_language_is_read_and_others_go_on) {
  std::map<std::string, std::string> locales;  // what the "profiles" say once read
  std::vector<std::string> reading;            // people whose profile the preparer asked for
  queue->set_preparer([&](core::inbound& in) {
    if (const auto it = locales.find(in.user); it != locales.end()) {
      in.locale = it->second;
      return true;
    }
    reading.push_back(in.user);
    return false;
  });
  locales["bob"] = "en-US";
  submit(command("alice", "help"));
  submit(command("bob", "help"));
  submit(command("alice", "feedback vpn 4 slow"));
  ASSERT_TRUE(test::run_until(io, [&] { return results[1].has_value(); }));
  EXPECT_FALSE(results[0].has_value());
  EXPECT_FALSE(results[2].has_value()) << "alice's second event must not overtake her first";
  EXPECT_EQ(queue->held(), 2u);
  EXPECT_EQ(reading, std::vector<std::string>{"alice"}) << "one read per person, not per event";
  EXPECT_TRUE(all_feedback().empty());

  locales["alice"] = "de-DE";
  queue->release("local", "alice");
  ASSERT_TRUE(all_done());
  EXPECT_EQ(queue->held(), 0u);
  EXPECT_NE(all_text(results[0]->replies).find("Feedback zu den IT-Services"), std::string::npos)
      << all_text(results[0]->replies);
  EXPECT_EQ(all_text(results[1]->replies).find("Feedback zu den IT-Services"), std::string::npos);
  EXPECT_EQ(all_feedback().size(), 1u);
}

TEST_F(dispatch_queue_test, held_events_go_on_without_what_they_waited_for_after_the_longest_hold) {
  queue->set_preparer([](core::inbound&) { return false; }, std::chrono::milliseconds{30});
  submit(command("alice", "help"));
  submit(command("alice", "feedback vpn 4 slow"));
  ASSERT_TRUE(all_done()) << "a platform that never answers must not swallow the events";
  EXPECT_EQ(queue->held(), 0u);
  EXPECT_NE(all_text(results[0]->replies).find("Commands"), std::string::npos) << "the bot's language";
  EXPECT_EQ(all_feedback().size(), 1u);
}

TEST_F(dispatch_queue_test, a_preparer_that_throws_lets_the_event_through_as_it_came) {
  queue->set_preparer([](core::inbound&) -> bool { throw std::runtime_error("profile table broken"); });
  submit(command("alice", "feedback vpn 4 slow"));
  ASSERT_TRUE(all_done());
  EXPECT_EQ(results[0]->outcome, outcome::handled);
  EXPECT_EQ(all_feedback().size(), 1u);
}

}  // namespace
}  // namespace csibot::runtime
