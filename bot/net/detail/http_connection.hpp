#pragma once

// Private to bot/net: one accepted connection of http_server, shared by the keep-alive loop
// (http_session.cpp), the routing of a request to its handler (http_routing.cpp) and the WebSocket
// upgrade (ws_upgrade.cpp). All of it runs on the connection's strand.

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "bot/net/detail/http_rejection.hpp"
#include "bot/net/detail/server_state.hpp"
#include "bot/net/ws_session.hpp"

namespace csibot::net::detail {

using http_request = boost::beast::http::request<boost::beast::http::string_body>;

/// A request target split at its '?': the path, and the query without the '?' ("" when none).
std::pair<std::string, std::string> split_target(std::string_view target);

/// `req` as a handler sees it; its body is moved out. `remote` is the peer's address.
request to_request(http_request& req, const std::string& remote);

class connection final : public stoppable, public std::enable_shared_from_this<connection> {
 public:
  connection(std::shared_ptr<server_state> state, boost::asio::ip::tcp::socket socket);

  void server_stopping() override;

  boost::asio::awaitable<void> loop();

 private:
  boost::asio::awaitable<boost::system::error_code> read_request(
      boost::beast::http::request_parser<boost::beast::http::string_body>& parser, bool first);
  boost::asio::awaitable<response> answer(http_request& req);
  boost::asio::awaitable<bool> write(response res, unsigned version, bool keep_alive, bool head);
  // The route's admission check: nullopt lets the upgrade go on, else the answer to send instead.
  std::optional<response> admission(http_request& req);
  boost::asio::awaitable<void> upgrade(http_request req);
  /// Answers a request turned away (when the socket is still open) and closes the connection.
  boost::asio::awaitable<void> reject(rejection turned_away, bool json, bool head);
  boost::asio::awaitable<void> lingering_close();
  /// A request being handled or answered at stop() gets stop_grace to finish; then the socket goes.
  void close_after_grace() {
    grace_.expires_after(state_->options.stop_grace);
    grace_.async_wait([weak = weak_from_this()](const boost::system::error_code& ec) {
      if (auto self = weak.lock(); self && !ec) self->stream_.close();
    });
  }
  void log(std::string_view message) const {
    if (state_->options.log_error) state_->options.log_error(message);
  }

  std::shared_ptr<server_state> state_;
  boost::asio::any_io_executor executor_;  // kept apart: stream_ is moved out on upgrade
  std::string remote_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  // What the connection is doing, for server_stopping(); only touched on the strand.
  enum class phase : std::uint8_t { reading, handling, writing, closing, upgrading };
  phase phase_ = phase::reading;
  boost::asio::steady_timer grace_;  // armed by stop() only; a member, so no allocation per connection
  std::weak_ptr<ws_session> ws_;
};

}  // namespace csibot::net::detail
