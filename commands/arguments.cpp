#include "commands/arguments.hpp"

#include <cctype>

#include "core/cron.hpp"
#include "core/i18n.hpp"
#include "core/markup.hpp"
#include "core/service.hpp"
#include "core/text.hpp"
#include "dialog/answers.hpp"

namespace csibot::commands {

const core::service* find_service_arg(const command_env& env, std::string_view typed, std::string& error) {
  // A list number is how the conversation picks services; as a command argument it would be a guess.
  if (const auto* exact = dialog::exact_service(env.catalog, typed)) return exact;
  const auto match = dialog::match_service(env.catalog, typed);
  const std::string shown = core::echo(typed, 60);
  error = match.suggestion ? core::tr(env.language, "cmd.no_service_suggest",
                                      {{"typed", shown},
                                       {"id", core::literal(match.suggestion->id)},
                                       {"name", core::markup_name(*match.suggestion)}})
                           : core::tr(env.language, "cmd.no_service", {{"typed", shown}});
  return nullptr;
}

std::optional<core::period> read_period(const command_env& env, std::string_view text) {
  return core::parse_period(text, env.now, core::find_time_zone(env.settings.bot.timezone));
}

scope read_scope(const command_env& env, std::size_t first_arg) {
  scope out;
  out.period = *read_period(env, "30d");
  bool have_period = false;
  for (std::size_t i = first_arg; i < env.cmd.args.size(); ++i) {
    const std::string& a = env.cmd.args[i].text;
    if (!have_period) {
      if (auto p = read_period(env, a)) {
        out.period = std::move(*p);
        have_period = true;
        continue;
      }
    }
    if (out.service == nullptr) {
      std::string error;
      out.service = find_service_arg(env, a, error);
      if (out.service != nullptr) continue;
      // Something that looks like a period but is not one gets the period hint instead.
      const bool period_like =
          !a.empty() && (std::isdigit(static_cast<unsigned char>(a[0])) || a.starts_with("since:"));
      out.error =
          period_like ? core::tr(env.language, "cmd.bad_period", {{"typed", core::echo(a, 60)}}) : error;
      return out;
    }
    out.error =
        have_period
            ? core::tr(env.language, "cmd.too_many_args",
                       {{"usage", env.settings.bot.command + " " + env.cmd.name + " [service] [period]"}})
            : core::tr(env.language, "cmd.bad_period", {{"typed", core::echo(a, 60)}});
    return out;
  }
  return out;
}

}  // namespace csibot::commands
