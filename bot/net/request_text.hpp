#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "bot/net/endpoint.hpp"
#include "bot/net/http_types.hpp"

namespace csibot::net {

/// What http_client needs to put one request on the wire.
struct request_head {
  std::string_view method;      ///< "GET", "POST", … (checked by the caller)
  const endpoint* target;       ///< host, port and request target
  std::string_view user_agent;  ///< sent unless `headers` has a User-Agent
  bool keep_alive = true;       ///< false adds "Connection: close"
};

/// The request line and header block of an HTTP/1.1 request, blank line included, as one string:
/// http_client writes it and the body (unchanged, not copied) in one write. Beast's serializer walks a
/// chain of buffer views per field, which was a tenth of the bot's main thread when it sent a reply per
/// slash command.
///
/// Fields: Host (unless given), User-Agent (unless given), then `headers` in order with the last
/// value of a repeated name winning, then Content-Length (`body_size`) when there is a body or the
/// method carries one (POST, PUT, PATCH, OPTIONS). The caller's Content-Length, Transfer-Encoding and
/// Connection are not sent: the length is the body's, and the connection's fate is `keep_alive`'s.
///
/// nullopt when a field could not be sent as given: a name that is not an RFC 9110 token, or a value
/// (the User-Agent's included) with CR, LF or NUL — a header injection.
[[nodiscard]] std::optional<std::string> request_text(const request_head& head, const header_map& headers,
                                                      std::size_t body_size);

}  // namespace csibot::net
