#pragma once
/// `csibot run`: load the config, set up logging, hand over to the runtime.
#include <iosfwd>
#include <optional>
#include <string>

#include "bot/cli/commands.hpp"

namespace csibot::cli {

struct run_flags {
  std::optional<std::string> listen;
  std::optional<std::string> port_file;
  std::optional<std::string> log_level;
  std::optional<std::string> log_format;
};

int run(const config_flag& config, const run_flags& flags, std::ostream& err);

}  // namespace csibot::cli
