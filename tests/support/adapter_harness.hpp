#pragma once
/// What every chat-platform adapter fixture sets up the same way, whichever platform it tests: the
/// pieces `csibot run` puts behind an adapter — a real SQLite file in a temp folder with the demo
/// catalog, the dispatcher, the group-commit queue and the durable outbox with test-sized back-off —
/// on the test's io_context, and waits that run that io_context until a condition holds (no sleeps).
/// The fixture of each platform adds its fake, its platform object and its own helpers.
#include <gtest/gtest.h>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bot/runtime/dispatch_queue.hpp"
#include "bot/runtime/outbox.hpp"
#include "commands/dispatch.hpp"
#include "config/loader.hpp"
#include "storage/database.hpp"
#include "storage/outbox_repository.hpp"
#include "storage/repositories.hpp"
#include "storage/temp_dir.hpp"
#include "support/io_wait.hpp"

namespace csibot::test {

/// The wall clock, as `csibot run` hands it to the adapter (webhook signatures are checked against it).
inline core::timestamp system_now() {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

class adapter_harness : public ::testing::Test {
 protected:
  storage::test::temp_dir dir;
  config::settings settings = config::demo_settings();
  boost::asio::io_context io;
  std::unique_ptr<storage::database> db;
  std::unique_ptr<commands::dispatcher> bot;
  std::unique_ptr<runtime::outbox> box;
  std::unique_ptr<runtime::dispatch_queue> queue;
  std::vector<std::string> fatals;  ///< what the platform reported as fatal, in order

  /// Opens the database in `dir` with the catalog synced and builds the dispatcher, the outbox and the
  /// queue in front of it; after release_pipeline() a second call is a restart on the same file.
  void build_pipeline() {
    using namespace std::chrono_literals;
    settings.bot.database = dir / "csibot.db";
    db = std::make_unique<storage::database>(settings.bot.database);
    storage::service_repository{*db}.sync_from_config(settings.services, system_now());
    bot = std::make_unique<commands::dispatcher>(*db, settings);
    runtime::outbox_options o;
    o.backoff_base = 20ms;
    o.backoff_cap = 200ms;
    o.random = [] { return 0.5; };
    o.poll_interval = 200ms;
    box = std::make_unique<runtime::outbox>(io, *db, system_now, o);
    queue = std::make_unique<runtime::dispatch_queue>(
        io, *bot, *db, system_now,
        [this](std::vector<storage::outbox_entry> rows) { box->accept(std::move(rows)); });
  }

  /// `platform`'s authenticate() as a task for run_task (which rethrows its start_error).
  template <class Platform>
  static boost::asio::awaitable<bool> authenticate(Platform* platform) {
    co_await platform->authenticate();
    co_return true;
  }

  /// What `csibot run` does once everything is built: authenticate (to the end, rethrowing), connect
  /// with fatal reasons collected in `fatals`, and start the outbox. `auth_call` names the platform's
  /// authentication request in the failure message.
  template <class Platform>
  void start_pipeline(Platform& platform, std::string_view auth_call) {
    ASSERT_TRUE(run_task(io, authenticate(&platform)).has_value()) << auth_call << " did not finish";
    platform.connect([this](std::string why) { fatals.push_back(std::move(why)); });
    box->start();
  }

  /// Stops the outbox and, when there is a (stopped) platform, waits until neither it nor the outbox
  /// has a coroutine left, so that nothing outlives the objects it refers to.
  template <class Platform>
  void drain(const Platform* platform) {
    using namespace std::chrono_literals;
    if (box) box->stop();
    if (platform) {
      EXPECT_TRUE(wait([&] { return !platform->status().socket.running && box->idle(); }, 15s))
          << "coroutines left behind";
    }
  }

  /// Destroys the queue, the outbox, the dispatcher and the database (the platform, which refers to
  /// the queue, must be gone already); the file in `dir` stays for a restart.
  void release_pipeline() {
    queue.reset();
    box.reset();
    bot.reset();
    db.reset();
  }

  template <class Predicate>
  bool wait(Predicate&& done, std::chrono::milliseconds deadline = std::chrono::seconds{10}) {
    return run_until(io, std::forward<Predicate>(done), deadline);
  }

  /// Waits until outbox row `id` has failed for good, and returns it; nullopt when it did not.
  std::optional<storage::outbox_entry> wait_failed(std::int64_t id) {
    std::optional<storage::outbox_entry> row;
    const bool failed = wait([&] {
      row = storage::outbox_repository{*db}.find(id);
      return row && row->state == storage::outbox_state::failed;
    });
    return failed ? row : std::nullopt;
  }

  /// Every stored feedback row, oldest first.
  std::vector<core::feedback> feedback_rows() {
    std::vector<core::feedback> out;
    storage::feedback_repository{*db}.for_each(std::nullopt,
                                               [&](const core::feedback& f) { out.push_back(f); });
    return out;
  }
};

}  // namespace csibot::test
