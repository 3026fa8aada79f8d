#include "commands/context.hpp"

#include <algorithm>

#include "core/i18n.hpp"

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

std::string command_env::language_for(const core::ref& person) const {
  if (languages != nullptr && *languages) {
    if (auto known = (*languages)(person); !known.empty()) return known;
  }
  return std::string{core::language_of(settings.bot.language)};
}

const core::service* command_env::service(std::string_view id) const {
  return core::find_service(catalog, id);
}

}  // namespace csibot::commands
