#include "bot/runtime/hook_signature.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>

#include "bot/net/http_types.hpp"
#include "bot/platform/common/crypto.hpp"
#include "bot/runtime/ticket_hooks.hpp"

namespace csibot::runtime {
namespace {

constexpr std::string_view signature_prefix = "sha256=";
constexpr std::size_t hex_digits = 64;  // SHA-256 is 32 bytes
// 11 digits reach the year 5138; more can only be an attack on the integer conversion.
constexpr std::size_t max_timestamp_digits = 11;

// HMAC-SHA256 as 64 lowercase hex digits, or "" when OpenSSL fails.
std::string hex_hmac(std::string_view secret, std::string_view timestamp, std::string_view body) {
  std::string base;
  base.reserve(timestamp.size() + 1 + body.size());
  base.append(timestamp).append(".").append(body);
  return platform::crypto::to_hex(platform::crypto::hmac_sha256(secret, base));
}

bool is_lower_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

std::optional<std::string> signature_problem(std::string_view secret, const net::request& r,
                                             core::timestamp now) {
  const auto timestamp = r.headers.find("X-Csibot-Timestamp");
  const auto signature = r.headers.find("X-Csibot-Signature");
  if (!timestamp || timestamp->empty()) return "missing X-Csibot-Timestamp header";
  if (!signature || signature->empty()) return "missing X-Csibot-Signature header";

  std::int64_t seconds = 0;
  const auto* const end = timestamp->data() + timestamp->size();
  if (timestamp->size() > max_timestamp_digits ||
      !std::all_of(timestamp->begin(), timestamp->end(), is_digit) ||
      std::from_chars(timestamp->data(), end, seconds).ptr != end) {
    return "X-Csibot-Timestamp is not decimal Unix seconds";
  }
  const std::string_view hex = signature->substr(std::min(signature_prefix.size(), signature->size()));
  if (!signature->starts_with(signature_prefix) || hex.size() != hex_digits ||
      !std::all_of(hex.begin(), hex.end(), is_lower_hex)) {
    return "X-Csibot-Signature is not sha256= and 64 lowercase hex digits";
  }

  // Closed both ways: a request stamped in the future could otherwise be replayed until that moment
  // plus the window. Milliseconds, so that "exactly 300 s" is inside and 300.001 s is not.
  const auto skew = std::chrono::milliseconds{seconds * 1000} - now.time_since_epoch();
  if (skew < -max_hook_skew) return "X-Csibot-Timestamp is more than 300 s old";
  if (skew > max_hook_skew) return "X-Csibot-Timestamp is more than 300 s in the future";

  const std::string expected = hex_hmac(secret, *timestamp, r.body);
  // Constant time: how many leading characters match must not show in the response time.
  if (expected.size() != hex_digits || !platform::crypto::constant_time_equal(expected, hex)) {
    return "X-Csibot-Signature does not match the body";
  }
  return std::nullopt;
}

std::string sign_ticket_hook(std::string_view secret, std::string_view timestamp, std::string_view raw_body) {
  return std::string{signature_prefix} + hex_hmac(secret, timestamp, raw_body);
}

}  // namespace csibot::runtime
