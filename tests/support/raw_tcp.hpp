#pragma once

// Byte-level peers for tests that must misbehave on purpose: garbage requests, a server that never
// answers, hand-made WebSocket frames. Loopback only.

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace csibot::test {

/// A client socket to 127.0.0.1 that writes and reads raw bytes.
class raw_connection {
 public:
  /// Connects to 127.0.0.1:port; throws on failure.
  static boost::asio::awaitable<raw_connection> connect(std::uint16_t port);

  boost::asio::awaitable<void> write(std::string bytes);
  /// Reads one HTTP response framed by Content-Length (enough for csibot's server).
  boost::asio::awaitable<std::string> read_response();
  /// Reads up to and including the blank line that ends a header block.
  boost::asio::awaitable<std::string> read_header();
  /// Reads everything until the peer closes (or resets) the connection.
  boost::asio::awaitable<std::string> read_until_close();

 private:
  explicit raw_connection(boost::asio::ip::tcp::socket socket) : socket_(std::move(socket)) {}
  boost::asio::ip::tcp::socket socket_;
  std::string buffer_;  // bytes read but not consumed yet
};

/// Connects to 127.0.0.1:port, writes `bytes` and reads until the server closes: one exchange of a
/// request the server should answer and hang up on (or only hang up on).
boost::asio::awaitable<std::string> send_and_read_until_close(std::uint16_t port, std::string bytes);

/// A TCP server on 127.0.0.1:0 that accepts and holds connections but never sends a byte: the
/// peer for client timeout tests.
class silent_server {
 public:
  explicit silent_server(boost::asio::io_context& io);
  ~silent_server();
  silent_server(const silent_server&) = delete;
  silent_server& operator=(const silent_server&) = delete;
  [[nodiscard]] std::uint16_t port() const noexcept { return port_; }

 private:
  struct state;
  std::shared_ptr<state> state_;
  std::uint16_t port_ = 0;
};

/// The client's upgrade request for `path` (fixed key from RFC 6455 §1.3).
std::string ws_upgrade_request(std::string_view path);
/// A masked client frame with FIN set; opcode 0x1 text, 0x2 binary, 0x8 close.
std::string ws_client_frame(std::uint8_t opcode, std::string_view payload);
/// One frame as a server sends it (unmasked); `payload` views the bytes it was parsed from.
struct ws_frame {
  std::uint8_t opcode = 0;  ///< 0x1 text, 0x8 close, 0x9 ping, 0xA pong
  std::string_view payload;
};
/// The whole frames in `bytes` (a server's unmasked frames, payloads below 64 KiB), in order.
std::vector<ws_frame> ws_server_frames(std::string_view bytes);
/// The close code in the first server close frame found in `bytes` (unmasked server frames).
std::optional<std::uint16_t> ws_close_code(std::string_view bytes);

}  // namespace csibot::test
