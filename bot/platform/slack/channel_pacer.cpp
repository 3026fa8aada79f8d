#include "bot/platform/slack/channel_pacer.hpp"

#include <algorithm>

namespace csibot::platform::slack {

channel_pacer::channel_pacer(std::chrono::milliseconds interval, std::size_t burst)
    : interval_(std::max(interval, std::chrono::milliseconds{1})),
      tolerance_(interval_ * static_cast<std::int64_t>(std::max<std::size_t>(burst, 1) - 1)) {}

channel_pacer::clock::time_point channel_pacer::next_allowed(const std::string& channel,
                                                             clock::time_point now) const {
  const auto earliest = std::max(now, all_held_until_);
  const auto it = next_.find(channel);
  if (it == next_.end()) return earliest;
  // The theoretical arrival time (TAT) runs ahead of `now` by one interval per message sent; a
  // message may go while it is at most `tolerance_` ahead.
  return std::max(earliest, it->second - tolerance_);
}

channel_pacer::clock::time_point channel_pacer::reserve(const std::string& channel, clock::time_point now) {
  const auto at = next_allowed(channel, now);
  auto& tat = next_.try_emplace(channel, now).first->second;
  tat = std::max(tat, at) + interval_;
  if (next_.size() >= sweep_at_) forget_idle(now);
  return at;
}

void channel_pacer::hold(const std::string& channel, clock::time_point until) {
  // A held channel may send one message at `until`, then paces normally: TAT = until + tolerance.
  auto& tat = next_.try_emplace(channel, until).first->second;
  tat = std::max(tat, until + tolerance_);
}

void channel_pacer::hold_all(clock::time_point until) {
  all_held_until_ = std::max(all_held_until_, until);
}

void channel_pacer::forget_idle(clock::time_point now) {
  // A channel whose TAT has passed has a full bucket: forgetting it changes no answer.
  std::erase_if(next_, [now](const auto& entry) { return entry.second <= now; });
  // Sweep again only after the map doubled, so a workspace with many busy channels costs O(1)
  // amortised per reserve() instead of a full scan each time.
  sweep_at_ = std::max<std::size_t>(1024, next_.size() * 2);
}

}  // namespace csibot::platform::slack
