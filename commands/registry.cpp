#include "commands/registry.hpp"

#include <algorithm>

#include "commands/handlers/handlers.hpp"

namespace csibot::commands {

const std::vector<command_spec>& all_commands() {
  static const std::vector<command_spec> commands = {
      {"help", "[command]", "help.help", handlers::help},
      {"services", "", "help.services", handlers::services},
      {"service", "<id> | add|set|remove …", "help.service", handlers::service},
      {"feedback", "[service] [rating] [reason…]", "help.feedback", handlers::feedback},
      {"stats", "[service] [period]", "help.stats", handlers::stats},
      {"digest", "[service] [period] [--here]", "help.digest", handlers::digest},
      {"improve", "add|list|show|set|link …", "help.improve", handlers::improve},
      {"reply", "<feedback-id> <text…>", "help.reply", handlers::reply},
      {"subscribe", "[services] [schedule] [period]", "help.subscribe", handlers::subscribe},
      {"unsubscribe", "[services]", "help.unsubscribe", handlers::unsubscribe},
      {"ask", "<service> [@user|#channel …]", "help.ask", handlers::ask},
      {"cancel", "", "help.cancel", handlers::cancel},
      {"optout", "", "help.optout", handlers::optout},
      {"optin", "", "help.optin", handlers::optin},
      {"forget-me", "[confirm]", "help.forget-me", handlers::forget_me},
      {"admin", "[status] | audit [n] | backup", "help.admin", handlers::admin},
  };
  return commands;
}

const command_spec* find_command(std::string_view name) {
  const auto& all = all_commands();
  const auto it = std::find_if(all.begin(), all.end(), [&](const auto& c) { return c.name == name; });
  return it == all.end() ? nullptr : &*it;
}

}  // namespace csibot::commands
