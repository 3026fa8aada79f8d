#pragma once
/// Bodies csibot sends to Mattermost (PLATFORMS.md §2.3–§2.5): REST posts, the CommandResponse that
/// answers a slash command, and the answer to a button callback. Pure: builds JSON from render()'s
/// posts; sending is the transport's job. Throws only std::bad_alloc.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/platform/mattermost/render.hpp"
#include "core/events.hpp"

namespace csibot::platform::mattermost {

/// `POST /api/v4/posts`: {"channel_id", "message", "root_id" (only when not empty: a thread reply),
/// "props": {"attachments": …} (only when the post has buttons)}.
nlohmann::json create_post_body(const post& p, std::string_view channel_id, std::string_view root_id = {});

/// `PUT /api/v4/posts/{id}/patch`: {"message", "props"}. props is always sent: {"attachments": …} or
/// {} — the server replaces props wholesale, so {} removes the old buttons.
nlohmann::json patch_post_body(const post& p);

/// `POST /api/v4/posts/ephemeral`: {"user_id", "post": {"channel_id", "message", "props"?}}.
nlohmann::json ephemeral_post_body(const post& p, std::string_view user_id, std::string_view channel_id);

/// `POST /api/v4/channels/direct`: ["<bot user id>", "<user id>"]; the answer's `id` is the DM.
nlohmann::json direct_channel_body(std::string_view bot_user_id, std::string_view user_id);

/// Who sees a slash command's answer.
enum class response_type { ephemeral, in_channel };

/// The CommandResponse for `posts` (§2.4): the first post as {"response_type", "text",
/// "skip_slack_parsing": true, "attachments"?}, the others in "extra_responses" in the same form.
/// skip_slack_parsing stops the server from turning Slack syntax such as "<!channel>" into
/// mentions. No posts → {"response_type", "text": ""}, which posts nothing.
nlohmann::json command_response(const std::vector<post>& posts, response_type type);

/// The answer to a button callback (§2.5): {"update": {"message", "props"}, "ephemeral_text",
/// "skip_slack_parsing": true}. `update` replaces the clicked post (props {} removes its buttons,
/// attachments replace them); nullopt leaves the post as it is. `ephemeral_text` is neutral markup
/// shown only to the clicker (converted with to_markdown, cut to max_post_runes with "…"); "" sends
/// none.
nlohmann::json action_response(const std::optional<post>& update, std::string_view ephemeral_text);

/// One REST call: method, path under the server's URL, and JSON body (the token goes in the
/// Authorization header, never here).
struct rest_call {
  std::string method;  ///< "POST" or "PUT"
  std::string path;    ///< "/api/v4/posts", "/api/v4/posts/<id>/patch", "/api/v4/posts/ephemeral"
  nlohmann::json body;
};

/// The calls that deliver `out`, in order, its buttons signed with `key` and pointing at
/// `actions_url`. Every kind needs out.channel (for a DM, open it with direct_channel_body first); with
/// none there are no calls.
/// - channel: POST /posts to out.channel, buttons for anyone in it;
/// - direct: POST /posts to out.channel, buttons bound to out.user;
/// - ephemeral: POST /posts/ephemeral for out.user in out.channel, buttons bound to out.user;
/// - update: PUT /posts/<out.replaces>/patch with the first post, the rest POSTed to out.channel; an
///   empty body patches to an empty message without buttons. A `replaces` that is not letters and
///   digits (a Mattermost id is nothing else) is not put into a path: the body is posted instead.
std::vector<rest_call> render_outbound(const core::outbound& out, std::string_view actions_url,
                                       std::string_view key);

}  // namespace csibot::platform::mattermost
