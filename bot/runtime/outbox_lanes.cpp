// The lanes of the outbox: one per order key, each sending its head when its turn, its retry time
// and its platform's pace allow, within max_in_flight. Everything runs on the io thread.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "bot/runtime/outbox_impl.hpp"

namespace csibot::runtime {
namespace asio = boost::asio;

detail::lane& outbox::impl::lane_for(const std::string& key) {
  if (const auto it = lanes.find(key); it != lanes.end()) return it->second;
  if (spare_lanes.empty()) return lanes[key];
  auto node = std::move(spare_lanes.back());
  spare_lanes.pop_back();
  node.key().assign(key);
  return lanes.insert(std::move(node)).position->second;
}

// `it`'s lane is empty and neither busy nor waiting for its timer.
void outbox::impl::retire(decltype(lanes)::iterator it) {
  if (spare_lanes.size() >= spare_lanes_kept) {
    lanes.erase(it);
    return;
  }
  auto node = lanes.extract(it);
  auto& l = node.mapped();
  l.ready = false;
  l.backoff.reset();  // a new key starts with a fresh back-off, as a new lane did
  spare_lanes.push_back(std::move(node));
}

// The head may go when its own retry time and its platform's pause have passed.
core::timestamp outbox::impl::due_at(const lane& l) const {
  const auto& head = l.queue.front();
  const auto pause = platform_pause.find(head.message.platform);
  return pause == platform_pause.end() ? head.next_attempt_at : std::max(head.next_attempt_at, pause->second);
}

void outbox::impl::schedule(const std::string& key) {
  const auto it = lanes.find(key);
  if (it == lanes.end()) return;
  lane& l = it->second;
  if (l.queue.empty()) {
    if (!l.busy && !l.waiting) retire(it);
    return;
  }
  if (l.busy || l.ready || l.waiting || stopping) return;
  const auto due = due_at(l);
  const auto t = now();
  if (due > t) return arm(key, l, due - t);
  l.ready = true;
  ready.push_back(key);
}

void outbox::impl::arm(const std::string& key, lane& l, std::chrono::milliseconds wait) {
  if (!l.timer) l.timer = std::make_unique<asio::steady_timer>(io);
  l.waiting = true;
  l.timer->expires_after(wait);
  l.timer->async_wait([self = shared_from_this(), key](const boost::system::error_code& ec) {
    const auto it = self->lanes.find(key);
    if (it == self->lanes.end()) return;
    it->second.waiting = false;
    if (ec || self->stopping) return;
    self->schedule(key);
    self->pump();
  });
}

// Starts sends while slots are free. A lane is checked again when its turn comes: a platform-wide
// pause may have begun after it was queued.
void outbox::impl::pump() {
  while (!stopping && in_flight < opts.max_in_flight && !ready.empty()) {
    std::string key = std::move(ready.front());
    ready.pop_front();
    const auto it = lanes.find(key);
    if (it == lanes.end()) continue;
    lane& l = it->second;
    l.ready = false;
    if (l.busy || l.queue.empty()) continue;
    const auto due = due_at(l);
    if (const auto t = now(); due > t) {
      arm(key, l, due - t);
      continue;
    }
    if (const auto wait = pace_wait(l.queue.front()); wait > std::chrono::milliseconds::zero()) {
      arm(key, l, wait);
      continue;
    }
    l.busy = true;
    ++in_flight;
    const auto& head = l.queue.front();
    asio::co_spawn(io, send_one(shared_from_this(), senders.at(head.message.platform), std::move(key), head),
                   asio::detached);
  }
}

std::chrono::milliseconds outbox::impl::pace_wait(const storage::outbox_entry& e) const {
  const auto it = pacers.find(e.message.platform);
  if (it == pacers.end() || !it->second) return {};
  try {
    return it->second(e);
  } catch (const std::exception& ex) {
    // Pacing is an optimisation: without its answer the sender still paces itself.
    spdlog::warn("outbox: the {} pacer failed: {}", e.message.platform, ex.what());
    return {};
  }
}

}  // namespace csibot::runtime
