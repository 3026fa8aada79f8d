#pragma once
/// A second io_context with a thread of its own, for the sockets whose answers have a deadline (Slack's
/// Socket Mode acks): their reads and writes never wait behind the dispatch batches and sends that run
/// on the main io thread. What a frame asks for is still posted to the main thread's strands.
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <optional>
#include <thread>

namespace csibot::runtime {

class socket_thread {
 public:
  /// Starts the thread; it runs until stop(), with or without sockets.
  socket_thread();
  /// stop(), if not done yet.
  ~socket_thread();
  socket_thread(const socket_thread&) = delete;
  socket_thread& operator=(const socket_thread&) = delete;

  /// The context to give socket owners; it outlives this object's stop() and lives as long as it.
  boost::asio::io_context& io() noexcept { return io_; }

  /// Abandons what is still pending and joins the thread. Call it once the main io_context has stopped
  /// running and before anything its handlers post to is destroyed; the context itself (and the
  /// sockets still registered with it) is destroyed with this object. Idempotent.
  void stop();

 private:
  boost::asio::io_context io_;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
  std::thread thread_;
};

}  // namespace csibot::runtime
