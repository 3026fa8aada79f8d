// The tasks `csibot run` keeps going beside the events: the stop signals, housekeeping once a
// minute, and the digests.
#include <spdlog/spdlog.h>

#include <algorithm>

#include "bot/net/tokens.hpp"
#include "bot/runtime/app_impl.hpp"
#include "bot/runtime/retention_pass.hpp"
#include "bot/runtime/scheduler.hpp"
#include "commands/improvements.hpp"
#include "storage/repositories.hpp"

namespace csibot::runtime::detail {
namespace asio = boost::asio;

constexpr std::chrono::hours verification_interval{1};

asio::awaitable<void> app::watch_signals() {
  const auto [ec, signal] = co_await signals_.async_wait(net::nothrow);
  if (ec) co_return;  // cancelled by shutdown()
  spdlog::info("received {}, shutting down", signal == SIGINT ? "SIGINT" : "SIGTERM");
  shutdown();
}

// Closes conversations whose time ran out, forgets old event ids and applies data retention, once
// a minute (the first time at start); decides due improvement verdicts at start and then hourly.
asio::awaitable<void> app::housekeeping() {
  while (!stopping_) {
    try {
      const auto now = system_now();
      if (const auto n = dispatcher_.expire_conversations(now); n > 0) {
        spdlog::info("closed {} unanswered conversation(s); their feedback is kept as partial", n);
      }
      storage::event_repository{db_}.purge(now);
      co_await runtime::apply_retention(db_, settings_.bot.retention_days, now);
      if (now >= next_verification_) {
        next_verification_ = now + verification_interval;
        verify_improvements(now);
      }
    } catch (const std::exception& e) {
      spdlog::error("housekeeping failed: {}", e.what());
    }
    housekeeping_timer_.expires_after(std::chrono::minutes{1});
    // Cancelled at shutdown; the loop then sees stopping_.
    co_await housekeeping_timer_.async_wait(net::nothrow);
  }
}

// "Did it work?" (SPEC §6) is decided when an improvement's after-period is over, not only when
// somebody next reads the register or a digest runs: on a quiet service that could be weeks, and
// the owners' verdict DM (commands::check_improvements writes it) would wait as long. Hourly, since
// a verdict still waiting for answers re-measures its service and stores the figures so far on
// every pass; a day's verdict an hour late is on time.
void app::verify_improvements(core::timestamp now) {
  const auto decided =
      commands::check_improvements(db_, settings_, dispatcher_.catalog(), now,
                                   [this](const core::ref& owner) { return known_language(owner); });
  for (const auto& i : decided) {
    spdlog::info("improvement #{} ({}): {}; its owners are told", i.id, i.service,
                 i.verification == core::verification::verified ? "verified" : "no measurable effect");
  }
  if (!decided.empty() && outbox_) outbox_->notify();
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
       .publish = [this](const std::vector<core::outbound>& out) { publish(out); },
       .owner_language = [this](const core::ref& owner) { return known_language(owner); }}};
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
