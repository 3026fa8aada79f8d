#include "bot/runtime/proactive.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>

#include "bot/net/tokens.hpp"
#include "bot/runtime/pulse_runner.hpp"

namespace csibot::runtime {
namespace asio = boost::asio;

struct proactive::state {
  state(asio::io_context& io, storage::database& db, const config::settings& settings, proactive_hooks hooks,
        clock c, std::chrono::milliseconds p)
      : timer(io), prompts(db, settings, hooks), pulses(db, settings, hooks), now(std::move(c)), poll(p) {}

  asio::steady_timer timer;
  prompt_loop prompts;
  pulse_runner pulses;
  clock now;
  std::chrono::milliseconds poll;
  bool stopped = false;
};

namespace {

// How long to sleep after a pass: until the next due prompt or pulse slot, or until the budget of a
// platform with a backlog refills; never longer than `poll`.
std::chrono::milliseconds wait_after(proactive::state& s, const prompt_pass& pass, core::timestamp now) {
  auto wait = s.poll;
  const auto sooner = [&](std::optional<core::timestamp> at) {
    if (at) wait = std::clamp(*at - now, std::chrono::milliseconds{0}, wait);
  };
  try {
    sooner(s.prompts.next_due());
  } catch (const std::exception& e) {
    spdlog::error("prompts: cannot read the next due time: {}", e.what());
  }
  sooner(s.pulses.next_slot(now));
  if (pass.budget_exhausted) {
    for (const auto platform : prompt_loop::platforms)
      sooner(s.prompts.budget_at(platform, now));
  }
  // A prompt due now that the budget holds back must not make the loop spin.
  return std::max(wait, std::chrono::milliseconds{250});
}

asio::awaitable<void> run(std::shared_ptr<proactive::state> self) {
  while (!self->stopped) {
    try {
      (void)co_await self->pulses.pass(self->now());
    } catch (const std::exception& e) {
      spdlog::error("pulses: pass failed: {}", e.what());
    }
    prompt_pass pass;
    try {
      pass = co_await self->prompts.pass(self->now());
    } catch (const std::exception& e) {
      spdlog::error("prompts: pass failed: {}", e.what());
    }
    if (self->stopped) break;
    self->timer.expires_after(wait_after(*self, pass, self->now()));
    co_await self->timer.async_wait(net::nothrow);  // cancelled by stop()
  }
}

}  // namespace

proactive::proactive(asio::io_context& io, storage::database& db, const config::settings& settings,
                     proactive_hooks hooks, clock now, std::chrono::milliseconds poll)
    : state_(std::make_shared<state>(io, db, settings, std::move(hooks), std::move(now), poll)) {}

proactive::~proactive() {
  stop();
}

void proactive::start() {
  try {
    state_->pulses.sync_config(state_->now());
  } catch (const std::exception& e) {
    spdlog::error("pulses: cannot store the config's pulses: {}", e.what());
  }
  asio::co_spawn(state_->timer.get_executor(), run(state_), asio::detached);
}

void proactive::stop() {
  if (!state_ || state_->stopped) return;
  state_->stopped = true;
  state_->timer.cancel();
}

std::unique_ptr<proactive> start_proactive(boost::asio::io_context& io, storage::database& db,
                                           const config::settings& settings, directory_map directories,
                                           proactive::clock now, catalog_fn catalog, stage_fn stage,
                                           publish_fn publish) {
  // Shared with the hook, which the loop's passes call; owned by it for the loop's whole life.
  auto shared = std::make_shared<const directory_map>(std::move(directories));
  proactive_hooks hooks;
  hooks.catalog = std::move(catalog);
  hooks.directory = [shared](std::string_view platform) -> people_directory* {
    const auto it = shared->find(platform);
    return it == shared->end() ? nullptr : it->second.get();
  };
  hooks.stage = std::move(stage);
  hooks.publish = std::move(publish);
  auto loop = std::make_unique<proactive>(io, db, settings, std::move(hooks), std::move(now));
  loop->start();
  return loop;
}

}  // namespace csibot::runtime
