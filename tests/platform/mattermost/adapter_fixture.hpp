#pragma once
/// The Mattermost adapter as `csibot run` assembles it — the bot's HTTP server on 127.0.0.1:0 and
/// mattermost_platform on the pipeline of the adapter harness (a real SQLite file, the dispatcher with
/// the demo catalog, the group-commit queue, the durable outbox) — against the in-process fake Mattermost,
/// all on the test's io_context. The fake's webhook drivers (slash commands, clicks) block, so they run on a
/// helper thread while the test thread runs the io_context. Waits are conditions with deadlines.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <future>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "bot/net/http_server.hpp"
#include "bot/platform/mattermost/mattermost_platform.hpp"
#include "storage/outbox_repository.hpp"
#include "support/adapter_harness.hpp"
#include "support/fake_mattermost/fake_mattermost.hpp"

namespace csibot::platform::mattermost::test {

using json = nlohmann::json;
using namespace std::chrono_literals;

using csibot::test::system_now;

inline const std::string alice = "aliceid0000000000000000000";
inline const std::string bob = "bobid000000000000000000000";
inline const std::string ops = "opschannel0000000000000000";
inline const std::string command_token = "mm-command-token";

/// A button of a post as the fake stores it: where a click goes and what it carries.
struct button_ref {
  std::string post_id;
  std::string channel;
  std::string url;
  json context;
};

class adapter_test : public csibot::test::adapter_harness {
 protected:
  testing::fake_mattermost fake;
  std::unique_ptr<net::http_server> server;
  std::unique_ptr<mattermost_platform> platform;

  adapter_test() {
    fake.add_user({alice, "alice", "alice@example.com", "de", "Europe/Berlin", false});
    fake.add_user({bob, "bob", "bob@example.com", "en", "UTC", false});
    fake.add_channel({ops, "O", "ops", "Ops", fake.options().team_id, {alice, bob}});
  }
  ~adapter_test() override { shut_down(); }

  /// Builds everything on the database in `dir` without connecting: a second call after shut_down()
  /// is a restart.
  void build(const std::string& token = "mm-bot-token") {
    config::mattermost_settings s;
    s.url = fake.url();
    s.token = token;
    s.command_token = command_token;
    settings.mattermost = s;
    build_pipeline();
    server = std::make_unique<net::http_server>(io, net::server_options{});
    adapter_options a;
    a.auth_attempts = 2;
    a.auth_retry = 10ms;
    a.book_flush_interval = 20ms;
    a.socket.reconnect = {20ms, 100ms, 0ms, 7};
    a.socket.random = [] { return 0.5; };
    a.socket.hello_timeout = 5s;
    a.socket.ping_interval = 5s;
    platform = std::make_unique<mattermost_platform>(io, *settings.mattermost, "http://127.0.0.1:0", *queue,
                                                     *db, system_now, a);
    platform->install_routes(*server);
    server->start();
    platform->set_public_url(base_url());
    box->add_sender("mattermost", platform->sender(), platform->pacer());
  }

  /// authenticate() (rethrowing its error), then connect and start the outbox, as `csibot run` does.
  void start() {
    build();
    ASSERT_NO_FATAL_FAILURE(start_pipeline(*platform, "users/me"));
    ASSERT_TRUE(wait([&] { return platform->status().connected; })) << "no hello";
  }

  boost::asio::awaitable<bool> authenticate_task() { return authenticate(platform.get()); }

  /// Stops and destroys the bot (the fake keeps running, and keeps what people post meanwhile).
  void shut_down() {
    if (platform) platform->stop();
    if (server) server->stop();
    drain(platform.get());
    platform.reset();
    server.reset();
    release_pipeline();
  }

  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(server->local_port()); }

  /// Runs a blocking call of the fake (it calls the bot, which needs this thread's io_context).
  template <class F>
  auto off_thread(F f) {
    auto result = std::async(std::launch::async, std::move(f));
    EXPECT_TRUE(wait([&] { return result.wait_for(0ms) == std::future_status::ready; }, 20s));
    return result.get();
  }

  /// `/csi <text>` typed by `user` in `channel` (ops by default), with `token`.
  testing::mm_webhook_reply command(const std::string& text, const std::string& user = alice,
                                    const std::string& channel = ops,
                                    const std::string& token = command_token) {
    const std::string name = channel == ops ? "ops" : "channel";
    return off_thread([=, this] {
      return fake.send_slash_command(
          base_url(), {{"text", text}, {"user_id", user}, {"channel_id", channel}, {"channel_name", name}},
          token);
    });
  }

  /// `user` clicks `b`, as Mattermost calls the button's integration.
  testing::mm_webhook_reply click(const button_ref& b, const std::string& user = alice) {
    return off_thread([=, this] { return fake.click(b.url, b.context, user, b.channel, b.post_id); });
  }

  std::vector<json> bot_posts() const { return fake.posts_by(fake.options().bot.id); }

  static bool says(const json& post, std::string_view text) {
    return post.value("message", "").find(text) != std::string::npos;
  }

  std::size_t bot_posts_saying(std::string_view text) const {
    std::size_t n = 0;
    for (const auto& p : bot_posts())
      n += says(p, text) ? 1U : 0U;
    return n;
  }

  /// The buttons of the bot's stored posts whose context action starts with `action`, newest first.
  std::vector<button_ref> buttons(std::string_view action, std::string_view value_suffix = {}) const {
    std::vector<button_ref> out;
    auto posts = bot_posts();
    for (auto it = posts.rbegin(); it != posts.rend(); ++it) {
      const auto props = it->value("props", json::object());
      for (const auto& attachment : props.value("attachments", json::array()))
        for (const auto& a : attachment.value("actions", json::array())) {
          const auto integration = a.value("integration", json::object());
          const auto context = integration.value("context", json::object());
          if (!context.value("action", "").starts_with(action)) continue;
          // A question's buttons end their values with its key ("vpn:2@rating.…"), not matched here.
          const auto value = context.value("value", "");
          if (!value.substr(0, value.find('@')).ends_with(value_suffix)) continue;
          out.push_back(
              {it->value("id", ""), it->value("channel_id", ""), integration.value("url", ""), context});
        }
    }
    return out;
  }

  /// Waits for the newest `action` button whose value ends with `suffix`.
  std::optional<button_ref> wait_button(std::string_view action, std::string_view suffix) {
    std::optional<button_ref> found;
    wait([&] {
      auto all = buttons(action, suffix);
      if (!all.empty()) found = all.front();
      return found.has_value();
    });
    return found;
  }

  /// The DM channel between the bot and `user` (created in the fake if needed).
  std::string dm_with(const std::string& user) { return fake.direct_channel(user); }

  /// A slash command whose reply must arrive: a marker that everything before it was handled.
  void help_round_trip() {
    const auto before = fake.responses().size();
    const auto r = command("help");
    ASSERT_EQ(r.status, 200U) << r.body << r.error;
    ASSERT_TRUE(wait([&] { return fake.responses().size() == before + 1; })) << "no reply to /csi help";
  }
};

}  // namespace csibot::platform::mattermost::test
