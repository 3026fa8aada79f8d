#pragma once

#include <boost/system/result.hpp>
#include <cstdint>
#include <string>
#include <string_view>

namespace csibot::net {

/// Which schemes a client accepts: http/https or ws/wss.
enum class scheme_family { http, websocket };

/// Where a client connects, parsed from a URL with Boost.URL.
struct endpoint {
  bool tls = false;         ///< https or wss
  std::string host;         ///< host name or IP address, without IPv6 brackets
  std::uint16_t port = 0;   ///< explicit, or 80/443 by scheme
  std::string target;       ///< encoded path plus "?query"; "/" when the URL has no path
  bool host_is_ip = false;  ///< the host is an IP literal (no SNI, no DNS)
};

/// Parses `url`. Fails with net::error::bad_url, unsupported_scheme, or insecure_non_loopback for
/// a plain (non-TLS) URL whose host is not loopback: that check happens here, before any socket
/// exists, so a refused URL never causes network traffic.
[[nodiscard]] boost::system::result<endpoint> parse_endpoint(std::string_view url, scheme_family family);

/// True for "localhost" (any case, trailing dot allowed), 127.0.0.0/8, ::1 and ::ffff:127.x.y.z.
[[nodiscard]] bool is_loopback_host(std::string_view host) noexcept;

}  // namespace csibot::net
