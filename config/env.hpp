#pragma once
/// ${ENV} expansion of config string values (private to config/).
#include <optional>
#include <string>
#include <string_view>

#include "config/loader.hpp"

namespace csibot::config::detail {

struct expansion {
  std::string text;                  ///< the value with every reference replaced
  bool from_env = false;             ///< true when at least one ${NAME} was replaced
  std::optional<std::string> error;  ///< set on a missing variable or a malformed reference
};

/// Replaces each `${NAME}` (NAME = [A-Za-z_][A-Za-z0-9_]*) by the variable's value; `$${` is a literal
/// `${`, and a `$` not followed by `{` is kept as it is. A missing variable is an error that names the
/// variable but never shows any value.
expansion expand_env(std::string_view raw, const env_lookup& env);

}  // namespace csibot::config::detail
