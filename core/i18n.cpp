#include "core/i18n.hpp"

#include <algorithm>
#include <unordered_map>

namespace csibot::core {
namespace {

using index = std::unordered_map<std::string_view, std::string_view>;

const index& english_index() {
  static const index idx = [] {
    index m;
    for (const auto& [k, v] : english_catalog())
      m.emplace(k, v);
    return m;
  }();
  return idx;
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

std::string_view language_of(std::string_view locale) {
  // Only English ships today; the switch is here so that adding a catalog is one line.
  (void)locale;
  return "en";
}

std::string tr(std::string_view language, std::string_view key, std::initializer_list<text_arg> args) {
  (void)language;
  const auto& idx = english_index();
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

}  // namespace csibot::core
