#pragma once

// Private to bot/net: the warnings for requests the server turned away (http_rejection.hpp), at
// most one line per kind per interval so that a flood of bad requests cannot fill the disk.

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/net/detail/http_rejection.hpp"

namespace csibot::net::detail {

/// Which log lines to write: the first of a kind opens a window of `interval` in which the others
/// are only counted. Pure (time is passed in), not thread-safe.
class log_throttle {
 public:
  using clock = std::chrono::steady_clock;
  struct summary {
    std::size_t kind;
    std::uint64_t suppressed;
  };

  log_throttle(std::size_t kinds, clock::duration interval) : interval_(interval), slots_(kinds) {}

  /// True: write this line. False: it is counted for its kind's summary. `kind` < kinds.
  [[nodiscard]] bool admit(std::size_t kind, clock::time_point now);
  /// The kinds whose window ended by `now` with lines held back, each once. Their windows start
  /// again at `now`, so that a flood that goes on yields one summary per interval.
  [[nodiscard]] std::vector<summary> due(clock::time_point now);
  /// Every count held back, whether its window ended or not; all windows close.
  [[nodiscard]] std::vector<summary> drain();
  /// When due() will have a summary; nullopt when nothing is held back.
  [[nodiscard]] std::optional<clock::time_point> next_due() const;

 private:
  struct slot {
    std::optional<clock::time_point> window_end;
    std::uint64_t suppressed = 0;
  };
  clock::duration interval_;
  std::vector<slot> slots_;
};

/// Writes the warnings through spdlog's default logger. Thread-safe. A timer writes the summaries
/// when windows end; flush() writes what is left and stops it, so that it holds up no shutdown.
class rejection_log : public std::enable_shared_from_this<rejection_log> {
 public:
  rejection_log(boost::asio::io_context& io, std::chrono::milliseconds interval);

  /// A request from `remote` was turned away for `why`.
  void note(const rejection& why, std::string_view remote);
  /// Writes every summary held back and cancels the timer; notes after it are not summed up.
  void flush();

 private:
  void write(const std::vector<log_throttle::summary>& summaries);
  void arm();  // with mutex_ held

  std::mutex mutex_;
  log_throttle throttle_;
  boost::asio::steady_timer timer_;
  bool armed_ = false;
  bool flushed_ = false;
  // For the summaries: the latest reason and client of each kind.
  std::array<std::string, rejection_kinds> reason_;
  std::array<std::string, rejection_kinds> remote_;
};

}  // namespace csibot::net::detail
