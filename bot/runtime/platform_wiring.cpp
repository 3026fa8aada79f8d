// `csibot run`'s chat-server platforms (platform_wiring.hpp).
#include "bot/runtime/platform_wiring.hpp"

#include <boost/asio/co_spawn.hpp>
#include <exception>

#include "bot/platform/mattermost/mattermost_platform.hpp"
#include "bot/platform/slack/slack_platform.hpp"
#include "bot/runtime/outbox.hpp"

namespace csibot::runtime {
namespace {

// Registers the platform's sender and runs `io` until authenticate() is done: the port is not open
// yet, so nothing else is waiting on it.
std::unique_ptr<platform::remote_platform> sign_in(boost::asio::io_context& io, outbox& box,
                                                   std::unique_ptr<platform::remote_platform> p) {
  box.add_sender(std::string{p->name()}, p->sender(), p->pacer());
  bool done = false;
  std::exception_ptr failure;
  boost::asio::co_spawn(io, p->authenticate(), [&](std::exception_ptr e) {
    failure = e;
    done = true;
  });
  while (!done && io.run_one() > 0) {
  }
  if (failure) std::rethrow_exception(failure);
  return p;
}

}  // namespace

std::unique_ptr<platform::remote_platform> start_slack(boost::asio::io_context& io,
                                                       const config::settings& settings,
                                                       dispatch_queue& queue, outbox& box,
                                                       storage::database& db, wall_clock now,
                                                       boost::asio::io_context* socket_io) {
  // A named options object: GCC 12 at -O3 reports a false maybe-uninitialized on the defaulted
  // temporary's nested strings.
  platform::slack::adapter_options options;
  options.socket.socket_io = socket_io;
  return sign_in(io, box,
                 std::make_unique<platform::slack::slack_platform>(io, *settings.slack, queue, db,
                                                                   std::move(now), options));
}

std::unique_ptr<platform::remote_platform> start_mattermost(boost::asio::io_context& io,
                                                            const config::settings& settings,
                                                            dispatch_queue& queue, outbox& box,
                                                            storage::database& db, wall_clock now) {
  const platform::mattermost::adapter_options options;  // named, as above
  return sign_in(io, box,
                 std::make_unique<platform::mattermost::mattermost_platform>(
                     io, *settings.mattermost, settings.bot.public_url, queue, db, std::move(now), options));
}

std::string public_url(const config::settings& settings, const std::string& bound) {
  const auto& configured = settings.bot.public_url;
  // The default (config/loader.cpp) names the configured listen address, which --listen may override
  // and whose port may be 0: the bound address is what the default means.
  if (configured == "http://" + settings.bot.listen) return "http://" + bound;
  return configured;
}

}  // namespace csibot::runtime
