// A connection's WebSocket upgrade: the route's admission check, the handshake, and the session
// handed to the route's handler.

#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include "bot/net/detail/http_connection.hpp"
#include "bot/net/detail/ws_session_impl.hpp"
#include "bot/net/tokens.hpp"

namespace csibot::net::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace websocket = boost::beast::websocket;

std::optional<response> connection::admission(http_request& req) {
  const auto& route = state_->ws_routes.at(split_target(req.target()).first);
  if (!route.admit) return std::nullopt;
  try {
    return route.admit(to_request(req, remote_));
  } catch (const std::exception& e) {
    log(std::string{"websocket admission for "} + std::string{req.target()} + " failed: " + e.what());
    return error_response(500, "internal error", wants_json(req, {}));
  }
}

asio::awaitable<void> connection::upgrade(http_request req) {
  const auto& opts = state_->options;
  phase_ = phase::upgrading;
  websocket::stream<beast::tcp_stream> ws(std::move(stream_));
  // Beast requires the tcp_stream's own timer off once the websocket timeouts are in charge.
  beast::get_lowest_layer(ws).expires_never();
  // Beast times the handshakes; the session watches for a silent client itself (ws_keepalive).
  ws.set_option(websocket::stream_base::timeout{opts.header_timeout, websocket::stream_base::none(), false});
  ws.set_option(websocket::stream_base::decorator(
      [](websocket::response_type& res) { res.set(http::field::server, "csibot"); }));
  auto session = std::make_shared<plain_ws_session>(std::move(ws), remote_, opts.ws,
                                                    detail::ws_keepalive{opts.ws_idle_timeout, true});
  auto [ec] = co_await session->socket().async_accept(req, nothrow);
  if (ec) co_return;
  ws_ = session;
  ++state_->ws_sessions_total;
  ++state_->ws_sessions_active;
  const request upgrade_request = to_request(req, remote_);
  try {
    state_->ws_routes.at(upgrade_request.target).handler(session, upgrade_request);
  } catch (const std::exception& e) {
    log(std::string{"websocket handler for "} + upgrade_request.target + " failed: " + e.what());
    session->close(close_code::internal_error, "internal error");
  }
  if (state_->stopping) session->close(close_code::going_away, "server stopping");
  co_await session->run();
  --state_->ws_sessions_active;
}

}  // namespace csibot::net::detail
