#pragma once
/// The state shared by mattermost_platform's parts (mattermost_platform.cpp: start and stop;
/// inbound.cpp: socket frames into the dispatch queue; recovery.cpp: missed posts; sender.cpp: the
/// outbox's sender; webhooks.cpp: the HTTP routes; directory.cpp: people). Private to the adapter.
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "bot/platform/mattermost/action_context.hpp"
#include "bot/platform/mattermost/attachments.hpp"
#include "bot/platform/mattermost/channel_book.hpp"
#include "bot/platform/mattermost/mattermost_platform.hpp"
#include "bot/platform/mattermost/rest_api.hpp"
#include "core/events.hpp"

namespace csibot::platform::mattermost {

struct mattermost_platform::impl : std::enable_shared_from_this<mattermost_platform::impl> {
  impl(boost::asio::io_context& i, const config::mattermost_settings& s, std::string public_url,
       runtime::dispatch_queue& q, storage::database& d, clock c, adapter_options o)
      : io(i),
        settings(s),
        actions(actions_url(public_url)),
        key(derive_context_key(s.token)),
        queue(q),
        db(d),
        now(std::move(c)),
        opts(std::move(o)),
        api(i, s.url, s.token),
        book(d),
        flush_timer(i) {}

  // inbound.cpp
  /// One frame from the event socket: hello, a posted DM (submitted), or something skipped.
  void on_frame(std::string_view frame);
  /// Hands `in` to the dispatch queue; `recovered` counts it as recovered when it was new.
  void submit(core::inbound in, std::string reply_to, std::string_view source, bool recovered = false);
  /// Records a post in the channel book (and schedules the book's write).
  void note_channel(std::string_view channel, std::string_view user, std::int64_t post_at);
  /// Writes the channel book now.
  void flush_book();

  // recovery.cpp
  /// Fetches the posts missed in every known DM channel and submits them; coalesces overlapping calls.
  void start_recovery();

  // sender.cpp
  /// Notes X-Ratelimit-* and 429s of a REST answer: the platform pauses until the window refills.
  void note_rate(const rest_result& r);
  /// How long sends must wait for the rate-limit window; zero when they may go now.
  [[nodiscard]] std::chrono::milliseconds rate_wait() const;

  boost::asio::io_context& io;
  const config::mattermost_settings& settings;
  std::string actions;  // {public_url}/mattermost/actions
  std::string key;      // button contexts: HMAC-SHA256(token, label), see action_context.hpp
  runtime::dispatch_queue& queue;
  storage::database& db;
  clock now;
  adapter_options opts;
  rest_api api;  // bot token: every REST call and response_url post
  channel_book book;
  std::unique_ptr<event_socket> socket;
  boost::asio::steady_timer flush_timer;
  std::chrono::steady_clock::time_point paused_until{};
  std::string bot_user_id;
  std::string bot_username;
  bool authenticated = false;
  bool stopped = false;
  bool hello_seen = false;
  bool flush_scheduled = false;
  bool recovering = false;
  bool recover_again = false;
  std::uint64_t received = 0, ignored = 0, malformed = 0, refused = 0, recoveries = 0, recovered = 0;
};

}  // namespace csibot::platform::mattermost
