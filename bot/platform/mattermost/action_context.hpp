#pragma once
/// The signed context of a Mattermost button (PLATFORMS.md §2.5). Mattermost POSTs a button's
/// `integration.context` back to csibot verbatim when it is clicked, and strips it from what clients
/// see; but anyone who can reach /mattermost/actions can POST any context. So the context carries an
/// HMAC-SHA256 over every field csibot acts on, and a click is believed only when it verifies.
/// Pure apart from OpenSSL's HMAC (linked privately); throws only std::bad_alloc.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace csibot::platform::mattermost {

/// What one button stands for. `channel` binds the button to the channel of its post and `user`,
/// when set, to the one person it is meant for (a DM prompt): a context replayed from another channel
/// or clicked by someone else is refused.
struct action_context {
  std::string action_id;  ///< core::button::action_id, as the dispatcher expects it back
  std::string value;      ///< core::button::value
  std::string channel;    ///< the channel the post goes to; "" = any (when the caller cannot know it)
  std::string user;       ///< the intended clicker; "" = anyone who can see the post
  friend bool operator==(const action_context&, const action_context&) = default;
};

/// Format version, signed with the fields: a future format cannot be confused with this one.
inline constexpr int context_version = 1;

/// The signing key for contexts, derived from the bot token (HMAC-SHA256(token, a fixed label)), so
/// there is no extra secret to configure and a new token invalidates old buttons. 32 raw bytes; ""
/// for an empty token.
std::string derive_context_key(std::string_view bot_token);

/// `integration.context`: {"v":1,"action":…,"value":…,"channel":…,"user":…,"mac":<64 hex>}, the MAC
/// keyed by `key` over a length-prefixed encoding of v, action, value, channel and user in that order
/// (so no two field sets encode alike). Fields must be valid UTF-8 (they become JSON strings).
nlohmann::json sign_context(const action_context& context, std::string_view key);

enum class context_check {
  ok,
  missing,        ///< no context, or no key configured (an empty key never verifies)
  malformed,      ///< a field missing, of the wrong type, too long, or an unknown version
  forged,         ///< well-formed, but the MAC does not match: some field was changed
  wrong_channel,  ///< genuine, but clicked in another channel than the one it was posted to
  wrong_user      ///< genuine, but meant for someone else
};

/// The outcome, a short reason for the log (a static string, never echoing input or the MAC), and the
/// context when ok.
struct context_verification {
  context_check result = context_check::malformed;
  std::string_view reason;
  action_context context;
  bool ok() const noexcept { return result == context_check::ok; }
};

/// Checks a context as it came back in a button callback, for a click by `user` in `channel`
/// (the callback's user_id and channel_id). The MAC is compared in constant time (CRYPTO_memcmp).
/// Members other than the six signed ones (Mattermost adds `selected_option` for selects) are
/// ignored.
context_verification verify_context(const nlohmann::json& context, std::string_view key,
                                    std::string_view channel, std::string_view user);

/// "ok", "missing", "malformed", "forged", "wrong_channel", "wrong_user" (for metrics labels).
std::string_view to_string(context_check check) noexcept;

}  // namespace csibot::platform::mattermost
