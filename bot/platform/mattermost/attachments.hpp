#pragma once
/// Buttons as Mattermost message-attachment actions (PLATFORMS.md §2.5): each core::button becomes
/// {"id", "type":"button", "name", "style", "integration":{"url", "context"}} with a signed
/// action_context, so a click comes back to /mattermost/actions as core::action{action_id, value}.
/// Pure apart from the context's HMAC; throws only std::bad_alloc.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/message.hpp"

namespace csibot::platform::mattermost {

/// Where clicks go and what each button's context is bound to.
struct button_target {
  std::string actions_url;  ///< actions_url(public_url)
  std::string key;          ///< derive_context_key(bot token); an empty key makes contexts unverifiable
  std::string channel;      ///< the post's channel id ("" when not known: then any channel verifies)
  std::string user;         ///< the one person meant to click (a DM prompt); "" = anyone in the channel
};

/// Longest button label, in characters; a longer one is cut and ends in "…" (Mattermost sets no
/// limit, but a button wider than the post is unreadable).
inline constexpr std::size_t max_label_chars = 75;
/// Longest action id on the wire (before the index): it appears in the click's URL path.
inline constexpr std::size_t max_wire_id_letters = 24;

/// `public_url` + "/mattermost/actions" (SPEC §12), without a doubled '/'.
std::string actions_url(std::string_view public_url);

/// The action's `id` on the wire: the letters and digits of `action_id` (at most max_wire_id_letters)
/// and then "x" and the button's position in the post. Mattermost needs ids unique per post, and the
/// client puts them in a URL path, so only letters and digits are safe; the position makes them unique
/// (the trailing digits after the last 'x' are the index, so no two positions give the same id). The
/// id means nothing to csibot: the signed context says what was clicked.
std::string wire_action_id(std::string_view action_id, std::size_t index);

/// One attachment holding `buttons` as actions, in order, or null when there are none. Labels are one
/// line, cut at max_label_chars (an empty label shows the value, or "…"); action ids and values are cut
/// to max_action_id_bytes and max_value_bytes (on a code point boundary) before signing, so that every
/// context verifies. Style: normal → "default", primary → "primary", danger → "danger". Strings must
/// be valid UTF-8 (render() sanitizes them).
nlohmann::json button_attachment(const std::vector<core::button>& buttons, const button_target& target);

}  // namespace csibot::platform::mattermost
