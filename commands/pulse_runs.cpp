#include "commands/pulse_runs.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "commands/prompt_people.hpp"
#include "core/i18n.hpp"
#include "core/markup.hpp"
#include "dialog/prompt_policy.hpp"
#include "dialog/pulse_plan.hpp"
#include "storage/prompt_repository.hpp"

namespace csibot::commands {
namespace {

std::vector<std::string> deduplicated(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

}  // namespace

std::string pulse_key(const config::pulse_settings& p) {
  // Unit separators cannot occur in validated config values, so the fields cannot blur.
  std::string key = p.service + '\x1f' + p.schedule + '\x1f';
  for (const auto& a : deduplicated(p.audience))
    key += a + ',';
  return key + '\x1f' + fmt::format("{:g}", p.sample) + '\x1f' + core::format_duration(p.spread);
}

std::vector<target> customer_targets(const core::service& svc) {
  std::vector<target> out;
  for (const auto& c : svc.customers)
    if (auto r = core::parse_ref(c)) out.push_back({target_kind::any, std::move(*r)});
  return out;
}

std::vector<target> pulse_targets(const config::pulse_settings& p,
                                  const std::vector<core::service>& catalog) {
  if (p.audience.empty()) {
    const auto* svc = core::find_service(catalog, p.service);
    return svc == nullptr ? std::vector<target>{} : customer_targets(*svc);
  }
  std::vector<target> out;
  for (const auto& a : p.audience)
    if (auto r = core::parse_ref(a)) out.push_back({target_kind::any, std::move(*r)});
  return out;
}

run_counts schedule_run(storage::database& db, const config::settings& settings,
                        const storage::pulse_run& run, const std::vector<std::string>& people,
                        const std::vector<core::timestamp>& due, core::timestamp now) {
  storage::prompt_repository prompts{db};
  run_counts counts;
  const auto tag = run.prompt_tag();
  for (std::size_t i = 0; i < people.size(); ++i) {
    storage::prompt_row row;
    row.user = people[i];
    row.service = run.service;
    row.kind = core::prompt_kind::pulse;
    row.pulse = tag;
    row.due_at = i < due.size() ? due[i] : now;
    row.created_at = now;
    const auto scheduled = prompts.schedule(row);
    if (!scheduled.created) continue;
    ++counts.scheduled;
    // A prompt about this service still waiting to go out (an ask a minute ago) goes first, and
    // then this one falls in its cooldown: the sender would skip it, so the report counts it held.
    if (const auto first = prompts.other_pending_due(row.user, row.service, scheduled.id);
        first && *first <= row.due_at) {
      ++counts.held;
      continue;
    }
    // An estimate for the report: the sender decides again when it is due, with the person's zone.
    dialog::prompt_request rq;
    rq.user = row.user;
    rq.service = row.service;
    rq.kind = core::prompt_kind::pulse;
    rq.pulse_started_at = now;
    const auto at = std::max(row.due_at, now);
    const auto d = dialog::decide_prompt(rq, load_person(db, settings, row.user, {}, at), settings.policy,
                                         settings.bot.timezone, at);
    if (d.verdict != dialog::prompt_verdict::ask) ++counts.held;
  }
  return counts;
}

std::optional<storage::pulse_run> run_pulse(storage::database& db, const config::settings& settings,
                                            const config::pulse_settings& p, core::timestamp slot,
                                            std::vector<std::string> members, core::timestamp now) {
  members = deduplicated(std::move(members));
  storage::pulse_run run;
  run.kind = storage::pulse_run_kind::pulse;
  run.pulse = pulse_key(p);
  run.service = p.service;
  run.slot = slot;
  run.state = storage::pulse_run_state::done;
  run.members = static_cast<std::int64_t>(members.size());
  run.started_at = now;
  storage::pulse_repository runs{db};
  const auto id = runs.add(run);
  if (!id) return std::nullopt;  // this slot ran already (before a restart)
  run.id = *id;
  // The seed is the run's slot: the same slot picks the same people, the next slot others.
  const auto people =
      dialog::sample_audience(std::move(members), p.sample, run.pulse + '\x1f' + core::to_iso8601(slot));
  const auto due = dialog::spread_times(
      people.size(), now, dialog::window_end(now, p.spread, settings.policy, settings.bot.timezone));
  const auto counts = schedule_run(db, settings, run, people, due, now);
  run.scheduled = counts.scheduled;
  run.held = counts.held;
  runs.set_counts(run.id, run.members, run.scheduled, run.held);
  return run;
}

std::optional<storage::pulse_run> complete_ask(storage::database& db, const config::settings& settings,
                                               storage::pulse_run run, std::vector<std::string> members,
                                               core::timestamp now) {
  members = deduplicated(std::move(members));
  const std::vector<core::timestamp> due(members.size(), now);
  const auto counts = schedule_run(db, settings, run, members, due, now);
  if (!storage::pulse_repository{db}.finish(run.id, static_cast<std::int64_t>(members.size()),
                                            counts.scheduled, counts.held)) {
    return std::nullopt;
  }
  run.state = storage::pulse_run_state::done;
  run.members = static_cast<std::int64_t>(members.size());
  run.scheduled = counts.scheduled;
  run.held = counts.held;
  return run;
}

core::message ask_report(const storage::pulse_run& run, const core::service& svc,
                         const config::settings& settings, const std::string& language) {
  std::vector<target> targets;
  for (const auto& a : run.audience)
    if (auto t = parse_stored_target(a)) targets.push_back(std::move(*t));
  core::message m;
  m.text = core::tr(language, "ask.report",
                    {{"command", settings.bot.command},
                     {"id", svc.id},
                     {"members", std::to_string(run.members)},
                     {"targets", core::literal(describe(targets))},
                     {"scheduled", std::to_string(run.scheduled)}});
  m.text += " " + (run.held > 0 ? core::tr(language, "ask.held", {{"held", std::to_string(run.held)}})
                                : core::tr(language, "ask.none_held"));
  return m;
}

}  // namespace csibot::commands
