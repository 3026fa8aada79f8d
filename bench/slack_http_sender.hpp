#pragma once
/// Slack's side of HTTP mode for the Slack load (slack_load.cpp --mode http): POSTs each slash
/// command's form body to csibot's /slack/commands, signed as Slack signs it (PLATFORMS.md §1.5),
/// over a fixed number of keep-alive connections, and times each request until its answer.
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace csibot::net {
class http_client;
}

namespace csibot::bench {

class slack_http_sender {
 public:
  using steady = std::chrono::steady_clock;

  /// One command's request: when its bytes started out and when its answer was read.
  struct outcome {
    steady::time_point written{};
    steady::time_point answered{};
  };

  /// Sends to http://127.0.0.1:<port>/slack/commands with `connections` requests at most in progress
  /// (one per connection, as HTTP/1.1 without pipelining allows), on a thread of its own. `commands`
  /// sizes the outcomes: send() takes indexes below it.
  slack_http_sender(std::uint16_t port, std::string signing_secret, std::size_t connections,
                    std::size_t commands);
  /// Stops the thread if stop() was not called.
  ~slack_http_sender();
  slack_http_sender(const slack_http_sender&) = delete;
  slack_http_sender& operator=(const slack_http_sender&) = delete;

  /// Queues command `index` (its form body, not yet signed: it is signed when it goes out, with the
  /// time then). Any thread.
  void send(std::size_t index, std::string form_body);

  /// Requests answered 200 so far. Any thread.
  std::size_t answered() const;

  /// Ends the thread; the requests still queued or in progress are abandoned. After it, outcomes(),
  /// failures() and first_failure() may be read.
  void stop();

  /// Per command index: set when its request was answered 200.
  const std::vector<std::optional<outcome>>& outcomes() const { return outcomes_; }
  /// Requests that failed or were answered with another status.
  std::size_t failures() const { return failures_; }
  /// What the first of them was ("401 invalid signature", "connect …: Connection refused").
  const std::string& first_failure() const { return first_failure_; }

 private:
  struct job {
    std::size_t index;
    std::string body;
  };
  struct worker_state;

  void wake_one();

  boost::asio::io_context io_;
  std::unique_ptr<net::http_client> client_;
  std::string url_;
  std::string secret_;
  std::deque<job> queue_;                            // on the io thread only
  std::vector<std::shared_ptr<worker_state>> idle_;  // workers waiting for a job, on the io thread only
  std::vector<std::optional<outcome>> outcomes_;     // written on the io thread, read after stop()
  std::size_t failures_ = 0;
  std::string first_failure_;
  std::atomic<std::size_t> answered_{0};
  std::thread thread_;
};

}  // namespace csibot::bench
