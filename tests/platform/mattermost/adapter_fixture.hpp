#pragma once
/// The Mattermost adapter as `csibot run` assembles it — a real SQLite file, the dispatcher with the
/// demo catalog, the group-commit queue, the durable outbox, the bot's HTTP server on 127.0.0.1:0 and
/// mattermost_platform — against the in-process fake Mattermost, all on the test's io_context. The
/// fake's webhook drivers (slash commands, clicks) block, so they run on a helper thread while the test
/// thread runs the io_context. Waits are conditions with deadlines.
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
#include "bot/runtime/dispatch_queue.hpp"
#include "bot/runtime/outbox.hpp"
#include "commands/dispatch.hpp"
#include "config/loader.hpp"
#include "storage/database.hpp"
#include "storage/outbox_repository.hpp"
#include "storage/repositories.hpp"
#include "storage/temp_dir.hpp"
#include "support/fake_mattermost/fake_mattermost.hpp"
#include "support/io_wait.hpp"

namespace csibot::platform::mattermost::test {

using json = nlohmann::json;
using namespace std::chrono_literals;

inline core::timestamp system_now() {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

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

class adapter_test : public ::testing::Test {
 protected:
  storage::test::temp_dir dir;
  config::settings settings = config::demo_settings();
  testing::fake_mattermost fake;
  boost::asio::io_context io;
  std::unique_ptr<storage::database> db;
  std::unique_ptr<commands::dispatcher> bot;
  std::unique_ptr<runtime::outbox> box;
  std::unique_ptr<runtime::dispatch_queue> queue;
  std::unique_ptr<net::http_server> server;
  std::unique_ptr<mattermost_platform> platform;
  std::vector<std::string> fatals;

  adapter_test() {
    fake.add_user({alice, "alice", "alice@example.com", "de", "Europe/Berlin", false});
    fake.add_user({bob, "bob", "bob@example.com", "en", "UTC", false});
    fake.add_channel({ops, "O", "ops", "Ops", fake.options().team_id, {alice, bob}});
  }
  ~adapter_test() override { shut_down(); }

  /// Builds everything on the database in `dir` without connecting: a second call after shut_down()
  /// is a restart.
  void build(const std::string& token = "mm-bot-token") {
    settings.bot.database = dir / "csibot.db";
    config::mattermost_settings s;
    s.url = fake.url();
    s.token = token;
    s.command_token = command_token;
    settings.mattermost = s;
    db = std::make_unique<storage::database>(settings.bot.database);
    storage::service_repository{*db}.sync_from_config(settings.services, system_now());
    bot = std::make_unique<commands::dispatcher>(*db, settings);
    runtime::outbox_options o;
    o.backoff_base = 20ms;
    o.backoff_cap = 200ms;
    o.random = [] { return 0.5; };
    o.poll_interval = 200ms;
    box = std::make_unique<runtime::outbox>(io, *db, system_now, o);
    queue = std::make_unique<runtime::dispatch_queue>(io, *bot, *db, system_now, [this] { box->notify(); });
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
    ASSERT_TRUE(csibot::test::run_task(io, authenticate_task()).has_value()) << "users/me did not finish";
    platform->connect([this](std::string why) { fatals.push_back(std::move(why)); });
    box->start();
    ASSERT_TRUE(wait([&] { return platform->status().connected; })) << "no hello";
  }

  boost::asio::awaitable<bool> authenticate_task() {
    co_await platform->authenticate();
    co_return true;
  }

  /// Stops and destroys the bot (the fake keeps running, and keeps what people post meanwhile).
  void shut_down() {
    if (platform) platform->stop();
    if (box) box->stop();
    if (server) server->stop();
    if (platform) {
      EXPECT_TRUE(wait([&] { return !platform->status().socket.running && box->idle(); }, 15s))
          << "coroutines left behind";
    }
    platform.reset();
    queue.reset();
    box.reset();
    server.reset();
    bot.reset();
    db.reset();
  }

  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(server->local_port()); }

  template <class Predicate>
  bool wait(Predicate&& done, std::chrono::milliseconds deadline = 10s) {
    return csibot::test::run_until(io, std::forward<Predicate>(done), deadline);
  }

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
          if (!context.value("value", "").ends_with(value_suffix)) continue;
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

  std::vector<core::feedback> feedback_rows() {
    std::vector<core::feedback> out;
    storage::feedback_repository{*db}.for_each(std::nullopt,
                                               [&](const core::feedback& f) { out.push_back(f); });
    return out;
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
