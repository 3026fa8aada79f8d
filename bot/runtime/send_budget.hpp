#pragma once
/// How many proactive prompts a platform may be sent now: a token bucket per platform, refilled at
/// `per_minute`, holding at most `burst`. Pure (the time is a parameter); used on the io thread only.
///
/// Why: every prompt is a new DM. On Slack that is a conversations.open (Tier 3, about 50 calls a
/// minute per workspace) before the chat.postMessage; the outbox paces per channel and obeys 429s,
/// but a pulse of 10,000 people would otherwise queue 10,000 DMs at once and run into the method's
/// workspace-wide limit, delaying the replies to people who are typing commands.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "core/time.hpp"

namespace csibot::runtime {

class send_budget {
 public:
  send_budget(double per_minute, double burst)
      : rate_(per_minute / 60'000.0), burst_(burst), tokens_(burst) {}

  /// Whole prompts that may go out at `now`.
  [[nodiscard]] std::size_t available(core::timestamp now) {
    refill(now);
    return static_cast<std::size_t>(tokens_);
  }
  /// `n` prompts went out at `now`.
  void take(std::size_t n, core::timestamp now) {
    refill(now);
    tokens_ = std::max(0.0, tokens_ - static_cast<double>(n));
  }
  /// When the next whole prompt may go (now when one may already).
  [[nodiscard]] core::timestamp next_at(core::timestamp now) {
    refill(now);
    if (tokens_ >= 1.0 || rate_ <= 0.0) return now;
    return now + std::chrono::milliseconds{static_cast<std::int64_t>((1.0 - tokens_) / rate_) + 1};
  }

 private:
  void refill(core::timestamp now) {
    if (!last_) last_ = now;
    if (now > *last_) {
      tokens_ = std::min(burst_, tokens_ + rate_ * static_cast<double>((now - *last_).count()));
      last_ = now;
    }
  }

  double rate_;  // tokens per millisecond
  double burst_;
  double tokens_;
  std::optional<core::timestamp> last_;
};

}  // namespace csibot::runtime
