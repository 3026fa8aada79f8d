#pragma once
/// The `/csi` subcommands: name, usage, help text key and handler. Adding a command is one handler
/// file plus one line here.
#include <string_view>
#include <vector>

#include "commands/context.hpp"

namespace csibot::commands {

using handler = std::vector<core::outbound> (*)(command_env& env);

struct command_spec {
  std::string_view name;
  std::string_view usage;     ///< arguments after the name, e.g. "[service] [period]"
  std::string_view help_key;  ///< message catalog key of the one-line summary
  handler run;
};

/// Every command, in the order help lists them.
const std::vector<command_spec>& all_commands();

/// The command called `name` (already lower-cased), or nullptr.
const command_spec* find_command(std::string_view name);

}  // namespace csibot::commands
