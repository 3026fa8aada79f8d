#pragma once
/// `csibot run`'s chat-server platforms (kept out of app.cpp, which calls these): each adapter is built
/// on the app's dispatch queue and outbox, registered with the outbox, and signed in before the port
/// opens, so that a refused token is a start-up failure (one line, exit 2) rather than a retry loop.
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "bot/platform/remote_platform.hpp"
#include "config/settings.hpp"
#include "core/time.hpp"

namespace csibot::storage {
class database;
}
namespace csibot::net {
class http_server;
}

namespace csibot::runtime {

class dispatch_queue;
class outbox;

using wall_clock = std::function<core::timestamp()>;

/// Slack for `settings.slack` (which must be set): auth.test before returning. Throws
/// platform::slack::start_error when Slack refuses the token or stays unreachable. Socket Mode's
/// sockets run on `socket_io` when given (see platform::slack::socket_mode_options::socket_io).
std::unique_ptr<platform::remote_platform> start_slack(boost::asio::io_context& io,
                                                       const config::settings& settings,
                                                       dispatch_queue& queue, outbox& box,
                                                       storage::database& db, wall_clock now,
                                                       boost::asio::io_context* socket_io = nullptr);

/// Mattermost for `settings.mattermost` (which must be set): users/me before returning. Throws
/// platform::mattermost::start_error when Mattermost refuses the token or stays unreachable.
std::unique_ptr<platform::remote_platform> start_mattermost(boost::asio::io_context& io,
                                                            const config::settings& settings,
                                                            dispatch_queue& queue, outbox& box,
                                                            storage::database& db, wall_clock now);

/// Registers POST /slack/events, /slack/commands, /slack/interactivity, /mattermost/command and
/// /mattermost/actions answering 404 with a JSON reason that names the setting that would enable the
/// path (`[slack] mode = "http"`, a `[mattermost]` section), and a warning: the first refusal on a
/// path at once, then at most one a minute per path saying how many more there were. Call it before
/// the adapters' install_routes(): a route registered again replaces the earlier one, so whatever a
/// running platform serves takes over its paths. `clock` paces the warnings (injected by tests).
void install_platform_fallbacks(net::http_server& server, const config::settings& settings,
                                std::function<std::chrono::steady_clock::time_point()> clock);

/// bot.public_url, or — when it is only the default "http://" + bot.listen — "http://" + `bound` (the
/// address the server actually listens on, after --listen and port 0), so that callbacks reach a port
/// that exists.
std::string public_url(const config::settings& settings, const std::string& bound);

}  // namespace csibot::runtime
