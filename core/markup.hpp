#pragma once
/// The escapes of the neutral markup (core/message.hpp). Text people typed (reasons, usage answers,
/// titles, names) is stored verbatim and must render as typed (SPEC §12), so it enters a message
/// through literal(): a backslash before each of `\`, `*`, `_` and the backquote makes that character
/// plain. Every renderer honours the escapes, code spans included; plain-text outputs drop them.
/// Pure.
#include <cstddef>
#include <string>
#include <string_view>

namespace csibot::core {

/// Whether a backslash before `c` is an escape: `\`, `*`, `_` or the backquote.
constexpr bool escapable(char c) {
  return c == '\\' || c == '*' || c == '_' || c == '`';
}

/// `text` with a backslash before every escapable character, so that it shows exactly as typed.
std::string literal(std::string_view text);

/// What a person typed, echoed back in a message: made valid UTF-8 without control characters
/// (sanitize), cut to `max_chars` characters (cap_chars), then literal().
std::string echo(std::string_view typed, std::size_t max_chars);

/// Neutral markup as plain text: each escape gives its character; the markup itself (`*bold*`)
/// stays as written. For outputs that render nothing (the CLI, notification fallbacks, logs).
std::string without_escapes(std::string_view neutral);

}  // namespace csibot::core
