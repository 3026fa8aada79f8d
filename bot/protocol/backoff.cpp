#include "bot/protocol/backoff.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <random>
#include <stdexcept>
#include <utility>

namespace csibot::protocol {

backoff::backoff(std::chrono::milliseconds base, std::chrono::milliseconds cap, random_source random)
    : base_(std::max(base, std::chrono::milliseconds{0})),
      cap_(std::max(cap, base_)),
      random_(std::move(random)) {
  if (!random_) throw std::invalid_argument("backoff: random source is empty");
}

std::chrono::milliseconds backoff::ceiling(std::uint32_t attempt) const noexcept {
  // Doubling by comparison instead of multiplication: base * 2^n overflows int64 after ~60
  // attempts, and a reconnect loop against a long outage easily gets there.
  auto limit = base_.count();
  for (std::uint32_t i = 0; i < attempt && limit < cap_.count(); ++i) {
    limit = limit > cap_.count() / 2 ? cap_.count() : limit * 2;
  }
  return std::chrono::milliseconds{std::min(limit, cap_.count())};
}

std::chrono::milliseconds backoff::next() {
  const auto limit = ceiling(attempt_);
  if (attempt_ < UINT32_MAX) ++attempt_;
  const double r = std::clamp(random_(), 0.0, 1.0);
  // r is in [0, 1); scaling by limit + 1 and flooring makes every value in [0, limit] reachable.
  // In double, so that a cap of milliseconds::max() neither overflows nor casts out of range.
  const double scaled = std::floor(r * (static_cast<double>(limit.count()) + 1.0));
  if (scaled >= static_cast<double>(limit.count())) return limit;
  return std::chrono::milliseconds{static_cast<std::int64_t>(scaled)};
}

backoff::random_source backoff::system_random() {
  auto engine = std::make_shared<std::mt19937_64>(std::random_device{}());
  return [engine]() { return std::uniform_real_distribution<double>(0.0, 1.0)(*engine); };
}

}  // namespace csibot::protocol
