#pragma once
/// `csibot run`: one io_context on one thread, the HTTP server on bot.listen, the platform adapters,
/// periodic housekeeping, and a graceful stop on SIGINT/SIGTERM.
#include <filesystem>
#include <optional>
#include <string>

#include "config/settings.hpp"

namespace csibot::runtime {

struct run_options {
  std::optional<std::string> listen;               ///< overrides bot.listen ("127.0.0.1:0" for tests)
  std::optional<std::filesystem::path> port_file;  ///< the bound port is written here once listening
};

/// Runs until a stop signal. Returns 0 after a clean stop, 2 when start-up fails (the reason is
/// logged on one line: port in use, database unusable, a platform rejecting its token).
int run_bot(const config::settings& settings, const run_options& options);

}  // namespace csibot::runtime
