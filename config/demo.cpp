#include <stdexcept>
#include <system_error>

#include "config/loader.hpp"

namespace csibot::config {

settings demo_settings() {
  // The demo must not depend on whoever runs it: no environment, no files.
  const env_lookup no_env = [](std::string_view) -> std::optional<std::string> { return std::nullopt; };
  auto result = load_string(demo_toml(), "demo.toml", no_env);
  if (!result.ok()) {
    // demo.toml is checked by the tests; reaching this is a build defect, not bad input.
    std::string problems;
    for (const auto& d : result.diagnostics)
      problems += "\n" + d.str("demo.toml");
    throw std::logic_error("the built-in demo config is invalid:" + problems);
  }
  auto demo = std::move(*result.settings);
  demo.source.clear();
  // demo.toml names "../var/…" relative to config/, i.e. var/ at the repository root. Compiled in,
  // it has no folder, so the database goes to var/ under the working folder (where `make run` is).
  std::error_code ec;
  const auto cwd = std::filesystem::current_path(ec);
  demo.bot.database = (ec ? std::filesystem::path{"var"} : cwd / "var") / demo.bot.database.filename();
  return demo;
}

}  // namespace csibot::config
