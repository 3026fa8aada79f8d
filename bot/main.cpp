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

// Every option of every subcommand, filled in by CLI11, and the subcommands themselves so that
// main() can tell which one was given.
struct command_line {
  std::optional<std::string> config;
  csibot::cli::run_flags run_flags;
  int demo_days = 90;
  int demo_scale = 1;
  bool seed_only = false;
  std::optional<std::string> check_file;
  std::string format = "json", since;
  std::string backup_file;
  std::string service, period;
  std::string digest_service, digest_period, digest_format = "md";
  CLI::App* run = nullptr;
  CLI::App* demo = nullptr;
  CLI::App* check = nullptr;
  CLI::App* migrate = nullptr;
  CLI::App* export_cmd = nullptr;
  CLI::App* backup = nullptr;
  CLI::App* catalog_export = nullptr;
  CLI::App* stats = nullptr;
  CLI::App* digest = nullptr;
};

void add_bot_commands(CLI::App& app, command_line& c) {
  c.run =
      app.add_subcommand("run", "start the bot (without a config: the local web chat and a demo catalog)");
  add_config_option(c.run, c.config);
  c.run->add_option("--listen", c.run_flags.listen,
                    "override bot.listen, e.g. 127.0.0.1:0 for any free port");
  c.run->add_option("--port-file", c.run_flags.port_file, "write the bound port to this file once listening");
  c.run->add_option("--log-level", c.run_flags.log_level,
                    "trace, debug, info, warn or error (default: config)");
  c.run->add_option("--log-format", c.run_flags.log_format, "text or json (default: config)");

  c.demo = app.add_subcommand("demo", "seed synthetic feedback once, then start the bot like run");
  add_config_option(c.demo, c.config);
  c.demo->add_option("--days", c.demo_days, "days of history to seed")
      ->capture_default_str()
      ->check(CLI::Range(1, 3650));
  c.demo
      ->add_option(
          "--scale", c.demo_scale,
          "volume multiplier; N > 1 also grows the catalog to 50 services (39 = about 1,000,000 answers)")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  c.demo->add_flag("--seed-only", c.seed_only, "seed and exit instead of starting the bot (benchmarks)");
  c.demo->add_option("--listen", c.run_flags.listen, "override bot.listen");
  c.demo->add_option("--port-file", c.run_flags.port_file,
                     "write the bound port to this file once listening");
  c.demo->add_option("--log-level", c.run_flags.log_level,
                     "trace, debug, info, warn or error (default: config)");
  c.demo->add_option("--log-format", c.run_flags.log_format, "text or json (default: config)");
}

void add_data_commands(CLI::App& app, command_line& c) {
  c.check = app.add_subcommand("check-config", "validate a config file; every problem with key and line");
  auto* check_positional =
      c.check->add_option("file", c.check_file, "the TOML file (default: $CSIBOT_CONFIG, ./csibot.toml)");
  add_config_option(c.check, c.config);
  c.check->get_option("--config")->excludes(check_positional);

  c.migrate = app.add_subcommand("migrate", "create or upgrade the database");
  add_config_option(c.migrate, c.config);

  c.export_cmd = app.add_subcommand("export", "print all feedback (json: one object per line)");
  add_config_option(c.export_cmd, c.config);
  c.export_cmd->add_option("--format", c.format, "json or csv")->capture_default_str();
  c.export_cmd->add_option("--since", c.since,
                           "only feedback created on or after this ISO 8601 date (midnight in bot.timezone)");

  c.backup = app.add_subcommand("backup", "online backup of the database into FILE");
  add_config_option(c.backup, c.config);
  c.backup->add_option("file", c.backup_file, "the new backup file")->required();

  auto* catalog = app.add_subcommand("catalog", "the service catalog");
  c.catalog_export =
      catalog->add_subcommand("export", "print the catalog (config plus run-time changes) as TOML");
  catalog->require_subcommand(1);
  add_config_option(catalog, c.config);  // `catalog --config F export` reads as well as the other order
  add_config_option(c.catalog_export, c.config);
}

void add_report_commands(CLI::App& app, command_line& c) {
  c.stats = app.add_subcommand("stats", "figures per service, as /csi stats shows them");
  add_config_option(c.stats, c.config);
  c.stats->add_option("--service", c.service, "one service (id or name)");
  c.stats->add_option("--period", c.period, "7d, 30d, 2026-Q3, since:2026-10-01 … (default 30d)");

  c.digest = app.add_subcommand("digest", "the improvement digest (SPEC §7) as Markdown or JSON");
  add_config_option(c.digest, c.config);
  c.digest->add_option("--service", c.digest_service, "one service (id or name); default the whole catalog");
  c.digest->add_option("--period", c.digest_period, "7d, 30d, 2026-Q3, since:2026-10-01 … (default 30d)");
  c.digest->add_option("--format", c.digest_format,
                       "md (default), json, or slack (Block Kit bodies, one per line)");
}

// Runs the subcommand that was given; its exit code.
int run_command(const command_line& c, std::ostream& out, std::ostream& err) {
  const auto config = as_path(c.config);
  if (c.run->parsed()) return csibot::cli::run(config, c.run_flags, err);
  if (c.demo->parsed()) {
    const int seeded = csibot::cli::demo(config, c.demo_days, c.demo_scale, out, err);
    if (seeded != 0 || c.seed_only) return seeded;
    return csibot::cli::run(config, c.run_flags, err);
  }
  if (c.check->parsed())
    return csibot::cli::check_config(as_path(c.check_file ? c.check_file : c.config), out, err);
  if (c.migrate->parsed()) return csibot::cli::migrate(config, out, err);
  if (c.export_cmd->parsed()) return csibot::cli::export_data(config, c.format, c.since, out, err);
  if (c.backup->parsed()) return csibot::cli::backup(config, c.backup_file, out, err);
  if (c.catalog_export->parsed()) return csibot::cli::catalog_export(config, out, err);
  if (c.stats->parsed()) return csibot::cli::stats(config, c.service, c.period, out, err);
  if (c.digest->parsed())
    return csibot::cli::digest(config, c.digest_service, c.digest_period, c.digest_format, out, err);
  return csibot::cli::bad_input_code();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"csibot — Continual Service Improvement bot for team chat"};
  app.set_version_flag("--version", std::string{csibot::version});
  app.require_subcommand(1);
  command_line c;
  add_bot_commands(app, c);
  add_data_commands(app, c);
  add_report_commands(app, c);
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
  const int code = run_command(c, std::cout, std::cerr);
  // `csibot export > dump.jsonl` on a full disk, or into a closed pipe: a cut-off file must not look
  // like a finished one to the script that runs it (SPEC §11: runtime failure is exit 2).
  if (!std::cout.flush()) {
    std::cerr << "csibot: the output could not be written completely (disk full, or the reader went "
                 "away); do not use what was written\n";
    return code == 0 ? 2 : code;
  }
  return code;
}
