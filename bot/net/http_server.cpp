#include "bot/net/http_server.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <charconv>
#include <stdexcept>

#include "bot/net/detail/rejection_log.hpp"
#include "bot/net/detail/server_state.hpp"
#include "bot/net/tokens.hpp"

namespace csibot::net {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

tcp::endpoint parse_listen(const std::string& listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) throw std::invalid_argument("listen address needs host:port: " + listen);
  std::string host = listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host == "localhost") host = "127.0.0.1";
  std::uint16_t port = 0;
  const char* first = listen.data() + colon + 1;
  const char* last = listen.data() + listen.size();
  if (auto [ptr, ec] = std::from_chars(first, last, port);
      ec != std::errc{} || ptr != last || first == last) {
    throw std::invalid_argument("listen address has a bad port: " + listen);
  }
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(host, ec);
  if (ec) throw std::invalid_argument("listen host must be an IP address or localhost: " + listen);
  return {address, port};
}

// One connection more than server_options::max_connections: a 503 that needs no parsing, written
// without waiting (a fresh socket's buffer takes it), then closed.
void refuse_over_limit(detail::server_state& state, asio::ip::tcp::socket& socket) {
  boost::system::error_code ec;
  const auto peer = socket.remote_endpoint(ec);
  state.rejections->note(
      {detail::rejection_kind::too_many_connections, 503,
       "too many open connections (" + std::to_string(state.options.max_connections) + ")"},
      ec ? std::string{"(unknown)"} : peer.address().to_string());
  static constexpr std::string_view busy =
      "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: 26\r\n"
      "Connection: close\r\nRetry-After: 5\r\n\r\ntoo many open connections\n";
  socket.non_blocking(true, ec);
  socket.write_some(asio::buffer(busy.data(), busy.size()), ec);
  socket.shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  socket.close(ec);
}

asio::awaitable<void> accept_loop(std::shared_ptr<detail::server_state> state) {
  asio::steady_timer backoff(co_await asio::this_coro::executor);
  for (;;) {
    // Each connection gets its own strand; any_io_executor keeps the socket type plain tcp::socket.
    const asio::any_io_executor strand = asio::make_strand(state->io);
    auto [ec, socket] = co_await state->acceptor->async_accept(strand, nothrow);
    if (state->stopping || ec == asio::error::operation_aborted) co_return;
    if (ec) {
      // Out of file descriptors and the like: accepting again at once would spin the io thread.
      state->rejections->note({detail::rejection_kind::accept_failed, 0, "cannot accept: " + ec.message()},
                              "(unknown)");
      backoff.expires_after(std::chrono::milliseconds{100});
      co_await backoff.async_wait(nothrow);
      continue;
    }
    ++state->connections_total;
    if (state->connections_active.load() >= state->options.max_connections) {
      refuse_over_limit(*state, socket);
      continue;
    }
    // Replies and WebSocket frames are small and answer a request: no Nagle delay on them.
    boost::system::error_code ignored;
    socket.set_option(asio::ip::tcp::no_delay{true}, ignored);
    asio::co_spawn(strand, detail::serve_connection(state, std::move(socket)), asio::detached);
  }
}

}  // namespace

namespace detail {

std::uint64_t server_state::track(std::weak_ptr<stoppable> connection) {
  const std::lock_guard lock(mutex_);
  live_.emplace(++next_id_, std::move(connection));
  return next_id_;
}

void server_state::untrack(std::uint64_t id) {
  const std::lock_guard lock(mutex_);
  live_.erase(id);
}

std::vector<std::shared_ptr<stoppable>> server_state::live() {
  std::vector<std::shared_ptr<stoppable>> out;
  const std::lock_guard lock(mutex_);
  for (const auto& [id, weak] : live_) {
    if (auto connection = weak.lock()) out.push_back(std::move(connection));
  }
  return out;
}

}  // namespace detail

http_server::http_server(asio::io_context& io, server_options options)
    : state_(std::make_shared<detail::server_state>(io, std::move(options))) {
  state_->rejections = std::make_shared<detail::rejection_log>(io, state_->options.rejection_log_interval);
}

http_server::~http_server() {
  stop();
}

void http_server::add_route(std::string method, std::string path, sync_handler handler) {
  auto& routes = state_->routes[std::move(path)];
  std::erase_if(routes, [&](const detail::route& r) { return r.method == method; });
  routes.push_back({std::move(method), std::move(handler)});
}

void http_server::add_async_route(std::string method, std::string path, async_handler handler) {
  auto& routes = state_->routes[std::move(path)];
  std::erase_if(routes, [&](const detail::route& r) { return r.method == method; });
  routes.push_back({std::move(method), std::move(handler)});
}

void http_server::add_ws_route(std::string path, ws_handler handler, ws_admission admit) {
  state_->ws_routes[std::move(path)] = {std::move(handler), std::move(admit)};
}

void http_server::start() {
  const auto endpoint = parse_listen(state_->options.listen);
  auto& acceptor = state_->acceptor.emplace(asio::make_strand(state_->io));
  boost::system::error_code ec;
  // The error_code forms, so that the message names the address and not Boost's source location.
  const auto fail = [&](const char* step) {
    throw std::runtime_error("cannot " + std::string{step} + " " + state_->options.listen + ": " +
                             ec.message());
  };
  acceptor.open(endpoint.protocol(), ec);
  if (ec) fail("open a socket for");
  // Restarting csibot must not wait for TIME_WAIT sockets of the previous process.
  acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (ec) fail("configure");
  acceptor.bind(endpoint, ec);
  if (ec) fail("listen on");
  acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) fail("listen on");
  state_->port = acceptor.local_endpoint().port();
  asio::co_spawn(acceptor.get_executor(), accept_loop(state_), asio::detached);
}

std::uint16_t http_server::local_port() const noexcept {
  return state_->port;
}

void http_server::stop() {
  if (state_->stopping.exchange(true)) return;
  if (state_->acceptor) {
    asio::dispatch(state_->acceptor->get_executor(), [state = state_] {
      boost::system::error_code ignored;
      state->acceptor->close(ignored);
    });
  }
  for (const auto& connection : state_->live())
    connection->server_stopping();
  // The counts held back are written now: the timer that would write them must not delay the exit.
  state_->rejections->flush();
}

server_stats http_server::stats() const noexcept {
  return {state_->connections_total.load(), state_->connections_active.load(), state_->requests_total.load(),
          state_->ws_sessions_total.load(), state_->ws_sessions_active.load()};
}

}  // namespace csibot::net
