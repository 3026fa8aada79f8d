#pragma once
/// Who may do what (SPEC §12): anyone may read figures for themselves; posting into a channel,
/// subscribing a channel and catalog changes need the service's owner or an admin (`bot.admins`).
#include <string>
#include <vector>

#include "config/settings.hpp"
#include "core/service.hpp"

namespace csibot::commands {

/// True when `user` ("platform:id") is listed in bot.admins.
bool is_admin(const config::settings& s, const std::string& user);

/// True when `user` is an admin or an owner of every service in `services`. An empty list (the
/// whole catalog) needs an admin: owning one service says nothing about the others.
bool may_manage(const config::settings& s, const std::vector<const core::service*>& services,
                const std::string& user);

/// The refusal, naming who may do it: "Only an owner of VPN (slack:U1) or an admin (slack:U0) can …".
/// `action` is the catalog text of what was refused (already translated).
std::string refusal(const config::settings& s, const std::vector<const core::service*>& services,
                    const std::string& action, const std::string& language);

}  // namespace csibot::commands
