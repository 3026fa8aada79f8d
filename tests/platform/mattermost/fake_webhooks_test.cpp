// The fake's calls into the bot (slash commands, button clicks), checked against a stand-in bot: a
// net::http_server on its own thread, as the real bot would run while the fake blocks.
#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <mutex>
#include <thread>

#include "bot/net/http_server.hpp"
#include "support/fake_mattermost/fake_mattermost.hpp"

namespace {

namespace asio = boost::asio;
namespace net = csibot::net;
using csibot::testing::fake_mattermost;
using csibot::testing::mm_channel;
using csibot::testing::mm_user;
using json = nlohmann::json;

struct fake_webhooks_test : ::testing::Test {
  fake_webhooks_test() {
    bot.add_route("POST", "/mattermost/command", [this](const net::request& r) {
      std::lock_guard lock{mutex};
      seen.push_back(r);
      return net::response::json(200, R"({"response_type":"ephemeral","text":"ok"})");
    });
    bot.add_route("POST", "/mm/actions", [this](const net::request& r) {
      std::lock_guard lock{mutex};
      seen.push_back(r);
      return net::response::json(
          200, R"({"update":{"message":"Thanks, rated 5","props":{}},"ephemeral_text":"Recorded!"})");
    });
    bot.start();
    thread = std::thread([this] { io.run(); });
    server.add_user(alice);
    server.add_channel(ops);
  }

  ~fake_webhooks_test() override {
    bot.stop();
    work.reset();
    thread.join();
  }

  std::string bot_url() const { return "http://127.0.0.1:" + std::to_string(bot.local_port()); }

  const mm_user alice{"aliceid0000000000000000000", "alice", "alice@example.com", "en", "UTC", false};
  const mm_channel ops{"opschannel0000000000000000", "O", "ops", "Ops", "teamid00000000000000000000", {}};
  fake_mattermost server;
  asio::io_context io;
  asio::executor_work_guard<asio::io_context::executor_type> work = asio::make_work_guard(io);
  net::http_server bot{io, net::server_options{}};
  std::thread thread;
  std::mutex mutex;
  std::vector<net::request> seen;
};

TEST_F(fake_webhooks_test, slash_command_is_a_form_with_the_token_header_and_defaults) {
  const auto reply = server.send_slash_command(bot_url() + "/", {{"text", "rate vpn 5"}}, "cmd-token");
  EXPECT_EQ(reply.status, 200U) << reply.error;
  EXPECT_EQ(reply.body, R"({"response_type":"ephemeral","text":"ok"})");
  std::lock_guard lock{mutex};
  ASSERT_EQ(seen.size(), 1U);
  const auto& r = seen[0];
  EXPECT_EQ(r.headers.find("Authorization"), "Token cmd-token");
  EXPECT_EQ(r.headers.find("Content-Type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(r.body.rfind("text=rate%20vpn%205&", 0), 0U) << r.body;
  EXPECT_NE(r.body.find("command=%2Fcsi"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("user_id=" + alice.id), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("user_name=alice"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("channel_id=" + ops.id), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("token=cmd-token"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("response_url=http%3A%2F%2F127.0.0.1%3A" + std::to_string(server.port()) +
                        "%2Fhooks%2Fcommands%2F"),
            std::string::npos)
      << r.body;
}

TEST_F(fake_webhooks_test, click_posts_the_integration_request_and_applies_the_answer) {
  const auto post = server.store_post(server.options().bot.id, ops.id, "Rate 1-5");
  const json context{{"action", "rate"}, {"value", 5}, {"secret", "s"}};
  const auto reply = server.click(bot_url() + "/mm/actions", context, alice.id, ops.id, post);
  EXPECT_EQ(reply.status, 200U) << reply.error;
  {
    std::lock_guard lock{mutex};
    ASSERT_EQ(seen.size(), 1U);
    const auto body = json::parse(seen[0].body);
    EXPECT_EQ(body["user_id"], alice.id);
    EXPECT_EQ(body["user_name"], "alice");
    EXPECT_EQ(body["channel_id"], ops.id);
    EXPECT_EQ(body["post_id"], post);
    EXPECT_EQ(body["type"], "button");
    EXPECT_EQ(body["context"], context);
  }
  const auto updated = server.post(post);
  ASSERT_TRUE(updated);
  EXPECT_EQ((*updated)["message"], "Thanks, rated 5");
  EXPECT_EQ((*updated)["props"], json::object());
  const auto shown = server.ephemerals();
  ASSERT_EQ(shown.size(), 1U);
  EXPECT_EQ(shown[0].user_id, alice.id);
  EXPECT_EQ(shown[0].post["message"], "Recorded!");
}

}  // namespace
