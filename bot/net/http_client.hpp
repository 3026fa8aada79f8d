#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/system/error_code.hpp>
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "bot/net/http_types.hpp"

namespace csibot::net {

/// Limits and timeouts of http_client.
struct client_options {
  std::chrono::milliseconds connect_timeout{10'000};  ///< TCP connect (DNS is the system resolver's)
  std::chrono::milliseconds total_timeout{30'000};    ///< connect + TLS + request + response
  std::size_t max_body = 8 * 1024 * 1024;             ///< bigger responses fail with error::body_too_large
  std::string user_agent = "csibot/0.1";
  /// Keep connections open and reuse them (HTTP/1.1 keep-alive). Off = one connection per request.
  bool keep_alive = true;
  /// Idle connections kept per host (scheme, host and port); the rest are closed after their response.
  std::size_t max_idle_per_host = 64;
  /// An idle connection older than this is closed instead of reused (servers drop idle ones too).
  std::chrono::milliseconds idle_timeout{20'000};
};

/// The outcome of one request. A network failure is a value, not an exception: `error` is set and
/// `message` says which step failed ("connect 127.0.0.1:8080: Connection refused"). An HTTP error
/// status (4xx, 5xx) is not a failure: error is empty and status tells.
struct http_result {
  boost::system::error_code error;
  std::string message;
  unsigned status = 0;
  header_map headers;
  std::string body;

  [[nodiscard]] bool ok() const noexcept { return !error; }
};

/// An HTTP/1.1 client for platform REST APIs. https:// verifies the peer against the system trust
/// store with SNI and host-name checking; plain http:// is allowed only for loopback hosts
/// (net::error::insecure_non_loopback otherwise, decided before any socket is opened).
///
/// Connections are kept alive and reused per host (client_options::keep_alive): replies to slash
/// commands at thousands per second would otherwise spend most of their time in TCP (and TLS)
/// handshakes. A request that fails on a reused connection — the server closed it while it was idle —
/// is sent once more on a fresh one; like any HTTP client that pools, this can repeat a request the
/// server received but did not answer, which the outbox's at-least-once window already allows.
/// Threading: request() may run concurrently on any executor; the pool is guarded by a mutex, and a
/// pooled connection must only be reused on the io_context that created it (csibot has one).
class http_client {
 public:
  explicit http_client(boost::asio::io_context& io, client_options options = {});
  ~http_client();
  http_client(const http_client&) = delete;
  http_client& operator=(const http_client&) = delete;

  /// Sends `method` ("GET", "POST", …) to `url` with `headers` and `body` and reads the response.
  /// Host, User-Agent and Content-Length are set unless given. Never throws for network, TLS or
  /// protocol errors; they come back in http_result::error.
  [[nodiscard]] boost::asio::awaitable<http_result> request(std::string method, std::string url,
                                                            header_map headers = {}, std::string body = {});

  struct impl;

 private:
  std::shared_ptr<impl> impl_;
};

}  // namespace csibot::net
