#pragma once
/// The state shared by slack_platform's parts (slack_platform.cpp: start and inbound; sender.cpp:
/// outbound; http_mode.cpp: HTTP routes). Private to the adapter.
#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "bot/platform/slack/channel_pacer.hpp"
#include "bot/platform/slack/payloads.hpp"
#include "bot/platform/slack/slack_platform.hpp"
#include "bot/platform/slack/web_api.hpp"

namespace csibot::platform::slack {

struct slack_platform::impl : std::enable_shared_from_this<slack_platform::impl> {
  impl(boost::asio::io_context& i, const config::slack_settings& s, runtime::dispatch_queue& q, clock c,
       adapter_options o)
      : io(i),
        settings(s),
        queue(q),
        now(std::move(c)),
        opts(std::move(o)),
        api(i, s.api_url, s.bot_token),
        pacer(opts.post_interval, opts.post_burst) {}

  /// Hands a decoded payload to the dispatch queue (group commit), or counts why there is nothing to do.
  /// `source` names where it came from, for the log ("events_api", "POST /slack/commands").
  void accept(decoded d, std::string_view source);

  boost::asio::io_context& io;
  const config::slack_settings& settings;
  runtime::dispatch_queue& queue;
  clock now;
  adapter_options opts;
  web_api api;  // bot token: every Web API call and response_url post
  channel_pacer pacer;
  std::unique_ptr<socket_mode_client> socket;
  std::string bot_user_id;
  std::string team;
  bool authenticated = false;
  bool stopped = false;
  std::uint64_t received = 0, ignored = 0, refused = 0, events_dropped = 0;
};

}  // namespace csibot::platform::slack
