#include "core/ref.hpp"

#include <array>

namespace csibot::core {

bool is_known_platform(std::string_view platform) {
  static constexpr std::array<std::string_view, 4> known{"local", "slack", "mattermost", "discord"};
  for (auto k : known) {
    if (k == platform) return true;
  }
  return false;
}

std::optional<ref> parse_ref(std::string_view text) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const auto platform = text.substr(0, colon);
  const auto id = text.substr(colon + 1);
  if (!is_known_platform(platform) || id.empty()) return std::nullopt;
  for (char c : id) {
    if (static_cast<unsigned char>(c) <= ' ') return std::nullopt;
  }
  return ref{std::string{platform}, std::string{id}};
}

}  // namespace csibot::core
