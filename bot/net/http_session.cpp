// One accepted connection of http_server: the HTTP/1.1 keep-alive loop, reading and writing, and the
// answers to requests turned away. Routing is in http_routing.cpp, the WebSocket upgrade in
// ws_upgrade.cpp. All of it runs on the connection's strand.

#include <array>
#include <boost/asio/dispatch.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include "bot/net/detail/http_connection.hpp"
#include "bot/net/detail/rejection_log.hpp"
#include "bot/net/tokens.hpp"

namespace csibot::net::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace websocket = boost::beast::websocket;
using tcp = asio::ip::tcp;

namespace {

std::string remote_of(const tcp::socket& socket) {
  boost::system::error_code ec;
  const auto peer = socket.remote_endpoint(ec);
  return ec ? std::string{} : peer.address().to_string();
}

}  // namespace

connection::connection(std::shared_ptr<server_state> state, tcp::socket socket)
    : state_(std::move(state)),
      executor_(socket.get_executor()),
      remote_(remote_of(socket)),
      stream_(std::move(socket)),
      grace_(executor_) {}

void connection::server_stopping() {
  asio::dispatch(executor_, [self = shared_from_this()] {
    if (auto ws = self->ws_.lock()) {
      ws->close(close_code::going_away, "server stopping");
      return;
    }
    switch (self->phase_) {
      case phase::reading:
      case phase::closing:
        // Idle, or a request still arriving (however slowly): no handler has seen it, so nothing
        // is lost by closing, and waiting would let one slow client hold up the shutdown.
        self->stream_.close();
        break;
      case phase::handling:
      case phase::writing:
        self->close_after_grace();
        break;
      case phase::upgrading:
        break;  // upgrade() closes the session once the handshake is over
    }
  });
}

asio::awaitable<void> connection::loop() {
  const auto& opts = state_->options;
  for (bool first = true;; first = false) {
    if (state_->stopping) co_return;
    http::request_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(std::min<std::size_t>(opts.header_limit, UINT32_MAX)));
    parser.body_limit(opts.body_limit);
    if (const auto ec = co_await read_request(parser, first)) {
      const std::string_view unread{static_cast<const char*>(buffer_.data().data()), buffer_.size()};
      if (auto turned_away = classify_read_error(ec, parser, unread, opts)) {
        // Header lines the parser did not reach still say whether the client reads JSON; once the
        // header is over, the unread bytes are body.
        const bool in_header = !parser.is_header_done() && ec != http::error::body_limit;
        const bool json = wants_json(parser.get(), in_header ? unread : std::string_view{});
        co_await reject(std::move(*turned_away), json, parser.get().method() == http::verb::head);
      }
      co_return;
    }
    // stop() closed the socket as the request's last bytes came in: it is not handled, as its
    // answer could not be sent.
    if (!stream_.socket().is_open()) co_return;
    http_request req = parser.release();
    if (req.version() != 11 && req.version() != 10) {
      auto unsupported = classify_version(req.version());
      co_await reject(std::move(*unsupported), wants_json(req, {}), req.method() == http::verb::head);
      co_return;
    }
    if (websocket::is_upgrade(req) && state_->ws_routes.contains(split_target(req.target()).first)) {
      if (auto refused = admission(req)) {
        co_await write(std::move(*refused), req.version(), false, false);
      } else {
        co_await upgrade(std::move(req));
      }
      co_return;
    }
    const bool keep_alive = req.keep_alive();
    const unsigned version = req.version();
    const bool head = req.method() == http::verb::head;
    phase_ = phase::handling;
    response res = co_await answer(req);
    if (!co_await write(std::move(res), version, keep_alive && !state_->stopping, head)) co_return;
  }
}

asio::awaitable<boost::system::error_code> connection::read_request(
    http::request_parser<http::string_body>& parser, bool first) {
  const auto& opts = state_->options;
  phase_ = phase::reading;
  stream_.expires_after(first ? opts.header_timeout : opts.idle_timeout);
  if (first) {
    // A connection's first bytes are looked at before the parser consumes them (it eats part of
    // a start line before failing on it): a TLS handshake or HTTP/2 preface is then named as such
    // in the answer and the log. It is the read the parser would start, so it costs nothing.
    auto [ec, n] =
        co_await stream_.async_read_some(buffer_.prepare(beast::read_size(buffer_, 65536)), nothrow);
    if (ec) co_return ec;
    buffer_.commit(n);
    if (foreign_protocol({static_cast<const char*>(buffer_.data().data()), buffer_.size()}))
      co_return make_error_code(http::error::bad_method);  // classify_read_error names it
  }
  auto [ec, bytes] = co_await http::async_read_header(stream_, buffer_, parser, nothrow);
  if (ec || parser.is_done()) co_return ec;
  stream_.expires_after(opts.header_timeout);
  auto [body_ec, body_bytes] = co_await http::async_read(stream_, buffer_, parser, nothrow);
  co_return body_ec;
}

asio::awaitable<bool> connection::write(response res, unsigned version, bool keep_alive, bool head) {
  http::response<http::string_body> out{static_cast<http::status>(res.status), version};
  out.set(http::field::server, "csibot");
  if (!res.content_type.empty()) out.set(http::field::content_type, res.content_type);
  for (const auto& [name, value] : res.headers)
    out.insert(name, value);
  out.body() = std::move(res.body);
  out.keep_alive(keep_alive);
  out.prepare_payload();
  phase_ = phase::writing;
  stream_.expires_after(state_->options.write_timeout);
  boost::system::error_code ec;
  if (head) {
    // The header alone, with the Content-Length the body would have had (RFC 9110 §9.3.2): a body
    // after it would be read by the client as the start of the next response.
    http::response_serializer<http::string_body> serializer{out};
    std::tie(ec, std::ignore) = co_await http::async_write_header(stream_, serializer, nothrow);
  } else {
    std::tie(ec, std::ignore) = co_await http::async_write(stream_, out, nothrow);
  }
  ++state_->requests_total;
  if (ec) co_return false;
  if (!keep_alive) {
    boost::system::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }
  co_return keep_alive;
}

asio::awaitable<void> connection::reject(rejection turned_away, bool json, bool head) {
  // The client learns why from the answer; the operator from the log, or never.
  state_->rejections->note(turned_away, remote_);
  if (turned_away.status == 0) co_return;  // a timeout, which closed the socket already
  response res = error_response(turned_away.status, turned_away.reason, json);
  co_await write(std::move(res), 11, false, head);
  co_await lingering_close();
}

asio::awaitable<void> connection::lingering_close() {
  // RFC 9112 §9.6: closing while the client still sends (a body we refused) makes the kernel send
  // a reset that can destroy our error response in the client's receive buffer. Read and discard
  // for a bounded while so the client gets to read the response first. Not while stopping: the
  // server's exit must not wait for it.
  phase_ = phase::closing;
  if (state_->stopping) {
    stream_.close();
    co_return;
  }
  stream_.expires_after(std::chrono::seconds{2});
  std::array<char, 16 * 1024> sink{};
  for (std::size_t total = 0; total < 16 * 1024 * 1024;) {
    auto [ec, bytes] = co_await stream_.async_read_some(asio::buffer(sink), nothrow);
    if (ec) break;
    total += bytes;
  }
  stream_.close();
}

asio::awaitable<void> serve_connection(std::shared_ptr<server_state> state, tcp::socket socket) {
  auto self = std::make_shared<connection>(state, std::move(socket));
  // Unregister even if the loop throws (bad_alloc): stop() must not reach dead connections.
  struct registration {
    server_state& state;
    std::uint64_t id;
    ~registration() {
      state.untrack(id);
      --state.connections_active;
    }
  } const guard{*state, state->track(self)};
  ++state->connections_active;
  co_await self->loop();
}

}  // namespace csibot::net::detail
