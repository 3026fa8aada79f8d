#include <algorithm>

#include "commands/handlers/handlers.hpp"
#include "commands/permissions.hpp"
#include "commands/subscription_args.hpp"
#include "commands/subscription_text.hpp"
#include "core/i18n.hpp"
#include "core/markup.hpp"
#include "core/service.hpp"
#include "storage/repositories.hpp"
#include "storage/subscription_repository.hpp"

namespace csibot::commands::handlers {
namespace {

std::string channel_ref(const command_env& env) {
  return env.in.platform + ":" + env.in.channel;
}

// "`0 9 * * MON` (Europe/Berlin), the last 7d, next 2026-12-07 09:00 CET"
std::string describe(const command_env& env, const storage::digest_subscription& s) {
  return describe_subscription(env.language, env.catalog, s, env.now);
}

std::vector<const core::service*> services_of(const command_env& env, const storage::digest_subscription& s) {
  std::vector<const core::service*> out;
  if (std::find(s.services.begin(), s.services.end(), "*") != s.services.end()) return out;
  for (const auto& id : s.services)
    if (const auto* svc = env.service(id)) out.push_back(svc);
  return out;
}

// What an admin reads in /csi admin audit: "vpn,email; 0 9 * * MON; 7d; Europe/Berlin". Not
// config_key(), whose unit separators are for telling entries apart and show as control characters.
std::string audit_detail(const storage::digest_subscription& s) {
  std::string services;
  for (const auto& id : s.services)
    services += (services.empty() ? "" : ",") + id;
  return services + "; " + s.schedule + "; " + s.period + "; " + s.timezone;
}

}  // namespace

// `/csi subscribe [services] [schedule] [period] [zone]`: this channel gets the digest on a schedule.
std::vector<core::outbound> subscribe(command_env& env) {
  const auto req = read_subscription(env, 0);
  if (!req.error.empty()) return {env.ephemeral_text(req.error)};
  const auto user = env.in.user_ref().str();
  if (!may_manage(env.settings, req.services, user)) {
    return {env.ephemeral_text(
        refusal(env.settings, req.services, core::tr(env.language, "perm.action.subscribe"), env.language))};
  }
  storage::subscription_repository repo{env.db};
  storage::digest_subscription sub;
  sub.origin = storage::subscription_origin::command;
  sub.channel = channel_ref(env);
  sub.services = service_ids(req.services);
  sub.schedule = req.schedule;
  sub.period = req.period;
  sub.timezone = req.timezone;
  sub.created_by = user;
  sub.created_at = env.now;
  for (const auto& existing : repo.in_channel(sub.channel)) {
    if (existing.config_key() == sub.config_key()) {
      return {env.ephemeral_text(
          core::tr(env.language, "subscribe.already", {{"what", describe(env, existing)}}))};
    }
  }
  sub.id = repo.add(sub);
  storage::audit_repository{env.db}.append({0, env.now, user, "digest.subscribe", sub.channel,
                                            "#" + std::to_string(sub.id) + " " + audit_detail(sub)});
  // Posted for everyone: the channel should know why the bot will start posting there.
  core::message m;
  m.text = core::tr(env.language, "subscribe.done",
                    {{"user", core::literal(env.in.user_name.empty() ? user : env.in.user_name)},
                     {"what", describe(env, sub)}});
  m.context = core::tr(env.language, "subscribe.context", {{"command", env.settings.bot.command}});
  return {core::outbound{
      core::delivery::channel, env.in.platform, env.in.channel, env.in.user, {}, std::move(m)}};
}

// `/csi unsubscribe [services]`: stops this channel's subscriptions made with /csi subscribe.
std::vector<core::outbound> unsubscribe(command_env& env) {
  const auto req = read_subscription(env, 0);
  if (!req.error.empty()) return {env.ephemeral_text(req.error)};
  const bool filtered = !env.cmd.args.empty() && !req.services.empty();
  const auto wanted = service_ids(req.services);
  storage::subscription_repository repo{env.db};
  const auto user = env.in.user_ref().str();

  std::vector<storage::digest_subscription> removable;
  std::vector<storage::digest_subscription> from_config;
  const auto in_channel = repo.in_channel(channel_ref(env));
  for (const auto& s : in_channel) {
    auto mine = s.services;
    auto theirs = wanted;
    std::sort(mine.begin(), mine.end());
    std::sort(theirs.begin(), theirs.end());
    if (filtered && mine != theirs) continue;
    (s.origin == storage::subscription_origin::config ? from_config : removable).push_back(s);
  }
  if (removable.empty() && from_config.empty() && filtered && !in_channel.empty()) {
    // The channel has digests, only not for these services: say which it has, so the next try fits.
    std::string asked;
    for (const auto& id : wanted)
      asked += (asked.empty() ? "" : ", ") + core::literal(id);
    std::string text = core::tr(env.language, "unsubscribe.none_for", {{"services", asked}});
    for (const auto& s : in_channel)
      text += "\n• " + describe(env, s);
    return {env.ephemeral_text(std::move(text))};
  }
  if (removable.empty()) {
    const auto key = from_config.empty() ? "unsubscribe.none" : "unsubscribe.only_config";
    return {env.ephemeral_text(core::tr(env.language, key))};
  }
  // Whoever made a subscription may end it; otherwise the same rule as subscribing.
  for (const auto& s : removable) {
    if (s.created_by != user && !may_manage(env.settings, services_of(env, s), user)) {
      return {env.ephemeral_text(refusal(env.settings, services_of(env, s),
                                         core::tr(env.language, "perm.action.unsubscribe"), env.language))};
    }
  }
  core::message m;
  m.text = core::tr(env.language, "unsubscribe.done",
                    {{"user", core::literal(env.in.user_name.empty() ? user : env.in.user_name)},
                     {"count", std::to_string(removable.size())}});
  for (const auto& s : removable) {
    repo.deactivate(s.channel, s.services);
    storage::audit_repository{env.db}.append(
        {0, env.now, user, "digest.unsubscribe", s.channel, "#" + std::to_string(s.id)});
    m.text += "\n• " + describe(env, s);
  }
  if (!from_config.empty()) m.context = core::tr(env.language, "unsubscribe.config_kept");
  return {core::outbound{
      core::delivery::channel, env.in.platform, env.in.channel, env.in.user, {}, std::move(m)}};
}

}  // namespace csibot::commands::handlers
