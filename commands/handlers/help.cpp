#include "commands/handlers/handlers.hpp"
#include "commands/registry.hpp"
#include "core/i18n.hpp"
#include "core/markup.hpp"
#include "core/text.hpp"

namespace csibot::commands::handlers {

namespace {
std::string usage_line(const command_env& env, const command_spec& c) {
  std::string line = env.settings.bot.command + " " + std::string{c.name};
  if (!c.usage.empty()) line += " " + std::string{c.usage};
  return line;
}
}  // namespace

std::vector<core::outbound> help(command_env& env) {
  const auto& lang = env.language;
  core::message m;
  if (const auto* one = find_command(core::ascii_lower(env.cmd.arg(0))); one != nullptr) {
    m.header = usage_line(env, *one);
    m.text = core::tr(lang, one->help_key);
    return {env.ephemeral(std::move(m))};
  }
  m.header = core::tr(lang, "help.header");
  m.text = core::tr(lang, "help.text", {{"command", env.settings.bot.command}});
  // "help improv": say the word is not a command, and which one was meant, before the whole list.
  if (const auto typed = env.cmd.arg(0); !typed.empty()) {
    std::vector<std::string> names;
    for (const auto& c : all_commands())
      names.emplace_back(c.name);
    const auto near = core::closest(typed, names);
    const std::initializer_list<core::text_arg> args = {{"typed", core::echo(typed, 40)},
                                                        {"command", env.settings.bot.command},
                                                        {"suggestion", near.value_or("")}};
    m.text = core::tr(lang, near ? "help.unknown_topic" : "help.unknown_topic_no_suggestion", args) + "\n\n" +
             m.text;
  }
  for (const auto& c : all_commands())
    m.text += "\n`" + usage_line(env, c) + "` — " + core::tr(lang, c.help_key);
  m.context = core::tr(lang, "help.context");
  return {env.ephemeral(std::move(m))};
}

}  // namespace csibot::commands::handlers
