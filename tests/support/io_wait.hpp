#pragma once

// Waiting without sleeping (ARCHITECTURE.md §7): run the io_context until a condition holds or a
// deadline passes. Everything runs on the test's thread, so no locks are needed in tests.

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <exception>
#include <memory>
#include <optional>
#include <utility>

namespace csibot::test {

inline constexpr std::chrono::milliseconds default_deadline{10'000};

/// Runs `io` until `done()` is true or `deadline` passed; returns done(). Handlers run on this
/// thread. An io_context that ran out of work is restarted, so work added later still runs.
template <class Predicate>
bool run_until(boost::asio::io_context& io, Predicate&& done,
               std::chrono::milliseconds deadline = default_deadline) {
  const auto end = std::chrono::steady_clock::now() + deadline;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= end) return false;
    if (io.stopped()) io.restart();
    io.run_one_for(std::chrono::milliseconds{10});
  }
  return true;
}

/// Spawns `task` on `io` and runs `io` until it finishes; rethrows its exception. nullopt when
/// the deadline passed first (the task keeps running if `io` is run again).
template <class T>
std::optional<T> run_task(boost::asio::io_context& io, boost::asio::awaitable<T> task,
                          std::chrono::milliseconds deadline = default_deadline) {
  struct outcome {
    bool done = false;
    std::exception_ptr error;
    std::optional<T> value;
  };
  auto state = std::make_shared<outcome>();  // the handler may outlive this frame on timeout
  boost::asio::co_spawn(io, std::move(task), [state](std::exception_ptr e, T value) {
    state->done = true;
    state->error = e;
    if (!e) state->value.emplace(std::move(value));
  });
  if (!run_until(
          io, [&] { return state->done; }, deadline))
    return std::nullopt;
  if (state->error) std::rethrow_exception(state->error);
  return std::move(state->value);
}

}  // namespace csibot::test
