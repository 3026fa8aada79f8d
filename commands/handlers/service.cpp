#include "core/service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "commands/arguments.hpp"
#include "commands/digests.hpp"
#include "commands/figures.hpp"
#include "commands/handlers/handlers.hpp"
#include "commands/improvement_view.hpp"
#include "commands/improvements.hpp"
#include "config/digest_plan.hpp"
#include "core/cron.hpp"
#include "core/i18n.hpp"
#include "core/markup.hpp"
#include "core/text.hpp"
#include "insights/numbers.hpp"
#include "storage/improvement_repository.hpp"
#include "storage/subscription_repository.hpp"

namespace csibot::commands::handlers {
namespace {

// Business functions and owners are chosen words and references, not markup: each shows as typed.
std::string joined(const std::vector<std::string>& items, std::string_view none) {
  std::string out;
  for (const auto& i : items)
    out += (out.empty() ? "" : ", ") + core::literal(i);
  return out.empty() ? std::string{none} : out;
}

// "Where are we now?" — the last 30 days with the interval that says how sure we are.
std::string current_figures(const command_env& env, const core::service& svc, const insights::summary& s) {
  if (s.n == 0) return core::tr(env.language, "stats.none");
  if (hide_figures(svc, s, env.settings.bot.min_group)) return core::tr(env.language, "stats.too_few");
  return fmt::format("{} {} ({}), n = {}", score_name(svc.scale), score_text(svc.scale, s, svc.target),
                     interval_text(svc.scale, s), s.n);
}

// "Where do we want to be?" — and whether the latest figures already get there.
std::string target_text(const command_env& env, const core::service& svc, const insights::summary& s) {
  const auto& lang = env.language;
  if (!svc.target) return core::tr(lang, "service.no_target");
  // Written as the digest writes it: NPS with its sign ("≥ +30"), shares with their unit.
  const std::string value = insights::target_number(svc.scale, *svc.target);
  const std::string shown = svc.scale == core::scale::nps10 ? value : value + " %";
  const std::string target =
      svc.scale == core::scale::csat5
          ? core::tr(lang, "service.target_csat", {{"target", value}})
          : score_name(svc.scale) + " " + core::tr(lang, "service.target_value", {{"target", shown}});
  if (s.n == 0 || hide_figures(svc, s, env.settings.bot.min_group)) return target;
  return core::tr(lang, s.score >= *svc.target ? "service.target_met" : "service.target_not_met",
                  {{"target", target}});
}

std::string digest_text(const command_env& env, const core::service& svc) {
  std::string out;
  const auto add = [&](const std::string& schedule_text, const std::string& channel,
                       const std::string& period, const std::string& timezone) {
    out += (out.empty() ? "" : "\n") + core::tr(env.language, "service.digest",
                                                {{"schedule", "`" + schedule_text + "`"},
                                                 {"channel", core::literal(channel)},
                                                 {"period", period}});
    // SPEC §2's "next digest": when it comes, in the zone its schedule runs in.
    const auto cron = core::cron_schedule::parse(schedule_text);
    const auto* tz = core::find_time_zone(timezone.empty() ? env.settings.bot.timezone : timezone);
    if (const auto* schedule = std::get_if<core::cron_schedule>(&cron);
        schedule != nullptr && tz != nullptr) {
      if (const auto next = schedule->next_after(env.now, tz))
        out += core::tr(env.language, "service.digest_next", {{"next", core::local_time_text(*next, tz)}});
    }
  };
  for (const auto& d : config::digest_plan(env.settings)) {
    if (config::includes(d, svc.id)) add(d.schedule, d.channel, d.period, d.timezone);
  }
  // Channels that asked with /csi subscribe; the config's entries are in the table too, listed above.
  for (const auto& sub : storage::subscription_repository{env.db}.active()) {
    if (sub.origin != storage::subscription_origin::command) continue;
    const bool covers =
        std::ranges::any_of(sub.services, [&](const std::string& id) { return id == "*" || id == svc.id; });
    if (covers) add(sub.schedule, sub.channel, sub.period, sub.timezone);
  }
  return out.empty() ? core::tr(env.language, "service.no_digest") : out;
}

}  // namespace

std::vector<core::outbound> service(command_env& env) {
  if (is_service_admin(env)) return service_admin(env);
  const auto& lang = env.language;
  core::message m;
  std::string error;
  const auto* svc = env.cmd.args.empty() ? nullptr : find_service_arg(env, env.cmd.arg(0), error);
  if (svc == nullptr) {
    m.text = env.cmd.args.empty()
                 ? core::tr(lang, "cmd.usage", {{"usage", env.settings.bot.command + " service <id>"}})
                 : error;
    // `service <id>` takes one word: more after a near miss of a verb ("service ad vpn VPN") meant it.
    if (env.cmd.args.size() >= 2) {
      if (const auto verb = core::closest(env.cmd.arg(0), {"add", "set", "remove"})) {
        m.text = core::tr(lang, "service.verb_suggest",
                          {{"typed", core::echo(env.cmd.arg(0), 40)},
                           {"command", env.settings.bot.command},
                           {"suggestion", *verb}});
      }
    }
    return {env.ephemeral(std::move(m))};
  }
  const auto period = *read_period(env, "30d");
  check_improvements(env.db, env.settings, {*svc}, env.now,
                     [&env](const core::ref& owner) { return env.language_for(owner); });
  const auto improvements = storage::improvement_repository{env.db}.list(svc->id);
  const auto insight = analyse_services(env.db, env.settings, {*svc}, period, env.now).services.at(0);
  const auto& s = insight.figures;
  m.header = core::markup_name(*svc) + " (" + core::literal(svc->id) + ")";
  m.text = svc->description;
  const std::string none = core::tr(lang, "service.none");
  m.fields = {
      {core::tr(lang, "service.purpose"), svc->purpose.empty() ? none : svc->purpose},
      {core::tr(lang, "service.criticality"),
       core::tr(lang, "criticality." + std::string{core::to_string(svc->criticality)})},
      {core::tr(lang, "service.functions"), joined(svc->business_functions, none)},
      {core::tr(lang, "service.owners"), joined(svc->owners, none)},
      {core::tr(lang, "service.anonymity"),
       core::tr(lang, "anonymity." + std::string{core::to_string(svc->anonymity)})},
      {core::tr(lang, "service.now", {{"period", period.label}}), current_figures(env, *svc, s)},
      {core::tr(lang, "service.usage", {{"period", period.label}}),
       usage_text(*svc, insight, env.settings.bot.min_group, lang)},
      {core::tr(lang, "service.impact", {{"period", period.label}}),
       impact_text(*svc, insight, env.settings.bot.min_group, lang)},
      {core::tr(lang, "service.target"), target_text(env, *svc, s)},
      {core::tr(lang, "service.how"), open_improvements_text(env, *svc, improvements)},
      {core::tr(lang, "service.done"), finished_improvements_text(env, *svc, improvements)},
      {core::tr(lang, "service.next_digest"), digest_text(env, *svc)},
  };
  return {env.ephemeral(std::move(m))};
}

}  // namespace csibot::commands::handlers
