#include "bot/platform/slack/signature.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>

#include "bot/platform/common/crypto.hpp"

namespace csibot::platform::slack {
namespace {

constexpr std::string_view version_prefix = "v0=";
constexpr std::size_t hex_digits = 64;  // SHA-256 is 32 bytes
// 11 digits reach the year 5138; more can only be an attack on the integer conversion.
constexpr std::size_t max_timestamp_digits = 11;

bool is_lower_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

// The signature for this timestamp and body as 64 lowercase hex digits, or "" when OpenSSL fails.
std::string hex_hmac(std::string_view secret, std::string_view timestamp, std::string_view body) {
  std::string base;
  base.reserve(3 + timestamp.size() + 1 + body.size());
  base.append("v0:").append(timestamp).append(":").append(body);
  return crypto::to_hex(crypto::hmac_sha256(secret, base));
}

}  // namespace

verification verify_signature(std::string_view signing_secret, std::string_view timestamp_header,
                              std::string_view signature_header, std::string_view raw_body,
                              std::chrono::sys_seconds now) {
  using enum verify_result;
  // Checking with an empty secret would accept anything signed with an empty key.
  if (signing_secret.empty()) return {missing, "no signing secret is configured"};
  if (timestamp_header.empty()) return {missing, "no X-Slack-Request-Timestamp header"};
  if (signature_header.empty()) return {missing, "no X-Slack-Signature header"};

  std::int64_t seconds = 0;
  const auto* const end = timestamp_header.data() + timestamp_header.size();
  const bool digits_only = timestamp_header.size() <= max_timestamp_digits &&
                           std::all_of(timestamp_header.begin(), timestamp_header.end(),
                                       [](char c) { return c >= '0' && c <= '9'; });
  if (!digits_only || std::from_chars(timestamp_header.data(), end, seconds).ptr != end) {
    return {malformed, "X-Slack-Request-Timestamp is not decimal Unix seconds"};
  }
  const std::string_view hex =
      signature_header.substr(std::min(version_prefix.size(), signature_header.size()));
  if (!signature_header.starts_with(version_prefix) || hex.size() != hex_digits ||
      !std::all_of(hex.begin(), hex.end(), is_lower_hex)) {
    return {malformed, "X-Slack-Signature is not v0= and 64 lowercase hex digits"};
  }

  // Slack's rule is "older than five minutes"; Bolt lets any future timestamp through. A signed
  // request stamped in the future could be replayed until that moment plus five minutes, so the
  // window is closed both ways; Slack's own clock is NTP-synchronised, so honest requests pass.
  const std::chrono::sys_seconds stamped{std::chrono::seconds{seconds}};
  if (stamped < now - max_request_skew) return {stale, "X-Slack-Request-Timestamp is more than 300 s old"};
  if (stamped > now + max_request_skew) {
    return {stale, "X-Slack-Request-Timestamp is more than 300 s in the future"};
  }

  const std::string expected = hex_hmac(signing_secret, timestamp_header, raw_body);
  // Constant time: how many leading characters match must not show in the response time.
  if (expected.size() != hex_digits || !crypto::constant_time_equal(expected, hex)) {
    return {mismatch, "X-Slack-Signature does not match the body"};
  }
  return {ok, "signature verified"};
}

std::string sign(std::string_view signing_secret, std::string_view timestamp, std::string_view raw_body) {
  return std::string(version_prefix) + hex_hmac(signing_secret, timestamp, raw_body);
}

std::string_view to_string(verify_result result) noexcept {
  switch (result) {
    case verify_result::ok:
      return "ok";
    case verify_result::missing:
      return "missing";
    case verify_result::malformed:
      return "malformed";
    case verify_result::stale:
      return "stale";
    case verify_result::mismatch:
      break;
  }
  return "mismatch";
}

}  // namespace csibot::platform::slack
