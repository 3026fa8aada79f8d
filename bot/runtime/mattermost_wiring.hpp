#pragma once
/// `csibot run`'s Mattermost wiring (kept out of app.cpp, which calls these): the adapter built on the
/// app's dispatch queue and outbox and signed in before the port opens, its public URL once the port
/// is known, and its /healthz entry.
#include <boost/asio/io_context.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "bot/platform/mattermost/mattermost_platform.hpp"
#include "config/settings.hpp"

namespace csibot::storage {
class database;
}

namespace csibot::runtime {

class dispatch_queue;
class outbox;

/// Builds the adapter for `settings.mattermost` (which must be set), registers its sender and pacer
/// with `box`, and runs `io` until users/me answered. Throws platform::mattermost::start_error when
/// Mattermost refuses the token or stays unreachable (run_bot: one line, exit 2).
std::unique_ptr<platform::mattermost::mattermost_platform> start_mattermost(
    boost::asio::io_context& io, const config::settings& settings, dispatch_queue& queue, outbox& box,
    storage::database& db, platform::mattermost::mattermost_platform::clock now);

/// bot.public_url, or — when it is only the default "http://" + bot.listen — "http://" + `bound` (the
/// address the server actually listens on, after --listen and port 0), so that buttons call back to a
/// port that exists.
std::string public_url(const config::settings& settings, const std::string& bound);

/// {"connected", "bot_user_id", "connection_id", "reconnects", "received", …} for /healthz.
nlohmann::json mattermost_health(const platform::mattermost::mattermost_platform& platform);

}  // namespace csibot::runtime
