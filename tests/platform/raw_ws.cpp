#include "platform/raw_ws.hpp"

#include <array>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/asio/write.hpp>
#include <string>

#include "platform/chat_harness.hpp"

namespace csibot::platform::local::test {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;

asio::awaitable<int> binary_exchange(std::uint16_t port) {
  tcp::socket socket(co_await asio::this_coro::executor);
  co_await socket.async_connect({asio::ip::make_address("127.0.0.1"), port}, asio::use_awaitable);
  const std::string upgrade =
      "GET /local/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
  co_await asio::async_write(socket, asio::buffer(upgrade), asio::use_awaitable);
  asio::streambuf head;
  co_await asio::async_read_until(socket, head, "\r\n\r\n", asio::use_awaitable);
  std::string status(asio::buffers_begin(head.data()), asio::buffers_end(head.data()));
  if (!status.starts_with("HTTP/1.1 101")) co_return -1;
  head.consume(status.find("\r\n\r\n") + 4);
  // FIN + binary opcode, masked (clients must mask, RFC 6455 §5.3), 3 payload bytes.
  const std::array<unsigned char, 9> frame{0x82, 0x83, 1, 2, 3, 4, 0x01 ^ 1, 0x02 ^ 2, 0x03 ^ 3};
  co_await asio::async_write(socket, asio::buffer(frame), asio::use_awaitable);
  // The close frame: 0x88, length, then the 2-byte code (servers do not mask).
  while (head.size() < 4) {
    co_await asio::async_read(socket, head, asio::transfer_at_least(1), asio::use_awaitable);
  }
  const auto* p = static_cast<const unsigned char*>(head.data().data());
  if (p[0] != 0x88) co_return -1;
  co_return (p[2] << 8) | p[3];
}

}  // namespace

int send_binary_frame(asio::io_context& io, std::uint16_t port) {
  auto future = asio::co_spawn(io, binary_exchange(port), asio::use_future);
  if (future.wait_for(deadline) != std::future_status::ready) return -1;
  try {
    return future.get();
  } catch (const std::exception&) {
    return -1;
  }
}

}  // namespace csibot::platform::local::test
