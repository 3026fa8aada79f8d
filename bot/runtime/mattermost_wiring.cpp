// `csibot run`'s Mattermost wiring (mattermost_wiring.hpp).
#include "bot/runtime/mattermost_wiring.hpp"

#include <boost/asio/co_spawn.hpp>
#include <exception>

#include "bot/runtime/outbox.hpp"

namespace csibot::runtime {

std::unique_ptr<platform::mattermost::mattermost_platform> start_mattermost(
    boost::asio::io_context& io, const config::settings& settings, dispatch_queue& queue, outbox& box,
    storage::database& db, platform::mattermost::mattermost_platform::clock now) {
  // A named options object: GCC 12 at -O3 reports a false maybe-uninitialized on defaulted temporaries.
  const platform::mattermost::adapter_options options;
  auto mm = std::make_unique<platform::mattermost::mattermost_platform>(
      io, *settings.mattermost, settings.bot.public_url, queue, db, std::move(now), options);
  box.add_sender("mattermost", mm->sender(), mm->pacer());
  // users/me before the port opens, as for Slack: a refused token is a start-up failure.
  bool done = false;
  std::exception_ptr failure;
  boost::asio::co_spawn(io, mm->authenticate(), [&](std::exception_ptr e) {
    failure = e;
    done = true;
  });
  while (!done && io.run_one() > 0) {
  }
  if (failure) std::rethrow_exception(failure);
  return mm;
}

std::string public_url(const config::settings& settings, const std::string& bound) {
  const auto& configured = settings.bot.public_url;
  // The default (config/loader.cpp) names the configured listen address, which --listen may override
  // and whose port may be 0: the bound address is what the default means.
  if (configured == "http://" + settings.bot.listen) return "http://" + bound;
  return configured;
}

nlohmann::json mattermost_health(const platform::mattermost::mattermost_platform& platform) {
  const auto s = platform.status();
  nlohmann::json j{{"connected", s.connected},
                   {"bot_user_id", s.bot_user_id},
                   {"connection_id", s.socket.connection_id},
                   {"reconnects", s.socket.reconnects},
                   {"resyncs", s.socket.resyncs},
                   {"received", s.received},
                   {"ignored", s.ignored},
                   {"malformed", s.malformed},
                   {"refused", s.refused},
                   {"recoveries", s.recoveries},
                   {"recovered", s.recovered},
                   {"dm_channels", s.dm_channels}};
  if (!s.socket.last_error.empty()) j["last_error"] = s.socket.last_error;
  if (!s.socket.fatal.empty()) j["fatal"] = s.socket.fatal;
  return j;
}

}  // namespace csibot::runtime
