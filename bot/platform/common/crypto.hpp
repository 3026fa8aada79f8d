#pragma once
/// The few OpenSSL primitives the request checks need (Slack's request signatures, the ticket
/// webhooks' signatures and sampling, Mattermost's signed button contexts, its command token and
/// fallback event ids), behind a header that includes no OpenSSL: csibot_platform_crypto links
/// OpenSSL privately, so its users never inherit it. Throws only std::bad_alloc.
#include <string>
#include <string_view>

namespace csibot::platform::crypto {

/// HMAC-SHA256 of `data` under `key`: 32 raw bytes, or "" if OpenSSL fails (never in practice).
std::string hmac_sha256(std::string_view key, std::string_view data);

/// SHA-256 of `data`: 32 raw bytes, or "" if OpenSSL fails.
std::string sha256(std::string_view data);

/// Lowercase hex of `bytes`.
std::string to_hex(std::string_view bytes);

/// Whether `a` and `b` are equal, in time that depends on neither their contents nor where they
/// differ nor their lengths: both are hashed first and the digests compared with CRYPTO_memcmp.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace csibot::platform::crypto
