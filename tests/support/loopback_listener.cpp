#include "support/loopback_listener.hpp"

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/write.hpp>
#include <thread>

namespace csibot::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr auto nothrow = asio::as_tuple(asio::use_awaitable);

asio::awaitable<void> accept_loop(tcp::acceptor& acceptor, asio::io_context& io,
                                  const loopback_listener::connection_handler& on_connection) {
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(io), nothrow);
    if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
    if (ec) continue;  // e.g. EMFILE under load: keep accepting
    boost::system::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    auto executor = socket.get_executor();
    asio::co_spawn(executor, on_connection(std::move(socket)), asio::detached);
  }
}

}  // namespace

struct loopback_listener::impl {
  connection_handler on_connection;
  asio::io_context io;
  tcp::acceptor acceptor{io};
  std::vector<std::thread> threads;
};

loopback_listener::loopback_listener() : impl_(std::make_unique<impl>()) {
  auto& acceptor = impl_->acceptor;
  const tcp::endpoint local{asio::ip::make_address_v4("127.0.0.1"), 0};
  acceptor.open(local.protocol());
  acceptor.set_option(tcp::acceptor::reuse_address(true));
  acceptor.bind(local);
  acceptor.listen(asio::socket_base::max_listen_connections);
}

void loopback_listener::start(std::size_t threads, connection_handler on_connection) {
  impl_->on_connection = std::move(on_connection);
  asio::co_spawn(impl_->io, accept_loop(impl_->acceptor, impl_->io, impl_->on_connection), asio::detached);
  for (std::size_t i = 0; i < std::max<std::size_t>(threads, 1); ++i)
    impl_->threads.emplace_back([this] { impl_->io.run(); });
}

loopback_listener::~loopback_listener() {
  stop();
  boost::system::error_code ignored;
  impl_->acceptor.close(ignored);
}

std::uint16_t loopback_listener::port() const {
  return impl_->acceptor.local_endpoint().port();
}

void loopback_listener::stop() {
  impl_->io.stop();
  for (auto& t : impl_->threads)
    t.join();
  impl_->threads.clear();
}

asio::awaitable<bool> write_answer(beast::tcp_stream& stream, const http::request<http::string_body>& request,
                                   std::string_view server, http_answer answer) {
  http::response<http::string_body> res{static_cast<http::status>(answer.status), request.version()};
  res.set(http::field::server, server);
  res.set(http::field::content_type, answer.content_type);
  for (const auto& [name, value] : answer.headers)
    res.set(name, value);
  res.body() = std::move(answer.body);
  res.keep_alive(request.keep_alive());
  res.prepare_payload();
  auto [ec, written] = co_await http::async_write(stream, res, nothrow);
  if (ec) co_return false;
  if (!res.keep_alive()) {
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    co_return false;
  }
  co_return true;
}

}  // namespace csibot::testing
