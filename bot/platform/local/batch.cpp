// Group commit for the local chat (ARCHITECTURE §6): the frames that arrive together are handled in
// one transaction, so that one disk flush covers all of them, and what they caused is sent to the
// browsers only after that flush. One frame used to cost a flush for the person's message, one for
// the dispatcher's event and one for each reply stored; and the flushes ran one after another on the
// io thread, so under load every person waited for everyone else's.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <utility>

#include "bot/platform/local/state.hpp"
#include "commands/dispatch.hpp"
#include "storage/database.hpp"

namespace csibot::platform::local {
namespace {

constexpr std::string_view internal_error = "csibot could not handle that; please try again";

}  // namespace

void local_platform::impl::on_frame(const net::ws_session* key, std::string_view text) {
  const auto it = sessions.find(key);
  if (it == sessions.end()) return;
  session_state& s = it->second;
  // At arrival, not in the batch: a flood is turned away before it costs a transaction.
  if (!take_token(s)) {
    if (!s.told_rate_limited) error(s, "rate_limited", "too many frames; slow down");
    s.told_rate_limited = true;
    return;
  }
  pending.push_back({s.socket.lock(), std::string{text}});
  if (pending.size() > 1) return;  // the batch on its way takes this one too
  if (!schedule) return run_batch();
  // Posted behind the frames already read in this turn of the io loop, so that they share the
  // batch; under load, the frames that arrive while a batch waits for the disk make the next one.
  schedule([weak = weak_from_this()] {
    if (auto self = weak.lock()) self->run_batch();
  });
}

void local_platform::impl::on_close(const net::ws_session* key) {
  const auto it = sessions.find(key);
  if (it == sessions.end()) return;
  const bool waiting =
      std::any_of(pending.begin(), pending.end(), [&](const auto& f) { return f.session.get() == key; });
  if (waiting) {
    it->second.closed = true;
    ++closed_waiting;
  } else {
    sessions.erase(it);
  }
}

void local_platform::impl::run_batch() {
  const auto frames = std::exchange(pending, {});
  if (frames.empty()) return;
  ++batches;
  std::vector<held_frame> out;
  std::vector<const net::ws_session*> greeted;
  held = &out;
  bool committed = false;
  try {
    storage::transaction batch{db};
    for (const auto& f : frames)
      run_in_batch(f, greeted);
    batch.commit();
    committed = true;
  } catch (const std::exception& e) {
    spdlog::error("local: a batch of {} frame(s) could not be stored: {}", frames.size(), e.what());
  }
  held = nullptr;
  if (committed) {
    for (auto& h : out) {
      if (auto socket = h.socket.lock()) socket->send(std::move(h.text));
    }
  } else {
    fail_batch(frames, greeted);
  }
  if (std::exchange(closed_waiting, 0) > 0)
    std::erase_if(sessions, [](const auto& entry) { return entry.second.closed; });
}

void local_platform::impl::run_in_batch(const pending_frame& f,
                                        std::vector<const net::ws_session*>& greeted) {
  const auto it = sessions.find(f.session.get());
  if (it == sessions.end()) return;  // closed while the frame waited: nobody to answer
  session_state& s = it->second;
  const bool named = !s.user.empty();
  const std::size_t shown = held->size();
  try {
    storage::transaction frame{db};
    handle_frame(s, f.text);
    frame.commit();
  } catch (const std::exception& e) {
    // A database failure must not end the session or touch the other users: say so and go on.
    held->resize(shown);
    if (!named) s.user.clear();  // a hello that failed leaves the session nameless, as before it
    spdlog::error("local: frame from {} failed: {}", s.user.empty() ? "(no hello)" : s.user, e.what());
    error(s, "internal", internal_error);
    return;
  }
  if (!named && !s.user.empty()) greeted.push_back(f.session.get());
}

void local_platform::impl::fail_batch(const std::vector<pending_frame>& frames,
                                      const std::vector<const net::ws_session*>& greeted) {
  for (const auto* key : greeted) {
    if (const auto it = sessions.find(key); it != sessions.end()) it->second.user.clear();
  }
  try {
    // A command of the batch may have changed the catalog the dispatcher keeps in memory.
    dispatcher.reload_catalog();
  } catch (const std::exception& e) {
    spdlog::error("local: could not read the catalog again: {}", e.what());
  }
  for (const auto& f : frames) {
    if (const auto it = sessions.find(f.session.get()); it != sessions.end())
      error(it->second, "internal", internal_error);
  }
}

}  // namespace csibot::platform::local
