#include "bot/platform/mattermost/responses.hpp"

#include <algorithm>

#include "bot/platform/mattermost/markdown.hpp"
#include "core/text.hpp"

namespace csibot::platform::mattermost {
namespace {

using json = nlohmann::json;

json props_of(const post& p) {
  if (p.attachments.empty()) return json::object();
  return {{"attachments", p.attachments}};
}

std::string_view type_name(response_type t) {
  return t == response_type::in_channel ? "in_channel" : "ephemeral";
}

json command_part(const post& p, response_type t) {
  json j = {{"response_type", type_name(t)}, {"text", p.message}, {"skip_slack_parsing", true}};
  if (!p.attachments.empty()) j["attachments"] = p.attachments;
  return j;
}

// Mattermost ids are 26 lowercase letters and digits; anything else must not reach a URL path.
bool is_plain_id(std::string_view id) {
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  });
}

std::string capped_markdown(std::string_view neutral) {
  std::string md = to_markdown(core::sanitize(neutral));
  if (rune_count(md) <= max_post_runes) return md;
  std::string_view rest = md;
  std::size_t end = 0;
  for (std::size_t runes = 0; runes + 1 < max_post_runes; ++runes)
    end += core::utf8_step(rest.substr(end));
  return std::string(rest.substr(0, end)) + "\xE2\x80\xA6";
}

}  // namespace

json create_post_body(const post& p, std::string_view channel_id, std::string_view root_id) {
  json j = {{"channel_id", channel_id}, {"message", p.message}};
  if (!root_id.empty()) j["root_id"] = root_id;
  if (!p.attachments.empty()) j["props"] = props_of(p);
  return j;
}

json patch_post_body(const post& p) {
  return {{"message", p.message}, {"props", props_of(p)}};
}

json ephemeral_post_body(const post& p, std::string_view user_id, std::string_view channel_id) {
  json inner = {{"channel_id", channel_id}, {"message", p.message}};
  if (!p.attachments.empty()) inner["props"] = props_of(p);
  return {{"user_id", user_id}, {"post", std::move(inner)}};
}

json direct_channel_body(std::string_view bot_user_id, std::string_view user_id) {
  return json::array({bot_user_id, user_id});
}

json command_response(const std::vector<post>& posts, response_type type) {
  if (posts.empty()) return {{"response_type", type_name(type)}, {"text", ""}};
  json j = command_part(posts.front(), type);
  if (posts.size() > 1) {
    json extra = json::array();
    for (std::size_t i = 1; i < posts.size(); ++i)
      extra.push_back(command_part(posts[i], type));
    j["extra_responses"] = std::move(extra);
  }
  return j;
}

json action_response(const std::optional<post>& update, std::string_view ephemeral_text) {
  json j = {{"skip_slack_parsing", true}};
  if (update) j["update"] = {{"message", update->message}, {"props", props_of(*update)}};
  if (!ephemeral_text.empty()) j["ephemeral_text"] = capped_markdown(ephemeral_text);
  return j;
}

std::vector<rest_call> render_outbound(const core::outbound& out, std::string_view actions_url,
                                       std::string_view key) {
  using core::delivery;
  const bool to_user = out.kind == delivery::direct || out.kind == delivery::ephemeral;
  const button_target target{std::string(actions_url), std::string(key), out.channel,
                             to_user ? out.user : std::string()};
  std::vector<post> posts = render(out.body, target);
  const bool update = out.kind == delivery::update && is_plain_id(out.replaces);
  if (posts.empty() && update) posts.emplace_back();
  std::vector<rest_call> calls;
  if (out.channel.empty()) return calls;
  for (const auto& p : posts) {
    if (out.kind == delivery::ephemeral) {
      calls.push_back({"POST", "/api/v4/posts/ephemeral", ephemeral_post_body(p, out.user, out.channel)});
    } else if (update && calls.empty()) {
      calls.push_back({"PUT", "/api/v4/posts/" + out.replaces + "/patch", patch_post_body(p)});
    } else {
      calls.push_back({"POST", "/api/v4/posts", create_post_body(p, out.channel)});
    }
  }
  return calls;
}

}  // namespace csibot::platform::mattermost
