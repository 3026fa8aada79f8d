#pragma once
/// What one Slack Web API call or response_url POST came to (PLATFORMS.md §1.7): one uniform result
/// type whose outcome drives the caller's retry policy, and the typed results of the methods web_api
/// calls (web_api.hpp).
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "bot/net/http_client.hpp"

namespace csibot::platform::slack {

/// The outcome of one Web API call (or one response_url POST).
struct api_result {
  enum class kind {
    ok,            ///< HTTP 200 and `"ok": true` (response_url: any 2xx that is not an error)
    rate_limited,  ///< HTTP 429: wait retry_after, then the same call may succeed
    retryable,     ///< network failure, HTTP 5xx, or a transient Slack error (internal_error, …)
    fatal,         ///< Slack said no (channel_not_found, invalid_auth, …): retrying will not help
  };
  kind outcome = kind::fatal;
  /// rate_limited: Retry-After from the response (integer seconds; 1 s when missing or not a
  /// number, at most 1 h). Otherwise 0.
  std::chrono::milliseconds retry_after{0};
  /// Slack's "error" code ("channel_not_found"), "http_<status>", "invalid_response", or the network
  /// failure ("connect 127.0.0.1:1: Connection refused"). Empty when ok. Never holds a token or URL.
  std::string error;
  nlohmann::json body;       ///< the parsed JSON response; null when there was none or it was not JSON
  unsigned http_status = 0;  ///< 0 for a network failure

  [[nodiscard]] bool ok() const noexcept { return outcome == kind::ok; }
};

/// "ok", "rate_limited", "retryable", "fatal".
[[nodiscard]] std::string_view to_string(api_result::kind kind) noexcept;

/// One log line for a failed call: "slack chat.postMessage: channel_not_found (fatal)", with the
/// scope Slack says is missing for missing_scope. No secrets.
[[nodiscard]] std::string describe(std::string_view method, const api_result& result);

/// Whether Slack's `error` for chat.postMessage refuses csibot in that channel while others may still
/// post there: not_in_channel (a public channel it has not joined) and channel_not_found (a private
/// channel or other people's DM it cannot see). A slash command's response_url reaches such a
/// channel (PLATFORMS.md §1.4). False for everything else: is_archived (nobody should post into an
/// archived channel), token and scope errors (invalid_auth, token_revoked, missing_scope: the app's
/// problem, not the channel's), and refusals of the message itself (invalid_blocks, …).
[[nodiscard]] bool bars_bot_from_channel(std::string_view error) noexcept;

/// Maps a Web API HTTP exchange to an api_result (the rules above; exposed for tests).
[[nodiscard]] api_result classify_api_response(const net::http_result& response);
/// Maps a response_url POST: its answer is plain "ok" or JSON, errors are 4xx with a short text.
[[nodiscard]] api_result classify_respond_response(const net::http_result& response);

/// chat.postMessage / chat.postEphemeral / chat.update: where the message is. `ts` is the message
/// ts (for chat.postEphemeral Slack's `message_ts`). Empty unless ok.
struct message_result : api_result {
  std::string channel;
  std::string ts;
};

/// auth.test: who the bot token belongs to. Empty fields unless ok.
struct auth_info : api_result {
  std::string user_id;
  std::string bot_id;
  std::string team_id;
  std::string team;
};

/// conversations.open: the DM channel id ("D…"); empty unless ok.
struct dm_result : api_result {
  std::string channel;
};

/// users.info / users.lookupByEmail: what csibot needs about a person. Empty fields when Slack does
/// not say.
struct user_result : api_result {
  std::string id;  ///< "U0123"
  bool is_bot = false;
  bool deleted = false;  ///< a deactivated account
  std::string locale;    ///< e.g. "en-US" (asked for with include_locale)
  std::string tz;        ///< IANA name, e.g. "Europe/Berlin"
  std::chrono::seconds tz_offset{0};
};

/// conversations.members: one page of a channel's member ids; `next_cursor` is "" on the last page.
struct members_page : api_result {
  std::vector<std::string> members;
  std::string next_cursor;
};

}  // namespace csibot::platform::slack
