#include "bot/platform/slack/mrkdwn.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace csibot::platform::slack {
namespace {

constexpr std::string_view ellipsis = "\xE2\x80\xA6";  // "…"

// The bytes of the unit at the front of emitted text, which a cut must not split: an entity, a
// `<…>` (in emitted text only a date fallback has a '<'), or one code point.
std::size_t unit_bytes(std::string_view text) {
  if (text.front() == '&') {
    for (const std::string_view entity : {"&amp;", "&lt;", "&gt;"}) {
      if (text.starts_with(entity)) return entity.size();
    }
  } else if (text.front() == '<') {
    const std::size_t close = text.find('>');
    if (close != std::string_view::npos) return close + 1;
  }
  return core::utf8_step(text);
}

bool is_blank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// The longest prefix of whole units of `text` whose slack_length() is at most `limit`, in bytes.
std::size_t fitting_prefix(std::string_view text, std::size_t limit) {
  std::size_t pos = 0;
  std::size_t used = 0;
  while (pos < text.size()) {
    const std::string_view rest = text.substr(pos);
    const std::size_t bytes = unit_bytes(rest);
    const std::size_t w = slack_length(rest.substr(0, bytes));
    if (used + w > limit) break;
    used += w;
    pos += bytes;
  }
  return pos;
}

}  // namespace

void append_escaped(std::string& out, char c) {
  if (c == '&') {
    out += "&amp;";
  } else if (c == '<') {
    out += "&lt;";
  } else if (c == '>') {
    out += "&gt;";
  } else {
    out += c;
  }
}

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text)
    append_escaped(out, c);
  return out;
}

std::string unescape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    if (text.starts_with("&amp;")) {
      out += '&';
      text.remove_prefix(5);
    } else if (text.starts_with("&lt;")) {
      out += '<';
      text.remove_prefix(4);
    } else if (text.starts_with("&gt;")) {
      out += '>';
      text.remove_prefix(4);
    } else {
      out += text.front();
      text.remove_prefix(1);
    }
  }
  return out;
}

std::size_t slack_length(std::string_view text) {
  std::size_t n = 0;
  while (!text.empty()) {
    const std::size_t bytes = core::utf8_step(text);
    n += bytes == 4 ? 2 : 1;
    text.remove_prefix(bytes);
  }
  return n;
}

std::string_view slack_prefix(std::string_view text, std::size_t limit) {
  std::size_t pos = 0;
  std::size_t used = 0;
  while (pos < text.size()) {
    const std::size_t bytes = core::utf8_step(text.substr(pos));
    used += bytes == 4 ? 2 : 1;
    if (used > limit) break;
    pos += bytes;
  }
  return text.substr(0, pos);
}

std::vector<std::string_view> split_text(std::string_view text, std::size_t limit) {
  std::vector<std::string_view> pieces;
  const auto keep = [&](std::string_view piece) {
    if (!is_blank(piece)) pieces.push_back(piece);
  };
  while (!text.empty()) {
    // Below 22 not even one date fallback fits; take one unit anyway rather than loop forever.
    const std::size_t end = std::max(fitting_prefix(text, limit), unit_bytes(text));
    if (end >= text.size()) {
      keep(text);
      break;
    }
    const std::string_view window = text.substr(0, end);
    const std::size_t line = window.rfind('\n');
    const std::size_t space = window.rfind(' ');
    const bool late_line = line != std::string_view::npos && line >= end / 2;
    // A break right after the window loses nothing. Otherwise a line break late in the window reads
    // best; an early one would leave a stub of a section, so then a space is better, and a hard cut
    // only when the window is one unbroken word.
    std::size_t cut = end;
    if (text[end] == '\n' || (text[end] == ' ' && !late_line)) {
      cut = end;
    } else if (late_line) {
      cut = line;
    } else if (space != std::string_view::npos && space > 0) {
      cut = space;
    } else if (line != std::string_view::npos && line > 0) {
      cut = line;
    }
    keep(text.substr(0, cut));
    const bool separator = cut < text.size() && (text[cut] == '\n' || text[cut] == ' ');
    text.remove_prefix(separator ? cut + 1 : cut);
  }
  return pieces;
}

std::string shorten(std::string_view text, std::size_t limit) {
  if (slack_length(text) <= limit) return std::string(text);
  std::string out(text.substr(0, fitting_prefix(text, limit - 1)));
  out += ellipsis;
  return out;
}

}  // namespace csibot::platform::slack
