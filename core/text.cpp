#include "core/text.hpp"

#include <algorithm>
#include <cstdint>

namespace csibot::core {
std::size_t utf8_sequence(std::string_view s) {
  if (s.empty()) return 0;
  const auto b0 = static_cast<unsigned char>(s[0]);
  if (b0 < 0x80) return 1;
  std::size_t len = 0;
  std::uint32_t cp = 0;
  if ((b0 & 0xE0) == 0xC0)
    len = 2, cp = b0 & 0x1Fu;
  else if ((b0 & 0xF0) == 0xE0)
    len = 3, cp = b0 & 0x0Fu;
  else if ((b0 & 0xF8) == 0xF0)
    len = 4, cp = b0 & 0x07u;
  else
    return 0;
  if (s.size() < len) return 0;
  for (std::size_t i = 1; i < len; ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3Fu);
  }
  // Reject overlong forms, surrogates and values past U+10FFFF.
  if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) return 0;
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return 0;
  return len;
}

std::string sanitize(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    const auto c = static_cast<unsigned char>(text[0]);
    const std::size_t len = utf8_sequence(text);
    if (len == 0) {
      out += "\xEF\xBF\xBD";
      text.remove_prefix(1);
      continue;
    }
    const bool control = len == 1 && ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F);
    if (!control) out.append(text.substr(0, len));
    text.remove_prefix(len);
  }
  return out;
}

std::string_view trim(std::string_view text) {
  const auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  };
  while (!text.empty() && is_space(text.front()))
    text.remove_prefix(1);
  while (!text.empty() && is_space(text.back()))
    text.remove_suffix(1);
  return text;
}

std::string one_line(std::string_view text) {
  std::string out{trim(text)};
  for (char& c : out)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return out;
}

std::string ascii_lower(std::string_view text) {
  std::string out{text};
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

capped cap_chars(std::string_view text, std::size_t max_chars) {
  std::size_t chars = 0, pos = 0;
  while (pos < text.size()) {
    if (chars == max_chars) return {std::string{text.substr(0, pos)}, true};
    const std::size_t len = utf8_step(text.substr(pos));
    pos += len;
    ++chars;
  }
  return {std::string{text}, false};
}

std::size_t utf8_step(std::string_view text) {
  return text.empty() ? 0 : std::max<std::size_t>(1, utf8_sequence(text));
}

std::size_t utf8_length(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Typed names are short; anything long cannot be a typo of a service id, so bound the work.
  constexpr std::size_t limit = 64;
  if (a.size() > limit || b.size() > limit) return std::max(a.size(), b.size());
  // Three rows of the table: the one before the previous is where a swap of two neighbours comes
  // from. Swapped letters ("emial") are the commonest slip of fast typing, so they count as one edit
  // (the optimal string alignment distance), not as the two substitutions Levenshtein sees.
  std::vector<std::size_t> before(b.size() + 1);
  std::vector<std::size_t> previous(b.size() + 1);
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::swap(before, previous);
    std::swap(previous, row);
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const bool same = a[i - 1] == b[j - 1];
      row[j] = std::min({previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (same ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && !same)
        row[j] = std::min(row[j], before[j - 2] + 1);
    }
  }
  return row[b.size()];
}

std::optional<std::string> closest(std::string_view typed, const std::vector<std::string>& candidates) {
  const std::string needle = ascii_lower(trim(typed));
  if (needle.empty()) return std::nullopt;
  std::optional<std::string> best;
  std::size_t best_distance = std::max<std::size_t>(1, needle.size() / 3) + 1;
  for (const auto& candidate : candidates) {
    const std::string lowered = ascii_lower(candidate);
    // A typed prefix of three or more letters ("lap" for "laptop") is as good as a one-letter typo.
    std::size_t d = edit_distance(needle, lowered);
    if (needle.size() >= 3 && lowered.starts_with(needle)) d = std::min<std::size_t>(d, 1);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

}  // namespace csibot::core
