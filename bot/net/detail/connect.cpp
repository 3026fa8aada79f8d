#include "bot/net/detail/connect.hpp"

#include <openssl/ssl.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>

#include "bot/net/error.hpp"
#include "bot/net/tokens.hpp"

namespace csibot::net::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace ssl = boost::asio::ssl;
using tcp = asio::ip::tcp;

namespace {

std::string bracketed(const std::string& host) {
  return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

}  // namespace

step_result failed(const boost::system::error_code& ec, std::string_view step, const endpoint& ep) {
  return {ec,
          std::string{step} + " " + bracketed(ep.host) + ":" + std::to_string(ep.port) + ": " + ec.message()};
}

std::string host_header(const endpoint& ep) {
  const bool default_port = ep.port == (ep.tls ? 443 : 80);
  return default_port ? bracketed(ep.host) : bracketed(ep.host) + ":" + std::to_string(ep.port);
}

std::shared_ptr<ssl::context> make_tls_client_context() {
  auto context = std::make_shared<ssl::context>(ssl::context::tls_client);
  context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                       ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
  context->set_default_verify_paths();
  context->set_verify_mode(ssl::verify_peer);
  return context;
}

asio::awaitable<step_result> connect_tcp(beast::tcp_stream& stream, const endpoint& ep,
                                         std::chrono::steady_clock::time_point deadline) {
  tcp::resolver resolver(co_await asio::this_coro::executor);
  const auto flags = ep.host_is_ip ? tcp::resolver::numeric_host : tcp::resolver::flags{};
  auto [resolve_ec, results] =
      co_await resolver.async_resolve(ep.host, std::to_string(ep.port), flags, nothrow);
  if (resolve_ec) co_return failed(resolve_ec, "resolve", ep);
  if (!ep.tls) {
    // "localhost" could be mapped elsewhere in /etc/hosts; plain text must stay on this machine.
    for (const auto& entry : results) {
      if (!entry.endpoint().address().is_loopback()) {
        co_return failed(make_error_code(error::resolve_not_loopback), "resolve", ep);
      }
    }
  }
  stream.expires_at(deadline);
  auto [connect_ec, peer] = co_await stream.async_connect(results, nothrow);
  if (connect_ec) co_return failed(connect_ec, "connect", ep);
  // Small frames (Socket Mode acks, short API calls) must not wait for Nagle's algorithm to batch
  // them with data that never comes; failing to set it only costs latency.
  boost::system::error_code ignored;
  stream.socket().set_option(asio::ip::tcp::no_delay{true}, ignored);
  co_return step_result{};
}

asio::awaitable<step_result> handshake_tls(beast::ssl_stream<beast::tcp_stream>& stream, const endpoint& ep) {
  // RFC 6066 §3: no SNI for IP literals. SSL_set_tlsext_host_name is a macro with a C cast.
  if (!ep.host_is_ip && SSL_ctrl(stream.native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME,
                                 TLSEXT_NAMETYPE_host_name, const_cast<char*>(ep.host.c_str())) != 1) {
    co_return failed({static_cast<int>(::ERR_get_error()), asio::error::get_ssl_category()}, "tls sni", ep);
  }
  stream.set_verify_callback(ssl::host_name_verification(ep.host));
  auto [ec] = co_await stream.async_handshake(ssl::stream_base::client, nothrow);
  if (ec) co_return failed(ec, "tls handshake", ep);
  co_return step_result{};
}

}  // namespace csibot::net::detail
