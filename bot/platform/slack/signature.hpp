#pragma once
/// Slack's request signing for HTTP mode (PLATFORMS.md §1.5): `X-Slack-Signature: v0=<hex>` is
/// HMAC-SHA256(signing secret, "v0:" + X-Slack-Request-Timestamp + ":" + raw body). Pure apart from
/// OpenSSL's HMAC; the clock is a parameter.
#include <chrono>
#include <string>
#include <string_view>

namespace csibot::platform::slack {

/// How far a request's timestamp may be from now, either way (Slack's replay window).
inline constexpr std::chrono::seconds max_request_skew{300};

enum class verify_result {
  ok,
  missing,    ///< a header is empty or absent, or no signing secret is configured
  malformed,  ///< the timestamp is not decimal seconds, or the signature not "v0=" + 64 lowercase hex
  stale,      ///< the timestamp is more than max_request_skew before or after now
  mismatch    ///< well-formed and fresh, but not signed with this secret (or the body was changed)
};

/// The outcome and a short reason for the log (never containing the secret or the signature).
struct verification {
  verify_result result = verify_result::mismatch;
  std::string_view reason;  ///< a static string
  bool ok() const noexcept { return result == verify_result::ok; }
};

/// Checks a request from Slack. `raw_body` must be the bytes exactly as received, before any form
/// or JSON parsing. The comparison takes the same time wherever the signatures differ. A request
/// that is not ok must be answered 401 without looking at the body. Throws only std::bad_alloc.
/// `now` in seconds: std::chrono::floor<std::chrono::seconds>(a core::timestamp) converts.
verification verify_signature(std::string_view signing_secret, std::string_view timestamp_header,
                              std::string_view signature_header, std::string_view raw_body,
                              std::chrono::sys_seconds now);

/// "v0=" + 64 lowercase hex digits: what Slack would send for this body (for tests and fakes).
std::string sign(std::string_view signing_secret, std::string_view timestamp, std::string_view raw_body);

/// "ok", "missing", "malformed", "stale", "mismatch" (for metrics labels).
std::string_view to_string(verify_result result) noexcept;

}  // namespace csibot::platform::slack
