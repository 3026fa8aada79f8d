#include "bot/net/ws_client.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include "bot/net/detail/connect.hpp"
#include "bot/net/detail/ws_session_impl.hpp"
#include "bot/net/tokens.hpp"

namespace csibot::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace websocket = boost::beast::websocket;
using clock = std::chrono::steady_clock;

struct ws_client::impl {
  impl(asio::io_context& context, ws_client_options opts) : io(context), options(std::move(opts)) {}

  asio::io_context& io;
  ws_client_options options;
  detail::lazy_tls_context tls;  // taken at the first wss connection
};

namespace {

ws_connect_result failure(detail::step_result step) {
  ws_connect_result out;
  out.error = step.error;
  out.message = std::move(step.message);
  return out;
}

/// Configures and performs the upgrade on a connected (and TLS-established) stream, then hands
/// the stream to a session.
template <class Session, class Stream>
asio::awaitable<ws_connect_result> upgrade(Stream stream, const endpoint& ep, const header_map& headers,
                                           const ws_client_options& options) {
  typename Session::socket_type ws(std::move(stream));
  beast::get_lowest_layer(ws).expires_never();  // websocket timeouts take over from here
  // Beast times the handshakes; the session watches for a silent server itself (ws_keepalive).
  ws.set_option(
      websocket::stream_base::timeout{options.handshake_timeout, websocket::stream_base::none(), false});
  ws.set_option(
      websocket::stream_base::decorator([headers, agent = options.user_agent](websocket::request_type& req) {
        req.set(http::field::user_agent, agent);
        for (const auto& [name, value] : headers)
          req.set(name, value);
      }));
  const auto remote = ep.host;
  auto session = std::make_shared<Session>(std::move(ws), remote, options.limits,
                                           detail::ws_keepalive{options.idle_timeout, true});
  websocket::response_type response;
  auto [ec] =
      co_await session->socket().async_handshake(response, detail::host_header(ep), ep.target, nothrow);
  if (ec) {
    auto out = failure(detail::failed(ec, "websocket handshake", ep));
    if (ec == websocket::error::upgrade_declined) out.http_status = response.result_int();
    co_return out;
  }
  ws_connect_result out;
  out.session = std::move(session);
  co_return out;
}

asio::awaitable<ws_connect_result> connect_on_strand(std::shared_ptr<ws_client::impl> self, endpoint ep,
                                                     header_map headers) {
  const auto& options = self->options;
  const auto start = clock::now();
  const auto executor = co_await asio::this_coro::executor;
  beast::tcp_stream tcp(executor);
  if (auto step = co_await detail::connect_tcp(tcp, ep, start + options.connect_timeout); step.error) {
    co_return failure(std::move(step));
  }
  if (!ep.tls) co_return co_await upgrade<detail::plain_ws_session>(std::move(tcp), ep, headers, options);
  beast::ssl_stream<beast::tcp_stream> tls(std::move(tcp), self->tls.get());
  beast::get_lowest_layer(tls).expires_after(options.handshake_timeout);
  if (auto step = co_await detail::handshake_tls(tls, ep); step.error) co_return failure(std::move(step));
  co_return co_await upgrade<detail::tls_ws_session>(std::move(tls), ep, headers, options);
}

}  // namespace

ws_client::ws_client(asio::io_context& io, ws_client_options options)
    : impl_(std::make_shared<impl>(io, std::move(options))) {}

ws_client::~ws_client() = default;

asio::awaitable<ws_connect_result> ws_client::connect(std::string url, header_map headers) {
  // The URL never goes into a message: Slack's socket URL carries a ticket.
  auto ep = parse_endpoint(url, scheme_family::websocket);
  if (!ep) co_return failure({ep.error(), ep.error().message()});
  // Everything of this session, the handshake included, runs on one new strand.
  const asio::any_io_executor strand = asio::make_strand(impl_->io);
  co_return co_await asio::co_spawn(strand, connect_on_strand(impl_, std::move(*ep), std::move(headers)),
                                    asio::use_awaitable);
}

}  // namespace csibot::net
