#pragma once
// What the in-process platform fakes share: a listener on 127.0.0.1 at a port the kernel picks,
// served by a pool of threads, and the answer to one request on a keep-alive connection. Each fake
// keeps its own request loop, because each one misbehaves on purpose in its own way.

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace csibot::testing {

class loopback_listener {
 public:
  using connection_handler = std::function<boost::asio::awaitable<void>(boost::asio::ip::tcp::socket)>;

  /// Binds 127.0.0.1:0 and listens; port() is known from here on, and connections wait for start().
  loopback_listener();
  /// Stops, then closes the listening socket; connections still open die with the io_context
  /// (their peers see a reset).
  ~loopback_listener();
  loopback_listener(const loopback_listener&) = delete;
  loopback_listener& operator=(const loopback_listener&) = delete;

  std::uint16_t port() const;

  /// Serves on `threads` threads (at least one). Each accepted connection gets a strand of its own,
  /// Nagle off, and is handed to `on_connection`.
  void start(std::size_t threads, connection_handler on_connection);

  /// Stops the threads and waits for them. Afterwards no handler runs, so the owner may release
  /// what its connections hold while their io_context still exists. Calling it again does nothing.
  void stop();

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

/// One HTTP answer as a fake's routes produce it.
struct http_answer {
  unsigned status = 200;
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  ///< beyond Server and Content-Type
};

/// Writes `answer` to `request` on `stream`, with `server` as the Server header, keeping the
/// connection alive when the request asked for it. Returns false when the connection is over: the
/// write failed, or keep-alive is off (the send side is then shut down).
boost::asio::awaitable<bool> write_answer(
    boost::beast::tcp_stream& stream,
    const boost::beast::http::request<boost::beast::http::string_body>& request, std::string_view server,
    http_answer answer);

}  // namespace csibot::testing
