#pragma once
/// What a platform's outbox sender reports for one attempt (bot/runtime/outbox.hpp). A plain value
/// type, so that adapters can map their errors to it without pulling in the outbox.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <string>
#include <utility>

namespace csibot::runtime {

/// Build it with the named constructors.
struct send_result {
  enum class status { sent, retry_after, retry, failed };
  /// What a retry_after pauses: this message's order key, or every key of the platform (a method-wide
  /// or workspace-wide rate limit).
  enum class scope { key, platform };

  status what = status::sent;
  std::string platform_message_id;     ///< sent: the platform's id of the message (Slack's ts)
  std::chrono::milliseconds delay{0};  ///< retry_after: not before this much time has passed
  scope pause = scope::key;            ///< retry_after
  std::string reason;                  ///< retry, retry_after, failed: for the row and the log
  /// retry, retry_after: of a message sent as several posts, how many the platform has taken, those
  /// of earlier attempts included (storage::outbox_entry::parts_sent); the next attempt starts after
  /// them. Set it with with_parts().
  std::size_t parts_sent = 0;

  send_result with_parts(std::size_t n) && {
    parts_sent = n;
    return std::move(*this);
  }

  static send_result sent(std::string platform_message_id = {}) {
    return {status::sent, std::move(platform_message_id), {}, scope::key, {}};
  }
  /// The platform said when (HTTP 429 Retry-After): honoured exactly, no jitter.
  static send_result retry_after(std::chrono::milliseconds delay, scope pause = scope::key,
                                 std::string reason = "rate limited") {
    return {status::retry_after, {}, std::max(delay, std::chrono::milliseconds{0}), pause, std::move(reason)};
  }
  /// A transient failure (timeout, 5xx, connection lost): retried with exponential back-off.
  static send_result retry(std::string reason) {
    return {status::retry, {}, {}, scope::key, std::move(reason)};
  }
  /// `permanent` (channel_not_found, invalid_auth): failed for good, never retried; otherwise retry().
  static send_result failed(std::string reason, bool permanent = true) {
    return {permanent ? status::failed : status::retry, {}, {}, scope::key, std::move(reason)};
  }
};

}  // namespace csibot::runtime
