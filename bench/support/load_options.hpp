#pragma once
/// The flags both platform load tools (slack_load, mattermost_load) share, so that they read alike.
#include <CLI/CLI.hpp>
#include <cstddef>
#include <string>
#include <vector>

namespace csibot::bench {

struct load_options {
  std::string binary = "build/release/bot/csibot";
  std::size_t per_run = 20'000;                    ///< commands or DM messages sent in each run
  std::vector<std::size_t> in_flight{1, 16, 256};  ///< one run each
  std::size_t fake_threads = 1;                    ///< server threads of the in-process fake
  int stall_seconds = 15;                          ///< a run gives up after this long without a reply
  bool keep = false;                               ///< keep each run's folder
};

/// How a tool names what it sends and what it drives, for its --help.
struct load_wording {
  const char* per_run_flag;    ///< "--commands"
  const char* per_run_help;    ///< "commands per run"
  const char* in_flight_what;  ///< "commands", as in "commands in flight, one run each"
  const char* platform;        ///< "Slack", as in "server threads of the fake Slack"
};

/// Adds --binary, the per-run count, --in-flight, --fake-threads, --stall and --keep, in that order;
/// a tool adds its own flags after them.
void add_load_options(CLI::App& app, load_options& o, const load_wording& words);

}  // namespace csibot::bench
