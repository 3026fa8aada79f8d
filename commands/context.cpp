#include "commands/context.hpp"

#include <algorithm>

namespace csibot::commands {

core::outbound command_env::ephemeral(core::message m) const {
  return core::outbound{core::delivery::ephemeral, in.platform, in.channel, in.user, {}, std::move(m)};
}

core::outbound command_env::ephemeral_text(std::string text) const {
  core::message m;
  m.text = std::move(text);
  return ephemeral(std::move(m));
}

core::outbound command_env::direct(core::message m) const {
  return core::outbound{
      core::delivery::direct, in.platform, in.is_dm ? in.channel : std::string{}, in.user, {}, std::move(m)};
}

const core::service* command_env::service(std::string_view id) const {
  const auto it = std::find_if(catalog.begin(), catalog.end(), [&](const auto& s) { return s.id == id; });
  return it == catalog.end() ? nullptr : &*it;
}

}  // namespace csibot::commands
