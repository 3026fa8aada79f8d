#include "bot/net/detail/http_rejection.hpp"

#include <algorithm>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>

namespace csibot::net::detail {
namespace {

namespace http = boost::beast::http;

rejection bad(rejection_kind kind, std::string reason) {
  return {kind, 400, std::move(reason)};
}

// Beast answers a second framing field with a plain bad_content_length or bad_transfer_encoding;
// the field it already accepted tells whether the pair was Content-Length with Transfer-Encoding.
rejection framing(http::error e, const http::fields& parsed) {
  const bool length = parsed.count(http::field::content_length) > 0;
  const bool chunked = parsed.count(http::field::transfer_encoding) > 0;
  if ((e == http::error::bad_transfer_encoding && length) ||
      (e == http::error::bad_content_length && chunked))
    return bad(rejection_kind::length_and_chunked, "both Content-Length and Transfer-Encoding");
  if (e == http::error::bad_transfer_encoding)
    return bad(rejection_kind::bad_transfer_encoding, "unsupported Transfer-Encoding");
  if (e == http::error::multiple_content_length)
    return bad(rejection_kind::bad_content_length, "conflicting Content-Length values");
  return bad(rejection_kind::bad_content_length, "invalid Content-Length");
}

std::optional<rejection> parse_error(http::error e, const request_parser& parser,
                                     const server_options& options) {
  switch (e) {
    case http::error::body_limit:
      return rejection{rejection_kind::body_too_large, 413,
                       "body larger than " + std::to_string(options.body_limit) + " bytes"};
    case http::error::header_limit:
      return rejection{rejection_kind::header_too_large, 431,
                       "header section larger than " + std::to_string(options.header_limit) + " bytes"};
    case http::error::bad_method:
    case http::error::bad_target:
    case http::error::bad_version:
      return bad(rejection_kind::malformed_request_line, "malformed request line");
    case http::error::bad_content_length:
    case http::error::bad_transfer_encoding:
    case http::error::multiple_content_length:
      return framing(e, parser.get());
    case http::error::bad_chunk:
    case http::error::bad_chunk_extension:
      return bad(rejection_kind::bad_chunk, "malformed chunked body");
    case http::error::end_of_stream:
    case http::error::partial_message:
      return std::nullopt;  // the client went away: nobody to answer
    default:
      return bad(rejection_kind::malformed_field, "malformed header field");
  }
}

constexpr char lower(char c) noexcept {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool names_json(std::string_view value) {
  constexpr std::string_view json = "application/json";
  return std::search(value.begin(), value.end(), json.begin(), json.end(),
                     [](char a, char b) { return lower(a) == b; }) != value.end();
}

bool looks_like_tls(std::string_view first_bytes) noexcept {
  // A TLS record of type handshake (22) with a major version of 3 (SSL 3.0 to TLS 1.3).
  return first_bytes.size() >= 2 && first_bytes[0] == '\x16' && first_bytes[1] == '\x03';
}

bool looks_like_http2(std::string_view first_bytes) noexcept {
  return first_bytes.starts_with("PRI * HTTP/2.0\r\n");
}

}  // namespace

std::optional<rejection> classify_read_error(const boost::system::error_code& ec,
                                             const request_parser& parser, std::string_view unread,
                                             const server_options& options) {
  if (ec == boost::beast::error::timeout) {
    // A keep-alive connection nobody reused, or a browser's spare connection, is not a rejection.
    if (parser.is_header_done())
      return rejection{rejection_kind::body_timeout, 0, "request body not complete in time"};
    if (parser.got_some() || !unread.empty())
      return rejection{rejection_kind::header_timeout, 0, "request header not complete in time"};
    return std::nullopt;
  }
  if (ec.category() != make_error_code(http::error::bad_method).category()) return std::nullopt;
  // Recognised by the connection's first read, before the parser saw a byte.
  if (!parser.got_some() && looks_like_tls(unread))
    return bad(rejection_kind::tls_handshake, "TLS handshake on a plain HTTP port");
  // RFC 9113 §3.4: the preface is chosen to fail in an HTTP/1 parser; a reverse proxy may speak
  // HTTP/2 to clients, but only HTTP/1.1 is served here.
  if (!parser.got_some() && looks_like_http2(unread))
    return rejection{rejection_kind::http2_preface, 505,
                     "HTTP/2 connection preface; only HTTP/1.1 is served"};
  return parse_error(static_cast<http::error>(ec.value()), parser, options);
}

std::optional<rejection> classify_version(unsigned version) {
  if (version == 11 || version == 10) return std::nullopt;
  return rejection{rejection_kind::http_version, 505, "HTTP version not supported; only HTTP/1.1 is served"};
}

bool foreign_protocol(std::string_view first_bytes) noexcept {
  return looks_like_tls(first_bytes) || looks_like_http2(first_bytes);
}

bool wants_json(const http::fields& fields, std::string_view unread) {
  if (names_json(fields[http::field::content_type]) || names_json(fields[http::field::accept])) return true;
  // A header the parser stopped in (too large, a bad field) still says what the client reads.
  while (!unread.empty()) {
    const auto end = unread.find('\n');
    auto line = unread.substr(0, end);
    if (line.empty() || line == "\r") break;  // the end of the header section
    const auto colon = line.find(':');
    if (colon != std::string_view::npos) {
      const auto name = line.substr(0, colon);
      if ((iequals(name, "content-type") || iequals(name, "accept")) && names_json(line.substr(colon + 1)))
        return true;
    }
    if (end == std::string_view::npos) break;
    unread.remove_prefix(end + 1);
  }
  return false;
}

response error_response(unsigned status, std::string_view reason, bool json) {
  if (!json) return response::text(status, std::string{reason} + "\n");
  std::string body = R"({"error":")";
  for (const char c : reason) {
    // The reasons are the server's own words, but the body must stay JSON whatever they become.
    if (c == '"' || c == '\\') body += '\\';
    if (static_cast<unsigned char>(c) >= 0x20) body += c;
  }
  body += "\"}";
  return response::json(status, std::move(body));
}

}  // namespace csibot::net::detail
