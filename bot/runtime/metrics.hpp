#pragma once
/// Counters behind /metrics, rendered as Prometheus text (exposition format 0.0.4).
/// Single-threaded like the rest of the runtime: touched only on the io thread.
#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "bot/runtime/ticket_hooks.hpp"
#include "commands/dispatch.hpp"

namespace csibot::runtime {

/// Values read at scrape time from the places that own them.
struct gauges {
  std::int64_t feedback_total = 0;  ///< rows stored; never decreases (rows are never deleted)
  std::int64_t conversations_open = 0;
  std::uint64_t http_requests_total = 0;
  std::uint64_t connections_active = 0;
  std::uint64_t ws_sessions_active = 0;
  std::map<std::string, std::uint64_t> platform_connected;  ///< platform → 1/0 (or client count)
  double uptime_seconds = 0;
};

/// Events since start, all platforms together (`/csi admin status`).
struct event_totals {
  std::uint64_t received = 0;
  std::uint64_t handled = 0;
  std::uint64_t duplicate = 0;
  std::uint64_t failed = 0;
};

class metrics {
 public:
  /// One event from `platform` went through dispatch with `result`; `latency` is receipt to replies.
  void record(std::string_view platform, commands::outcome result, std::chrono::duration<double> latency);

  /// A ticket webhook call to `hook` (one of ticket_hook_names) ended with `outcome`.
  void record_webhook(std::string_view hook, hook_outcome outcome);

  std::string render(const gauges& g) const;

  /// What record() counted since start, summed over the platforms.
  event_totals totals() const;

  /// Upper bounds (seconds) of the reply latency histogram.
  static constexpr std::array<double, 12> latency_buckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                          0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

 private:
  struct per_platform {
    std::uint64_t received = 0;
    std::uint64_t handled = 0;
    std::uint64_t duplicate = 0;
    std::uint64_t failed = 0;
  };
  std::map<std::string, per_platform, std::less<>> events_;
  std::array<std::uint64_t, latency_buckets.size()> bucket_counts_{};
  // By hook (ticket_hook_names) and outcome (all_hook_outcomes): every pair is rendered from the
  // start, zeros included, so that an alert on increase() sees the first failure too.
  std::array<std::array<std::uint64_t, all_hook_outcomes.size()>, ticket_hook_names.size()> webhooks_{};
  std::uint64_t latency_count_ = 0;
  double latency_sum_ = 0;
};

}  // namespace csibot::runtime
