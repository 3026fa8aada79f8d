// Event socket frames into the dispatch queue (PLATFORMS.md §2.2): a person's direct message to the
// bot is submitted with its post id as the event id; hello tells the bot's own id and, the first time,
// starts the recovery of what was written while csibot was away; the rest is counted and skipped.
#include <spdlog/spdlog.h>

#include <type_traits>
#include <variant>

#include "bot/platform/mattermost/adapter_state.hpp"
#include "bot/platform/mattermost/events.hpp"
#include "bot/runtime/dispatch_queue.hpp"

namespace csibot::platform::mattermost {

void mattermost_platform::impl::on_frame(std::string_view frame) {
  auto decoded = decode_frame(frame, bot_user_id);
  std::visit(
      [&](auto& body) {
        using T = std::decay_t<decltype(body)>;
        if constexpr (std::is_same_v<T, mattermost::hello>) {
          if (bot_user_id.empty()) bot_user_id = body.bot_user_id;
          // After a restart nothing tells the socket that events were lost: the first hello is the
          // moment to ask for what people wrote meanwhile. Later hellos with a new connection id come
          // through on_resync.
          if (!hello_seen) {
            hello_seen = true;
            start_recovery();
          }
        } else if constexpr (std::is_same_v<T, mattermost::posted>) {
          note_channel(body.event.channel, body.event.user, core::to_millis(body.created_at));
          submit(std::move(body.event), {}, "websocket");
        } else if constexpr (std::is_same_v<T, mattermost::ignored>) {
          // Routine: the bot's own posts come back as events, channel chatter, typing, status.
          ++ignored;
          spdlog::debug("mattermost websocket: ignored {}: {}", body.event, body.reason);
        } else if constexpr (std::is_same_v<T, mattermost::malformed>) {
          // Skipped, never a reason to drop the socket (ARCHITECTURE §4); the problem never echoes input.
          ++malformed;
          spdlog::warn("mattermost websocket: malformed frame skipped: {}", body.problem);
        }
        // reply: the socket consumes its own replies; one that got here answers nothing of ours.
      },
      decoded.body);
}

void mattermost_platform::impl::submit(core::inbound in, std::string reply_to, std::string_view source,
                                       bool recovered_post) {
  ++received;
  auto event_id = in.event_id;
  std::weak_ptr<impl> weak = weak_from_this();
  queue.submit(
      std::move(in),
      [weak, event_id = std::move(event_id), source = std::string{source},
       recovered_post](runtime::dispatch_result r) {
        // The queue has logged the failure itself; this only says which Mattermost event lost replies.
        if (!r.queued)
          spdlog::error("mattermost {}: the replies to event {} could not be queued", source, event_id);
        const auto self = weak.lock();
        if (self && recovered_post && r.outcome == commands::outcome::handled) ++self->recovered;
      },
      std::move(reply_to));
}

void mattermost_platform::impl::note_channel(std::string_view channel, std::string_view user,
                                             std::int64_t post_at) {
  if (!book.note(channel, user, post_at) || flush_scheduled || stopped) return;
  // One write for all the marks of a busy moment, not one per post.
  flush_scheduled = true;
  flush_timer.expires_after(opts.book_flush_interval);
  flush_timer.async_wait([weak = weak_from_this()](const boost::system::error_code& ec) {
    const auto self = weak.lock();
    if (!self) return;
    self->flush_scheduled = false;
    if (!ec) self->flush_book();  // cancelled by stop(), which writes the book itself
  });
}

void mattermost_platform::impl::flush_book() {
  if (!book.dirty()) return;
  // A channel nobody wrote in for this long is forgotten: recovery stops asking about it, and the
  // next message there brings it back.
  constexpr auto keep = std::chrono::days{30};
  book.flush(core::to_millis(now() - keep));
}

}  // namespace csibot::platform::mattermost
