#pragma once
/// What the two halves of `/csi improve` share: handlers/improve.cpp (add, list, show and the
/// router) and handlers/improve_edit.cpp (set, link).
#include <string>
#include <vector>

#include "commands/context.hpp"
#include "core/improvement.hpp"

namespace csibot::commands::handlers {

/// `improve set <id> state|for|effect|title <value…>`
std::vector<core::outbound> improve_set(command_env& env);
/// `improve link <id> feedback <id…>` and `improve link <id> theme <word…>`
std::vector<core::outbound> improve_link(command_env& env);

/// "" when the person may change the register of service `service_id` (its owners, admins; only
/// admins once it left the catalog); otherwise the refusal naming who may.
std::string improve_refusal(const command_env& env, const std::string& service_id);
/// "The title was longer than 200 characters, so I kept the first 200." (`key` names the part).
std::string cut_note(const command_env& env, std::string_view key, std::size_t max);
/// A note when the business function given is not one the catalog lists for the service (a typo, or
/// the catalog is behind); "" when it is, or when the catalog lists none.
std::string function_note(const command_env& env, const core::service& svc, const core::improvement& i);

}  // namespace csibot::commands::handlers
