// `/csi optout` and `/csi optin` (SPEC §4, §8): a person's standing answer to proactive prompts.
#include "commands/handlers/handlers.hpp"
#include "core/cron.hpp"
#include "core/i18n.hpp"
#include "storage/prompt_repository.hpp"
#include "storage/repositories.hpp"

namespace csibot::commands::handlers {

// Permanent until undone: a "not now" would come back as the same annoyance a month later. The
// reply says what it does not stop (giving feedback themselves) so nobody thinks they lost a voice.
std::vector<core::outbound> optout(command_env& env) {
  const auto user = env.in.user_ref().str();
  storage::prompt_repository prompts{env.db};
  const auto& command = env.settings.bot.command;
  if (const auto since = prompts.opted_out_since(user)) {
    const auto* tz = core::find_time_zone(env.settings.bot.timezone);
    return {
        env.ephemeral_text(core::tr(env.language, "optout.already",
                                    {{"since", core::local_time_text(*since, tz)}, {"command", command}}))};
  }
  prompts.opt_out(user, env.now);
  // Who turned prompts off, and when, is worth keeping: a complaint "the bot never asks me" or
  // "the bot keeps asking me" is answered from here.
  storage::audit_repository{env.db}.append({0, env.now, user, "prompts.optout", user, ""});
  return {env.ephemeral_text(core::tr(env.language, "optout.done", {{"command", command}}))};
}

std::vector<core::outbound> optin(command_env& env) {
  const auto user = env.in.user_ref().str();
  const auto& command = env.settings.bot.command;
  if (!storage::prompt_repository{env.db}.opt_in(user)) {
    return {env.ephemeral_text(core::tr(env.language, "optin.already", {{"command", command}}))};
  }
  storage::audit_repository{env.db}.append({0, env.now, user, "prompts.optin", user, ""});
  return {env.ephemeral_text(
      core::tr(env.language, "optin.done",
               {{"budget", std::to_string(env.settings.policy.weekly_budget)}, {"command", command}}))};
}

}  // namespace csibot::commands::handlers
