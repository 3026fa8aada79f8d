#pragma once

#include <boost/system/error_code.hpp>
#include <type_traits>

namespace csibot::net {

/// Failures detected by bot/net itself, before or beside the socket (ARCHITECTURE.md §4). Socket,
/// TLS and Beast errors keep their own categories; these come back in the same error_code slot.
enum class error {
  bad_url = 1,            ///< the URL does not parse or has no host
  unsupported_scheme,     ///< not http/https (clients) or ws/wss (WebSocket client)
  insecure_non_loopback,  ///< plain http:// or ws:// to a host that is not loopback
  bad_method,             ///< the HTTP method is not one Beast knows
  resolve_not_loopback,   ///< a loopback name (localhost) resolved to a non-loopback address
  body_too_large,         ///< the response body exceeds the configured limit
  bad_header,             ///< a request field name is not a token, or a value holds CR, LF or NUL
};

/// The category of csibot::net::error; name "csibot.net".
const boost::system::error_category& net_category() noexcept;

/// Makes `error` usable wherever an error_code is expected.
boost::system::error_code make_error_code(error e) noexcept;

/// True when `ec` is a timeout of bot/net (beast::error::timeout): the peer was too slow.
[[nodiscard]] bool is_timeout(const boost::system::error_code& ec) noexcept;

}  // namespace csibot::net

template <>
struct boost::system::is_error_code_enum<csibot::net::error> : std::true_type {};
