#pragma once
/// Rendering core::message as Slack Block Kit (PLATFORMS.md §1.6, §1.7). Pure: writes the JSON text
/// of bodies for chat.postMessage / chat.postEphemeral / chat.update and for response_url posts;
/// sending them is the transport's job. The text is written directly (json_text.hpp), not built as
/// a JSON tree: this runs for every message csibot sends. Every string from the message is passed
/// through core::sanitize first, so the text is always valid UTF-8 JSON.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/events.hpp"
#include "core/message.hpp"

namespace csibot::platform::slack {

/// Block Kit limits, in characters as slack_length() counts them, measured after escaping.
inline constexpr std::size_t max_blocks = 50;  ///< per message (100 only in modals and App Home)
inline constexpr std::size_t max_header_chars = 150;
inline constexpr std::size_t max_section_chars = 3000;  ///< a section's text; also a context element's
inline constexpr std::size_t max_fields = 10;           ///< per section
inline constexpr std::size_t max_field_chars = 2000;
inline constexpr std::size_t max_actions = 25;  ///< elements per actions block
inline constexpr std::size_t max_context_elements = 10;
inline constexpr std::size_t max_button_chars = 75;
inline constexpr std::size_t max_action_id_chars = 255;
inline constexpr std::size_t max_value_chars = 2000;
/// The top-level `text` fallback: Slack advises ≤ 4,000 (and cuts at 40,000). Longer fallbacks end
/// in "…"; nothing is lost, because the blocks carry the whole message.
inline constexpr std::size_t max_fallback_chars = 4000;

/// The action_id a button carries on the wire: `action_id` + "#" + `index`. Slack rejects a message
/// whose action_ids repeat (csibot's rating buttons all use "csi.rate"), so every button gets its
/// position in the message as a suffix, always, which keeps decoding unambiguous: base_action_id()
/// removes exactly one trailing "#<digits>". An id too long for Slack's 255 characters is cut in
/// front of the suffix (csibot's own ids are a dozen characters).
std::string unique_action_id(std::string_view action_id, std::size_t index);

/// `wire_id` without a trailing "#<digits>" (what decode_interactive reports); other ids unchanged.
std::string_view base_action_id(std::string_view wire_id);

/// One body of a rendered message: its fallback `text` and its `blocks`, each already JSON text.
/// to_json() makes the object Slack takes.
struct rendered_body {
  std::string text;    ///< a JSON string: the plain form of the blocks, `&<>`-escaped and shortened
  std::string blocks;  ///< a JSON array of blocks
};

/// The message as one or more chat.postMessage-style bodies `{"text": fallback, "blocks": [...]}`.
/// More than max_blocks blocks continue in a second, third, … body, in order; each body's `text`
/// is the plain form of its own blocks (markup as written, escapes resolved: it is what notifications
/// show). Nothing is dropped: text too long for one section is split
/// at line breaks or spaces, a header over 150 characters becomes a section, a field over 2,000 a
/// section of its own, a table a code block split by rows. Only button labels (75), action ids (255)
/// and values (2,000) are cut, with "…" on labels. An empty message renders to no bodies.
///
/// header → `header`; text → `section` mrkdwn; fields → `section.fields`, "*label*\nvalue";
/// table → ``` code block with aligned columns; buttons → `actions` (style only when not normal,
/// no `value` when empty); context → `context` mrkdwn. Neutral markup becomes mrkdwn through
/// to_mrkdwn (text, fields, context) and plain_text through to_plain_text (header, button labels);
/// table cells are shown as typed, their escapes resolved before the columns are measured.
std::vector<rendered_body> render(const core::message& m);

/// `body` as one JSON object `{"text": …, "blocks": […]}`, with `members` (built with
/// add_text_member and add_flag_member, json_text.hpp) in front of text and blocks.
std::string to_json(const rendered_body& body, std::string_view members = {});

/// What a response_url post (or a slash command's ack payload) does with its message.
enum class response_kind {
  ephemeral,        ///< visible only to the person who acted (Slack's default)
  in_channel,       ///< posted for everyone in the channel
  replace_original  ///< replaces the message that held the clicked button
};

/// render(m) as response_url bodies (also a slash command's ack payload). ephemeral and in_channel
/// set `response_type` on every body. replace_original sets `"replace_original": true` on the first
/// body only (the message keeps its visibility); continuations follow it as ephemeral posts with
/// `"replace_original": false`. An empty message gives no bodies, except with replace_original:
/// one body with empty `text` and `"blocks": []`, which clears the old message and its buttons.
std::vector<std::string> render_response(const core::message& m, response_kind kind);

/// One Web API call: the method name ("chat.postMessage"), the channel its body names, and the body
/// as JSON text (the token goes in the Authorization header, never here).
struct api_call {
  std::string method;
  std::string channel;
  std::string body;
};

/// The Web API calls that deliver `out`, in order:
/// - channel: chat.postMessage to out.channel.
/// - direct: chat.postMessage to out.channel, or to out.user when the DM channel is not known
///   (Slack opens the app's DM for a user id).
/// - ephemeral: chat.postEphemeral to out.channel for out.user; with no channel, as `direct`.
///   Prefer a slash command's response_url when there is one: it also works in channels the bot
///   has not joined.
/// - update: chat.update of message ts out.replaces in out.channel, continuations posted after it;
///   with no `replaces` or no channel, as `channel`. An ephemeral message cannot be updated this way: use the
///   click's response_url with response_kind::replace_original.
/// `dm_channel`, when not empty, stands for out.channel of a direct message whose DM channel the
/// caller opened (conversations.open).
std::vector<api_call> render_outbound(const core::outbound& out, std::string_view dm_channel = {});

}  // namespace csibot::platform::slack
