#include "core/markdown.hpp"

#include "core/markup.hpp"
#include "core/text.hpp"

namespace csibot::core {
namespace {

bool is_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_space(char c) {
  return c == ' ' || c == '\t';
}

// Appends `c`, and after an '@' that could start a mention the silencer that keeps it from forming.
// An '@' after a letter or digit is part of an e-mail address, which mentions nothing.
void put(std::string& out, char c, std::string_view silencer) {
  const bool mention = c == '@' && !silencer.empty() && (out.empty() || !is_alnum(out.back()));
  out += c;
  if (mention) out += silencer;
}

// Escapes what would turn the start of a line into a heading, quote, list or rule. Returns how many
// bytes of `line` it consumed.
std::size_t line_start(std::string_view line, std::string& out) {
  std::size_t i = 0;
  while (i < line.size() && is_space(line[i]))
    out += line[i++];
  if (i == line.size()) return i;
  const char c = line[i];
  if (c == '#' || c == '>' || c == '-' || c == '+' || c == '=') {
    out += '\\';
    out += c;
    return i + 1;
  }
  std::size_t d = i;
  while (d < line.size() && d - i < 9 && line[d] >= '0' && line[d] <= '9')
    ++d;
  if (d > i && d < line.size() && (line[d] == '.' || line[d] == ')')) {
    out.append(line.substr(i, d - i));
    out += '\\';
    out += line[d];
    return d + 1;
  }
  return i;
}

bool escape_at(std::string_view line, std::size_t i) {
  return line[i] == '\\' && i + 1 < line.size() && escapable(line[i + 1]);
}

// The position of the first `c` after `from` that no backslash escapes, or npos.
std::size_t find_unescaped(std::string_view line, char c, std::size_t from) {
  for (std::size_t i = from; i < line.size(); ++i) {
    if (escape_at(line, i)) {
      ++i;
    } else if (line[i] == c) {
      return i;
    }
  }
  return std::string_view::npos;
}

// The position of the '*' that closes the one at `open`, or npos. Like Markdown's flanking rule: the
// opener is followed and the closer preceded by something other than white space.
std::size_t closing_star(std::string_view line, std::size_t open) {
  if (open + 1 >= line.size() || is_space(line[open + 1]) || line[open + 1] == '*') {
    return std::string_view::npos;
  }
  const std::size_t close = find_unescaped(line, '*', open + 1);
  if (close == std::string_view::npos || is_space(line[close - 1])) return std::string_view::npos;
  return close;
}

// A code span shows its text as is, so the neutral escapes inside it are resolved here, and a
// backquote they produce needs the longer "`` … ``" fence (Markdown has no escape inside code).
void code_span(std::string_view inner, const markdown_rules& rules, std::string& out) {
  const std::string text = without_escapes(inner);
  const bool fence = text.find('`') != std::string::npos;
  out += fence ? "`` " : "`";
  for (const char c : text) {
    if (rules.table_cell && c == '|') out += '\\';
    put(out, c, rules.silencer);
  }
  out += fence ? " ``" : "`";
}

void inline_text(std::string_view line, const markdown_rules& rules, std::string& out) {
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (escape_at(line, i)) {
      // Markdown's own escape works for each of the neutral markup's escapable characters.
      out += '\\';
      out += line[++i];
    } else if (c == '`') {
      const std::size_t close = find_unescaped(line, '`', i + 1);
      if (close != std::string_view::npos && close > i + 1) {
        code_span(line.substr(i + 1, close - i - 1), rules, out);
        i = close;
        continue;
      }
      out += "\\`";
    } else if (c == '*') {
      const std::size_t close = closing_star(line, i);
      if (close == std::string_view::npos) {
        out += "\\*";
        continue;
      }
      out += "**";
      inline_text(line.substr(i + 1, close - i - 1), rules, out);
      out += "**";
      i = close;
    } else if (c == '\\' || c == '[' || c == ']' || c == '<' || c == '|' || c == '~') {
      out += '\\';
      out += c;
      // The server turns Slack's <!channel>, <!here> and <!everyone> into mentions before Markdown.
      if (c == '<' && i + 1 < line.size() && line[i + 1] == '!') out += rules.silencer;
    } else {
      put(out, c, rules.silencer);
    }
  }
}

std::string convert(std::string_view text, const markdown_rules& rules) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  while (true) {
    const std::size_t nl = text.find('\n');
    const std::string_view line = text.substr(0, nl);
    // A cell cannot hold a heading or a list, so its start needs no escape.
    const std::size_t start = rules.table_cell ? 0 : line_start(line, out);
    inline_text(line.substr(start), rules, out);
    if (nl == std::string_view::npos) break;
    out += '\n';
    text.remove_prefix(nl + 1);
  }
  return out;
}

}  // namespace

std::string to_markdown(std::string_view neutral, const markdown_rules& rules) {
  return rules.table_cell ? convert(one_line(neutral), rules) : convert(neutral, rules);
}

}  // namespace csibot::core
