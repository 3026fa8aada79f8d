#pragma once
/// The `csibot` subcommands other than `run` (SPEC §10), each returning its exit code.
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>

namespace csibot::cli {

using config_flag = std::optional<std::filesystem::path>;

/// Validates the config that `file` or SPEC §12's defaults choose: every problem with key and line
/// on `err`, a summary on `out`; 0 when usable, 1 otherwise (also when there is no file to check).
int check_config(const config_flag& file, std::ostream& out, std::ostream& err);
/// Creates or upgrades the database; prints the schema version.
int migrate(const config_flag& config, std::ostream& out, std::ostream& err);
/// Feedback as json lines or csv.
int export_data(const config_flag& config, const std::string& format, const std::string& since,
                std::ostream& out, std::ostream& err);
/// Online backup of the database into `target` (which must not exist yet).
int backup(const config_flag& config, const std::filesystem::path& target, std::ostream& out,
           std::ostream& err);
/// The catalog as TOML.
int catalog_export(const config_flag& config, std::ostream& out, std::ostream& err);
/// What `/csi stats [service] [period]` shows, as plain text.
int stats(const config_flag& config, const std::string& service, const std::string& period, std::ostream& out,
          std::ostream& err);
/// The digest `/csi digest` shows, for one service or the catalog, as Markdown (`md`), JSON (`json`) or
/// the Block Kit bodies the bot posts to Slack (`slack`, one JSON object per line).
int digest(const config_flag& config, const std::string& service, const std::string& period,
           const std::string& format, std::ostream& out, std::ostream& err);

}  // namespace csibot::cli

namespace csibot::cli {
/// Exit code 1, for main() (which does not include common.hpp's enum).
inline int bad_input_code() {
  return 1;
}
}  // namespace csibot::cli
