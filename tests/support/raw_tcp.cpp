#include "support/raw_tcp.hpp"

#include <algorithm>
#include <array>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <cctype>

namespace csibot::test {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

asio::awaitable<raw_connection> raw_connection::connect(std::uint16_t port) {
  tcp::socket socket(co_await asio::this_coro::executor);
  co_await socket.async_connect({asio::ip::make_address("127.0.0.1"), port}, asio::use_awaitable);
  co_return raw_connection{std::move(socket)};
}

asio::awaitable<void> raw_connection::write(std::string bytes) {
  co_await asio::async_write(socket_, asio::buffer(bytes), asio::use_awaitable);
}

asio::awaitable<std::string> raw_connection::read_header() {
  std::array<char, 4096> chunk{};
  for (;;) {
    if (const auto end = buffer_.find("\r\n\r\n"); end != std::string::npos) {
      std::string header = buffer_.substr(0, end + 4);
      buffer_.erase(0, end + 4);
      co_return header;
    }
    const auto n = co_await socket_.async_read_some(asio::buffer(chunk), asio::use_awaitable);
    buffer_.append(chunk.data(), n);
  }
}

asio::awaitable<std::string> raw_connection::read_response() {
  std::string header = co_await read_header();
  std::string lower = header;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::size_t length = 0;
  if (const auto at = lower.find("content-length:"); at != std::string::npos) {
    length = std::stoul(lower.substr(at + 15));
  }
  std::array<char, 4096> chunk{};
  while (buffer_.size() < length) {
    const auto n = co_await socket_.async_read_some(asio::buffer(chunk), asio::use_awaitable);
    buffer_.append(chunk.data(), n);
  }
  header += buffer_.substr(0, length);
  buffer_.erase(0, length);
  co_return header;
}

asio::awaitable<std::string> raw_connection::read_until_close() {
  std::array<char, 4096> chunk{};
  for (;;) {
    boost::system::error_code ec;
    const auto n =
        co_await socket_.async_read_some(asio::buffer(chunk), asio::redirect_error(asio::use_awaitable, ec));
    buffer_.append(chunk.data(), n);
    if (ec) break;
  }
  co_return std::exchange(buffer_, {});
}

asio::awaitable<std::string> send_and_read_until_close(std::uint16_t port, std::string bytes) {
  auto connection = co_await raw_connection::connect(port);
  co_await connection.write(std::move(bytes));
  co_return co_await connection.read_until_close();
}

struct silent_server::state {
  explicit state(asio::io_context& io) : acceptor(io, {asio::ip::make_address("127.0.0.1"), 0}) {}
  tcp::acceptor acceptor;
  std::vector<tcp::socket> held;  // kept open, never written to
};

silent_server::silent_server(asio::io_context& io) : state_(std::make_shared<state>(io)) {
  port_ = state_->acceptor.local_endpoint().port();
  asio::co_spawn(
      io,
      [](std::shared_ptr<state> s) -> asio::awaitable<void> {
        for (;;) {
          boost::system::error_code ec;
          auto socket = co_await s->acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
          if (ec) co_return;
          s->held.push_back(std::move(socket));
        }
      }(state_),
      asio::detached);
}

silent_server::~silent_server() {
  boost::system::error_code ignored;
  state_->acceptor.close(ignored);
  for (auto& socket : state_->held)
    socket.close(ignored);
}

std::string ws_upgrade_request(std::string_view path) {
  return "GET " + std::string{path} +
         " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
         "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
}

std::string ws_client_frame(std::uint8_t opcode, std::string_view payload) {
  const std::array<char, 4> mask{'\x11', '\x22', '\x33', '\x44'};
  std::string frame;
  frame += static_cast<char>(0x80 | opcode);
  if (payload.size() < 126) {
    frame += static_cast<char>(0x80 | payload.size());
  } else {
    frame += static_cast<char>(0x80 | 126);
    frame += static_cast<char>((payload.size() >> 8) & 0xff);
    frame += static_cast<char>(payload.size() & 0xff);
  }
  frame.append(mask.data(), mask.size());
  for (std::size_t i = 0; i < payload.size(); ++i)
    frame += static_cast<char>(payload[i] ^ mask[i % 4]);
  return frame;
}

std::vector<ws_frame> ws_server_frames(std::string_view bytes) {
  std::vector<ws_frame> frames;
  std::size_t at = 0;
  while (at + 2 <= bytes.size()) {
    const auto opcode = static_cast<std::uint8_t>(static_cast<unsigned char>(bytes[at]) & 0x0fU);
    std::size_t length = static_cast<unsigned char>(bytes[at + 1]) & 0x7fU;
    std::size_t header = 2;
    if (length == 126) {
      if (at + 4 > bytes.size()) break;
      length = (std::size_t{static_cast<unsigned char>(bytes[at + 2])} << 8) |
               static_cast<unsigned char>(bytes[at + 3]);
      header = 4;
    }
    if (at + header + length > bytes.size()) break;  // cut off: not a whole frame
    frames.push_back({opcode, bytes.substr(at + header, length)});
    at += header + length;
  }
  return frames;
}

std::optional<std::uint16_t> ws_close_code(std::string_view bytes) {
  for (const auto& frame : ws_server_frames(bytes)) {
    if (frame.opcode == 0x8 && frame.payload.size() >= 2) {
      return static_cast<std::uint16_t>((static_cast<unsigned char>(frame.payload[0]) << 8) |
                                        static_cast<unsigned char>(frame.payload[1]));
    }
  }
  return std::nullopt;
}

}  // namespace csibot::test
