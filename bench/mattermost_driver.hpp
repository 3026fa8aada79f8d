#pragma once
/// The people's side of the Mattermost load (mattermost_load.cpp): K feedback conversations in K
/// direct channels, each answering the bot's newest post with the next step of one fixed script.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "support/fake_mattermost/fake_mattermost.hpp"

namespace csibot::bench {

/// Runs on the driver's io thread (the event socket's handlers); only the atomics are read from
/// elsewhere while it runs, the rest once the io thread has stopped.
class mattermost_driver {
 public:
  using steady = std::chrono::steady_clock;

  /// What every finished conversation stores, for the exactly-once check (rating 4 besides).
  static constexpr const char* reason_text = "slow at peak";
  static constexpr const char* impact_text = "blocks";

  struct conversation {
    std::string user;
    std::string channel;
    steady::time_point pushed{};
    bool waiting = false;
    bool done = false;
    std::size_t finished = 0;  // complete feedback conversations
  };

  mattermost_driver(testing::fake_mattermost& fake, std::string bot_id)
      : fake_(fake), bot_id_(std::move(bot_id)) {}

  void add(std::string user, std::string channel);

  /// Starts every conversation; no more messages are pushed once `budget` were.
  void start(std::size_t budget);

  /// One WebSocket frame as the server broadcasts it.
  void on_frame(std::string_view text);

  std::size_t pushed() const { return pushed_; }
  std::size_t unexpected() const { return unexpected_; }
  const std::vector<double>& reply_ms() const { return reply_ms_; }
  const std::vector<conversation>& conversations() const { return conversations_; }
  double seconds() const { return std::chrono::duration<double>(last_reply_ - started_at_).count(); }
  std::atomic<std::size_t> replies{0};  ///< read by the main thread to see progress
  std::atomic<bool> all_done{false};    ///< every conversation stopped after the budget

 private:
  void answer(std::size_t i, const nlohmann::json& post);
  void stop(conversation& c);
  void push(std::size_t i, const std::string& text);

  testing::fake_mattermost& fake_;
  std::string bot_id_;
  std::vector<conversation> conversations_;
  std::unordered_map<std::string, std::size_t> by_channel_;
  std::size_t budget_ = 0, pushed_ = 0, unexpected_ = 0, active_ = 0;
  std::vector<double> reply_ms_;
  steady::time_point started_at_{}, last_reply_{};
};

}  // namespace csibot::bench
