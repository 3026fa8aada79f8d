#pragma once

// Private to bot/net: why the server turned a request away before any route saw it, and the
// answer it sends then. Only the connection's error paths use it (http_connection.hpp).

#include <boost/beast/http/fields.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "bot/net/http_server.hpp"
#include "bot/net/http_types.hpp"

namespace csibot::net::detail {

/// What was wrong with a request; one log throttle slot each (rejection_log).
enum class rejection_kind : std::uint8_t {
  malformed_request_line,
  malformed_field,
  length_and_chunked,  ///< Content-Length with Transfer-Encoding: the request smuggling pattern
  bad_content_length,
  bad_transfer_encoding,
  bad_chunk,
  body_too_large,
  header_too_large,
  tls_handshake,
  http2_preface,
  http_version,
  header_timeout,
  body_timeout,
  too_many_connections,  ///< server_options::max_connections reached
  accept_failed,         ///< accept() itself failed (out of file descriptors, …)
};
inline constexpr std::size_t rejection_kinds = 15;

/// A request turned away: the status to answer with and the reason. The reason is the server's own
/// text (limits, names of fields), never bytes of the request, so it is safe to log and to send.
struct rejection {
  rejection_kind kind;
  unsigned status;  ///< 0: no answer, the connection is already closed (a timeout)
  std::string reason;
};

using request_parser = boost::beast::http::request_parser<boost::beast::http::string_body>;

/// Why reading a request failed. `unread` holds the received bytes the parser did not consume.
/// nullopt when there is nothing to answer or log: the peer went away, the server stopped, or a
/// connection that had sent nothing of a request timed out.
[[nodiscard]] std::optional<rejection> classify_read_error(const boost::system::error_code& ec,
                                                           const request_parser& parser,
                                                           std::string_view unread,
                                                           const server_options& options);

/// A request the parser accepted in an HTTP version other than 1.0 and 1.1; nullopt for those two.
[[nodiscard]] std::optional<rejection> classify_version(unsigned version);

/// True when `first_bytes`, the first a client sent, open a TLS handshake or HTTP/2's connection
/// preface rather than an HTTP/1 request.
[[nodiscard]] bool foreign_protocol(std::string_view first_bytes) noexcept;

/// True when Content-Type or Accept names application/json, in the parsed `fields` or in the
/// header lines of `unread` that the parser did not get to.
[[nodiscard]] bool wants_json(const boost::beast::http::fields& fields, std::string_view unread);

/// The server's own error answer: {"error":"<reason>"} when `json`, else the reason as text.
[[nodiscard]] response error_response(unsigned status, std::string_view reason, bool json);

}  // namespace csibot::net::detail
