// The event socket's frame handling (PLATFORMS.md §2.2): replies to its own requests, hello and the
// connection id, the server's seq with gap detection, and delivery to on_event. On the strand.

#include <spdlog/spdlog.h>

#include "bot/platform/mattermost/event_socket_impl.hpp"

namespace csibot::platform::mattermost {

void event_socket::impl::handle(const std::shared_ptr<link>& l, const std::string& text) {
  // stop() promises that no handler starts afterwards; a replaced or abandoned socket's last frames
  // are dropped (its seq no longer counts; a resumed connection replays them).
  if (stop_requested || !l || l != current || l->closed || l->discard) return;
  const auto m = parse_socket_message(text);
  switch (m.what) {
    case socket_message::kind::reply:
      established(l);
      if (m.seq_reply == l->ping_pending) l->ping_pending = 0;
      // A FAIL names only the request and the error id: the frame may echo the token back.
      if (m.status == "FAIL")
        spdlog::warn("mattermost websocket: request {} failed: {}", m.seq_reply, m.error_id);
      return;
    case socket_message::kind::event:
      on_event_frame(l, m, text);
      return;
    case socket_message::kind::other:
      // Not ours to judge beyond "not sequenced": the adapter's decoder logs and counts it.
      deliver(text);
      return;
  }
}

void event_socket::impl::on_event_frame(const std::shared_ptr<link>& l, const socket_message& m,
                                        const std::string& text) {
  established(l);
  if (m.event == "hello") {
    // A hello starts a sequence (normally at 0). After a reconnect, a different connection id
    // means the server did not keep what it sent meanwhile: the caller must resync over REST.
    const bool lost = !connection_id.empty() && m.connection_id != connection_id;
    connection_id = m.connection_id;
    expected_seq = m.seq.value_or(0) + 1;
    {
      std::lock_guard lock{status_mutex};
      status_connection_id = connection_id;
    }
    spdlog::info("mattermost websocket: hello, connection {}", connection_id);
    deliver(text);
    if (lost) {
      ++resyncs;
      spdlog::info("mattermost websocket: new connection id after a reconnect: resyncing missed events");
      if (handlers.on_resync && !stop_requested) {
        try {
          handlers.on_resync();
        } catch (const std::exception& e) {
          spdlog::error("mattermost websocket: resync handler failed: {}", e.what());
        }
      }
    }
    return;
  }
  if (m.seq) {
    if (*m.seq != expected_seq) {
      // The JS client's rule: any gap means events were lost. Close with its code 4001 and
      // reconnect asking for `expected_seq`: a server that still has them replays them.
      ++gaps;
      note_error("sequence gap: expected " + std::to_string(expected_seq) + ", got " +
                 std::to_string(*m.seq));
      l->discard = true;
      l->session->close(4001, "missed events");
      l->wake.cancel();
      return;
    }
    ++expected_seq;
  }
  deliver(text);
}

void event_socket::impl::established(const std::shared_ptr<link>& l) {
  if (l->established) return;
  l->established = true;
  connected = true;
  l->wake.cancel();
}

void event_socket::impl::deliver(const std::string& text) {
  ++events;
  if (!handlers.on_event) return;
  try {
    handlers.on_event(text);
  } catch (const std::exception& e) {
    // The socket must not suffer for a handler's bug; the event is not redelivered.
    spdlog::error("mattermost websocket: event handler failed: {}", e.what());
  }
}

}  // namespace csibot::platform::mattermost
