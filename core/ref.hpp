#pragma once
/// `platform:id` references to users and channels, as used in config, export and commands.
#include <optional>
#include <string>
#include <string_view>

namespace csibot::core {

/// A user or channel on one platform. `id` is the platform's own id ("U0123", "general").
struct ref {
  std::string platform;
  std::string id;

  /// "slack:U0123".
  std::string str() const { return platform + ':' + id; }
  friend bool operator==(const ref&, const ref&) = default;
  friend auto operator<=>(const ref&, const ref&) = default;
};

/// True for `local`, `slack`, `mattermost` and `discord`.
bool is_known_platform(std::string_view platform);

/// Parses "slack:U0123". Returns nullopt when the platform is unknown or the id is empty or has spaces.
std::optional<ref> parse_ref(std::string_view text);

}  // namespace csibot::core
