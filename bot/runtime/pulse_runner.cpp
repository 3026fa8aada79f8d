#include "bot/runtime/pulse_runner.hpp"

#include <spdlog/spdlog.h>

#include <variant>

#include "commands/pulse_runs.hpp"
#include "core/cron.hpp"
#include "core/i18n.hpp"
#include "storage/database.hpp"
#include "storage/pulse_repository.hpp"

namespace csibot::runtime {
namespace asio = boost::asio;

struct pulse_runner::state {
  storage::database& db;
  const config::settings& settings;
  proactive_hooks hooks;
};

namespace {

using state_ptr = std::shared_ptr<pulse_runner::state>;

// The audience as "platform:id" people. nullopt: ask again later (a listing failed, or none of the
// platforms named runs here yet — a pulse waits for its platform, like a digest).
struct listing {
  std::vector<std::string> people;
  bool failed = false;
  bool reachable = false;  // at least one target's platform runs here
};

asio::awaitable<listing> list_audience(state_ptr self, std::vector<commands::target> targets) {
  listing out;
  for (auto& t : targets) {
    auto* dir = self->hooks.directory ? self->hooks.directory(t.ref.platform) : nullptr;
    if (dir == nullptr) {
      spdlog::warn("pulses: {} is on a platform that does not run here; left out", t.ref.str());
      continue;
    }
    out.reachable = true;
    const auto platform = t.ref.platform;
    const auto shown = t.ref.str();
    auto m = co_await dir->members(std::move(t));
    if (m.status == lookup_status::failed) {
      spdlog::warn("pulses: cannot list {}, trying again later: {}", shown, m.error);
      out.failed = true;
      co_return out;
    }
    if (m.status == lookup_status::not_found) spdlog::warn("pulses: {} not found: {}", shown, m.error);
    for (auto& u : m.users)
      out.people.push_back(platform + ":" + u);
  }
  co_return out;
}

const std::vector<core::service>& catalog_of(const state_ptr& self) {
  return self->hooks.catalog ? self->hooks.catalog() : self->settings.services;
}

asio::awaitable<bool> run_config_pulse(state_ptr self, const config::pulse_settings& p, core::timestamp now) {
  storage::pulse_repository runs{self->db};
  const auto key = commands::pulse_key(p);
  const auto first = runs.register_pulse(key, p.service, now);
  const auto last = runs.last_slot(key);
  const auto slot =
      latest_pulse_slot(p.schedule, self->settings.bot.timezone, last ? std::max(*last, first) : first, now);
  if (!slot) co_return false;
  const auto audience = co_await list_audience(self, commands::pulse_targets(p, catalog_of(self)));
  if (audience.failed || !audience.reachable) co_return false;
  storage::transaction tx{self->db};
  const auto run = commands::run_pulse(self->db, self->settings, p, *slot, audience.people, now);
  tx.commit();
  if (!run) co_return false;
  if (now - *slot > std::chrono::minutes{5})
    spdlog::info("pulses: {} missed {} while csibot was down; run once now", p.service,
                 core::to_iso8601(*slot));
  spdlog::info(
      "pulses: {} run #{} for {}: {} people, {} prompt(s) scheduled (sample {}), {} held back for now",
      p.service, run->id, core::to_iso8601(*slot), run->members, run->scheduled, p.sample, run->held);
  co_return true;
}

// A `/csi ask` that named channels: list them, schedule, and tell the person who asked by DM.
asio::awaitable<bool> complete_ask(state_ptr self, storage::pulse_run run, core::timestamp now) {
  std::vector<commands::target> targets;
  for (const auto& a : run.audience)
    if (auto t = commands::parse_stored_target(a)) targets.push_back(std::move(*t));
  const auto audience = co_await list_audience(self, targets);
  if (audience.failed) co_return false;
  const auto& catalog = catalog_of(self);
  const auto* svc = core::find_service(catalog, run.service);
  const auto asker = core::parse_ref(run.requested_by);
  std::vector<core::outbound> out;
  storage::transaction tx{self->db};
  const auto done = commands::complete_ask(self->db, self->settings, run, audience.people, now);
  if (done && asker && svc != nullptr) {
    const std::string language{core::language_of(self->settings.bot.language)};
    out.push_back({core::delivery::direct,
                   asker->platform,
                   {},
                   asker->id,
                   {},
                   commands::ask_report(*done, *svc, self->settings, language)});
    if (self->hooks.stage) self->hooks.stage(out);
  }
  tx.commit();
  if (!done) co_return false;
  spdlog::info("pulses: ask #{} about {} by {}: {} people, {} prompt(s) scheduled, {} held back for now",
               done->id, done->service, done->requested_by, done->members, done->scheduled, done->held);
  if (self->hooks.publish && !out.empty()) self->hooks.publish(out);
  co_return true;
}

}  // namespace

std::optional<core::timestamp> latest_pulse_slot(std::string_view schedule, std::string_view time_zone,
                                                 core::timestamp after, core::timestamp now) {
  auto parsed = core::cron_schedule::parse(schedule);
  const auto* cron = std::get_if<core::cron_schedule>(&parsed);
  if (cron == nullptr) return std::nullopt;
  const auto* tz = core::find_time_zone(time_zone);
  after =
      std::max(after, now - std::chrono::duration_cast<std::chrono::milliseconds>(pulse_runner::catch_up));
  std::optional<core::timestamp> latest;
  for (auto s = cron->next_after(after, tz); s && *s <= now; s = cron->next_after(*s, tz))
    latest = s;
  return latest;
}

pulse_runner::pulse_runner(storage::database& db, const config::settings& settings, proactive_hooks hooks)
    : state_(std::make_shared<state>(state{db, settings, std::move(hooks)})) {}

void pulse_runner::sync_config(core::timestamp now) {
  storage::transaction tx{state_->db};
  storage::pulse_repository runs{state_->db};
  for (const auto& p : state_->settings.pulses)
    runs.register_pulse(commands::pulse_key(p), p.service, now);
  tx.commit();
}

asio::awaitable<std::size_t> pulse_runner::pass(core::timestamp now) {
  const auto self = state_;
  std::size_t done = 0;
  for (const auto& p : self->settings.pulses) {
    try {
      if (co_await run_config_pulse(self, p, now)) ++done;
    } catch (const std::exception& e) {
      spdlog::error("pulses: the {} pulse failed, will retry: {}", p.service, e.what());
    }
  }
  std::vector<storage::pulse_run> asks;
  try {
    asks = storage::pulse_repository{self->db}.pending(10);
  } catch (const std::exception& e) {
    spdlog::error("pulses: cannot read pending asks: {}", e.what());
  }
  for (auto& run : asks) {
    try {
      if (co_await complete_ask(self, std::move(run), now)) ++done;
    } catch (const std::exception& e) {
      spdlog::error("pulses: an ask failed, will retry: {}", e.what());
    }
  }
  co_return done;
}

std::optional<core::timestamp> pulse_runner::next_slot(core::timestamp now) const {
  std::optional<core::timestamp> next;
  const auto* tz = core::find_time_zone(state_->settings.bot.timezone);
  for (const auto& p : state_->settings.pulses) {
    auto parsed = core::cron_schedule::parse(p.schedule);
    const auto* cron = std::get_if<core::cron_schedule>(&parsed);
    if (cron == nullptr) continue;
    if (const auto n = cron->next_after(now, tz); n && (!next || *n < *next)) next = n;
  }
  return next;
}

}  // namespace csibot::runtime
