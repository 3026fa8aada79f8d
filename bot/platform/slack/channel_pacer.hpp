#pragma once
/// Per-channel pacing of chat.postMessage (PLATFORMS.md §1.7: "about 1 message per second per
/// channel, short bursts allowed"). Pure: time is a parameter, no I/O, no clock.
#include <chrono>
#include <cstddef>
#include <string>
#include <unordered_map>

namespace csibot::platform::slack {

/// Tells a sender when the next message to a channel may go. A generic cell-rate algorithm (a
/// token bucket kept as one time point per channel): up to `burst` messages at once, then one per
/// `interval`. Memory stays bounded: channels whose bucket has refilled are forgotten.
/// Not thread-safe; one instance per sender (the outbox), used on one thread.
class channel_pacer {
 public:
  using clock = std::chrono::steady_clock;

  /// `interval` > 0 (values below 1 ms are raised to 1 ms); `burst` >= 1 (0 is raised to 1).
  explicit channel_pacer(std::chrono::milliseconds interval = std::chrono::seconds{1}, std::size_t burst = 3);

  /// When a message to `channel` may be sent, asked at `now`; does not book the slot. Never
  /// earlier than `now`.
  [[nodiscard]] clock::time_point next_allowed(const std::string& channel, clock::time_point now) const;

  /// Books the next slot for `channel` and returns its time (next_allowed()); the caller sends at
  /// (or after) that time. Call once per message actually sent.
  clock::time_point reserve(const std::string& channel, clock::time_point now);

  /// Slack rate-limited a post to `channel` (HTTP 429): nothing goes there before `until`.
  void hold(const std::string& channel, clock::time_point until);

  /// Slack rate-limited chat.postMessage itself (HTTP 429): PLATFORMS.md §1.7, "only that method for
  /// that workspace is blocked", so nothing goes to any channel before `until`.
  void hold_all(clock::time_point until);
  /// The end of the latest hold_all() (the epoch when there was none).
  [[nodiscard]] clock::time_point held_until() const noexcept { return all_held_until_; }

  /// Channels with state; those idle long enough to have a full bucket may already be gone.
  [[nodiscard]] std::size_t tracked() const noexcept { return next_.size(); }

 private:
  void forget_idle(clock::time_point now);

  std::chrono::milliseconds interval_;
  std::chrono::milliseconds tolerance_;  // (burst - 1) × interval: how far ahead of time a burst may run
  std::unordered_map<std::string, clock::time_point> next_;  // theoretical arrival time per channel
  std::size_t sweep_at_ = 1024;                              // map size that triggers forget_idle()
  clock::time_point all_held_until_{};                       // hold_all(): every channel waits for it
};

}  // namespace csibot::platform::slack
