#include "core/i18n.hpp"

#include <algorithm>
#include <charconv>
#include <unordered_map>

namespace csibot::core {
namespace {

const detail::text_index& english_index() {
  static const detail::text_index idx = detail::merged_index(english_catalog(), {});
  return idx;
}

// German texts merged over the English ones once, so that the fallback costs nothing per call.
const detail::text_index& german_index() {
  static const detail::text_index idx = detail::merged_index(german_catalog(), english_catalog());
  return idx;
}

char lower_ascii(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string fill(std::string_view text, std::initializer_list<text_arg> args) {
  std::string out;
  out.reserve(text.size() + 32);
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto open = text.find('{', pos);
    if (open == std::string_view::npos) break;
    const auto close = text.find('}', open);
    if (close == std::string_view::npos) break;
    out.append(text.substr(pos, open - pos));
    const auto name = text.substr(open + 1, close - open - 1);
    const auto arg =
        std::find_if(args.begin(), args.end(), [&](const text_arg& a) { return a.name == name; });
    if (arg != args.end()) {
      out += arg->value;
    } else {
      out.append(text.substr(open, close - open + 1));
    }
    pos = close + 1;
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace

detail::text_index detail::merged_index(const catalog& primary, const catalog& fallback) {
  detail::text_index m;
  m.reserve(primary.size() + fallback.size());
  for (const auto& [k, v] : fallback)
    m.insert_or_assign(k, v);
  for (const auto& [k, v] : primary)
    m.insert_or_assign(k, v);
  return m;
}

std::string_view language_of(std::string_view locale) {
  // Platforms report "de" (Mattermost), "de-DE" (Slack, browsers) or "de_DE" (POSIX style), in any
  // case; only the language subtag decides, as one German text serves Germany, Austria and Switzerland.
  const auto subtag = locale.substr(0, locale.find_first_of("-_"));
  if (subtag.size() == 2 && lower_ascii(subtag[0]) == 'd' && lower_ascii(subtag[1]) == 'e') return "de";
  return "en";
}

std::string tr(std::string_view language, std::string_view key, std::initializer_list<text_arg> args) {
  const auto& idx = language == "de" ? german_index() : english_index();
  const auto it = idx.find(key);
  if (it == idx.end()) return "\u27e8" + std::string{key} + "\u27e9";
  return fill(it->second, args);
}

std::vector<std::string_view> catalog_keys() {
  std::vector<std::string_view> keys;
  for (const auto& [k, v] : english_catalog())
    keys.push_back(k);
  return keys;
}

std::string with_decimal_mark(std::string formatted, std::string_view language) {
  if (language_of(language) == "de") std::replace(formatted.begin(), formatted.end(), '.', ',');
  return formatted;
}

std::string decimal(double value, std::string_view language) {
  char text[400];  // the widest double in fixed notation, 1.8e308, has 309 digits before the point
  const auto [end, ec] = std::to_chars(text, text + sizeof text, value, std::chars_format::fixed, 1);
  return with_decimal_mark(ec == std::errc{} ? std::string(text, end) : std::string{"?"}, language);
}

}  // namespace csibot::core
