#pragma once

// Private to bot/net: the steps both clients share (resolve, loopback check, TCP connect, TLS),
// compiled once in connect.cpp.

#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>

#include "bot/net/endpoint.hpp"

namespace csibot::net::detail {

/// A failed step: the error and a message naming the step and the peer. Empty error = success.
struct step_result {
  boost::system::error_code error;
  std::string message;
};

/// Builds a step_result for `ec` from `step` ("connect", "tls handshake", …) towards `ep`.
step_result failed(const boost::system::error_code& ec, std::string_view step, const endpoint& ep);

/// The process's TLS client context: system trust store, peer verification on, TLS 1.2 at least.
/// Shared by every caller while any of them holds it; thread-safe.
std::shared_ptr<boost::asio::ssl::context> tls_client_context();

/// A client's hold on tls_client_context(), taken at its first TLS connection rather than when the
/// client is built: a process that only speaks plain HTTP on loopback (the local web chat, a
/// Mattermost on localhost) never builds a context, and so never maps the libssl and libcrypto code
/// that building one runs (0.3-0.6 MiB of resident memory, docs/PERFORMANCE.md). Thread-safe.
class lazy_tls_context {
 public:
  boost::asio::ssl::context& get();

 private:
  std::mutex mutex_;
  std::shared_ptr<boost::asio::ssl::context> context_;
};

/// Resolves ep.host (numeric hosts skip DNS), refuses a plain connection whose name resolved to a
/// non-loopback address, and connects `stream` by `deadline` (beast::error::timeout after it).
boost::asio::awaitable<step_result> connect_tcp(boost::beast::tcp_stream& stream, const endpoint& ep,
                                                std::chrono::steady_clock::time_point deadline);

/// Sets SNI and RFC 6125 host-name verification on `stream`, then performs the TLS handshake by
/// the deadline already set on the lowest layer.
boost::asio::awaitable<step_result> handshake_tls(boost::beast::ssl_stream<boost::beast::tcp_stream>& stream,
                                                  const endpoint& ep);

/// "host:port", or "host" for the scheme's default port; IPv6 hosts in brackets (the Host header).
std::string host_header(const endpoint& ep);

}  // namespace csibot::net::detail
