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
/// One connection per request (Connection: close): the bot's call rate is a few per second at most
/// and platforms rate-limit far below what a handshake per call costs. Pooling can come later.
/// Threading: request() may run concurrently on any executor; the client itself is immutable.
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
