#include "bot/net/detail/rejection_log.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace csibot::net::detail {

bool log_throttle::admit(std::size_t kind, clock::time_point now) {
  auto& s = slots_.at(kind);
  if (s.window_end && now < *s.window_end) {
    ++s.suppressed;
    return false;
  }
  s.window_end = now + interval_;
  return true;
}

std::vector<log_throttle::summary> log_throttle::due(clock::time_point now) {
  std::vector<summary> out;
  for (std::size_t kind = 0; kind < slots_.size(); ++kind) {
    auto& s = slots_[kind];
    if (!s.window_end || now < *s.window_end) continue;
    if (s.suppressed == 0) {
      s.window_end.reset();
      continue;
    }
    out.push_back({kind, s.suppressed});
    s.suppressed = 0;
    s.window_end = now + interval_;
  }
  return out;
}

std::vector<log_throttle::summary> log_throttle::drain() {
  std::vector<summary> out;
  for (std::size_t kind = 0; kind < slots_.size(); ++kind) {
    if (slots_[kind].suppressed > 0) out.push_back({kind, slots_[kind].suppressed});
    slots_[kind] = slot{};
  }
  return out;
}

std::optional<log_throttle::clock::time_point> log_throttle::next_due() const {
  std::optional<clock::time_point> next;
  for (const auto& s : slots_) {
    if (s.suppressed > 0 && s.window_end && (!next || *s.window_end < *next)) next = s.window_end;
  }
  return next;
}

rejection_log::rejection_log(boost::asio::io_context& io, std::chrono::milliseconds interval)
    : throttle_(rejection_kinds, interval), timer_(io) {}

void rejection_log::note(const rejection& why, std::string_view remote) {
  const auto kind = static_cast<std::size_t>(why.kind);
  bool admitted = false;
  {
    const std::lock_guard lock(mutex_);
    admitted = throttle_.admit(kind, log_throttle::clock::now());
    reason_[kind] = why.reason;
    remote_[kind] = remote;
    if (!admitted && !flushed_) arm();
  }
  if (!admitted) return;
  // The address and the server's own reason only: a request's bytes may hold secrets.
  if (why.status == 0)
    spdlog::warn("http: request from {} dropped: {}", remote, why.reason);
  else
    spdlog::warn("http: request from {} rejected with {}: {}", remote, why.status, why.reason);
}

void rejection_log::flush() {
  std::vector<log_throttle::summary> left;
  {
    const std::lock_guard lock(mutex_);
    flushed_ = true;
    timer_.cancel();
    left = throttle_.drain();
  }
  write(left);
}

void rejection_log::arm() {
  const auto next = throttle_.next_due();
  if (armed_ || !next) return;
  armed_ = true;
  timer_.expires_at(*next);
  timer_.async_wait([weak = weak_from_this()](const boost::system::error_code& ec) {
    const auto self = weak.lock();
    if (ec || !self) return;
    std::vector<log_throttle::summary> due;
    {
      const std::lock_guard lock(self->mutex_);
      self->armed_ = false;
      due = self->throttle_.due(log_throttle::clock::now());
      if (!self->flushed_) self->arm();
    }
    self->write(due);
  });
}

void rejection_log::write(const std::vector<log_throttle::summary>& summaries) {
  for (const auto& s : summaries) {
    std::string reason;
    std::string remote;
    {
      const std::lock_guard lock(mutex_);
      reason = reason_[s.kind];
      remote = remote_[s.kind];
    }
    spdlog::warn("http: {} more request(s) turned away ({}) were not logged; the latest from {}",
                 s.suppressed, reason, remote);
  }
}

}  // namespace csibot::net::detail
