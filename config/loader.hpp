#pragma once
/// Reads and validates the TOML config. Every problem is reported with its key and line; nothing
/// throws for bad input.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/settings.hpp"

namespace csibot::config {

enum class severity { error, warning };

/// One problem in a config file.
struct diagnostic {
  config::severity severity = severity::error;
  std::string key;  ///< dotted path, array indexes 0-based: "service[2].criticality", "bot.timezone"
  int line = 0;     ///< 1-based; a missing key points at its table's header; 0 when unknown
  std::string message;

  /// "csibot.toml:12: error: service[2].criticality: unknown value 'hgih' (expected low, medium, high or
  /// critical)"
  std::string str(const std::filesystem::path& file) const;
};

struct load_result {
  std::optional<config::settings> settings;  ///< set when there is no error (warnings allowed)
  std::vector<diagnostic> diagnostics;
  bool ok() const { return settings.has_value(); }
};

/// Looks up an environment variable; injected so that tests need not touch the process environment.
using env_lookup = std::function<std::optional<std::string>(std::string_view name)>;

/// The real process environment.
std::optional<std::string> process_env(std::string_view name);

/// Parses TOML text. `origin` names the file in messages and anchors relative paths (its folder).
/// String values may use `${NAME}` for environment variables (`$${` is a literal `${`); a missing
/// variable is an error naming it. Messages never show a value that came from the environment.
/// Unknown keys are warnings; `settings` is set when there are no errors. Never throws for bad input.
load_result load_string(std::string_view toml, const std::filesystem::path& origin,
                        const env_lookup& env = process_env);

/// Reads and parses a file; an unreadable file is one error diagnostic.
load_result load_file(const std::filesystem::path& file, const env_lookup& env = process_env);

/// The built-in demo configuration (config/demo.toml, compiled in): local platform, demo catalog.
/// `source` is empty and `bot.database` is `var/<file name from demo.toml>` under the current working
/// directory (absolute), since a compiled-in file has no folder of its own. Throws std::logic_error
/// only if the embedded file is invalid, which the tests rule out.
config::settings demo_settings();

/// The text of config/demo.toml as compiled in (for `csibot demo` to show or write out).
std::string_view demo_toml();

/// Which config to use (SPEC §12): `--config` if given, else $CSIBOT_CONFIG, else ./csibot.toml if it
/// exists, else nullopt (= the built-in demo).
std::optional<std::filesystem::path> choose_config_file(const std::optional<std::filesystem::path>& flag,
                                                        const env_lookup& env = process_env);

/// What is wrong with a listen address ("127.0.0.1:8080", "[::1]:0", "localhost:8080"), or nullopt:
/// bot.listen and `run --listen` take an IP address or localhost, and a port from 0 to 65535.
std::optional<std::string> listen_problem(std::string_view listen);

/// The host of a listen address that means "every address" (0.0.0.0, ::, in any spelling), or nullopt
/// for a host that names one: a server may bind a wildcard, but nobody can call it.
std::optional<std::string> wildcard_listen(std::string_view listen);

}  // namespace csibot::config
