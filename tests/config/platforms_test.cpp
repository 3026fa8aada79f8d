#include "config/loader.hpp"
#include "config_test_support.hpp"

namespace csibot::config {
namespace {

using testing::has_error;
using testing::has_warning;
using testing::load;

TEST(config_platforms, local_is_on_when_no_other_platform_is_configured) {
  const auto r = load("");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.settings->local.enabled);
}

TEST(config_platforms, slack_alone_turns_local_off_and_local_table_turns_it_back_on) {
  const std::string slack = "[slack]\napp_token = \"xapp-1\"\nbot_token = \"xoxb-1\"\n";
  auto r = load(slack);
  ASSERT_TRUE(r.ok()) << testing::dump(r);
  ASSERT_TRUE(r.settings->slack);
  EXPECT_FALSE(r.settings->local.enabled);
  r = load(slack + "[local]\n");
  ASSERT_TRUE(r.ok()) << testing::dump(r);
  EXPECT_TRUE(r.settings->local.enabled);
}

TEST(config_platforms, slack_socket_mode_requires_app_and_bot_tokens) {
  const auto r = load("\n[slack]\nmode = \"socket\"\n");
  EXPECT_TRUE(has_error(r, "slack.app_token", 2, "missing (required in socket mode)"));
  EXPECT_TRUE(has_error(r, "slack.bot_token", 2, "missing (required in socket mode)"));
}

TEST(config_platforms, slack_http_mode_requires_bot_token_and_signing_secret_not_app_token) {
  auto r = load("[slack]\nmode = \"http\"\nbot_token = \"\"\n");
  EXPECT_TRUE(has_error(r, "slack.bot_token", 3, "is empty (required in http mode)"));
  EXPECT_TRUE(has_error(r, "slack.signing_secret", 1, "missing (required in http mode)"));
  EXPECT_EQ(testing::count(r, severity::error), 2u) << testing::dump(r);
  r = load("[slack]\nmode = \"http\"\nbot_token = \"xoxb-1\"\nsigning_secret = \"abc\"\n");
  ASSERT_TRUE(r.ok()) << testing::dump(r);
  EXPECT_EQ(r.settings->slack->mode, "http");
}

// A config written for both modes keeps both secrets as ${VAR}; only the one the mode needs must be
// exported.
TEST(config_platforms, the_secret_a_slack_mode_does_not_use_may_name_an_unset_variable) {
  const std::string both =
      "app_token = \"${APP}\"\nbot_token = \"xoxb-1\"\nsigning_secret = \"${SIGNING}\"\n";
  auto r = load("[slack]\n" + both, {{"APP", "xapp-1"}});
  ASSERT_TRUE(r.ok()) << testing::dump(r);
  EXPECT_TRUE(has_warning(r, "slack.signing_secret", 4, "not used in socket mode"));
  EXPECT_EQ(r.settings->slack->app_token, "xapp-1");

  r = load("[slack]\nmode = \"http\"\n" + both, {{"SIGNING", "s3cret"}});
  ASSERT_TRUE(r.ok()) << testing::dump(r);
  EXPECT_TRUE(has_warning(r, "slack.app_token", 3, "not used in http mode"));

  r = load("[slack]\n" + both, {{"SIGNING", "s3cret"}});  // the one socket mode needs is unset
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(has_error(r, "slack.app_token", 2, "APP")) << testing::dump(r);
}

TEST(config_platforms, unknown_slack_mode_is_an_error_and_skips_token_checks) {
  const auto r = load("[slack]\nmode = \"webhook\"\n");
  EXPECT_TRUE(has_error(r, "slack.mode", 2, "unknown value 'webhook' (expected socket or http)"));
  EXPECT_EQ(testing::count(r, severity::error), 1u) << testing::dump(r);
}

TEST(config_platforms, slack_socket_connections_default_to_one_and_stay_within_slacks_ten) {
  const std::string tokens = "app_token = \"xapp-1\"\nbot_token = \"xoxb-1\"\n";
  auto r = load("[slack]\n" + tokens);
  ASSERT_TRUE(r.ok()) << testing::dump(r);
  EXPECT_EQ(r.settings->slack->socket_connections, 1);

  r = load("[slack]\n" + tokens + "socket_connections = 2\n");
  ASSERT_TRUE(r.ok()) << testing::dump(r);
  EXPECT_EQ(r.settings->slack->socket_connections, 2);

  r = load("[slack]\n" + tokens + "socket_connections = 11\n");
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(has_error(r, "slack.socket_connections", 4, "11")) << testing::dump(r);
}

TEST(config_platforms, slack_api_url_gets_a_trailing_slash) {
  const auto r =
      load("[slack]\napp_token = \"a\"\nbot_token = \"b\"\napi_url = \"http://127.0.0.1:9000/api\"\n");
  ASSERT_TRUE(r.ok()) << testing::dump(r);
  EXPECT_EQ(r.settings->slack->api_url, "http://127.0.0.1:9000/api/");
}

TEST(config_platforms, mattermost_requires_url_and_token) {
  const auto r = load("[mattermost]\ncommand_token = \"c\"\n");
  EXPECT_TRUE(has_error(r, "mattermost.url", 1, "missing"));
  EXPECT_TRUE(has_error(r, "mattermost.token", 1, "missing"));
}

TEST(config_platforms, mattermost_without_a_command_token_loads_but_warns_that_slash_commands_fail) {
  const auto r = load("[mattermost]\nurl = \"https://chat.example.com\"\ntoken = \"t\"\n");
  ASSERT_TRUE(r.ok()) << testing::dump(r);
  EXPECT_TRUE(has_warning(r, "mattermost.command_token", 1, "will be refused (401)")) << testing::dump(r);
  const auto with_token =
      load("[mattermost]\nurl = \"https://chat.example.com\"\ntoken = \"t\"\ncommand_token = \"c\"\n");
  EXPECT_EQ(testing::count(with_token, severity::warning), 0u) << testing::dump(with_token);
}

TEST(config_platforms, mattermost_url_loses_its_trailing_slash) {
  const auto r = load("[mattermost]\nurl = \"https://chat.example.com/\"\ntoken = \"t\"\n");
  ASSERT_TRUE(r.ok()) << testing::dump(r);
  EXPECT_EQ(r.settings->mattermost->url, "https://chat.example.com");
  EXPECT_FALSE(r.settings->local.enabled);
}

TEST(config_platforms, plain_http_is_refused_for_a_non_loopback_host_csibot_calls) {
  const auto r = load(R"([bot]
public_url = "ftp://csibot.example.com"
[mattermost]
url = "http://chat.example.com"
token = "t"
[slack]
app_token = "a"
bot_token = "b"
api_url = "ftp://slack.com/api/"
)");
  EXPECT_TRUE(has_error(r, "bot.public_url", 2, "not a URL"));
  EXPECT_TRUE(has_error(r, "mattermost.url", 4, "only allowed for loopback"));
  EXPECT_TRUE(has_error(r, "slack.api_url", 9, "not a URL"));
}

TEST(config_platforms, a_plain_http_public_url_on_a_private_network_is_accepted_with_a_warning) {
  // Mattermost on the intranet calls csibot's buttons back at this address; csibot sends it no secret.
  const auto r = load("[bot]\npublic_url = \"http://10.0.0.5:8080\"\n");
  ASSERT_TRUE(r.ok()) << testing::dump(r);
  EXPECT_EQ(r.settings->bot.public_url, "http://10.0.0.5:8080");
  EXPECT_TRUE(has_warning(r, "bot.public_url", 2, "travel unencrypted")) << testing::dump(r);
  for (const char* quiet : {"https://csibot.example.com", "http://127.0.0.1:8080"}) {
    const auto ok = load(std::string{"[bot]\npublic_url = \""} + quiet + "\"\n");
    EXPECT_EQ(testing::count(ok, severity::warning), 0u) << quiet << "\n" << testing::dump(ok);
  }
}

// Without public_url, Mattermost is told http://{listen} for the slash command's replies and the
// buttons' callbacks: a wildcard address accepts calls on every address but is none to call. (A port 0
// is fine: csibot puts the port it bound in its place.)
TEST(config_platforms, mattermost_without_public_url_warns_when_listen_cannot_be_called) {
  const std::string mattermost =
      "[mattermost]\nurl = \"https://chat.example.com\"\ntoken = \"t\"\ncommand_token = \"c\"\n";
  for (const char* listen : {"0.0.0.0:8080", "[::]:8080", "[0:0::0]:8080", "0.0.0.0:0"}) {
    const auto r = load(std::string{"\n[bot]\nlisten = \""} + listen + "\"\n" + mattermost);
    ASSERT_TRUE(r.ok()) << listen << "\n" << testing::dump(r);
    EXPECT_TRUE(has_warning(r, "bot.public_url", 2, "set bot.public_url")) << listen << "\n"
                                                                           << testing::dump(r);
    EXPECT_EQ(testing::count(r, severity::warning), 1u) << testing::dump(r);
  }
  // A loopback listen is reachable from a Mattermost on the same host; a public_url, or no Mattermost
  // (the local chat's own page is served on every address), needs no warning.
  for (const std::string& quiet :
       {"[bot]\nlisten = \"127.0.0.1:8080\"\n" + mattermost, "[bot]\nlisten = \"[::1]:0\"\n" + mattermost,
        "[bot]\nlisten = \"10.0.0.5:8080\"\n" + mattermost,
        "[bot]\nlisten = \"0.0.0.0:8080\"\npublic_url = \"https://csibot.example.com\"\n" + mattermost,
        std::string{"[bot]\nlisten = \"0.0.0.0:8080\"\n"}}) {
    const auto r = load(quiet);
    EXPECT_EQ(testing::count(r, severity::warning), 0u) << quiet << "\n" << testing::dump(r);
  }
}

TEST(config_platforms, plain_http_is_accepted_for_loopback_hosts) {
  for (const char* url : {"http://127.0.0.1:8065", "http://localhost", "http://[::1]:8065/",
                          "http://127.1.2.3", "HTTPS://chat.example.com:443/mm"}) {
    const auto r = load(std::string{"[mattermost]\ntoken = \"t\"\nurl = \""} + url + "\"\n");
    EXPECT_TRUE(r.ok()) << url << "\n" << testing::dump(r);
  }
  for (const char* url :
       {"http://127.0.0.1.evil.com", "http://127.0.0.256", "https://", "https://host:0", "https://a b.com"}) {
    const auto r = load(std::string{"[mattermost]\ntoken = \"t\"\nurl = \""} + url + "\"\n");
    EXPECT_TRUE(has_error(r, "mattermost.url", 3, "")) << url;
  }
}

TEST(config_platforms, hooks_need_a_secret) {
  auto r = load("[hooks]\nticket_delay = \"2h\"\n");
  EXPECT_TRUE(has_error(r, "hooks.secret", 1, "missing"));
  r = load("[hooks]\nsecret = \"s3cret\"\nticket_delay = \"2h\"\nticket_sample = 0.25\n");
  ASSERT_TRUE(r.ok()) << testing::dump(r);
  EXPECT_EQ(r.settings->hooks->ticket_delay, std::chrono::hours{2});
  EXPECT_EQ(r.settings->hooks->ticket_sample, 0.25);
}

}  // namespace
}  // namespace csibot::config
