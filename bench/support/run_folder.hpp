#pragma once
/// Where one load run lives: a fresh folder of its own (config, database, csibot.log) and the config
/// that points the bot at the fake platform.
#include <cstddef>
#include <filesystem>
#include <string_view>

namespace csibot::bench {

/// An empty <tmp>/csibot-<tool>-<pid>-<in_flight>: per process and per run, so that runs and
/// concurrent tools never share a database.
std::filesystem::path fresh_run_folder(std::string_view tool, std::size_t in_flight);

/// Writes <dir>/<name>: the [bot] table (load.db, any port, warn logging), then `platform` (the
/// platform's own table, the only one: no [local], as on a real deployment), then the one service the
/// runs rate. Identified anonymity keeps the user id in the export, which the exactly-once check
/// counts by.
std::filesystem::path write_config(const std::filesystem::path& dir, std::string_view name,
                                   std::string_view platform);

}  // namespace csibot::bench
