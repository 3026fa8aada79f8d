// libFuzzer entry for the `/csi` command parser: any bytes give a parse of the cleaned text whose tokens
// and rest() stay inside it, whatever the quotes, white space or encoding.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "commands/parser.hpp"
#include "core/text.hpp"
#include "fuzz/support/check.hpp"

using csibot::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view typed{reinterpret_cast<const char*>(data), size};
  const auto p = csibot::commands::parse_command(typed);
  // Control characters and broken UTF-8 are cleaned before the split; offsets are into the clean text.
  check(p.text == csibot::core::sanitize(typed));
  const std::string_view text = p.text;
  std::size_t previous_end = 0;
  for (std::size_t i = 0; i < p.args.size(); ++i) {
    const auto& t = p.args[i];
    check(t.begin >= previous_end && t.begin < t.end && t.end <= text.size());
    check(t.text.size() <= t.end - t.begin);
    if (!t.quoted) {
      // A bare word as typed, or an unbalanced quote: its opening mark (1-3 bytes) left off and the
      // text running to the end (only a closed pair counts as quoting; parser_test.cpp).
      const auto raw = text.substr(t.begin, t.end - t.begin);
      check(raw == t.text ||
            (t.end == text.size() && raw.ends_with(t.text) && raw.size() - t.text.size() <= 3));
    }
    previous_end = t.end;
    // rest() is a piece of the original text, or a lone quoted argument's text.
    const auto rest = p.rest(i);
    check(text.find(rest) != std::string_view::npos);
    check(p.arg(i) == t.text);
  }
  check(p.rest(p.args.size()).empty());
  check(p.arg(p.args.size()).empty());
  for (char c : p.name)
    check(!(c >= 'A' && c <= 'Z'));
  // The name is the first token, lower-cased (a quoted "" gives an empty name with arguments after it).
  const auto tokens = csibot::commands::tokenize(text);
  check(tokens.size() == (tokens.empty() ? 0 : p.args.size() + 1));
  check(tokens.empty() ? p.name.empty() : p.name.size() == tokens[0].text.size());
  return 0;
}
