// `/csi improve set …` and `/csi improve link …` (SPEC §6): an owner of the service or an admin moves
// an improvement along its states, fills in its why, or links the feedback it answers. Every change
// is audited; state moves are also kept in the improvement's history, which digests report. Moving to
// done tells the people whose linked feedback it answers (commands/report_back.hpp).
#include <iterator>

#include "commands/handlers/improve_shared.hpp"
#include "commands/improve_args.hpp"
#include "commands/improvement_view.hpp"
#include "commands/improvements.hpp"
#include "commands/report_back.hpp"
#include "core/cron.hpp"
#include "core/i18n.hpp"
#include "core/markup.hpp"
#include "core/service.hpp"
#include "core/text.hpp"
#include "insights/improvement_words.hpp"
#include "insights/verification.hpp"
#include "storage/improvement_repository.hpp"
#include "storage/repositories.hpp"

namespace csibot::commands::handlers {
namespace {

// One command may link this many feedback numbers; more is a paste gone wrong.
constexpr std::size_t max_links = 100;

std::string set_usage(const command_env& env) {
  return core::tr(env.language, "improve.set.usage", {{"command", env.settings.bot.command}});
}

std::string link_usage(const command_env& env) {
  return core::tr(env.language, "improve.link.usage", {{"command", env.settings.bot.command}});
}

std::string state_list(const std::vector<core::improvement_state>& states) {
  std::string out;
  for (const auto s : states)
    out += (out.empty() ? "" : ", ") + std::string{"`"} + std::string{core::to_string(s)} + "`";
  return out;
}

void audit(command_env& env, const core::improvement& i, std::string_view action, std::string detail) {
  storage::audit_repository{env.db}.append({0, env.now, env.in.user_ref().str(), std::string{action},
                                            "#" + std::to_string(i.id), std::move(detail)});
}

// How many people the done improvement's report reached; their names only when every answer was
// identified. "" when no feedback is linked: nobody was there to tell.
std::string told_note(const command_env& env, const core::improvement& i, const report_back& report) {
  if (i.feedback_ids.empty()) return {};
  if (report.told == 0) return core::tr(env.language, "reportback.told_none");
  std::string names;
  for (const auto& n : report.names)
    names += (names.empty() ? "" : ", ") + core::literal(n);
  return core::tr(env.language, names.empty() ? "reportback.told" : "reportback.told_named",
                  {{"count", std::to_string(report.told)}, {"people", names}});
}

// Why `to` cannot follow `i`'s state, naming the states that can; "" when it can.
std::string refused_move(const command_env& env, const core::improvement& i, core::improvement_state to) {
  const std::initializer_list<core::text_arg> args = {{"id", std::to_string(i.id)},
                                                      {"state", insights::state_words(i.state, env.language)},
                                                      {"next", state_list(core::next_states(i.state))}};
  if (to == i.state) return core::tr(env.language, "improve.set.same_state", args);
  if (to == core::improvement_state::verified) return core::tr(env.language, "improve.set.verified_auto");
  if (core::next_states(i.state).empty()) return core::tr(env.language, "improve.set.final", args);
  if (!core::may_move(i.state, to)) return core::tr(env.language, "improve.set.not_allowed", args);
  return {};
}

std::vector<core::outbound> set_state(command_env& env, core::improvement i, const std::string& typed) {
  const auto& lang = env.language;
  const auto to = core::parse_improvement_state(typed);
  if (!to) {
    std::vector<std::string> names;
    for (const auto s : core::all_improvement_states())
      names.emplace_back(core::to_string(s));
    std::string text =
        core::tr(lang, "improve.set.bad_state",
                 {{"typed", core::echo(typed, 40)}, {"states", state_list(core::all_improvement_states())}});
    if (const auto close = core::closest(typed, names))
      text += " " + core::tr(lang, "improve.set.state_suggest", {{"state", *close}});
    return {env.ephemeral_text(text)};
  }
  if (auto why = refused_move(env, i, *to); !why.empty()) return {env.ephemeral_text(why)};
  i.state = *to;
  i.updated_at = env.now;
  std::string text = core::tr(lang, "improve.set.state_done",
                              {{"id", std::to_string(i.id)},
                               {"title", core::literal(i.title)},
                               {"state", insights::state_words(*to, lang)}});
  if (*to == core::improvement_state::done) {
    // The after-period starts now; verification is the figures' job from here on.
    i.done_at = env.now;
    i.verification = core::verification::pending;
    i.after.reset();
    i.checked_at.reset();
    text +=
        "\n" + core::tr(lang, "improve.set.done_note",
                        {{"period", core::format_duration(std::chrono::duration_cast<core::milliseconds>(
                                        i.baseline.to - i.baseline.from))},
                         {"date", core::local_date_text(insights::after_period(env.now, i.baseline).to,
                                                        core::find_time_zone(env.settings.bot.timezone))}});
  }
  storage::improvement_repository{env.db}.update(i);
  record_move(env.db, i, {i.id, env.now, env.in.user_ref().str(), i.state, false}, "improvement.set",
              "state = " + std::string{core::to_string(i.state)});
  if (*to != core::improvement_state::done) return {env.ephemeral_text(std::move(text))};
  // "You said … — we did …" (SPEC §6): done is final, so each person hears it once per improvement.
  auto report = tell_linked_people(env.db, env.settings, env.service(i.service), i, env.now,
                                   [&env](const core::ref& person) { return env.language_for(person); });
  if (const auto note = told_note(env, i, report); !note.empty()) text += "\n" + note;
  std::vector<core::outbound> out{env.ephemeral_text(std::move(text))};
  std::move(report.messages.begin(), report.messages.end(), std::back_inserter(out));
  return out;
}

std::vector<core::outbound> set_text(command_env& env, core::improvement i, const std::string& field) {
  const auto& lang = env.language;
  const bool is_title = field == "title";
  const bool is_effect = field == "effect";
  const std::size_t max = is_title    ? core::max_improvement_title_chars
                          : is_effect ? core::max_improvement_text_chars
                                      : core::max_improvement_label_chars;
  const auto value = keep(env.cmd.rest(3), max);
  if (value.text.empty()) return {env.ephemeral_text(set_usage(env))};
  if (is_title) {
    i.title = value.text;
  } else {
    (is_effect ? i.expected_effect : i.business_function) = value.text;
  }
  i.updated_at = env.now;
  storage::improvement_repository{env.db}.update(i);
  audit(env, i, "improvement.set", field + " = " + value.text);
  std::string text =
      core::tr(lang, "improve.set.text_done",
               {{"id", std::to_string(i.id)}, {"field", core::tr(lang, "improve.field." + field)}});
  if (value.cut) text += "\n" + cut_note(env, "improve.cut." + field, max);
  const auto* svc = env.service(i.service);
  if (field == "for" && svc != nullptr) {
    if (const auto note = function_note(env, *svc, i); !note.empty()) text += "\n" + note;
  }
  return {env.ephemeral_text(std::move(text))};
}

// Every number must be feedback about the improvement's own service, or nothing is linked.
std::string bad_link(const command_env& env, const core::improvement& i,
                     const std::vector<std::int64_t>& ids) {
  const storage::feedback_repository feedback{env.db};
  for (const auto id : ids) {
    const auto f = feedback.find(id);
    if (!f) return core::tr(env.language, "improve.link.no_feedback", {{"id", std::to_string(id)}});
    if (f->service != i.service) {
      const auto* theirs = env.service(f->service);
      return core::tr(env.language, "improve.link.other_service",
                      {{"id", std::to_string(id)},
                       {"service", core::markup_name(service_of(env, i))},
                       {"other", theirs ? core::markup_name(*theirs) : core::literal(f->service)}});
    }
  }
  return {};
}

std::vector<core::outbound> link_feedback(command_env& env, const core::improvement& i) {
  const auto numbers = read_numbers(env.cmd, 3);
  if (!numbers.bad.empty())
    return {env.ephemeral_text(
        core::tr(env.language, "improve.link.bad_number", {{"typed", core::echo(numbers.bad, 40)}}))};
  if (numbers.ids.empty()) return {env.ephemeral_text(link_usage(env))};
  if (numbers.ids.size() > max_links)
    return {env.ephemeral_text(
        core::tr(env.language, "improve.link.too_many", {{"max", std::to_string(max_links)}}))};
  if (auto why = bad_link(env, i, numbers.ids); !why.empty()) return {env.ephemeral_text(why)};
  const auto added = storage::improvement_repository{env.db}.link_feedback(i.id, numbers.ids);
  std::string ids;
  for (const auto id : numbers.ids)
    ids += (ids.empty() ? "#" : ", #") + std::to_string(id);
  audit(env, i, "improvement.link", "feedback " + ids);
  return {env.ephemeral_text(
      core::tr(env.language, "improve.link.feedback_done",
               {{"id", std::to_string(i.id)}, {"count", std::to_string(added)}, {"ids", ids}}))};
}

std::vector<core::outbound> link_theme(command_env& env, core::improvement i) {
  const auto theme = keep(env.cmd.rest(3), core::max_improvement_label_chars);
  if (theme.text.empty()) return {env.ephemeral_text(link_usage(env))};
  i.theme = theme.text;
  i.updated_at = env.now;
  storage::improvement_repository{env.db}.update(i);
  audit(env, i, "improvement.link", "theme " + theme.text);
  return {env.ephemeral_text(core::tr(env.language, "improve.link.theme_done",
                                      {{"id", std::to_string(i.id)}, {"theme", core::literal(theme.text)}}))};
}

}  // namespace

std::vector<core::outbound> improve_set(command_env& env) {
  std::string error;
  auto i = find_improvement_arg(env, 1, error);
  if (!i) return {env.ephemeral_text(env.cmd.args.size() < 2 ? set_usage(env) : error)};
  if (auto refused = improve_refusal(env, i->service); !refused.empty()) return {env.ephemeral_text(refused)};
  const auto field = core::ascii_lower(env.cmd.arg(2));
  if (env.cmd.args.size() < 4) return {env.ephemeral_text(set_usage(env))};
  // The rest of the line: "in progress" is two words as people (and the bot's replies) write it.
  if (field == "state") return set_state(env, std::move(*i), env.cmd.rest(3));
  if (field == "for" || field == "effect" || field == "title") return set_text(env, std::move(*i), field);
  return {env.ephemeral_text(
      core::tr(env.language, "improve.set.unknown_field", {{"typed", core::echo(field, 40)}}))};
}

std::vector<core::outbound> improve_link(command_env& env) {
  std::string error;
  const auto i = find_improvement_arg(env, 1, error);
  if (!i) return {env.ephemeral_text(env.cmd.args.size() < 2 ? link_usage(env) : error)};
  if (auto refused = improve_refusal(env, i->service); !refused.empty()) return {env.ephemeral_text(refused)};
  const auto kind = core::ascii_lower(env.cmd.arg(2));
  if (env.cmd.args.size() < 4) return {env.ephemeral_text(link_usage(env))};
  if (kind == "feedback") return link_feedback(env, *i);
  if (kind == "theme") return link_theme(env, *i);
  return {env.ephemeral_text(link_usage(env))};
}

}  // namespace csibot::commands::handlers
