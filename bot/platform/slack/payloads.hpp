#pragma once
/// Decoding what Slack sends (PLATFORMS.md §1.2–§1.6) into core::inbound with platform "slack".
/// Pure; nothing here throws except std::bad_alloc: a missing, null or mistyped field is a reason
/// in `decoded::ignored`, never an exception. Text arrives HTML-escaped (&amp; &lt; &gt;) and is
/// unescaped; `<@U1>` mentions stay as Slack wrote them.
#include <chrono>
#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "bot/platform/slack/form.hpp"
#include "core/events.hpp"

namespace csibot::platform::slack {

inline constexpr std::string_view platform_name = "slack";

/// Longest strings accepted in a payload, in bytes (ids: max_id_bytes, form.hpp). Slack's own are
/// far shorter; anything longer is refused (with a reason) rather than carried into storage and logs.
inline constexpr std::size_t max_text_bytes = 160'000;    ///< Slack cuts text at 40,000 characters
inline constexpr std::size_t max_value_bytes = 8'000;     ///< a button value: 2,000 characters
inline constexpr std::size_t max_url_bytes = 2'048;       ///< response_url
inline constexpr std::size_t max_challenge_bytes = 1024;  ///< url_verification

// ---- Payloads ----

/// The outcome of decoding one payload.
struct decoded {
  std::optional<core::inbound> event;  ///< what to dispatch; nullopt = nothing to do
  std::string response_url;            ///< slash commands and clicks: where replies may be POSTed
  std::string challenge;               ///< url_verification: answer 200 {"challenge": challenge}
  std::string ignored;                 ///< why there is no event (for a debug log); "" otherwise
  /// app_rate_limited (§1.3): Slack is discarding this app's events for the rest of a minute. Not
  /// routine like the other ignored payloads: people's messages and clicks are being lost.
  bool events_dropped = false;
};

/// A slash command (§1.4): the Socket Mode payload object, or the HTTP form as parse_form returns
/// it. Slash commands carry no event id, so `event_id` is `envelope_id` in Socket Mode; over HTTP
/// pass "" and the command's trigger_id (unique per invocation) is used instead. `is_dm` when the
/// channel id starts with 'D': some DM, which need not be csibot's (a command can be typed in a DM
/// between two people); the adapter keeps it only for the DM it knows as csibot's with that person.
decoded decode_slash_command(const nlohmann::json& fields, std::string_view envelope_id = {});

/// An Events API body (§1.3): the `payload` of an events_api envelope or an HTTP POST's JSON.
/// Decoded: `event_callback` with a `message` in the bot's DM (channel_type "im") from a person,
/// with event_id = the outer event_id (the dedupe key Slack repeats on redelivery).
/// Ignored, with a reason: a message with a subtype (edits, deletions, joins, bot_message, …),
/// with a bot_id, or from `bot_user_id` (when empty, the bot user of `authorizations[0]`); a
/// message outside a DM (csibot does not read channels); a message without text; `app_mention`
/// (commands come through the slash command, conversations through the DM; answering mentions too
/// would only add a second entrance, and `message.channels` would deliver each one twice);
/// `app_rate_limited` and any other type. `url_verification` sets `challenge` (HTTP mode).
decoded decode_events_api(const nlohmann::json& outer, std::string_view bot_user_id);

/// An interaction (§1.6). `block_actions` on a message becomes an inbound with `action`
/// {action_id without the "#<n>" suffix of unique_action_id, value, message_id = the message's
/// ts}, channel = container.channel_id (or channel.id), user = user.id; event_id = `envelope_id`
/// in Socket Mode, or over HTTP (pass "") the trigger_id. `is_dm` when the channel is a DM and the
/// message clicked is not ephemeral (csibot's own post there). Actions in modals and every other
/// interaction type (view_submission, shortcut, …) are ignored with a reason.
decoded decode_interactive(const nlohmann::json& payload, std::string_view envelope_id = {});

/// Dispatches a Socket Mode envelope's payload by the envelope's type (events_api, slash_commands,
/// interactive; a newer type is ignored with a reason) to the three decoders above.
decoded decode_envelope(std::string_view type, const nlohmann::json& payload, std::string_view envelope_id,
                        std::string_view bot_user_id);

}  // namespace csibot::platform::slack
