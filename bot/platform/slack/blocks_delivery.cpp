// Response and Web API bodies around render() (blocks.hpp): who sees a message and which call
// delivers it.
#include "bot/platform/slack/blocks.hpp"

namespace csibot::platform::slack {

namespace {
using json = nlohmann::json;
}  // namespace

std::vector<json> render_response(const core::message& m, response_kind kind) {
  auto bodies = render(m);
  if (bodies.empty() && kind == response_kind::replace_original) {
    bodies.push_back({{"text", ""}, {"blocks", json::array()}});
  }
  for (std::size_t i = 0; i < bodies.size(); ++i) {
    auto& body = bodies[i];
    if (kind == response_kind::replace_original && i == 0) {
      body["replace_original"] = true;
    } else if (kind == response_kind::in_channel) {
      body["response_type"] = "in_channel";
    } else {
      // Explicit, so that a continuation is posted after the replaced message, never taken for
      // another replacement of it (Slack's default here has varied between interaction kinds).
      body["response_type"] = "ephemeral";
      if (kind == response_kind::replace_original) body["replace_original"] = false;
    }
  }
  return bodies;
}

std::vector<api_call> render_outbound(const core::outbound& out) {
  std::vector<api_call> calls;
  const bool ephemeral = out.kind == core::delivery::ephemeral && !out.channel.empty();
  const bool update = out.kind == core::delivery::update && !out.replaces.empty();
  const bool to_user = out.kind == core::delivery::direct || out.kind == core::delivery::ephemeral;
  const std::string& target = to_user && out.channel.empty() ? out.user : out.channel;
  for (auto& body : render(out.body)) {
    if (ephemeral) {
      body["channel"] = out.channel;
      body["user"] = out.user;
      calls.push_back({"chat.postEphemeral", std::move(body)});
    } else if (update && calls.empty()) {
      body["channel"] = out.channel;
      body["ts"] = out.replaces;
      calls.push_back({"chat.update", std::move(body)});
    } else {
      body["channel"] = target;
      calls.push_back({"chat.postMessage", std::move(body)});
    }
  }
  return calls;
}

}  // namespace csibot::platform::slack
