#include "bot/runtime/socket_thread.hpp"

#include <spdlog/spdlog.h>

#include <exception>

namespace csibot::runtime {

socket_thread::socket_thread() : work_(boost::asio::make_work_guard(io_)) {
  thread_ = std::thread([this] {
    // Handlers catch what they can handle; anything else would end the process from this thread with no
    // word, so say what it was first.
    for (;;) {
      try {
        io_.run();
        return;
      } catch (const std::exception& e) {
        spdlog::error("socket thread: a handler threw: {}", e.what());
      }
    }
  });
}

socket_thread::~socket_thread() {
  stop();
}

void socket_thread::stop() {
  work_.reset();
  io_.stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace csibot::runtime
