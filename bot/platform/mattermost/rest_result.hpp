#pragma once
/// How a Mattermost REST answer is classified for the caller's retry policy (PLATFORMS.md §2.1).
/// Pure: no sockets.
#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "bot/net/http_client.hpp"

namespace csibot::platform::mattermost {

/// The X-Ratelimit-* headers of one response (present when the admin enabled rate limiting).
struct rate_window {
  std::uint32_t limit = 0;        ///< requests per second allowed
  std::uint32_t remaining = 0;    ///< requests left in the current window
  std::chrono::seconds reset{0};  ///< until the window refills
};

/// The outcome of one REST call (or one response_url POST).
struct rest_result {
  enum class kind {
    ok,            ///< HTTP 2xx
    rate_limited,  ///< HTTP 429: wait retry_after, then the same call may succeed
    retryable,     ///< network failure, HTTP 5xx or 408
    fatal,         ///< Mattermost said no (4xx), or bot/net refused the URL: retrying will not help
  };
  kind outcome = kind::fatal;
  /// rate_limited: X-Ratelimit-Reset (seconds), else Retry-After, never below 1 s nor above 1 h.
  std::chrono::milliseconds retry_after{0};
  /// Mattermost's error id ("api.context.session_expired.app_error"), "http_<status>",
  /// "invalid_response", or the network failure. Empty when ok. Never holds the token or a URL.
  std::string error;
  /// Mattermost's human message for `error` (sanitized, at most ~200 characters); may be empty.
  std::string message;
  nlohmann::json body;              ///< the parsed JSON response; null when there was none or it was not JSON
  unsigned http_status = 0;         ///< 0 for a network failure
  std::optional<rate_window> rate;  ///< X-Ratelimit-* of this response, when present

  [[nodiscard]] bool ok() const noexcept { return outcome == kind::ok; }
};

/// "ok", "rate_limited", "retryable", "fatal".
[[nodiscard]] std::string_view to_string(rest_result::kind kind) noexcept;

/// One log line for a call: "mattermost users/me: api.context.session_expired.app_error (HTTP 401,
/// fatal): Invalid or expired session, please login again." No token, no URL.
[[nodiscard]] std::string describe(std::string_view call, const rest_result& result);

/// Maps an HTTP exchange to a rest_result (the rules above). `secret` (the token) is cut out of
/// any text taken from the response, in case a server echoes it. Exposed for tests.
[[nodiscard]] rest_result classify_response(const net::http_result& response, std::string_view secret = {});

/// The X-Ratelimit-* headers, when Limit and Remaining are both present and numeric.
[[nodiscard]] std::optional<rate_window> rate_window_of(const net::header_map& headers);

}  // namespace csibot::platform::mattermost
