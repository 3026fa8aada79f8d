#pragma once

#include <chrono>
#include <cstdint>
#include <functional>

namespace csibot::protocol {

/// Exponential back-off with "full jitter" (AWS architecture blog, 2015): attempt n (from 0) waits a
/// uniformly random time in [0, min(cap, base * 2^n)]. Full jitter spreads reconnecting clients
/// best when many of them lost the same server at once. Pure: no clock, no I/O, randomness injected.
/// Not thread-safe; one instance per reconnecting connection.
class backoff {
 public:
  /// Returns a uniformly distributed value in [0, 1). Values outside are clamped.
  using random_source = std::function<double()>;

  /// base and cap must be >= 0; a cap below base is raised to base. `random` must be callable.
  backoff(std::chrono::milliseconds base, std::chrono::milliseconds cap, random_source random);

  /// The delay before the next attempt; increments the attempt counter. Never exceeds the cap,
  /// never negative, no overflow however often it is called.
  [[nodiscard]] std::chrono::milliseconds next();

  /// Call after a successful connection: the next delay starts from `base` again.
  void reset() noexcept { attempt_ = 0; }

  /// How many delays were handed out since construction or the last reset().
  [[nodiscard]] std::uint32_t attempts() const noexcept { return attempt_; }

  /// The upper bound of the delay for attempt n: min(cap, base * 2^n), overflow-safe.
  [[nodiscard]] std::chrono::milliseconds ceiling(std::uint32_t attempt) const noexcept;

  /// A random source for production: a std::mt19937_64 seeded from std::random_device.
  [[nodiscard]] static random_source system_random();

 private:
  std::chrono::milliseconds base_;
  std::chrono::milliseconds cap_;
  random_source random_;
  std::uint32_t attempt_ = 0;
};

}  // namespace csibot::protocol
