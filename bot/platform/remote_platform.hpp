#pragma once
/// What `csibot run` needs of a platform that lives on a chat server (Slack, Mattermost; Discord next),
/// so that the app wires each the same way: sign in before the port opens, connect once it is bound,
/// serve its webhooks, deliver its outbox rows, tell who its people are, report its health, stop.
/// The local chat is served by csibot itself and needs none of this.
#include <boost/asio/awaitable.hpp>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "bot/runtime/outbox.hpp"

namespace csibot::net {
class http_server;
}
namespace csibot::runtime {
class people_directory;
}

namespace csibot::platform {

class remote_platform {
 public:
  /// The platform gave up for good at run time (a token refused): one line, no secret.
  using fatal_handler = std::function<void(std::string message)>;

  remote_platform() = default;
  virtual ~remote_platform() = default;
  remote_platform(const remote_platform&) = delete;
  remote_platform& operator=(const remote_platform&) = delete;

  /// "slack", "mattermost": the platform part of its people's references and of its outbox rows.
  [[nodiscard]] virtual std::string_view name() const = 0;
  /// Checks the bot token with the server and learns the bot's own id. Throws the platform's
  /// start_error when the server refuses the token or stays unreachable (a start-up failure: exit 2).
  [[nodiscard]] virtual boost::asio::awaitable<void> authenticate() = 0;
  /// Where the server calls csibot back (bot.public_url, or the bound address when that is only the
  /// default), once the port is bound. Only platforms whose messages carry callback URLs need it.
  virtual void set_public_url(std::string /*public_url*/) {}
  /// Opens the platform's event connection, if it has one (after authenticate()).
  virtual void connect(fatal_handler on_fatal) = 0;
  /// The platform's webhook routes. Call before the server starts.
  virtual void install_routes(net::http_server& server) = 0;
  /// The outbox's sender and pacer for rows of platform name().
  [[nodiscard]] virtual runtime::outbox::sender sender() = 0;
  [[nodiscard]] virtual runtime::outbox::pacer pacer() = 0;
  /// Who people are (profile, e-mail lookup, channel members), for proactive prompts.
  [[nodiscard]] virtual std::shared_ptr<runtime::people_directory> directory() = 0;
  /// Closes connections; what was already queued is still dispatched. Idempotent.
  virtual void stop() = 0;

  /// For /metrics: whether the platform is connected right now.
  [[nodiscard]] virtual bool connected() const = 0;
  /// For /healthz: {"connected", …} with the platform's own counters.
  [[nodiscard]] virtual nlohmann::json health() const = 0;
};

}  // namespace csibot::platform
