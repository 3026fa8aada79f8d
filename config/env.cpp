#include "config/env.hpp"

namespace csibot::config::detail {
namespace {

bool is_name_start(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}
bool is_name_char(char c) {
  return is_name_start(c) || (c >= '0' && c <= '9');
}

bool is_valid_name(std::string_view name) {
  if (name.empty() || !is_name_start(name.front())) return false;
  for (char c : name) {
    if (!is_name_char(c)) return false;
  }
  return true;
}

}  // namespace

expansion expand_env(std::string_view raw, const env_lookup& env) {
  expansion out;
  out.text.reserve(raw.size());
  std::size_t i = 0;
  while (i < raw.size()) {
    if (raw.substr(i).starts_with("$${")) {
      out.text += "${";
      i += 3;
      continue;
    }
    if (!raw.substr(i).starts_with("${")) {
      out.text += raw[i++];
      continue;
    }
    const auto close = raw.find('}', i + 2);
    if (close == std::string_view::npos) {
      out.error = "unterminated ${ (write $${ for a literal ${)";
      return out;
    }
    const auto name = raw.substr(i + 2, close - i - 2);
    if (!is_valid_name(name)) {
      out.error = "'${" + std::string{name} + "}' is not a valid environment variable reference";
      return out;
    }
    // Only the variable's name may appear in the message: its value is usually a secret.
    const auto value = env ? env(name) : std::nullopt;
    if (!value) {
      out.error = "environment variable " + std::string{name} + " is not set";
      return out;
    }
    out.text += *value;
    out.from_env = true;
    i = close + 1;
  }
  return out;
}

}  // namespace csibot::config::detail
