#pragma once
/// What `csibot` says when the command line names no command it knows: CLI11's own words for that
/// ("A subcommand is required") do not say which word was wrong or what would have been right.
#include <string>
#include <string_view>
#include <vector>

namespace csibot::cli {

/// For a word that is none of `known` (under `parent`, "" at the top, "catalog" for its commands):
/// "csibot: unknown command 'rn' (did you mean 'run'?). Commands: run, demo. See csibot --help.\n"
/// The suggestion only when one command is close (core::closest), or '--help' for "help". The
/// typed word is shown without control characters and cut at 40 characters, so that a hostile
/// argument can neither rewrite the terminal nor flood it.
std::string unknown_command(std::string_view parent, std::string_view typed,
                            const std::vector<std::string>& known);

/// For a command line that stops where a command is needed ("csibot", "csibot catalog"):
/// "csibot: say which command to run: run, demo. See csibot --help.\n"
std::string missing_command(std::string_view parent, const std::vector<std::string>& known);

}  // namespace csibot::cli
