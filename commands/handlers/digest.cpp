#include "insights/digest.hpp"

#include "commands/arguments.hpp"
#include "commands/digests.hpp"
#include "commands/handlers/handlers.hpp"
#include "commands/permissions.hpp"
#include "core/i18n.hpp"
#include "storage/repositories.hpp"

namespace csibot::commands::handlers {
namespace {

bool is_here_flag(const token& t) {
  return !t.quoted && (t.text == "--here" || t.text == "—here");
}

}  // namespace

// `/csi digest [service] [period] [--here]`: the digest for the asker, or posted into the channel.
std::vector<core::outbound> digest(command_env& env) {
  // `--here` may stand anywhere; the rest is read like `stats` (service and period in any order).
  parsed_command rest = env.cmd;
  std::erase_if(rest.args, is_here_flag);
  const bool here = rest.args.size() != env.cmd.args.size();
  command_env scoped{env.in, rest, env.settings, env.catalog, env.db, env.talks, env.now, env.language};
  const auto sc = read_scope(scoped, 0);
  if (!sc.error.empty()) return {env.ephemeral_text(sc.error)};

  const auto services = sc.service ? std::vector<core::service>{*sc.service} : env.catalog;
  auto msg = digest_message(build_digest(env.db, env.settings, services, sc.period, env.language, env.now,
                                         [&env](const core::ref& owner) { return env.language_for(owner); }));
  // In a DM "here" is the asker's own conversation: nobody else reads it, so no permission is needed.
  if (!here || env.in.is_dm) return {env.ephemeral(std::move(msg))};

  const auto user = env.in.user_ref().str();
  std::vector<const core::service*> scope_services;
  if (sc.service) scope_services.push_back(sc.service);
  if (!may_manage(env.settings, scope_services, user)) {
    return {env.ephemeral_text(refusal(env.settings, scope_services,
                                       core::tr(env.language, "perm.action.post_digest"), env.language))};
  }
  storage::audit_repository{env.db}.append(
      {0, env.now, user, "digest.post", env.in.platform + ":" + env.in.channel,
       (sc.service ? sc.service->id : std::string{"*"}) + " " + sc.period.label});
  return {core::outbound{
      core::delivery::channel, env.in.platform, env.in.channel, env.in.user, {}, std::move(msg)}};
}

}  // namespace csibot::commands::handlers
