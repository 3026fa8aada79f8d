#pragma once
/// Splits the text after the root command ("/csi feedback vpn 2 \"drops hourly\"") into a subcommand
/// and arguments. Handles straight and typographic quotes (Slack turns " into “ ”), runs of white
/// space, and any Unicode. Never fails: unbalanced quotes run to the end of the text.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace csibot::commands {

struct token {
  std::string text;       ///< unquoted
  std::size_t begin = 0;  ///< byte offsets of the token in the original text, quotes included
  std::size_t end = 0;
  bool quoted = false;  ///< enclosed in a pair of quotes (an unclosed quote does not count)
};

std::vector<token> tokenize(std::string_view text);

struct parsed_command {
  std::string name;  ///< lower-cased first word; empty for an empty line
  std::vector<token> args;
  std::string text;  ///< the original text

  /// The original text from argument `index` to the end, trimmed — so a reason keeps its own spacing
  /// and punctuation. A lone quoted argument comes back without its quotes. Empty past the end.
  std::string rest(std::size_t index) const;
  std::string arg(std::size_t index) const { return index < args.size() ? args[index].text : std::string{}; }
};

parsed_command parse_command(std::string_view text);

}  // namespace csibot::commands
