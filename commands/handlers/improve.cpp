// `/csi improve add|list|show|set|link` (SPEC §6, §8, §12): the CSI register. Anyone may read it;
// adding and changing an improvement needs an owner of its service or an admin. Every read runs the
// verification pass first, so that a verdict that has come due is what people see.
#include <algorithm>

#include "commands/arguments.hpp"
#include "commands/handlers/handlers.hpp"
#include "commands/handlers/improve_shared.hpp"
#include "commands/improve_args.hpp"
#include "commands/improvement_view.hpp"
#include "commands/improvements.hpp"
#include "commands/permissions.hpp"
#include "core/i18n.hpp"
#include "core/markup.hpp"
#include "core/service.hpp"
#include "core/text.hpp"
#include "insights/improvement_words.hpp"
#include "storage/improvement_repository.hpp"

namespace csibot::commands::handlers {
namespace {

// More than this in one list is a wall of text; the filters narrow it down.
constexpr std::size_t max_listed = 50;

std::string usage(const command_env& env) {
  return core::tr(env.language, "improve.usage", {{"command", env.settings.bot.command}});
}

std::string why_prompt(const command_env& env, const core::improvement& i) {
  const std::initializer_list<core::text_arg> args = {{"command", env.settings.bot.command},
                                                      {"id", std::to_string(i.id)}};
  if (!i.has_why()) return core::tr(env.language, "improve.add.ask_why", args);
  if (!i.business_function) return core::tr(env.language, "improve.add.ask_for", args);
  if (!i.expected_effect) return core::tr(env.language, "improve.add.ask_effect", args);
  return {};
}

std::string baseline_note(const command_env& env, const core::service& svc, const core::improvement& i) {
  std::string out = core::tr(
      env.language, "improve.add.baseline",
      {{"figures", insights::measurement_words(svc, i.baseline, env.settings.bot.min_group, env.language)}});
  if (i.baseline.n < env.settings.bot.min_group)
    out += " " + core::tr(env.language, "improve.add.small_baseline",
                          {{"min", std::to_string(env.settings.bot.min_group)}});
  return out;
}

// A `--for` or `--effect` part as kept (nullopt when not given or blank), noting when it was cut.
std::optional<std::string> kept_part(const command_env& env, const std::optional<std::string>& typed,
                                     std::string_view name, std::size_t max,
                                     std::vector<std::string>& notes) {
  if (!typed) return std::nullopt;
  auto kept = keep(*typed, max);
  if (kept.cut) notes.push_back(cut_note(env, "improve.cut." + std::string{name}, max));
  if (kept.text.empty()) return std::nullopt;
  return std::move(kept.text);
}

std::vector<core::outbound> add(command_env& env) {
  const auto& lang = env.language;
  if (env.cmd.args.size() < 3) return {env.ephemeral_text(usage(env))};
  std::string error;
  const auto* svc = find_service_arg(env, env.cmd.arg(1), error);
  if (svc == nullptr) return {env.ephemeral_text(error)};
  if (auto refused = improve_refusal(env, svc->id); !refused.empty()) return {env.ephemeral_text(refused)};
  const auto words = read_add_words(env.cmd, 2);
  if (!words.empty_flag.empty())
    return {env.ephemeral_text(
        core::tr(lang, "improve.flag_empty", {{"flag", core::echo(words.empty_flag, 20)}}))};
  const auto title = keep(words.title, core::max_improvement_title_chars);
  if (title.text.empty()) return {env.ephemeral_text(usage(env))};

  std::vector<std::string> notes;
  if (title.cut) notes.push_back(cut_note(env, "improve.cut.title", core::max_improvement_title_chars));
  core::improvement i;
  i.service = svc->id;
  i.title = title.text;
  i.business_function =
      kept_part(env, words.business_function, "for", core::max_improvement_label_chars, notes);
  i.expected_effect =
      kept_part(env, words.expected_effect, "effect", core::max_improvement_text_chars, notes);
  i.created_by = env.in.user_ref().str();
  i.created_at = i.updated_at = env.now;
  i.baseline = measure(env.db, *svc, {env.now - baseline_length, env.now, {}});
  i.id = storage::improvement_repository{env.db}.add(i);
  record_move(env.db, i, {i.id, env.now, i.created_by, i.state, false}, "improvement.add",
              svc->id + ": " + i.title);

  std::string text = core::tr(lang, "improve.add.done",
                              {{"id", std::to_string(i.id)},
                               {"service", core::markup_name(*svc)},
                               {"title", core::literal(i.title)}});
  text += "\n" + baseline_note(env, *svc, i);
  if (const auto note = function_note(env, *svc, i); !note.empty()) text += "\n" + note;
  for (const auto& n : notes)
    text += "\n" + n;
  if (const auto ask = why_prompt(env, i); !ask.empty()) text += "\n" + ask;
  return {env.ephemeral_text(std::move(text))};
}

struct list_filter {
  const core::service* service = nullptr;
  std::optional<core::improvement_state> state;
  bool open_only = false;
  std::string error;
};

// `[service] [state]` in any order; `open` stands for proposed, approved and in progress.
list_filter read_filter(const command_env& env) {
  list_filter f;
  std::vector<std::string> state_names{"open"};
  for (const auto s : core::all_improvement_states())
    state_names.emplace_back(core::to_string(s));
  for (std::size_t k = 1; k < env.cmd.args.size() && f.error.empty(); ++k) {
    const auto typed = env.cmd.arg(k);
    const bool have_state = f.state || f.open_only;
    if (!have_state && core::ascii_lower(typed) == "open") {
      f.open_only = true;
    } else if (const auto s = core::parse_improvement_state(typed); s && !have_state) {
      f.state = s;
    } else if (f.service == nullptr) {
      f.service = find_service_arg(env, typed, f.error);
      // A typo of a state reads better as one than as an unknown service.
      if (const auto near = core::closest(typed, state_names); f.service == nullptr && near && !have_state)
        f.error = core::tr(env.language, "improve.list.state_suggest",
                           {{"typed", core::echo(typed, 40)}, {"state", *near}});
    } else {
      f.error = core::tr(env.language, "cmd.too_many_args",
                         {{"usage", env.settings.bot.command + " improve list [service] [state]"}});
    }
  }
  return f;
}

std::vector<core::outbound> list(command_env& env) {
  const auto& lang = env.language;
  const auto f = read_filter(env);
  if (!f.error.empty()) return {env.ephemeral_text(f.error)};
  auto items = storage::improvement_repository{env.db}.list(
      f.service ? std::optional<std::string_view>{f.service->id} : std::nullopt);
  std::erase_if(items, [&](const core::improvement& i) {
    return (f.state && i.state != *f.state) || (f.open_only && !core::is_open(i.state));
  });
  std::stable_sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
    return core::listing_rank(a.state) < core::listing_rank(b.state);
  });
  core::message m;
  m.header = f.service
                 ? core::tr(lang, "improve.list.header_service", {{"service", core::markup_name(*f.service)}})
                 : core::tr(lang, "improve.list.header");
  if (items.empty()) {
    const bool filtered = f.service || f.state || f.open_only;
    m.text = core::tr(lang, filtered ? "improve.list.none_filtered" : "improve.list.none",
                      {{"command", env.settings.bot.command}});
    return {env.ephemeral(std::move(m))};
  }
  for (std::size_t k = 0; k < items.size() && k < max_listed; ++k)
    m.text += (k == 0 ? "" : "\n") + list_line(env, items[k]);
  if (items.size() > max_listed)
    m.text +=
        "\n" + core::tr(lang, "improve.list.more", {{"count", std::to_string(items.size() - max_listed)}});
  m.context = core::tr(lang, "improve.list.context", {{"command", env.settings.bot.command}});
  return {env.ephemeral(std::move(m))};
}

std::vector<core::outbound> show(command_env& env) {
  std::string error;
  const auto i = find_improvement_arg(env, 1, error);
  if (!i) return {env.ephemeral_text(error)};
  return {env.ephemeral(show_message(env, *i))};
}

}  // namespace

std::string improve_refusal(const command_env& env, const std::string& service_id) {
  const auto* svc = env.service(service_id);
  // The service left the catalog: its owners are unknown, so only an admin may change its register.
  std::vector<const core::service*> scope;
  if (svc != nullptr) scope.push_back(svc);
  if (svc != nullptr ? may_manage(env.settings, scope, env.in.user_ref().str())
                     : is_admin(env.settings, env.in.user_ref().str()))
    return {};
  return refusal(env.settings, scope, core::tr(env.language, "perm.action.improve"), env.language);
}

std::string cut_note(const command_env& env, std::string_view key, std::size_t max) {
  return core::tr(env.language, key, {{"max", std::to_string(max)}});
}

std::string function_note(const command_env& env, const core::service& svc, const core::improvement& i) {
  if (!i.business_function || svc.business_functions.empty()) return {};
  const auto typed = core::ascii_lower(*i.business_function);
  for (const auto& f : svc.business_functions)
    if (core::ascii_lower(f) == typed) return {};
  std::string known;
  for (const auto& f : svc.business_functions)
    known += (known.empty() ? "" : ", ") + core::literal(f);
  return core::tr(env.language, "improve.add.other_function",
                  {{"function", core::literal(*i.business_function)},
                   {"service", core::markup_name(svc)},
                   {"functions", known}});
}

std::vector<core::outbound> improve(command_env& env) {
  const auto verb = core::ascii_lower(env.cmd.arg(0));
  static const std::vector<std::string> verbs{"add", "list", "show", "set", "link"};
  if (std::find(verbs.begin(), verbs.end(), verb) == verbs.end()) {
    if (const auto near = core::closest(verb, verbs); near && !verb.empty()) {
      return {env.ephemeral_text(core::tr(
          env.language, "improve.unknown_verb",
          {{"typed", core::echo(verb, 40)}, {"command", env.settings.bot.command}, {"suggestion", *near}}))};
    }
    return {env.ephemeral_text(usage(env))};
  }
  check_improvements(env.db, env.settings, env.catalog, env.now,
                     [&env](const core::ref& owner) { return env.language_for(owner); });
  if (verb == "add") return add(env);
  if (verb == "list") return list(env);
  if (verb == "show") return show(env);
  if (verb == "set") return improve_set(env);
  return improve_link(env);
}

}  // namespace csibot::commands::handlers
