#pragma once
// Private to the ticket webhooks (ticket_hooks.hpp): what each hook does once its call is signed and
// its body parsed, in ticket_hook_handlers.cpp; the checks before that are in ticket_hooks.cpp.
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "bot/net/http_types.hpp"
#include "bot/runtime/ticket_hooks.hpp"
#include "core/time.hpp"

namespace csibot::config {
struct hooks_settings;
}

namespace csibot::runtime::detail {

/// What the handlers of an installed pair of hooks share; lives as long as the routes.
struct hook_context {
  storage::database& db;
  const config::hooks_settings& hooks;
  ticket_hook_wiring wiring;
};

/// `j` as the text of an answer; text that is not UTF-8 is replaced rather than thrown on.
std::string dump(const nlohmann::json& j);

/// POST /hooks/ticket-resolved with a verified body: schedules the ticket's prompt (202). Throws
/// rejection (400, 404) for a body that does not hold up, storage::error when storing fails.
net::response on_resolved(hook_context& ctx, const nlohmann::json& body, core::timestamp now);

/// POST /hooks/ticket-reopened with a verified body: cancels the ticket's pending prompt, if any
/// (202 either way). Throws as on_resolved does.
net::response on_reopened(hook_context& ctx, const nlohmann::json& body, core::timestamp now);

}  // namespace csibot::runtime::detail
