// The fake's sockets: an HTTP/1.1 keep-alive server (cheap per request, so a load tool can push
// tens of thousands of calls through it) and the Socket Mode WebSocket at /link/?ticket=…. Written
// on Beast directly rather than net::http_server because the fake must misbehave on purpose
// (tear a socket down without a close frame) and route by prefix (/api/<method>, /respond/<id>).

#include "support/fake_slack/server.hpp"

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

#include "support/fake_slack/state.hpp"
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

std::string_view view(beast::string_view s) {
  return {s.data(), s.size()};
}

/// The value of `ticket=` in the query of `target`, or "".
std::string ticket_of(std::string_view target) {
  const auto query = target.find('?');
  if (query == std::string_view::npos) return {};
  for (auto rest = target.substr(query + 1); !rest.empty();) {
    const auto amp = rest.find('&');
    const auto pair = rest.substr(0, amp);
    if (pair.starts_with("ticket=")) return std::string{pair.substr(7)};
    rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
  }
  return {};
}

/// One Socket Mode socket. Everything runs on the socket's strand; send() and drop() post there.
class socket_peer final : public ws_peer, public std::enable_shared_from_this<socket_peer> {
 public:
  explicit socket_peer(beast::tcp_stream stream) : ws_(std::move(stream)) {}

  void send(std::string text, std::string envelope_id) override {
    asio::post(ws_.get_executor(), [self = shared_from_this(), text = std::move(text),
                                    envelope_id = std::move(envelope_id)]() mutable {
      self->queue_.push_back({std::move(text), std::move(envelope_id)});
      if (self->writing_) return;
      self->writing_ = true;
      asio::co_spawn(self->ws_.get_executor(), write_loop(self), asio::detached);
    });
  }

  void drop() override {
    asio::post(ws_.get_executor(), [self = shared_from_this()] {
      // SO_LINGER 0 makes close() send a reset: the client sees the connection die, no close frame.
      auto& socket = beast::get_lowest_layer(self->ws_).socket();
      boost::system::error_code ignored;
      socket.set_option(asio::socket_base::linger(true, 0), ignored);
      socket.close(ignored);
      self->dropped_ = true;
    });
  }

  static asio::awaitable<void> serve(std::shared_ptr<socket_peer> self, std::shared_ptr<fake_slack::state> st,
                                     http::request<http::string_body> upgrade, std::string ticket) {
    self->ws_.set_option(
        websocket::stream_base::timeout{std::chrono::seconds{10}, websocket::stream_base::none(), false});
    self->ws_.read_message_max(max_body);
    auto [ec] = co_await self->ws_.async_accept(upgrade, nothrow);
    if (ec) co_return;
    self->state_ = st;
    self->id_ = st->ws_opened(self, std::move(ticket));  // sends hello
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
  static asio::awaitable<void> write_loop(std::shared_ptr<socket_peer> self) {
    while (!self->queue_.empty()) {
      const auto frame = std::move(self->queue_.front());
      self->queue_.pop_front();
      if (const auto st = self->state_.lock(); st && !frame.envelope_id.empty())
        st->envelope_written(frame.envelope_id);
      self->ws_.text(true);
      auto [ec, bytes] = co_await self->ws_.async_write(asio::buffer(frame.text), nothrow);
      if (ec) self->queue_.clear();
    }
    self->writing_ = false;
  }

  struct outgoing {
    std::string text;
    std::string envelope_id;  // empty for hello and disconnect frames
  };

  websocket::stream<beast::tcp_stream> ws_;
  std::weak_ptr<fake_slack::state> state_;  // set once accepted; envelope writes are reported to it
  std::deque<outgoing> queue_;
  bool writing_ = false;
  bool dropped_ = false;
  std::uint64_t id_ = 0;
};

asio::awaitable<void> refuse(beast::tcp_stream& stream, unsigned version, http::status status,
                             std::string body) {
  http::response<http::string_body> res{status, version};
  res.set(http::field::content_type, "text/plain");
  res.body() = std::move(body);
  res.keep_alive(false);
  res.prepare_payload();
  co_await http::async_write(stream, res, nothrow);
}

asio::awaitable<void> serve_http(std::shared_ptr<fake_slack::state> st, tcp::socket socket) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.body_limit(max_body);
    stream.expires_after(std::chrono::seconds{60});
    auto [ec, bytes] = co_await http::async_read(stream, buffer, parser, nothrow);
    if (ec) co_return;
    auto req = parser.release();
    if (websocket::is_upgrade(req)) {
      const auto target = view(req.target());
      auto ticket = ticket_of(target);
      // A ticket is single-use, as Slack's: a reconnect must fetch a fresh URL.
      if (!target.starts_with("/link/") || !st->take_ticket(ticket)) {
        co_await refuse(stream, req.version(), http::status::unauthorized, "invalid ticket\n");
        co_return;
      }
      stream.expires_never();
      auto peer = std::make_shared<socket_peer>(std::move(stream));
      co_await socket_peer::serve(peer, st, std::move(req), std::move(ticket));
      co_return;
    }
    auto reply =
        st->handle_http(view(req.method_string()), view(req.target()), view(req[http::field::authorization]),
                        view(req[http::field::content_type]), std::move(req.body()));
    http_answer answer{reply.status, std::move(reply.content_type), std::move(reply.body), {}};
    if (!reply.retry_after.empty()) answer.headers.emplace_back("Retry-After", std::move(reply.retry_after));
    if (!co_await write_answer(stream, req, "fake-slack", std::move(answer))) co_return;
  }
}

}  // namespace

struct fake_slack::server::impl {
  std::shared_ptr<state> st;
  loopback_listener listener;
};

fake_slack::server::server(std::shared_ptr<state> shared) : impl_(std::make_unique<impl>()) {
  impl_->st = shared;
  impl_->st->port = impl_->listener.port();
  impl_->listener.start(shared->options.threads,
                        [shared](tcp::socket socket) { return serve_http(shared, std::move(socket)); });
}

fake_slack::server::~server() {
  impl_->listener.stop();
  // The recorded peers hold sockets of the listener's io_context: release them while it still exists.
  std::lock_guard lock{impl_->st->mutex};
  for (auto& [id, s] : impl_->st->sockets)
    s.peer.reset();
}

}  // namespace csibot::testing
