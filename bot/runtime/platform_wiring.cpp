// `csibot run`'s chat-server platforms (platform_wiring.hpp).
#include "bot/runtime/platform_wiring.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <cstdint>
#include <exception>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "bot/net/http_server.hpp"
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

// A path's refusals since its last warning. Pacing, because a platform pointed at a csibot that does
// not serve it retries every event: a warning per call would bury the rest of the log, none at all
// leaves the operator guessing.
struct refusals {
  std::optional<std::chrono::steady_clock::time_point> last_warning;
  std::uint64_t unreported = 0;
};

constexpr std::chrono::minutes warning_interval{1};

std::string slack_reason(const config::settings& settings) {
  // Socket Mode receives over a WebSocket csibot opens itself; these paths are HTTP mode's.
  if (settings.slack)
    return "Slack HTTP mode is not configured: set [slack] mode = \"http\" (with signing_secret); "
           "csibot uses Socket Mode";
  return "Slack is not configured: add a [slack] section with mode = \"http\", bot_token and signing_secret";
}

std::string mattermost_reason() {
  return "Mattermost is not configured: add a [mattermost] section with url, token and command_token";
}

}  // namespace

void install_platform_fallbacks(net::http_server& server, const config::settings& settings,
                                std::function<std::chrono::steady_clock::time_point()> clock) {
  const auto add = [&server, &clock](std::string path, std::string reason) {
    auto seen = std::make_shared<refusals>();
    auto body = nlohmann::json{{"error", reason}}.dump();
    server.add_route("POST", path, [path, reason, body, seen, clock](const net::request& r) {
      const auto now = clock();
      if (seen->last_warning && now - *seen->last_warning < warning_interval) {
        ++seen->unreported;
      } else {
        // The path as registered, not the request's target: that is the caller's text.
        spdlog::warn("http: POST {} from {} answered 404: {}{}", path, r.remote_address, reason,
                     seen->unreported == 0
                         ? std::string{}
                         : fmt::format(" ({} more since the last warning)", seen->unreported));
        seen->last_warning = now;
        seen->unreported = 0;
      }
      return net::response::json(404, body);
    });
  };
  for (const auto* path : {"/slack/events", "/slack/commands", "/slack/interactivity"})
    add(path, slack_reason(settings));
  for (const auto* path : {"/mattermost/command", "/mattermost/actions"})
    add(path, mattermost_reason());
}

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
