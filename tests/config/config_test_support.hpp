#pragma once
/// Helpers for the config tests: load TOML with an injected environment and look for diagnostics.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <string_view>

#include "config/loader.hpp"

namespace csibot::config::testing {

using env_map = std::map<std::string, std::string, std::less<>>;

/// An env_lookup that sees only `vars`.
inline env_lookup env_from(env_map vars) {
  return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
    const auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

/// Loads `toml` as if it were /etc/csibot/csibot.toml.
inline load_result load(std::string_view toml, env_map vars = {}) {
  return load_string(toml, "/etc/csibot/csibot.toml", env_from(std::move(vars)));
}

/// Every diagnostic, one per line, for failure messages.
inline std::string dump(const load_result& result) {
  std::string out;
  for (const auto& d : result.diagnostics)
    out += d.str("csibot.toml") + "\n";
  return out.empty() ? "(no diagnostics)" : out;
}

inline std::size_t count(const load_result& result, severity kind) {
  std::size_t n = 0;
  for (const auto& d : result.diagnostics)
    n += d.severity == kind ? 1 : 0;
  return n;
}

/// True when a diagnostic of `kind` has exactly `key` and `line` and a message containing `words`.
inline ::testing::AssertionResult has(const load_result& result, severity kind, std::string_view key,
                                      int line, std::string_view words) {
  for (const auto& d : result.diagnostics) {
    if (d.severity == kind && d.key == key && d.line == line && d.message.find(words) != std::string::npos) {
      return ::testing::AssertionSuccess();
    }
  }
  return ::testing::AssertionFailure() << "no " << (kind == severity::error ? "error" : "warning") << " at "
                                       << key << " line " << line << " containing '" << words << "'; got:\n"
                                       << dump(result);
}

inline ::testing::AssertionResult has_error(const load_result& r, std::string_view key, int line,
                                            std::string_view words) {
  return has(r, severity::error, key, line, words);
}

inline ::testing::AssertionResult has_warning(const load_result& r, std::string_view key, int line,
                                              std::string_view words) {
  return has(r, severity::warning, key, line, words);
}

}  // namespace csibot::config::testing
