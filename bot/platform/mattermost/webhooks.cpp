// What Mattermost POSTs to csibot's one HTTP port (PLATFORMS.md §2.4, §2.5): slash commands on
// /mattermost/command and button clicks on /mattermost/actions. Each request is checked before
// anything acts on it: its size, then the command token or the click's signed context; a refused
// request changes nothing. Ack first: the answer goes out at once and the work through the dispatch
// queue, whose replies the outbox delivers (a command's to its response_url, a click's update by
// PUT /posts/{id}/patch), so a slow disk never runs into Mattermost's timeout and a reply is never
// lost with a dropped HTTP answer.
#include <spdlog/spdlog.h>

#include <optional>

#include "bot/net/http_server.hpp"
#include "bot/platform/mattermost/adapter_state.hpp"
#include "bot/platform/mattermost/requests.hpp"
#include "bot/platform/mattermost/responses.hpp"

namespace csibot::platform::mattermost {
namespace {

using json = nlohmann::json;
using impl = mattermost_platform::impl;

std::string_view header(const net::request& req, std::string_view name) {
  return req.headers.find(name).value_or(std::string_view{});
}

net::response refuse(impl& self, const net::request& req, unsigned status, std::string_view why) {
  ++self.refused;
  // Never the body or the token: the reason is a fixed phrase.
  spdlog::warn("mattermost {} from {}: refused ({}): {}", req.target, req.remote_address, status, why);
  return net::response::text(status, std::string{why} + "\n");
}

std::optional<net::response> too_large(impl& self, const net::request& req) {
  if (req.body.size() <= self.opts.max_body) return std::nullopt;
  return refuse(self, req, 413, "request too large");
}

// Mattermost does not retry a command; an empty ephemeral CommandResponse shows nothing, and the real
// reply follows at the response_url within moments.
net::response ack_command() {
  return net::response::json(200, command_response({}, response_type::ephemeral).dump());
}

net::response command(impl& self, const net::request& req) {
  if (auto r = too_large(self, req)) return std::move(*r);
  // Said plainly, so that the log names the fix rather than suggesting a forged request.
  if (self.settings.command_token.empty())
    return refuse(self, req, 401, "no command token is configured (mattermost.command_token)");
  const auto authorization = header(req, "Authorization");
  // With the header, it alone decides (command_token_ok), before a byte of the form is read.
  if (!authorization.empty() && !command_token_ok(authorization, {}, self.settings.command_token))
    return refuse(self, req, 401, "invalid command token");
  // Without it the token can only be in the form: parse it, but act on nothing before the check.
  const auto form = parse_command_form(req.body);
  if (!form.ok()) {
    if (authorization.empty()) return refuse(self, req, 401, "invalid command token");
    spdlog::warn("mattermost {}: unreadable form: {}", req.target, form.error);
    return net::response::text(400, "unreadable form\n");
  }
  auto decoded = decode_command(form.value, self.bot_user_id);
  if (authorization.empty() && !command_token_ok({}, decoded.token, self.settings.command_token))
    return refuse(self, req, 401, "invalid command token");
  if (!decoded.event) {
    spdlog::warn("mattermost {}: unusable command: {}", req.target, decoded.ignored);
    return net::response::text(400, "unusable command\n");
  }
  self.submit(std::move(*decoded.event), std::move(decoded.response_url), "command");
  return ack_command();
}

// A click that is not csibot's own button, or not this person's, is refused and nothing is stored: a
// context that is missing, malformed or forged proves nothing (401), and neither does a body that
// lacks the fields it would be checked against; a genuine button in the wrong hands is forbidden (403).
unsigned refusal_status(context_check c) {
  return c == context_check::wrong_channel || c == context_check::wrong_user ? 403U : 401U;
}

net::response action(impl& self, const net::request& req) {
  if (auto r = too_large(self, req)) return std::move(*r);
  const auto body = parse_json(req.body);
  if (!body.ok()) return refuse(self, req, 400, "unreadable body");
  auto decoded = decode_action(body.value, self.key, self.bot_user_id);
  if (!decoded.event) {
    // decode_action's reason names a field or the check ("missing post_id", "forged"); debug only,
    // since it may quote the callback's short `type`.
    spdlog::debug("mattermost {}: {}", req.target, decoded.ignored);
    return refuse(self, req, refusal_status(decoded.check), to_string(decoded.check));
  }
  self.submit(std::move(*decoded.event), {}, "action");
  // The update (buttons replaced) goes by PUT /posts/{id}/patch from the outbox; "{}" keeps the post
  // as it is until then (PLATFORMS.md §2.5: an omitted update changes nothing).
  return net::response::json(200, "{}");
}

}  // namespace

void mattermost_platform::install_routes(net::http_server& server) {
  const std::weak_ptr<impl> weak = impl_;
  server.add_route("POST", "/mattermost/command", [weak](const net::request& req) {
    const auto self = weak.lock();
    if (!self || self->stopped) return net::response::text(503, "shutting down\n");
    return command(*self, req);
  });
  server.add_route("POST", "/mattermost/actions", [weak](const net::request& req) {
    const auto self = weak.lock();
    if (!self || self->stopped) return net::response::text(503, "shutting down\n");
    return action(*self, req);
  });
}

}  // namespace csibot::platform::mattermost
