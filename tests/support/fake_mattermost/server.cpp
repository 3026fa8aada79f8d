// The fake's sockets: an HTTP/1.1 keep-alive server and the WebSocket at /api/v4/websocket. Written
// on Beast directly rather than net::http_server because the fake must misbehave on purpose (close a
// connection without an answer, tear a socket down without a close frame) and route by prefix.

#include "support/fake_mattermost/server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <deque>

#include "support/fake_mattermost/state.hpp"
#include "support/loopback_listener.hpp"

namespace csibot::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

namespace {

constexpr auto nothrow = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t max_body = 64 * 1024 * 1024;
constexpr std::size_t max_client_frame = 8 * 1024;  // Mattermost's SocketMaxMessageSizeKb

std::string_view view(beast::string_view s) {
  return {s.data(), s.size()};
}

/// One WebSocket. Everything runs on the socket's strand; send(), drop() and hang_up() post there.
class socket_peer final : public mm_peer, public std::enable_shared_from_this<socket_peer> {
 public:
  explicit socket_peer(beast::tcp_stream stream) : ws_(std::move(stream)) {}

  void send(std::string text) override {
    asio::post(ws_.get_executor(), [self = shared_from_this(), text = std::move(text)]() mutable {
      self->queue_.push_back(std::move(text));
      if (self->writing_) return;
      self->writing_ = true;
      asio::co_spawn(self->ws_.get_executor(), write_loop(self), asio::detached);
    });
  }

  void drop() override { close_socket(true); }
  void hang_up() override { close_socket(false); }

  static asio::awaitable<void> serve(std::shared_ptr<socket_peer> self,
                                     std::shared_ptr<fake_mattermost::state> st,
                                     http::request<http::string_body> upgrade) {
    // Beast pings after half the idle time: the server's WS pings (PLATFORMS.md §2.2: every 60 s).
    const auto idle = 2 * st->options.ws_ping_interval;
    self->ws_.set_option(websocket::stream_base::timeout{std::chrono::seconds{10}, idle, true});
    // The server's read limit for client messages (SocketMaxMessageSizeKb): larger ones close 1009.
    self->ws_.read_message_max(max_client_frame);
    auto [ec] = co_await self->ws_.async_accept(upgrade, nothrow);
    if (ec) co_return;
    const auto target = view(upgrade.target());
    const auto q = target.find('?');
    self->id_ = st->ws_opened(self, view(upgrade[http::field::authorization]),
                              q == std::string_view::npos ? std::string_view{} : target.substr(q + 1));
    beast::flat_buffer buffer;
    for (;;) {
      auto [read_ec, bytes] = co_await self->ws_.async_read(buffer, nothrow);
      if (read_ec) break;
      st->ws_frame(self->id_, {static_cast<const char*>(buffer.data().data()), buffer.size()});
      buffer.consume(buffer.size());
    }
    st->ws_closed(self->id_, self->ws_.reason().code, self->dropped_);
  }

 private:
  void close_socket(bool reset) {
    asio::post(ws_.get_executor(), [self = shared_from_this(), reset] {
      auto& socket = beast::get_lowest_layer(self->ws_).socket();
      boost::system::error_code ignored;
      // SO_LINGER 0 makes close() send a reset: the client sees the connection die, no close frame.
      if (reset) socket.set_option(asio::socket_base::linger(true, 0), ignored);
      if (!reset) socket.shutdown(tcp::socket::shutdown_both, ignored);
      socket.close(ignored);
      self->dropped_ = true;
    });
  }

  static asio::awaitable<void> write_loop(std::shared_ptr<socket_peer> self) {
    while (!self->queue_.empty()) {
      const auto text = std::move(self->queue_.front());
      self->queue_.pop_front();
      self->ws_.text(true);
      auto [ec, bytes] = co_await self->ws_.async_write(asio::buffer(text), nothrow);
      if (ec) self->queue_.clear();
    }
    self->writing_ = false;
  }

  websocket::stream<beast::tcp_stream> ws_;
  std::deque<std::string> queue_;
  bool writing_ = false;
  bool dropped_ = false;
  std::uint64_t id_ = 0;
};

asio::awaitable<void> serve_http(std::shared_ptr<fake_mattermost::state> st, tcp::socket socket) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.body_limit(max_body);
    stream.expires_after(std::chrono::seconds{60});
    auto [ec, bytes] = co_await http::async_read(stream, buffer, parser, nothrow);
    if (ec) co_return;
    auto req = parser.release();
    if (websocket::is_upgrade(req) && view(req.target()).starts_with("/api/v4/websocket")) {
      // Mattermost upgrades whatever the token: an unauthenticated socket waits for the challenge.
      stream.expires_never();
      auto peer = std::make_shared<socket_peer>(std::move(stream));
      co_await socket_peer::serve(peer, st, std::move(req));
      co_return;
    }
    auto reply =
        st->handle_http(view(req.method_string()), view(req.target()), view(req[http::field::authorization]),
                        view(req[http::field::content_type]), std::move(req.body()));
    if (reply.close) {
      boost::system::error_code ignored;
      stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
      stream.socket().close(ignored);
      co_return;
    }
    // A named answer, not a braced temporary in the co_await: GCC 12 destroys such a temporary twice.
    http_answer answer{reply.status, std::move(reply.content_type), std::move(reply.body),
                       std::move(reply.headers)};
    if (!co_await write_answer(stream, req, "fake-mattermost", std::move(answer))) co_return;
  }
}

}  // namespace

struct fake_mattermost::server::impl {
  std::shared_ptr<state> st;
  loopback_listener listener;
};

fake_mattermost::server::server(std::shared_ptr<state> shared) : impl_(std::make_unique<impl>()) {
  impl_->st = shared;
  impl_->st->port = impl_->listener.port();
  impl_->listener.start(shared->options.threads,
                        [shared](tcp::socket socket) { return serve_http(shared, std::move(socket)); });
}

fake_mattermost::server::~server() {
  impl_->listener.stop();
  // The recorded peers hold sockets of the listener's io_context: release them while it still exists.
  std::lock_guard lock{impl_->st->mutex};
  for (auto& [id, s] : impl_->st->sockets)
    s.peer.reset();
}

}  // namespace csibot::testing
