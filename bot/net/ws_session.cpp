#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include "bot/net/detail/ws_session_impl.hpp"
#include "bot/net/tokens.hpp"

namespace csibot::net::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;
using clock = std::chrono::steady_clock;

template <class Stream>
ws_session_impl<Stream>::ws_session_impl(socket_type&& socket, std::string remote_address, ws_limits limits,
                                         ws_keepalive keepalive)
    : ws_(std::move(socket)),
      remote_address_(std::move(remote_address)),
      limits_(limits),
      wake_(ws_.get_executor()),
      room_(ws_.get_executor()),
      guard_(ws_.get_executor()),
      keepalive_(keepalive),
      idle_(ws_.get_executor()),
      last_heard_(clock::now()) {
  ws_.read_message_max(limits_.max_message);
  // Pings and pongs arrive inside a read (Beast answers pings itself): they show the peer is alive
  // even when it has no message to send. Runs on the strand, while the read loop holds the session.
  ws_.control_callback([this](websocket::frame_type, beast::string_view) { last_heard_ = clock::now(); });
}

template <class Stream>
void ws_session_impl<Stream>::send(std::string text) {
  asio::dispatch(ws_.get_executor(), [self = this->shared_from_this(), text = std::move(text)]() mutable {
    self->enqueue(std::move(text));
  });
}

template <class Stream>
void ws_session_impl<Stream>::close(std::uint16_t code, std::string reason) {
  asio::dispatch(ws_.get_executor(), [self = this->shared_from_this(), code, reason = std::move(reason)] {
    self->request_close(code, reason);
  });
}

template <class Stream>
void ws_session_impl<Stream>::enqueue(std::string text) {
  if (done_ || close_requested_ || torn_down_) return;
  const bool too_many_bytes = !queue_.empty() && queued_bytes_ + text.size() > limits_.max_send_bytes;
  if (queue_.size() >= limits_.max_send_queue || too_many_bytes) {
    // A peer that does not read would make us buffer without bound; drop it instead (a
    // reconnecting client resyncs, a stuck one is gone).
    drop_queue();
    request_close(close_code::policy_violation, "send queue overflow");
    return;
  }
  queued_bytes_ += text.size();
  queue_.push_back(std::move(text));
  wake_.cancel();
}

template <class Stream>
void ws_session_impl<Stream>::request_close(std::uint16_t code, std::string_view reason) {
  if (done_ || close_requested_) return;
  close_requested_ = true;
  close_reason_.code = code;
  // RFC 6455 §5.5: a control frame payload is at most 125 bytes, 2 of them the code.
  const auto kept = reason.substr(0, close_reason_.reason.max_size());
  close_reason_.reason.assign(kept.data(), kept.size());
  wake_.cancel();
  room_.cancel();
  asio::co_spawn(ws_.get_executor(), close_guard(this->shared_from_this()), asio::detached);
}

template <class Stream>
void ws_session_impl<Stream>::tear_down() noexcept {
  // A reader paused for room (backpressure) must see the end too: no frame will leave any more, so
  // it would wait for ever, and the session with its queued frames would never be released.
  torn_down_ = true;
  drop_queue();
  try {
    room_.cancel();
  } catch (const boost::system::system_error&) {
    // Cancelling a timer fails only if the reactor does; the read then fails on the closed socket.
  }
  boost::system::error_code ignored;
  beast::get_lowest_layer(ws_).socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  beast::get_lowest_layer(ws_).close();
}

template <class Stream>
void ws_session_impl<Stream>::deliver(std::string_view text) {
  if (close_requested_ || !on_message_) return;
  try {
    on_message_(text);
  } catch (const std::exception&) {
    // The handler owns its error reporting; here only the connection is at stake.
    request_close(close_code::internal_error, "internal error");
  }
}

template <class Stream>
asio::awaitable<close_info> ws_session_impl<Stream>::run() {
  // Hop onto the session's strand: completion handlers follow the coroutine's executor, not the
  // socket's, so the loops must be spawned there to be serialized with send() and close().
  co_return co_await asio::co_spawn(ws_.get_executor(), run_on_strand(this->shared_from_this()),
                                    asio::use_awaitable);
}

template <class Stream>
asio::awaitable<close_info> ws_session_impl<Stream>::run_on_strand(self_ptr self) {
  asio::co_spawn(self->ws_.get_executor(), write_loop(self), asio::detached);
  if (self->keepalive_.idle_timeout.count() > 0) {
    self->last_heard_ = clock::now();  // the handshake was the last word from the peer
    asio::co_spawn(self->ws_.get_executor(), idle_watch(self), asio::detached);
  }
  close_info info = co_await read_loop(self);
  self->done_ = true;
  self->drop_queue();
  self->wake_.cancel();
  self->room_.cancel();
  self->guard_.cancel();
  self->idle_.cancel();
  auto handler = std::move(self->on_close_);
  self->on_close_ = nullptr;
  self->on_message_ = nullptr;
  if (handler) handler(info);
  co_return info;
}

template <class Stream>
asio::awaitable<close_info> ws_session_impl<Stream>::read_loop(self_ptr self) {
  beast::flat_buffer buffer;
  for (;;) {
    // Backpressure: the writer sends one frame per turn of the io_context and the reader takes one,
    // so a reader that ran ahead would let the answers (Slack's acks, with a 3 s deadline) pile up
    // behind a burst of requests. Read on once the writer has caught up to half the mark.
    while (self->queue_full() && !self->done_ && !self->close_requested_ && !self->torn_down_) {
      self->room_.expires_at(asio::steady_timer::time_point::max());
      co_await self->room_.async_wait(nothrow);  // cancelled = the writer made room, or closing
    }
    auto [ec, bytes] = co_await self->ws_.async_read(buffer, nothrow);
    if (ec) {
      // The watchdog closed the socket under the read: report why, as Beast's own timeout did.
      if (self->timed_out_) ec = beast::error::timeout;
      // On message_too_big Beast has already sent close 1009; on a peer's close it replied.
      const auto& reason = self->ws_.reason();
      co_return close_info{reason.code, std::string{reason.reason.data(), reason.reason.size()}, ec};
    }
    self->last_heard_ = clock::now();
    if (!self->ws_.got_text()) {
      self->request_close(close_code::unsupported_data, "binary frames are not supported");
    } else {
      const auto data = buffer.data();  // one contiguous block: a flat_buffer
      self->deliver({static_cast<const char*>(data.data()), data.size()});
    }
    buffer.consume(buffer.size());
  }
}

template <class Stream>
asio::awaitable<void> ws_session_impl<Stream>::write_loop(self_ptr self) {
  while (!self->done_) {
    if (self->ping_due_ && !self->close_requested_) {
      self->ping_due_ = false;
      auto [ec] = co_await self->ws_.async_ping({}, nothrow);
      if (ec) break;
    } else if (!self->queue_.empty()) {
      const std::string text = std::move(self->queue_.front());
      self->queue_.pop_front();
      self->queued_bytes_ -= text.size();
      if (self->queue_drained()) self->room_.cancel();
      self->ws_.text(true);
      auto [ec, bytes] = co_await self->ws_.async_write(asio::buffer(text), nothrow);
      if (ec) break;
    } else if (self->close_requested_) {
      // The read loop sees the peer's reply (websocket::error::closed) and ends the session.
      auto [ec] = co_await self->ws_.async_close(self->close_reason_, nothrow);
      if (ec) break;
      co_return;
    } else {
      self->wake_.expires_at(asio::steady_timer::time_point::max());
      co_await self->wake_.async_wait(nothrow);  // cancelled = woken: either way, look again
    }
  }
  // A failed write leaves the stream unusable: end the read loop too.
  self->room_.cancel();
  if (!self->done_) self->tear_down();
}

template <class Stream>
asio::awaitable<void> ws_session_impl<Stream>::close_guard(self_ptr self) {
  self->guard_.expires_after(self->limits_.close_timeout);
  auto [ec] = co_await self->guard_.async_wait(nothrow);
  if (!ec && !self->done_) self->tear_down();
}

// Ends a session whose peer has been silent for idle_timeout, after a ping at half of it (the
// peer's pong, or any other frame, counts as an answer). Sleeps until the moment the peer may have
// gone quiet, so a busy session costs one clock read per frame and no timer work.
template <class Stream>
asio::awaitable<void> ws_session_impl<Stream>::idle_watch(self_ptr self) {
  const auto limit = self->keepalive_.idle_timeout;
  const auto ping_after = self->keepalive_.pings ? limit / 2 : limit;
  auto heard = self->last_heard_;
  bool pinged = false;
  while (!self->done_) {
    if (self->last_heard_ != heard) {
      heard = self->last_heard_;
      pinged = false;
    }
    const auto quiet = clock::now() - heard;
    if (quiet >= limit) {
      self->timed_out_ = true;
      self->tear_down();
      co_return;
    }
    if (self->keepalive_.pings && !pinged && quiet >= ping_after) {
      pinged = true;
      self->ping_due_ = true;  // the writer sends it: one writer, so no frame interleaves with it
      self->wake_.cancel();
    }
    self->idle_.expires_at(heard + (pinged ? limit : ping_after));
    auto [ec] = co_await self->idle_.async_wait(nothrow);
    if (ec) co_return;  // cancelled: the session ended
  }
}

template class ws_session_impl<beast::tcp_stream>;
template class ws_session_impl<beast::ssl_stream<beast::tcp_stream>>;

}  // namespace csibot::net::detail
