// Neutral markup as Slack text (mrkdwn.hpp): the escapes of text people typed, kept plain in a
// format that has no escape.
#include "bot/platform/slack/mrkdwn.hpp"
#include "core/markup.hpp"

namespace csibot::platform::slack {
namespace {

// Slack's date formatting (`<!date^timestamp^format|fallback>`) shows the fallback, as plain text,
// when it cannot read the format, and "{_}" is no format any client reads: the only way to keep a
// character out of mrkdwn's formatting (slackhq/slack-api-docs#34; the jsx-slack library does the
// same). The fallback is always one of `*`, `_`, `~` or the backquote: `&`, `<` and `>` are entities
// by then, and an entity is not decoded inside the fallback.
constexpr std::string_view fallback_open = "<!date^00000000^{_}|";

void append_fallback(std::string& out, char c) {
  out += fallback_open;
  out += c;
  out += '>';
}

constexpr std::string_view soft_hyphen = "\xC2\xAD";  // U+00AD

// Whether only spaces or tabs stand between `i` and the start of its line.
bool at_line_start(std::string_view text, std::size_t i) {
  while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t'))
    --i;
  return i == 0 || text[i - 1] == '\n';
}

bool escape_at(std::string_view text, std::size_t i) {
  return text[i] == '\\' && i + 1 < text.size() && core::escapable(text[i + 1]);
}

// The backquote that closes the code span opened at `open`: the first unescaped one on its line
// (as core::to_markdown reads it), or npos. A search that fails leaves no unescaped backquote on
// the line to search from, so a line costs one scan however many backquotes it holds.
std::size_t closing_backquote(std::string_view text, std::size_t open) {
  for (std::size_t i = open + 1; i < text.size() && text[i] != '\n'; ++i) {
    if (escape_at(text, i)) {
      ++i;
    } else if (text[i] == '`') {
      return i;
    }
  }
  return std::string_view::npos;
}

// Slack shows a code span's text as it is, `*`, `_` and `~` included, so its escapes give their
// characters. Slack has no way to put a backquote inside a code span; U+02CB (ˋ) looks the same, as
// in the code blocks of tables.
void append_code_span(std::string& out, std::string_view inner) {
  out += '`';
  for (const char c : core::without_escapes(inner)) {
    if (c == '`') {
      out += "\xCB\x8B";
    } else {
      append_escaped(out, c);
    }
  }
  out += '`';
}

}  // namespace

std::string to_mrkdwn(std::string_view neutral) {
  std::string out;
  out.reserve(neutral.size() + neutral.size() / 8);
  for (std::size_t i = 0; i < neutral.size(); ++i) {
    const char c = neutral[i];
    if (escape_at(neutral, i)) {
      const char plain = neutral[++i];
      if (plain == '\\') {
        out += '\\';  // a backslash means nothing to Slack
      } else {
        append_fallback(out, plain);
      }
    } else if (c == '`') {
      const std::size_t close = closing_backquote(neutral, i);
      if (close == std::string_view::npos || close == i + 1) {
        // No span (or an empty one, which Markdown does not read as code either): a plain backquote,
        // which must not pair with one Slack sees further on.
        append_fallback(out, '`');
        continue;
      }
      append_code_span(out, neutral.substr(i + 1, close - i - 1));
      i = close;
    } else if (c == '~') {
      append_fallback(out, '~');  // the neutral markup has no strikethrough
    } else if (c == '>' && at_line_start(neutral, i)) {
      // Slack reads '>' (as "&gt;") at a line start as a quote, and no date fallback can hold an
      // entity: an invisible soft hyphen before it keeps the line what it says.
      out += soft_hyphen;
      out += "&gt;";
    } else {
      append_escaped(out, c);
    }
  }
  return out;
}

std::string to_plain_text(std::string_view neutral) {
  return escape(core::without_escapes(neutral));
}

std::string shown_text(std::string_view emitted) {
  std::string out;
  out.reserve(emitted.size());
  while (!emitted.empty()) {
    const std::size_t close = emitted.starts_with(fallback_open) ? emitted.find('>') : std::string_view::npos;
    if (close != std::string_view::npos) {
      out += emitted.substr(fallback_open.size(), close - fallback_open.size());
      emitted.remove_prefix(close + 1);
      continue;
    }
    const std::size_t next = emitted.find('<', 1);
    out += unescape(emitted.substr(0, next));
    emitted.remove_prefix(next == std::string_view::npos ? emitted.size() : next);
  }
  return out;
}

}  // namespace csibot::platform::slack
