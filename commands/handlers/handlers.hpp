#pragma once
/// One function per `/csi` subcommand, each in its own file.
#include <vector>

#include "commands/context.hpp"

namespace csibot::commands::handlers {

std::vector<core::outbound> help(command_env& env);
std::vector<core::outbound> services(command_env& env);
std::vector<core::outbound> service(command_env& env);
std::vector<core::outbound> feedback(command_env& env);
std::vector<core::outbound> stats(command_env& env);
std::vector<core::outbound> cancel(command_env& env);
std::vector<core::outbound> digest(command_env& env);
std::vector<core::outbound> subscribe(command_env& env);
std::vector<core::outbound> unsubscribe(command_env& env);
std::vector<core::outbound> optout(command_env& env);
std::vector<core::outbound> optin(command_env& env);
std::vector<core::outbound> ask(command_env& env);
std::vector<core::outbound> forget_me(command_env& env);
/// `reply <feedback-id> <text…>`: an owner answers one piece of feedback (handlers/reply.cpp).
std::vector<core::outbound> reply(command_env& env);
/// `improve add|list|show|set|link …` (handlers/improve.cpp, handlers/improve_edit.cpp).
std::vector<core::outbound> improve(command_env& env);
/// `service add|set|remove …`, reached through `service` when its first word is one of those.
std::vector<core::outbound> service_admin(command_env& env);
bool is_service_admin(const command_env& env);
/// `admin [status] | audit [n] | backup`: the running bot's health, the audit log, backups (admins).
std::vector<core::outbound> admin(command_env& env);

}  // namespace csibot::commands::handlers
