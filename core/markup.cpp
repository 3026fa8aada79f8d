#include "core/markup.hpp"

#include "core/text.hpp"

namespace csibot::core {

std::string literal(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (const char c : text) {
    if (escapable(c)) out += '\\';
    out += c;
  }
  return out;
}

std::string echo(std::string_view typed, std::size_t max_chars) {
  return literal(cap_chars(sanitize(typed), max_chars).text);
}

std::string without_escapes(std::string_view neutral) {
  std::string out;
  out.reserve(neutral.size());
  for (std::size_t i = 0; i < neutral.size(); ++i) {
    if (neutral[i] == '\\' && i + 1 < neutral.size() && escapable(neutral[i + 1])) ++i;
    out += neutral[i];
  }
  return out;
}

}  // namespace csibot::core
