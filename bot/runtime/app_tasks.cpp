// The tasks `csibot run` keeps going beside the events: the stop signals, housekeeping once a
// minute, and the digests.
#include <spdlog/spdlog.h>

#include <algorithm>

#include "bot/net/tokens.hpp"
#include "bot/runtime/app_impl.hpp"
#include "bot/runtime/retention_pass.hpp"
#include "bot/runtime/scheduler.hpp"
#include "storage/repositories.hpp"

namespace csibot::runtime::detail {
namespace asio = boost::asio;

asio::awaitable<void> app::watch_signals() {
  const auto [ec, signal] = co_await signals_.async_wait(net::nothrow);
  if (ec) co_return;  // cancelled by shutdown()
  spdlog::info("received {}, shutting down", signal == SIGINT ? "SIGINT" : "SIGTERM");
  shutdown();
}

// Closes conversations whose time ran out, forgets old event ids and applies data retention, once
// a minute (the first time at start).
asio::awaitable<void> app::housekeeping() {
  while (!stopping_) {
    try {
      const auto now = system_now();
      if (const auto n = dispatcher_.expire_conversations(now); n > 0) {
        spdlog::info("closed {} unanswered conversation(s); their feedback is kept as partial", n);
      }
      storage::event_repository{db_}.purge(now);
      co_await runtime::apply_retention(db_, settings_.bot.retention_days, now);
    } catch (const std::exception& e) {
      spdlog::error("housekeeping failed: {}", e.what());
    }
    housekeeping_timer_.expires_after(std::chrono::minutes{1});
    // Cancelled at shutdown; the loop then sees stopping_.
    co_await housekeeping_timer_.async_wait(net::nothrow);
  }
}

// Fires due digests; wakes at the next slot, and at least once a minute so that a subscription
// made with /csi subscribe is picked up without a signal between the two.
asio::awaitable<void> app::digests() {
  runtime::digest_scheduler scheduler{
      db_,
      settings_,
      {.catalog = [this]() -> const std::vector<core::service>& { return dispatcher_.catalog(); },
       .platform_enabled = [this](std::string_view p) { return platform_enabled(p); },
       .stage = [this](const std::vector<core::outbound>& out,
                       std::string_view source) { stage(out, source); },
       .publish = [this](const std::vector<core::outbound>& out) { publish(out); }}};
  try {
    scheduler.sync_config(system_now());
  } catch (const std::exception& e) {
    spdlog::error("digests: cannot store the config's subscriptions: {}", e.what());
  }
  while (!stopping_) {
    const auto now = system_now();
    const auto result = scheduler.tick(now);
    auto wait = std::chrono::milliseconds{std::chrono::minutes{1}};
    if (result.next) wait = std::clamp(*result.next - now, std::chrono::milliseconds{0}, wait);
    digest_timer_.expires_after(wait);
    co_await digest_timer_.async_wait(net::nothrow);  // cancelled at shutdown
  }
}

}  // namespace csibot::runtime::detail
