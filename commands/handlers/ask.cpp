// `/csi ask <service> [@user|#channel …]` (SPEC §8, §12): an owner or admin asks people for feedback
// now. The prompts are pulse prompts (feedback source "pulse") and go through the same policy.
#include <algorithm>

#include "commands/arguments.hpp"
#include "commands/audience.hpp"
#include "commands/handlers/handlers.hpp"
#include "commands/permissions.hpp"
#include "commands/pulse_runs.hpp"
#include "core/i18n.hpp"
#include "core/markup.hpp"
#include "core/service.hpp"
#include "core/text.hpp"
#include "storage/pulse_repository.hpp"
#include "storage/repositories.hpp"

namespace csibot::commands::handlers {
namespace {

std::vector<std::string> stored(const std::vector<target>& targets) {
  std::vector<std::string> out;
  for (const auto& t : targets)
    out.push_back(t.str());
  return out;
}

// The people and channels named after the service, or its customers when none are; "" when all
// could be read, else what to tell the person (a word that names nobody, or no audience at all).
std::string read_targets(const command_env& env, const core::service& svc, std::vector<target>& targets) {
  for (std::size_t i = 1; i < env.cmd.args.size(); ++i) {
    const auto& word = env.cmd.args[i].text;
    auto t = parse_ask_target(word, env.in.platform, env.in.mentions);
    if (!t) {
      const auto* key = unescaped_slack_name(word, env.in.platform) ? "ask.unescaped" : "ask.bad_target";
      return core::tr(env.language, key, {{"typed", core::echo(word, 60)}});
    }
    targets.push_back(std::move(*t));
  }
  if (targets.empty()) targets = customer_targets(svc);
  if (!targets.empty()) return {};
  return core::tr(
      env.language, "ask.no_audience",
      {{"service", core::markup_name(svc)}, {"id", svc.id}, {"command", env.settings.bot.command}});
}

// Takes the targets on platforms this bot does not run out of `targets` and returns them: nobody
// there can be reached from here, and counting them as "0 person(s)" read as if they were asked.
std::vector<target> take_unserved(const config::settings& settings, std::vector<target>& targets) {
  std::vector<target> unserved;
  std::erase_if(targets, [&](const target& t) {
    if (settings.serves(t.ref.platform)) return false;
    unserved.push_back(t);
    return true;
  });
  return unserved;
}

// "slack, mattermost": each platform once, in the order typed.
std::string platforms_of(const std::vector<target>& targets) {
  std::vector<std::string> seen;
  std::string out;
  for (const auto& t : targets) {
    if (std::find(seen.begin(), seen.end(), t.ref.platform) != seen.end()) continue;
    seen.push_back(t.ref.platform);
    out += (out.empty() ? "" : ", ") + t.ref.platform;
  }
  return core::literal(out);
}

std::string unserved_text(const command_env& env, std::string_view key, const std::vector<target>& unserved) {
  return core::tr(env.language, key,
                  {{"targets", core::literal(describe(unserved))}, {"platforms", platforms_of(unserved)}});
}

// Records the run (a pulse run of kind ask) and audits it; returns it with its id.
storage::pulse_run record_run(const command_env& env, const core::service& svc, const std::string& user,
                              const std::vector<target>& targets) {
  storage::pulse_run run;
  run.kind = storage::pulse_run_kind::ask;
  run.pulse = svc.id;
  run.service = svc.id;
  run.slot = env.now;
  run.state = storage::pulse_run_state::pending;
  run.audience = stored(targets);
  run.requested_by = user;
  run.started_at = env.now;
  run.id = *storage::pulse_repository{env.db}.add(run);
  storage::audit_repository{env.db}.append(
      {0, env.now, user, "prompts.ask", svc.id, run.prompt_tag() + " " + describe(targets)});
  return run;
}

// People only: the prompts are scheduled now, and the reply says how many.
core::outbound ask_people(command_env& env, const core::service& svc, const std::string& user,
                          const storage::pulse_run& run, const std::vector<target>& targets) {
  std::vector<std::string> people;
  for (const auto& t : targets)
    people.push_back(t.ref.str());
  const auto done = complete_ask(env.db, env.settings, run, std::move(people), env.now);
  core::message m;
  m.text = core::tr(env.language, "ask.done",
                    {{"user", core::literal(env.in.user_name.empty() ? user : env.in.user_name)},
                     {"service", core::markup_name(svc)},
                     {"scheduled", std::to_string(done ? done->scheduled : 0)},
                     {"members", std::to_string(done ? done->members : 0)}});
  m.text += " " + (done && done->held > 0
                       ? core::tr(env.language, "ask.held", {{"held", std::to_string(done->held)}})
                       : core::tr(env.language, "ask.none_held"));
  return env.ephemeral(std::move(m));
}

}  // namespace

std::vector<core::outbound> ask(command_env& env) {
  if (env.cmd.args.empty()) {
    return {env.ephemeral_text(
        core::tr(env.language, "cmd.usage",
                 {{"usage", env.settings.bot.command + " ask <service> [@user|#channel …]"}}))};
  }
  std::string error;
  const auto* svc = find_service_arg(env, env.cmd.arg(0), error);
  if (svc == nullptr) return {env.ephemeral_text(error)};
  const auto user = env.in.user_ref().str();
  if (!may_manage(env.settings, {svc}, user)) {
    return {env.ephemeral_text(
        refusal(env.settings, {svc}, core::tr(env.language, "perm.action.ask"), env.language))};
  }
  std::vector<target> targets;
  if (auto problem = read_targets(env, *svc, targets); !problem.empty())
    return {env.ephemeral_text(std::move(problem))};
  const auto unserved = take_unserved(env.settings, targets);
  if (targets.empty()) return {env.ephemeral_text(unserved_text(env, "ask.not_served", unserved))};
  const std::string left_out = unserved.empty() ? "" : " " + unserved_text(env, "ask.left_out", unserved);
  const auto run = record_run(env, *svc, user, targets);
  // Channels need the platform to list their members: the runtime does that and reports by DM.
  if (!only_users(targets)) {
    return {env.ephemeral_text(
        core::tr(env.language, "ask.looking_up",
                 {{"service", core::markup_name(*svc)}, {"targets", core::literal(describe(targets))}}) +
        left_out)};
  }
  auto reply = ask_people(env, *svc, user, run, targets);
  reply.body.text += left_out;
  return {std::move(reply)};
}

}  // namespace csibot::commands::handlers
