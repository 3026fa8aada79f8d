#pragma once
/// Text hygiene and fuzzy matching for whatever people type.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace csibot::core {

/// Longest reason or usage answer kept (SPEC §12), in characters (code points).
inline constexpr std::size_t max_answer_chars = 4000;

/// Removes C0 control characters other than tab and newline (and DEL), and replaces invalid UTF-8
/// with U+FFFD, so that anything stored can be rendered and exported. Everything else is kept.
std::string sanitize(std::string_view text);

/// Trims ASCII white space at both ends.
std::string_view trim(std::string_view text);

/// `text` trimmed and on one line: line breaks and tabs become spaces (headers, button labels, table
/// cells, where a line break is an error or breaks the layout).
std::string one_line(std::string_view text);

/// Lower-cases ASCII letters (service ids and keywords are ASCII).
std::string ascii_lower(std::string_view text);

struct capped {
  std::string text;
  bool truncated = false;
};
/// Cuts valid UTF-8 text to at most `max_chars` code points, never inside a character.
capped cap_chars(std::string_view text, std::size_t max_chars);

/// Number of code points in valid UTF-8.
std::size_t utf8_length(std::string_view text);

/// Length in bytes of the valid UTF-8 sequence that starts `text` (1 for ASCII), or 0 when it does not
/// start with one (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF) or is empty.
std::size_t utf8_sequence(std::string_view text);

/// Bytes to step over at the start of `text`: the valid UTF-8 sequence there (utf8_sequence), or 1
/// for a byte that does not start one, as Go's utf8.DecodeRuneInString steps, so that a loop over
/// any input makes progress. 0 for empty text.
std::size_t utf8_step(std::string_view text);

/// Edit distance (bytes) where an insertion, a deletion, a substitution or a swap of two neighbours
/// each count one (optimal string alignment: "emial" is 1 from "email"). Capped work for long input:
/// either side over 64 bytes gives the longer length.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `typed` (case-insensitive) when it is near enough to be a likely typo
/// or prefix: distance ≤ max(1, len/3). Nullopt when nothing is close.
std::optional<std::string> closest(std::string_view typed, const std::vector<std::string>& candidates);

}  // namespace csibot::core
