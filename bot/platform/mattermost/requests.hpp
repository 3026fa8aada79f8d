#pragma once
/// What Mattermost POSTs to csibot's HTTP port (PLATFORMS.md §2.4, §2.5): slash commands
/// (`/mattermost/command`, a form) and button callbacks (`/mattermost/actions`, JSON), decoded into
/// core::inbound with platform "mattermost". Pure; nothing here throws except std::bad_alloc: a
/// missing, repeated or mistyped field is a reason in `ignored`, never an exception.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/platform/common/form.hpp"
#include "bot/platform/mattermost/action_context.hpp"
#include "core/events.hpp"

namespace csibot::platform::mattermost {

/// A user or channel the command text mentions, as the server resolved it.
struct mention {
  std::string name;  ///< as typed, without '@' or '~'
  std::string id;
  friend bool operator==(const mention&, const mention&) = default;
};

/// A decoded slash command.
struct command_request {
  std::optional<core::inbound> event;     ///< nullopt when the form is unusable (see `ignored`)
  std::string token;                      ///< the form's `token`, for command_token_ok()
  std::string response_url;               ///< delayed replies: 5 uses within 30 minutes
  std::vector<mention> user_mentions;     ///< user_mentions + user_mentions_ids, pairwise
  std::vector<mention> channel_mentions;  ///< channel_mentions + channel_mentions_ids, pairwise
  std::string ignored;                    ///< why there is no event; "" otherwise
};

/// The command body as decode_command() wants it: parse_form() keeping repeated names as lists,
/// because the server repeats user_mentions, channel_mentions and their _ids.
parsed parse_command_form(std::string_view body);

/// A slash command form (§2.4) → an inbound like Slack's: command (must start with '/'), text =
/// its arguments, user, user_name, channel, team; is_dm when channel_name is the bot's direct
/// channel ("<26 chars>__<26 chars>", one half `bot_user_id`: the bot cannot post into a DM
/// between two people, where a command may be typed too). event_id = trigger_id; without one, "h" + 32 hex
/// digits of SHA-256 over the command's fields (response_url included, which is unique per invocation). A
/// scalar field given twice is refused (a smuggled second `token` or `user_id` must not pick a winner).
/// Mention lists of unequal lengths are dropped (they cannot be paired), not fatal.
command_request decode_command(const nlohmann::json& fields, std::string_view bot_user_id);

/// Whether a command request carries the configured command token, compared in constant time.
/// Policy: an empty `expected` never matches (no token configured = no command accepted). When the
/// request has an Authorization header it alone decides and must be exactly "Token <expected>" (the
/// form field is then not consulted: a wrong header is not rescued by a right field). Without the
/// header the `token` field must equal `expected`.
bool command_token_ok(std::string_view authorization_header, std::string_view token_field,
                      std::string_view expected);

/// A decoded button callback.
struct action_request {
  std::optional<core::inbound> event;              ///< set only when the context verified
  context_check check = context_check::malformed;  ///< why a click was refused (metrics label)
  std::string ignored;                             ///< why there is no event; "" otherwise
};

/// A button callback body (§2.5, already through parse_json) → an inbound click: user = user_id,
/// user_name, channel = channel_id, team = team_id, action = {the context's action id and value,
/// message_id = post_id}; is_dm as for commands; event_id = trigger_id, or without one "h" + 32 hex
/// digits of SHA-256 over post, user, action and value (a double click is then one click). The
/// context must verify with `key` for this channel and user (verify_context). A `type` other than
/// "button" (selects: csibot renders none) is ignored.
action_request decode_action(const nlohmann::json& body, std::string_view key, std::string_view bot_user_id);

}  // namespace csibot::platform::mattermost
