// The words `csibot` finds for a command line that names no command it knows.
#include "bot/cli/usage.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace csibot::cli {
namespace {

const std::vector<std::string> top{"run", "demo", "export", "backup"};

TEST(cli_usage, an_unknown_command_is_named_with_the_close_one_and_the_list) {
  EXPECT_EQ(unknown_command("", "rn", top),
            "csibot: unknown command 'rn' (did you mean 'run'?). Commands: run, demo, export, backup. See "
            "csibot --help.\n");
  EXPECT_EQ(unknown_command("catalog", "exprt", {"export"}),
            "csibot catalog: unknown command 'exprt' (did you mean 'export'?). Commands: export. See csibot "
            "catalog --help.\n");
}

TEST(cli_usage, help_as_a_word_points_at_the_help_flag) {
  const auto line = unknown_command("", "help", top);
  EXPECT_NE(line.find("unknown command 'help' (did you mean '--help'?)"), std::string::npos) << line;
}

TEST(cli_usage, nothing_is_suggested_when_no_command_is_close) {
  const auto line = unknown_command("", "frobnicate", top);
  EXPECT_EQ(line.find("did you mean"), std::string::npos) << line;
  EXPECT_NE(line.find("unknown command 'frobnicate'. Commands: run,"), std::string::npos) << line;
}

TEST(cli_usage, a_hostile_word_is_shown_without_control_characters_and_cut_short) {
  const auto line = unknown_command("", "\x1b]0;title\x07\nrm -rf", top);
  EXPECT_EQ(line.find('\x1b'), std::string::npos) << line;
  EXPECT_EQ(line.find('\x07'), std::string::npos) << line;
  EXPECT_EQ(line.find('\n'), line.size() - 1) << "one line: " << line;
  const auto long_line = unknown_command("", std::string(500, 'x'), top);
  EXPECT_LT(long_line.size(), 200U) << long_line;
  EXPECT_NE(long_line.find("xxx\xE2\x80\xA6'"), std::string::npos) << long_line;
}

TEST(cli_usage, a_missing_command_lists_the_choices) {
  EXPECT_EQ(missing_command("", top),
            "csibot: say which command to run: run, demo, export, backup. See csibot --help.\n");
  EXPECT_EQ(missing_command("catalog", {"export"}),
            "csibot catalog: say which command to run: export. See csibot catalog --help.\n");
}

}  // namespace
}  // namespace csibot::cli
