// libFuzzer entry for the config loader: any bytes must give diagnostics, never a crash or a throw.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "config/loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // No environment: every ${NAME} is "not set", so the result depends on the input alone.
  static const csibot::config::env_lookup no_env = [](std::string_view) -> std::optional<std::string> {
    return std::nullopt;
  };
  const std::string_view text{reinterpret_cast<const char*>(data), size};
  const auto result = csibot::config::load_string(text, "/fuzz/csibot.toml", no_env);
  for (const auto& d : result.diagnostics)
    (void)d.str("fuzz.toml");
  return 0;
}
