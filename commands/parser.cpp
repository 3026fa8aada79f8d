#include "commands/parser.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace csibot::commands {
namespace {

struct quote_pair {
  std::string_view open;
  std::string_view close;
};

// Straight quotes and the typographic ones that chat clients substitute as people type.
constexpr quote_pair quotes[] = {
    {"\"", "\""},
    {"'", "'"},
    {"\xE2\x80\x9C", "\xE2\x80\x9D"},
    {"\xE2\x80\x98", "\xE2\x80\x99"},
    {"\xE2\x80\x9E", "\xE2\x80\x9C"},  // „German“
    {"\xC2\xAB", "\xC2\xBB"},          // «guillemets»
};

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

const quote_pair* quote_at(std::string_view text, std::size_t pos) {
  for (const auto& q : quotes) {
    if (text.substr(pos).starts_with(q.open)) return &q;
  }
  return nullptr;
}

}  // namespace

std::vector<token> tokenize(std::string_view text) {
  std::vector<token> out;
  // Commands are a few words: room for those at once instead of growing 1, 2, 4, 8.
  out.reserve(
      std::min<std::size_t>(static_cast<std::size_t>(std::count(text.begin(), text.end(), ' ')) + 1, 16));
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (is_space(text[pos])) {
      ++pos;
      continue;
    }
    token t;
    t.begin = pos;
    if (const auto* q = quote_at(text, pos)) {
      const std::size_t start = pos + q->open.size();
      const std::size_t close = text.find(q->close, start);
      const std::size_t stop = close == std::string_view::npos ? text.size() : close;
      t.text = std::string{text.substr(start, stop - start)};
      t.quoted = close != std::string_view::npos;
      pos = close == std::string_view::npos ? text.size() : close + q->close.size();
    } else {
      while (pos < text.size() && !is_space(text[pos]))
        ++pos;
      t.text = std::string{text.substr(t.begin, pos - t.begin)};
    }
    t.end = pos;
    out.push_back(std::move(t));
  }
  return out;
}

std::string parsed_command::rest(std::size_t index) const {
  if (index >= args.size()) return {};
  if (index + 1 == args.size() && args[index].quoted) return args[index].text;
  return std::string{core::trim(std::string_view{text}.substr(args[index].begin))};
}

parsed_command parse_command(std::string_view text) {
  parsed_command p;
  // Cleaned before it is split (SPEC §12): "/csi st\x00ats" or a bell pasted after "vpn" would
  // otherwise name an unknown command or service, while the echo, cleaned, showed the right word.
  p.text = core::sanitize(text);
  auto tokens = tokenize(p.text);
  if (tokens.empty()) return p;
  p.name = core::ascii_lower(tokens.front().text);
  tokens.erase(tokens.begin());
  p.args = std::move(tokens);
  return p;
}

}  // namespace csibot::commands
