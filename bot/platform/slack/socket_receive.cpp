// The frames a Socket Mode socket receives: acknowledged on the socket's strand, handed to the
// client's strand in bursts, and handled there (hello, disconnect, envelopes once each).
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/post.hpp>
#include <utility>

#include "bot/platform/slack/socket_mode_impl.hpp"

namespace csibot::platform::slack {

namespace asio = boost::asio;

void socket_mode_client::impl::install(const std::shared_ptr<link>& l) {
  std::weak_ptr<impl> weak_self = shared_from_this();
  std::weak_ptr<link> weak_link = l;
  // The handler runs on the session's strand and is called by the session itself, so the raw
  // pointer is valid whenever it runs.
  auto* session = l->session.get();
  l->session->on_message([weak_self, weak_link, session, max = options.max_frame,
                          bot = options.bot_user_id](std::string_view text) {
    auto frame = parse_socket_frame(text, max);
    // Ack first, on this socket, before anything can delay it: Slack's deadline is 3 s.
    if (!frame.envelope_id.empty()) session->send(ack_frame(frame.envelope_id));
    received r{weak_link, std::move(frame), {}, text.size()};
    if (r.frame.what == socket_frame::kind::envelope) {
      // Decoded here, where the tree was built, and freed here too (see socket_envelope).
      r.payload = decode_envelope(r.frame.type, r.frame.payload, r.frame.envelope_id, bot);
      r.frame.payload = nlohmann::json{};
    }
    if (auto self = weak_self.lock()) self->receive(std::move(r));
  });
}

void socket_mode_client::impl::receive(received r) {
  {
    const std::lock_guard lock{inbox_mutex};
    inbox.push_back(std::move(r));
    if (std::exchange(inbox_posted, true)) return;  // the drain on its way takes this one too
  }
  asio::post(strand, [self = shared_from_this()] { self->drain_received(); });
}

void socket_mode_client::impl::drain_received() {
  std::vector<received> frames;
  {
    const std::lock_guard lock{inbox_mutex};
    inbox_posted = false;
    frames = std::exchange(inbox, {});
  }
  for (auto& r : frames)
    handle(r.from.lock(), std::move(r.frame), std::move(r.payload), r.size);
}

void socket_mode_client::impl::handle(const std::shared_ptr<link>& l, socket_frame frame, decoded payload,
                                      std::size_t size) {
  if (stop_requested) return;  // stop() promises that no handler starts afterwards
  switch (frame.what) {
    case socket_frame::kind::envelope:
      deliver(std::move(frame), std::move(payload));
      return;
    case socket_frame::kind::hello:
      if (l && !l->hello && !l->closed) {
        l->hello = true;
        ++open;
        l->wake.cancel();
      }
      // More sockets than ours (a replaced one still draining included) on this app token usually
      // means a second bot instance: each would get only a share of the envelopes, so say it loudly.
      if (static_cast<std::size_t>(frame.num_connections) > links.size()) {
        spdlog::warn(
            "slack socket mode: {} connections open for this app, {} of them ours: another instance?",
            frame.num_connections, links.size());
      } else {
        spdlog::info("slack socket mode: connected ({} connection(s) open for this app)",
                     frame.num_connections);
      }
      return;
    case socket_frame::kind::disconnect:
      if (frame.reason == "link_disabled") {
        fail("Socket Mode is disabled for this app (disconnect: link_disabled)");
        return;
      }
      spdlog::info("slack socket mode: disconnect ({}), replacing the socket", frame.reason);
      if (l && !l->closed) {
        l->disconnect = true;
        l->reason = std::move(frame.reason);
        l->wake.cancel();
      }
      return;
    case socket_frame::kind::other:
      spdlog::debug("slack socket mode: ignored a '{}' frame", frame.type);
      return;
    case socket_frame::kind::malformed:
      ++skipped;
      // Size and reason only: frames carry user text and verification tokens.
      spdlog::warn("slack socket mode: skipped a frame of {} bytes: {}", size, frame.reason);
      return;
  }
}

void socket_mode_client::impl::deliver(socket_frame frame, decoded payload) {
  if (!remember(frame.envelope_id)) {
    ++duplicates;
    spdlog::debug("slack socket mode: envelope {} seen before (retry {})", frame.envelope_id,
                  frame.retry_attempt);
    return;
  }
  ++envelopes;
  if (!on_envelope) return;
  try {
    on_envelope(socket_envelope{std::move(frame.envelope_id), std::move(frame.type), frame.retry_attempt,
                                std::move(payload)});
  } catch (const std::exception& e) {
    // The envelope was acknowledged already; the socket must not suffer for a handler's bug.
    spdlog::error("slack socket mode: envelope handler failed: {}", e.what());
  }
}

bool socket_mode_client::impl::remember(const std::string& envelope_id) {
  const auto [it, added] = recent.insert(envelope_id);
  if (!added) return false;
  recent_order.push_back(&*it);
  if (recent_order.size() > std::max<std::size_t>(options.dedupe_window, 1)) {
    recent.erase(recent.find(*recent_order.front()));
    recent_order.pop_front();
  }
  return true;
}

}  // namespace csibot::platform::slack
