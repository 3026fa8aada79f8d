#include "bot/runtime/scheduler.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <set>
#include <variant>

#include "commands/digests.hpp"
#include "config/digest_plan.hpp"
#include "core/cron.hpp"
#include "core/ref.hpp"
#include "insights/digest.hpp"
#include "storage/database.hpp"

namespace csibot::runtime {
namespace {

struct parsed_subscription {
  core::cron_schedule cron;
  const date::time_zone* tz;
  std::chrono::milliseconds length;
};

// Config entries were validated at load and command entries when typed; a row that still does not
// parse (edited by hand, a zone the system lost) is skipped with an error rather than guessed at.
std::optional<parsed_subscription> parse(const storage::digest_subscription& sub) {
  auto cron = core::cron_schedule::parse(sub.schedule);
  const auto* schedule = std::get_if<core::cron_schedule>(&cron);
  const auto* tz = core::find_time_zone(sub.timezone);
  const auto length = core::parse_duration(sub.period);
  if (schedule == nullptr || tz == nullptr || !length) return std::nullopt;
  return parsed_subscription{*schedule, tz, *length};
}

}  // namespace

std::string subscription_source(std::int64_t id) {
  return "subscription:" + std::to_string(id);
}

std::optional<std::int64_t> subscription_of_source(std::string_view source) {
  constexpr std::string_view prefix = "subscription:";
  if (!source.starts_with(prefix)) return std::nullopt;
  source.remove_prefix(prefix.size());
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(source.data(), source.data() + source.size(), id);
  if (ec != std::errc{} || end != source.data() + source.size() || id <= 0) return std::nullopt;
  return id;
}

std::vector<storage::digest_subscription> config_subscriptions(const config::settings& s) {
  std::vector<storage::digest_subscription> out;
  for (const auto& d : config::digest_plan(s)) {
    storage::digest_subscription sub;
    sub.origin = storage::subscription_origin::config;
    sub.channel = d.channel;
    sub.services = d.services;
    sub.schedule = d.schedule;
    sub.period = d.period;
    sub.timezone = d.timezone.empty() ? s.bot.timezone : d.timezone;
    sub.created_by = "config";
    out.push_back(std::move(sub));
  }
  return out;
}

std::optional<core::timestamp> latest_slot(const storage::digest_subscription& sub, core::timestamp after,
                                           core::timestamp now) {
  const auto p = parse(sub);
  if (!p) return std::nullopt;
  after =
      std::max(after, now - std::chrono::duration_cast<std::chrono::milliseconds>(digest_scheduler::horizon));
  std::optional<core::timestamp> latest;
  for (auto s = p->cron.next_after(after, p->tz); s && *s <= now; s = p->cron.next_after(*s, p->tz))
    latest = s;
  return latest;
}

digest_scheduler::digest_scheduler(storage::database& db, const config::settings& settings, hooks h)
    : db_(db), settings_(settings), hooks_(std::move(h)) {}

void digest_scheduler::sync_config(core::timestamp now) {
  storage::transaction tx{db_};
  const auto added =
      storage::subscription_repository{db_}.sync_from_config(config_subscriptions(settings_), now);
  tx.commit();
  if (added > 0) spdlog::info("digests: {} new subscription(s) from the config file", added);
}

digest_scheduler::tick_result digest_scheduler::tick(core::timestamp now) {
  tick_result result;
  std::vector<storage::digest_subscription> subs;
  try {
    subs = storage::subscription_repository{db_}.active();
  } catch (const std::exception& e) {
    spdlog::error("digests: cannot read subscriptions: {}", e.what());
    return result;
  }
  for (const auto& sub : subs) {
    const auto p = parse(sub);
    if (!p) {
      spdlog::error("digests: subscription #{} ({}) has an unreadable schedule, zone or period; skipped",
                    sub.id, sub.channel);
      continue;
    }
    const auto target = core::parse_ref(sub.channel);
    if (!target || (hooks_.platform_enabled && !hooks_.platform_enabled(target->platform))) continue;
    try {
      const auto last = storage::subscription_repository{db_}.last_slot(sub.id);
      const auto after = last ? std::max(*last, sub.created_at) : sub.created_at;
      if (const auto slot = latest_slot(sub, after, now)) {
        if (now - *slot > std::chrono::minutes{5}) {
          spdlog::info("digests: subscription #{} missed {} while csibot was down; posting it once now",
                       sub.id, core::to_iso8601(*slot));
        }
        if (post(sub, *slot, now)) ++result.posted;
      }
    } catch (const std::exception& e) {
      spdlog::error("digests: subscription #{} ({}) failed, will retry: {}", sub.id, sub.channel, e.what());
    }
    if (const auto next = p->cron.next_after(now, p->tz); next && (!result.next || *next < *result.next))
      result.next = next;
  }
  return result;
}

bool digest_scheduler::post(const storage::digest_subscription& sub, core::timestamp slot,
                            core::timestamp now) {
  const auto target = *core::parse_ref(sub.channel);
  const auto length = *core::parse_duration(sub.period);
  // Calendar days in the subscription's zone: consecutive digests meet exactly across a DST change.
  const auto period = core::period_ending(slot, length, sub.period, core::find_time_zone(sub.timezone));
  const auto& catalog = hooks_.catalog ? hooks_.catalog() : settings_.services;

  std::vector<core::outbound> out;
  storage::transaction tx{db_};
  // The ledger first: if the slot was recorded (by an earlier run), nothing is posted again.
  if (!storage::subscription_repository{db_}.record_run(sub.id, slot, now)) return false;
  const auto digest = commands::build_digest(db_, settings_, commands::select_services(catalog, sub.services),
                                             period, settings_.bot.language, now, hooks_.owner_language);
  out.push_back(core::outbound{
      core::delivery::channel, target.platform, target.id, {}, {}, commands::digest_message(digest)});
  if (hooks_.stage) hooks_.stage(out, subscription_source(sub.id));
  tx.commit();
  spdlog::info("digests: posted subscription #{} to {} for the {} ending {}", sub.id, sub.channel, sub.period,
               core::to_iso8601(slot));
  if (hooks_.publish) hooks_.publish(out);
  return true;
}

}  // namespace csibot::runtime
