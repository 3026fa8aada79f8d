// csibot: the command line (SPEC §10). Each subcommand is a thin call into bot/cli or bot/runtime.
#include <CLI/CLI.hpp>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/cli/commands.hpp"
#include "bot/cli/demo.hpp"
#include "bot/cli/run.hpp"
#include "bot/cli/usage.hpp"
#include "bot/version.hpp"

namespace {

using csibot::cli::config_flag;

// Every subcommand takes --config (SPEC §12).
void add_config_option(CLI::App* cmd, std::optional<std::string>& value) {
  cmd->add_option("--config,-c", value,
                  "config file (default: $CSIBOT_CONFIG, ./csibot.toml, built-in demo)");
}

config_flag as_path(const std::optional<std::string>& v) {
  return v ? config_flag{std::filesystem::path{*v}} : std::nullopt;
}

// Where the words on the command line leave the commands `app` knows: the first word that names
// none of them, or the end of the line where one is needed. Nullopt when they stop at an option or
// a command without commands of its own: CLI11's own message is the right one then.
std::optional<std::string> command_word_problem(const CLI::App& app, int argc, char** argv) {
  const CLI::App* at = &app;
  std::string parent;
  for (int i = 1;; ++i) {
    std::vector<std::string> names;
    const CLI::App* next = nullptr;
    const std::string_view word = i < argc ? std::string_view{argv[i]} : std::string_view{};
    for (const auto* sub : at->get_subcommands({})) {
      names.push_back(sub->get_name());
      if (i < argc && sub->get_name() == word) next = sub;
    }
    if (names.empty()) return std::nullopt;
    if (i >= argc) return csibot::cli::missing_command(parent, names);
    if (word.starts_with('-')) return std::nullopt;
    if (next == nullptr) return csibot::cli::unknown_command(parent, word, names);
    parent += parent.empty() ? "" : " ";
    parent += word;
    at = next;
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"csibot — Continual Service Improvement bot for team chat"};
  app.set_version_flag("--version", std::string{csibot::version});
  app.require_subcommand(1);
  std::optional<std::string> config;

  auto* run =
      app.add_subcommand("run", "start the bot (without a config: the local web chat and a demo catalog)");
  add_config_option(run, config);
  csibot::cli::run_flags run_flags;
  run->add_option("--listen", run_flags.listen, "override bot.listen, e.g. 127.0.0.1:0 for any free port");
  run->add_option("--port-file", run_flags.port_file, "write the bound port to this file once listening");
  run->add_option("--log-level", run_flags.log_level, "trace, debug, info, warn or error (default: config)");
  run->add_option("--log-format", run_flags.log_format, "text or json (default: config)");

  auto* demo = app.add_subcommand("demo", "seed synthetic feedback once, then start the bot like run");
  add_config_option(demo, config);
  int demo_days = 90, demo_scale = 1;
  bool seed_only = false;
  demo->add_option("--days", demo_days, "days of history to seed")
      ->capture_default_str()
      ->check(CLI::Range(1, 3650));
  demo->add_option(
          "--scale", demo_scale,
          "volume multiplier; N > 1 also grows the catalog to 50 services (39 = about 1,000,000 answers)")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  demo->add_flag("--seed-only", seed_only, "seed and exit instead of starting the bot (benchmarks)");
  demo->add_option("--listen", run_flags.listen, "override bot.listen");
  demo->add_option("--port-file", run_flags.port_file, "write the bound port to this file once listening");
  demo->add_option("--log-level", run_flags.log_level, "trace, debug, info, warn or error (default: config)");
  demo->add_option("--log-format", run_flags.log_format, "text or json (default: config)");

  auto* check = app.add_subcommand("check-config", "validate a config file; every problem with key and line");
  std::optional<std::string> check_file;
  auto* check_positional =
      check->add_option("file", check_file, "the TOML file (default: $CSIBOT_CONFIG, ./csibot.toml)");
  add_config_option(check, config);
  check->get_option("--config")->excludes(check_positional);

  auto* migrate = app.add_subcommand("migrate", "create or upgrade the database");
  add_config_option(migrate, config);

  auto* export_cmd = app.add_subcommand("export", "print all feedback (json: one object per line)");
  add_config_option(export_cmd, config);
  std::string format = "json", since;
  export_cmd->add_option("--format", format, "json or csv")->capture_default_str();
  export_cmd->add_option("--since", since, "only feedback created on or after this ISO 8601 date");

  auto* backup = app.add_subcommand("backup", "online backup of the database into FILE");
  add_config_option(backup, config);
  std::string backup_file;
  backup->add_option("file", backup_file, "the new backup file")->required();

  auto* catalog = app.add_subcommand("catalog", "the service catalog");
  auto* catalog_export =
      catalog->add_subcommand("export", "print the catalog (config plus run-time changes) as TOML");
  catalog->require_subcommand(1);
  add_config_option(catalog, config);  // `catalog --config F export` reads as well as the other order
  add_config_option(catalog_export, config);

  auto* stats = app.add_subcommand("stats", "figures per service, as /csi stats shows them");
  add_config_option(stats, config);
  std::string service, period;
  stats->add_option("--service", service, "one service (id or name)");
  stats->add_option("--period", period, "7d, 30d, 2026-Q3, since:2026-10-01 … (default 30d)");

  auto* digest = app.add_subcommand("digest", "the improvement digest (SPEC §7) as Markdown or JSON");
  add_config_option(digest, config);
  std::string digest_service, digest_period, digest_format = "md";
  digest->add_option("--service", digest_service, "one service (id or name); default the whole catalog");
  digest->add_option("--period", digest_period, "7d, 30d, 2026-Q3, since:2026-10-01 … (default 30d)");
  digest->add_option("--format", digest_format,
                     "md (default), json, or slack (Block Kit bodies, one per line)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() != 0) {
      if (const auto problem = command_word_problem(app, argc, argv)) {
        std::cerr << *problem;
        return csibot::cli::bad_input_code();
      }
    }
    // CLI11 prints help and usage errors itself; its exit code for a usage error is non-zero.
    return app.exit(e) == 0 ? 0 : csibot::cli::bad_input_code();
  }

  auto& out = std::cout;
  auto& err = std::cerr;
  if (run->parsed()) return csibot::cli::run(as_path(config), run_flags, err);
  if (demo->parsed()) {
    const int seeded = csibot::cli::demo(as_path(config), demo_days, demo_scale, out, err);
    if (seeded != 0 || seed_only) return seeded;
    return csibot::cli::run(as_path(config), run_flags, err);
  }
  if (check->parsed()) return csibot::cli::check_config(as_path(check_file ? check_file : config), out, err);
  if (migrate->parsed()) return csibot::cli::migrate(as_path(config), out, err);
  if (export_cmd->parsed()) return csibot::cli::export_data(as_path(config), format, since, out, err);
  if (backup->parsed()) return csibot::cli::backup(as_path(config), backup_file, out, err);
  if (catalog_export->parsed()) return csibot::cli::catalog_export(as_path(config), out, err);
  if (stats->parsed()) return csibot::cli::stats(as_path(config), service, period, out, err);
  if (digest->parsed())
    return csibot::cli::digest(as_path(config), digest_service, digest_period, digest_format, out, err);
  return csibot::cli::bad_input_code();
}
