#include "bot/net/http_client.hpp"

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include "bot/net/detail/connect.hpp"
#include "bot/net/error.hpp"
#include "bot/net/tokens.hpp"

namespace csibot::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using clock = std::chrono::steady_clock;

struct http_client::impl {
  client_options options;
  std::shared_ptr<asio::ssl::context> tls = detail::make_tls_client_context();
};

namespace {

using http_request = http::request<http::string_body>;

http_result failure(detail::step_result step) {
  http_result out;
  out.error = step.error;
  out.message = std::move(step.message);
  return out;
}

http_result failure(boost::system::error_code ec) {
  return failure({ec, ec.message()});
}

/// Writes the request and reads the whole response on a connected (and TLS-established) stream.
template <class Stream>
asio::awaitable<http_result> exchange(Stream& stream, const http_request& req, const endpoint& ep,
                                      clock::time_point deadline, std::size_t max_body) {
  beast::get_lowest_layer(stream).expires_at(deadline);
  auto [write_ec, written] = co_await http::async_write(stream, req, nothrow);
  if (write_ec) co_return failure(detail::failed(write_ec, "write", ep));
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(max_body);
  // A HEAD response announces a Content-Length but carries no body.
  parser.skip(req.method() == http::verb::head);
  auto [read_ec, read] = co_await http::async_read(stream, buffer, parser, nothrow);
  if (read_ec == http::error::body_limit) read_ec = make_error_code(error::body_too_large);
  if (read_ec) co_return failure(detail::failed(read_ec, "read", ep));
  auto& res = parser.get();
  http_result out;
  out.status = res.result_int();
  for (const auto& field : res)
    out.headers.add(std::string{field.name_string()}, std::string{field.value()});
  out.body = std::move(res.body());
  // Connection: close was requested, so the socket just closes: no TLS close_notify round trip,
  // the response is complete by its own framing.
  co_return out;
}

http_request make_request(http::verb verb, const endpoint& ep, const client_options& options,
                          const header_map& headers, std::string body) {
  http_request req{verb, ep.target, 11};
  req.set(http::field::host, detail::host_header(ep));
  req.set(http::field::user_agent, options.user_agent);
  for (const auto& [name, value] : headers)
    req.set(name, value);
  req.keep_alive(false);
  req.body() = std::move(body);
  req.prepare_payload();
  return req;
}

}  // namespace

http_client::http_client(asio::io_context& /*io*/, client_options options)
    : impl_(std::make_shared<impl>(impl{std::move(options)})) {}

http_client::~http_client() = default;

asio::awaitable<http_result> http_client::request(std::string method, std::string url, header_map headers,
                                                  std::string body) {
  const auto self = impl_;  // options and TLS context outlive this coroutine even if the client dies
  // The URL never goes into a message: Slack's socket URLs and some webhooks carry credentials.
  const auto ep = parse_endpoint(url, scheme_family::http);
  if (!ep) co_return failure(ep.error());
  const auto verb = http::string_to_verb(method);
  if (verb == http::verb::unknown) co_return failure(make_error_code(error::bad_method));
  const auto req = make_request(verb, *ep, self->options, headers, std::move(body));

  const auto start = clock::now();
  const auto deadline = start + self->options.total_timeout;
  const auto connect_deadline = std::min(deadline, start + self->options.connect_timeout);
  const auto executor = co_await asio::this_coro::executor;
  if (!ep->tls) {
    beast::tcp_stream stream(executor);
    if (auto step = co_await detail::connect_tcp(stream, *ep, connect_deadline); step.error) {
      co_return failure(std::move(step));
    }
    co_return co_await exchange(stream, req, *ep, deadline, self->options.max_body);
  }
  beast::ssl_stream<beast::tcp_stream> stream(executor, *self->tls);
  if (auto step = co_await detail::connect_tcp(stream.next_layer(), *ep, connect_deadline); step.error) {
    co_return failure(std::move(step));
  }
  beast::get_lowest_layer(stream).expires_at(deadline);
  if (auto step = co_await detail::handshake_tls(stream, *ep); step.error) co_return failure(std::move(step));
  co_return co_await exchange(stream, req, *ep, deadline, self->options.max_body);
}

}  // namespace csibot::net
