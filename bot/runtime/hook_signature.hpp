#pragma once
/// The ticket webhooks' signature check (SPEC §11): X-Csibot-Timestamp (Unix seconds, within
/// max_hook_skew of now) and X-Csibot-Signature = "sha256=" + lowercase hex
/// HMAC-SHA256(hooks.secret, timestamp + "." + raw body), compared in constant time.
#include <optional>
#include <string>
#include <string_view>

#include "core/time.hpp"

namespace csibot::net {
struct request;
}

namespace csibot::runtime {

/// Why the request's signature is not acceptable, or nullopt when it is. Works on the raw bytes only:
/// nothing of the body is interpreted before the sender has been authenticated. The reason is safe
/// to show the caller and to log: it never contains the secret or the signature.
std::optional<std::string> signature_problem(std::string_view secret, const net::request& r,
                                             core::timestamp now);

}  // namespace csibot::runtime
