#pragma once
// Private to the fake: the Beast HTTP + WebSocket server on 127.0.0.1:0 and its threads.

#include <memory>

#include "support/fake_mattermost/fake_mattermost.hpp"

namespace csibot::testing {

/// Binds 127.0.0.1:0 in the constructor (state.port is set before it returns) and serves on
/// options.threads threads until destroyed. The destructor stops the threads; sockets still open
/// are closed with the io_context (their peers see a reset).
class fake_mattermost::server {
 public:
  explicit server(std::shared_ptr<state> shared);
  ~server();
  server(const server&) = delete;
  server& operator=(const server&) = delete;

  struct impl;

 private:
  std::unique_ptr<impl> impl_;
};

}  // namespace csibot::testing
