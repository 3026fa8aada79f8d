#include "bot/net/http_client.hpp"

#include <array>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <map>
#include <mutex>
#include <vector>

#include "bot/net/detail/connect.hpp"
#include "bot/net/error.hpp"
#include "bot/net/request_text.hpp"
#include "bot/net/tokens.hpp"

namespace csibot::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using clock = std::chrono::steady_clock;

namespace {

using tls_stream = beast::ssl_stream<beast::tcp_stream>;

/// One open connection: plain or TLS, exactly one of the two set.
struct connection {
  std::unique_ptr<beast::tcp_stream> plain;
  std::unique_ptr<tls_stream> secure;
  clock::time_point idle_since{};

  beast::tcp_stream& lowest() { return plain ? *plain : beast::get_lowest_layer(*secure); }
};

/// The pool key: connections are only shared between requests to the same scheme, host and port.
std::string pool_key(const endpoint& ep) {
  return (ep.tls ? "https://" : "http://") + ep.host + ":" + std::to_string(ep.port);
}

}  // namespace

struct http_client::impl {
  client_options options;
  detail::lazy_tls_context tls;  // taken at the first https request
  std::mutex mutex;
  std::map<std::string, std::vector<connection>, std::less<>> idle;

  /// The most recently used idle connection for `key` that is young enough, if any.
  std::optional<connection> take(const std::string& key) {
    const std::lock_guard lock{mutex};
    const auto it = idle.find(key);
    if (it == idle.end()) return std::nullopt;
    auto& list = it->second;
    const auto oldest_allowed = clock::now() - options.idle_timeout;
    while (!list.empty()) {
      connection c = std::move(list.back());
      list.pop_back();
      if (c.idle_since >= oldest_allowed) return c;
      // Too old: the server has probably dropped it; closing it here costs nothing.
    }
    return std::nullopt;
  }

  void give_back(const std::string& key, connection c) {
    c.lowest().expires_never();
    c.idle_since = clock::now();
    const std::lock_guard lock{mutex};
    auto& list = idle[key];
    if (list.size() < options.max_idle_per_host) list.push_back(std::move(c));
  }
};

namespace {

http_result failure(detail::step_result step) {
  http_result out;
  out.error = step.error;
  out.message = std::move(step.message);
  return out;
}

http_result failure(boost::system::error_code ec) {
  return failure({ec, ec.message()});
}

/// A request ready for the wire, and the two facts about it that reading the response needs.
struct wire_request {
  std::string fields;  ///< request_text(): request line and header block
  std::string body;
  bool keep_alive = true;
  bool head = false;  ///< a HEAD request: the response has no body whatever it announces
};

/// Writes the request and reads the whole response on a connected (and TLS-established) stream.
/// `reusable` tells whether the connection may carry another request afterwards.
template <class Stream>
asio::awaitable<http_result> exchange(Stream& stream, const wire_request& req, const endpoint& ep,
                                      clock::time_point deadline, std::size_t max_body, bool& reusable) {
  reusable = false;
  beast::get_lowest_layer(stream).expires_at(deadline);
  const std::array<asio::const_buffer, 2> bytes{asio::buffer(req.fields), asio::buffer(req.body)};
  auto [write_ec, written] = co_await asio::async_write(stream, bytes, nothrow);
  if (write_ec) co_return failure(detail::failed(write_ec, "write", ep));
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(max_body);
  // A HEAD response announces a Content-Length but carries no body.
  parser.skip(req.head);
  auto [read_ec, read] = co_await http::async_read(stream, buffer, parser, nothrow);
  if (read_ec == http::error::body_limit) read_ec = make_error_code(error::body_too_large);
  if (read_ec) co_return failure(detail::failed(read_ec, "read", ep));
  auto& res = parser.get();
  http_result out;
  out.status = res.result_int();
  for (const auto& field : res)
    out.headers.add(std::string{field.name_string()}, std::string{field.value()});
  out.body = std::move(res.body());
  // Bytes beyond the response would belong to nothing we asked for: such a connection is not reused.
  reusable = req.keep_alive && res.keep_alive() && buffer.size() == 0;
  // A connection that is not kept just closes: no TLS close_notify round trip, the response is
  // complete by its own framing.
  co_return out;
}

/// A new connection to `ep`: TCP, then TLS for https.
asio::awaitable<detail::step_result> open(connection& c, const endpoint& ep, detail::lazy_tls_context& tls,
                                          clock::time_point connect_deadline, clock::time_point deadline) {
  const auto executor = co_await asio::this_coro::executor;
  if (!ep.tls) {
    c.plain = std::make_unique<beast::tcp_stream>(executor);
    co_return co_await detail::connect_tcp(*c.plain, ep, connect_deadline);
  }
  c.secure = std::make_unique<tls_stream>(executor, tls.get());
  if (auto step = co_await detail::connect_tcp(c.secure->next_layer(), ep, connect_deadline); step.error) {
    co_return step;
  }
  beast::get_lowest_layer(*c.secure).expires_at(deadline);
  co_return co_await detail::handshake_tls(*c.secure, ep);
}

}  // namespace

http_client::http_client(asio::io_context& /*io*/, client_options options) : impl_(std::make_shared<impl>()) {
  impl_->options = std::move(options);
}

http_client::~http_client() = default;

asio::awaitable<http_result> http_client::request(std::string method, std::string url, header_map headers,
                                                  std::string body) {
  const auto self = impl_;  // options, TLS context and pool outlive this coroutine even if the client dies
  // The URL never goes into a message: Slack's socket URLs and some webhooks carry credentials.
  const auto ep = parse_endpoint(url, scheme_family::http);
  if (!ep) co_return failure(ep.error());
  const auto verb = http::string_to_verb(method);
  if (verb == http::verb::unknown) co_return failure(make_error_code(error::bad_method));
  const request_head head{method, &*ep, self->options.user_agent, self->options.keep_alive};
  auto text = request_text(head, headers, body.size());
  if (!text) co_return failure(make_error_code(error::bad_header));
  const wire_request req{std::move(*text), std::move(body), self->options.keep_alive,
                         verb == http::verb::head};
  const auto key = pool_key(*ep);

  const auto start = clock::now();
  const auto deadline = start + self->options.total_timeout;
  const auto connect_deadline = std::min(deadline, start + self->options.connect_timeout);
  // At most two tries: a pooled connection, then (only if that one failed) a fresh one.
  for (int attempt = 0;; ++attempt) {
    std::optional<connection> c = attempt == 0 && self->options.keep_alive ? self->take(key) : std::nullopt;
    const bool reused = c.has_value();
    if (!c) {
      c.emplace();
      if (auto step = co_await open(*c, *ep, self->tls, connect_deadline, deadline); step.error) {
        co_return failure(std::move(step));
      }
    }
    bool reusable = false;
    http_result result;
    // Not a conditional expression: GCC 12 miscompiles co_await inside `?:` (double destruction).
    if (c->plain) {
      result = co_await exchange(*c->plain, req, *ep, deadline, self->options.max_body, reusable);
    } else {
      result = co_await exchange(*c->secure, req, *ep, deadline, self->options.max_body, reusable);
    }
    // A stale pooled connection fails at once (reset or EOF); a timeout is the server's, not the pool's.
    if (result.error && reused && !is_timeout(result.error)) continue;
    if (!result.error && reusable && self->options.keep_alive) self->give_back(key, std::move(*c));
    co_return result;
  }
}

}  // namespace csibot::net
