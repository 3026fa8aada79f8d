// The platform webhook paths of SPEC §12 on a csibot that does not serve them (the platform is not
// configured, or Slack runs in Socket Mode): the real binary answers 404 with a JSON reason naming the
// setting that would enable the path, and warns in its log, at most once a minute per path.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "bot/net/http_client.hpp"
#include "e2e/bot.hpp"
#include "e2e/config_toml.hpp"
#include "support/fake_slack/fake_slack.hpp"
#include "support/io_wait.hpp"

namespace csibot::e2e {
namespace {

struct answer {
  unsigned status = 0;
  std::string content_type;
  json body;
};

// POSTs what a platform would send (the body does not matter: nothing reads it) to `path`.
answer post(const running_bot& bot, const std::string& path) {
  boost::asio::io_context io;
  net::http_client client{io};
  net::header_map headers;
  headers.set("Content-Type", "application/x-www-form-urlencoded");
  auto r =
      test::run_task(io, client.request("POST", bot.base_url() + path, headers, "command=%2Fcsi&text=help"));
  if (!r || !r->ok()) {
    ADD_FAILURE() << path << ": " << (r ? r->message : "deadline passed");
    return {};
  }
  return {r->status, std::string{r->headers.find("Content-Type").value_or("")},
          json::parse(r->body, nullptr, false)};
}

std::size_t lines_containing(const std::string& log, const std::string& part) {
  std::size_t n = 0;
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    if (line.find(part) != std::string::npos) ++n;
  }
  return n;
}

TEST(e2e_platform_routes, without_slack_or_mattermost_their_paths_say_what_config_would_enable_them) {
  bot_home home;  // the web chat only
  running_bot bot(home);
  for (const auto* path : {"/slack/events", "/slack/commands", "/slack/interactivity"}) {
    const auto r = post(bot, path);
    EXPECT_EQ(r.status, 404u) << path;
    EXPECT_TRUE(r.content_type.starts_with("application/json")) << path << ": " << r.content_type;
    EXPECT_EQ(
        r.body.value("error", ""),
        "Slack is not configured: add a [slack] section with mode = \"http\", bot_token and signing_secret")
        << path << ": " << r.body;
  }
  for (const auto* path : {"/mattermost/command", "/mattermost/actions"}) {
    const auto r = post(bot, path);
    EXPECT_EQ(r.status, 404u) << path;
    EXPECT_EQ(r.body.value("error", ""),
              "Mattermost is not configured: add a [mattermost] section with url, token and command_token")
        << path << ": " << r.body;
  }
  // A platform retrying at the wrong csibot: every call answered, the log warned once, not per call.
  EXPECT_EQ(post(bot, "/slack/events").status, 404u);
  EXPECT_EQ(post(bot, "/slack/events").status, 404u);
  ASSERT_TRUE(bot.stop()) << bot.log();
  EXPECT_EQ(lines_containing(bot.log(),
                             "warning http: POST /slack/events from 127.0.0.1 answered 404: Slack is "
                             "not configured"),
            1u)
      << bot.log();
  EXPECT_EQ(lines_containing(bot.log(), "warning http: POST /mattermost/actions from 127.0.0.1 answered 404"),
            1u)
      << bot.log();
}

TEST(e2e_platform_routes, slack_in_socket_mode_says_its_http_paths_need_http_mode) {
  testing::fake_slack fake;
  bot_home home{bot_section_toml() + slack_section_toml(fake.api_url()) + vpn_service_toml("slack:U0OWNER")};
  running_bot bot(home);
  ASSERT_TRUE(fake.wait_for_open_connections(1, child_deadline)) << bot.log();
  const auto r = post(bot, "/slack/commands");
  EXPECT_EQ(r.status, 404u);
  EXPECT_EQ(
      r.body.value("error", ""),
      "Slack HTTP mode is not configured: set [slack] mode = \"http\" (with signing_secret); csibot uses "
      "Socket Mode")
      << r.body;
  ASSERT_TRUE(bot.stop()) << bot.log();
  EXPECT_EQ(lines_containing(bot.log(),
                             "warning http: POST /slack/commands from 127.0.0.1 answered 404: Slack "
                             "HTTP mode is not configured"),
            1u)
      << bot.log();
}

}  // namespace
}  // namespace csibot::e2e
