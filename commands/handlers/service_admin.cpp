// `/csi service add|set|remove` (SPEC §2, §8): the catalog changed at run time by admins, and by
// owners for their own services. Changes persist in the database (csibot catalog export shows
// them) and are audited. A service from the config file may be edited here until its entry in the
// file is edited (the file wins then, storage::service_repository::sync_from_config), but not
// removed: the next start would bring it back.
#include <fmt/format.h>

#include <charconv>

#include "commands/arguments.hpp"
#include "commands/handlers/handlers.hpp"
#include "commands/permissions.hpp"
#include "core/i18n.hpp"
#include "core/markup.hpp"
#include "core/ref.hpp"
#include "core/scale.hpp"
#include "core/service.hpp"
#include "core/text.hpp"
#include "storage/repositories.hpp"

namespace csibot::commands::handlers {
namespace {

// A name is a heading in lists, tables and digests: add and set keep the same length of it.
constexpr std::size_t max_name_chars = 200;
// Descriptions and lists: long enough for any honest value, short enough for a chat message.
constexpr std::size_t max_value_chars = 2000;

std::string usage(const command_env& env) {
  return core::tr(env.language, "service.admin.usage", {{"command", env.settings.bot.command}});
}

// "a, b c" → {"a", "b", "c"}: lists may be typed with commas, spaces or both.
std::vector<std::string> list_of(std::string_view text) {
  std::vector<std::string> out;
  std::string item;
  for (const char c : text) {
    if (c == ',' || c == ' ') {
      if (!item.empty()) out.push_back(std::exchange(item, {}));
    } else {
      item += c;
    }
  }
  if (!item.empty()) out.push_back(item);
  return out;
}

// Business functions are phrases ("field sales"), so only commas separate them.
std::vector<std::string> phrases_of(std::string_view text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const auto end = std::min(text.find(',', pos), text.size());
    auto item = core::trim(text.substr(pos, end - pos));
    if (!item.empty()) out.emplace_back(item);
    pos = end + 1;
  }
  return out;
}

// The items of a list field: `none` empties it, as for the target. Nothing at all (or only commas) is
// refused: "service set vpn owners" with the list left off is a slip far more often than a wish, and
// emptying owners hands the service to the admins alone. "" on success, else why.
std::string read_list(const command_env& env, const core::service& s, std::string_view field,
                      const std::string& value, std::vector<std::string>& items) {
  if (core::ascii_lower(value) == "none") {
    items.clear();
    return {};
  }
  // Business functions are phrases ("field sales"); the other lists are single words.
  items = field == "business_functions" ? phrases_of(value) : list_of(value);
  if (!items.empty()) return {};
  return core::tr(env.language, "service.set.empty_list",
                  {{"field", std::string{field}}, {"command", env.settings.bot.command}, {"id", s.id}});
}

// Applies `value` to `field` of `s`; "" on success, else why the value was refused.
std::string set_field(const command_env& env, core::service& s, std::string_view field,
                      const std::string& value) {
  const auto& lang = env.language;
  if (field == "name") {
    if (value.empty()) return core::tr(lang, "service.set.empty");
    s.name = value;
  } else if (field == "description") {
    s.description = value;
  } else if (field == "purpose") {
    s.purpose = value;
  } else if (field == "criticality") {
    const auto c = core::parse_criticality(core::ascii_lower(value));
    if (!c) return core::tr(lang, "service.set.criticality");
    s.criticality = *c;
  } else if (field == "business_functions" || field == "tags") {
    std::vector<std::string> items;
    if (auto bad = read_list(env, s, field, value, items); !bad.empty()) return bad;
    (field == "tags" ? s.tags : s.business_functions) = std::move(items);
  } else if (field == "owners" || field == "customers") {
    std::vector<std::string> refs;
    if (auto bad = read_list(env, s, field, value, refs); !bad.empty()) return bad;
    for (const auto& r : refs)
      if (!core::parse_ref(r)) return core::tr(lang, "service.set.ref", {{"typed", core::echo(r, 60)}});
    (field == "owners" ? s.owners : s.customers) = std::move(refs);
  } else if (field == "scale") {
    const auto sc = core::parse_scale(core::ascii_lower(value));
    if (!sc) return core::tr(lang, "service.set.scale");
    // A target is a number on the old scale, meaningless on another (90 % CSAT is no NPS of 90).
    if (*sc != s.scale) s.target.reset();
    s.scale = *sc;
  } else if (field == "anonymity") {
    const auto a = core::parse_anonymity(core::ascii_lower(value));
    if (!a) return core::tr(lang, "service.set.anonymity");
    s.anonymity = *a;
  } else if (field == "target") {
    if (core::ascii_lower(value) == "none") {
      s.target.reset();
      return {};
    }
    double t = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), t);
    if (ec != std::errc{} || end != value.data() + value.size() || !core::is_valid_target(s.scale, t))
      return core::tr(lang, s.scale == core::scale::nps10 ? "service.set.target_nps" : "service.set.target");
    s.target = t;
  } else {
    return {};  // not reached: the caller checked the field
  }
  return {};
}

bool settable(std::string_view field) {
  for (const char* f : {"name", "description", "purpose", "criticality", "business_functions", "owners",
                        "customers", "target", "tags", "scale", "anonymity"})
    if (field == f) return true;
  return false;
}

void audit(command_env& env, std::string_view action, const std::string& id, std::string detail) {
  storage::audit_repository{env.db}.append(
      {0, env.now, env.in.user_ref().str(), std::string{action}, id, std::move(detail)});
}

// The service that argument 1 names, when the person may manage it (its owners, admins); otherwise
// nullptr, with `why` saying what was wrong or who may.
const core::service* managed_service(const command_env& env, std::string_view action_key, std::string& why) {
  const auto* svc = find_service_arg(env, env.cmd.arg(1), why);
  if (svc == nullptr) return nullptr;
  if (!may_manage(env.settings, {svc}, env.in.user_ref().str())) {
    why = refusal(env.settings, {svc}, core::tr(env.language, action_key), env.language);
    return nullptr;
  }
  return svc;
}

std::string name_cut(const std::string& lang) {
  return core::tr(lang, "service.name_cut", {{"max", std::to_string(max_name_chars)}});
}

std::vector<core::outbound> add(command_env& env) {
  const auto user = env.in.user_ref().str();
  const auto& lang = env.language;
  if (!is_admin(env.settings, user))
    return {env.ephemeral_text(refusal(env.settings, {}, core::tr(lang, "perm.action.add_service"), lang))};
  const auto id = env.cmd.arg(1);
  const auto name = env.cmd.rest(2);
  if (id.empty() || name.empty()) return {env.ephemeral_text(usage(env))};
  const auto shown_id = core::echo(id, 64);
  if (!core::is_valid_service_id(id))
    return {env.ephemeral_text(core::tr(lang, "service.add.bad_id", {{"id", shown_id}}))};
  storage::service_repository repo{env.db};
  if (const auto existing = repo.find(id))
    return {env.ephemeral_text(
        core::tr(lang, "service.add.exists", {{"id", id}, {"name", core::markup_name(*existing)}}))};
  core::service s;
  s.id = id;
  const auto capped = core::cap_chars(core::sanitize(name), max_name_chars);
  s.name = capped.text;
  repo.upsert(s, env.now);
  audit(env, "service.add", id, s.name);
  env.catalog_changed = true;
  std::string text =
      core::tr(lang, "service.add.done",
               {{"id", id}, {"name", core::markup_name(s)}, {"command", env.settings.bot.command}});
  if (capped.truncated) text += " " + name_cut(lang);
  return {env.ephemeral_text(std::move(text))};
}

std::vector<core::outbound> set(command_env& env) {
  const auto& lang = env.language;
  const auto field = core::ascii_lower(env.cmd.arg(2));
  if (env.cmd.args.size() < 3) return {env.ephemeral_text(usage(env))};
  std::string why;
  const auto* svc = managed_service(env, "perm.action.set_service", why);
  if (svc == nullptr) return {env.ephemeral_text(why)};
  if (field == "id") return {env.ephemeral_text(core::tr(lang, "service.set.fixed", {{"field", field}}))};
  if (field == "scale" || field == "anonymity") {
    // Answers are given under the scale and the promise they were asked with: once one is stored
    // neither may change, and a config service's come from the file (the next start would undo it).
    if (storage::service_repository{env.db}.from_config(svc->id))
      return {env.ephemeral_text(core::tr(lang, "service.set.fixed", {{"field", field}}))};
    if (storage::feedback_repository{env.db}.any_for(svc->id))
      return {env.ephemeral_text(
          core::tr(lang, "service.set.answered", {{"field", field}, {"name", core::markup_name(*svc)}}))};
  }
  if (field == "digest_channel")
    return {env.ephemeral_text(
        core::tr(lang, "service.set.digest_channel", {{"command", env.settings.bot.command}}))};
  if (!settable(field))
    return {
        env.ephemeral_text(core::tr(lang, "service.set.unknown_field", {{"typed", core::echo(field, 40)}}))};
  const auto capped =
      core::cap_chars(core::sanitize(env.cmd.rest(3)), field == "name" ? max_name_chars : max_value_chars);
  const auto& value = capped.text;
  core::service changed = *svc;
  if (const auto bad = set_field(env, changed, field, value); !bad.empty()) return {env.ephemeral_text(bad)};
  storage::service_repository repo{env.db};
  repo.upsert(changed, env.now);
  audit(env, "service.set", changed.id, field + " = " + value);
  env.catalog_changed = true;
  std::string text = core::tr(lang, "service.set.done",
                              {{"id", changed.id}, {"name", core::markup_name(changed)}, {"field", field}});
  if (svc->target && !changed.target && field == "scale")
    text += " " + core::tr(lang, "service.set.target_dropped",
                           {{"target", fmt::format("{:g}", *svc->target)},
                            {"command", env.settings.bot.command},
                            {"id", changed.id}});
  if (field == "name" && capped.truncated) text += " " + name_cut(lang);
  if (field == "owners" && changed.owners.empty())
    text += " " + core::tr(lang, "service.set.no_owners", {{"name", core::markup_name(changed)}});
  if (repo.from_config(changed.id)) text += " " + core::tr(lang, "service.set.from_config");
  return {env.ephemeral_text(std::move(text))};
}

std::vector<core::outbound> remove(command_env& env) {
  const auto& lang = env.language;
  if (env.cmd.args.size() < 2) return {env.ephemeral_text(usage(env))};
  std::string why;
  const auto* svc = managed_service(env, "perm.action.remove_service", why);
  if (svc == nullptr) return {env.ephemeral_text(why)};
  storage::service_repository repo{env.db};
  const auto id = svc->id;
  const auto name = svc->name;
  const auto shown = core::markup_name(*svc);
  if (repo.from_config(id))
    return {env.ephemeral_text(core::tr(lang, "service.remove.from_config", {{"id", id}, {"name", shown}}))};
  repo.remove(id);
  audit(env, "service.remove", id, name);
  env.catalog_changed = true;
  return {env.ephemeral_text(core::tr(lang, "service.remove.done", {{"id", id}, {"name", shown}}))};
}

}  // namespace

std::vector<core::outbound> service_admin(command_env& env) {
  const auto verb = core::ascii_lower(env.cmd.arg(0));
  if (verb == "add") return add(env);
  if (verb == "set") return set(env);
  return remove(env);
}

bool is_service_admin(const command_env& env) {
  const auto verb = core::ascii_lower(env.cmd.arg(0));
  return verb == "add" || verb == "set" || verb == "remove";
}

}  // namespace csibot::commands::handlers
