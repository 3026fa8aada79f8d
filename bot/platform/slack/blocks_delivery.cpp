// Response and Web API bodies around render() (blocks.hpp): who sees a message and which call
// delivers it.
#include "bot/platform/slack/blocks.hpp"
#include "bot/platform/slack/json_text.hpp"
#include "core/text.hpp"

namespace csibot::platform::slack {

std::vector<std::string> render_response(const core::message& m, response_kind kind) {
  auto bodies = render(m);
  if (bodies.empty() && kind == response_kind::replace_original) bodies.push_back({R"("")", "[]"});
  std::vector<std::string> out;
  out.reserve(bodies.size());
  for (std::size_t i = 0; i < bodies.size(); ++i) {
    std::string members;
    if (kind == response_kind::replace_original && i == 0) {
      add_flag_member(members, "replace_original", true);
    } else if (kind == response_kind::in_channel) {
      add_text_member(members, "response_type", "in_channel");
    } else {
      // Explicit, so that a continuation is posted after the replaced message, never taken for
      // another replacement of it (Slack's default here has varied between interaction kinds).
      add_text_member(members, "response_type", "ephemeral");
      if (kind == response_kind::replace_original) add_flag_member(members, "replace_original", false);
    }
    out.push_back(to_json(bodies[i], members));
  }
  return out;
}

std::vector<api_call> render_outbound(const core::outbound& out, std::string_view dm_channel) {
  std::vector<api_call> calls;
  const std::string_view out_channel =
      out.kind == core::delivery::direct && !dm_channel.empty() ? dm_channel : std::string_view{out.channel};
  const bool ephemeral = out.kind == core::delivery::ephemeral && !out_channel.empty();
  const bool update = out.kind == core::delivery::update && !out.replaces.empty() && !out_channel.empty();
  const bool to_user = out.kind == core::delivery::direct || out.kind == core::delivery::ephemeral;
  // Ids from storage: sanitized like the message's strings, so the body is always valid JSON.
  const std::string channel = core::sanitize(out_channel);
  const std::string target = to_user && out_channel.empty() ? core::sanitize(out.user) : channel;
  for (const auto& body : render(out.body)) {
    std::string members;
    if (ephemeral) {
      add_text_member(members, "channel", channel);
      add_text_member(members, "user", core::sanitize(out.user));
      calls.push_back({"chat.postEphemeral", channel, to_json(body, members)});
    } else if (update && calls.empty()) {
      add_text_member(members, "channel", channel);
      add_text_member(members, "ts", core::sanitize(out.replaces));
      calls.push_back({"chat.update", channel, to_json(body, members)});
    } else {
      add_text_member(members, "channel", target);
      calls.push_back({"chat.postMessage", target, to_json(body, members)});
    }
  }
  return calls;
}

}  // namespace csibot::platform::slack
