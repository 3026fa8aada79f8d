#include "config/loader.hpp"
#include "config_test_support.hpp"

namespace csibot::config {
namespace {

using testing::has_error;
using testing::load;

TEST(config_env, references_are_expanded_in_strings_and_arrays) {
  const auto r =
      load(R"([slack]
app_token = "${SLACK_APP_TOKEN}"
bot_token = "xoxb-${TEAM}-${SUFFIX}"
[bot]
admins = ["slack:${ADMIN}"]
)",
           {{"SLACK_APP_TOKEN", "xapp-123"}, {"TEAM", "T1"}, {"SUFFIX", "abc"}, {"ADMIN", "U0ADMIN"}});
  ASSERT_TRUE(r.ok()) << testing::dump(r);
  EXPECT_EQ(r.settings->slack->app_token, "xapp-123");
  EXPECT_EQ(r.settings->slack->bot_token, "xoxb-T1-abc");
  EXPECT_EQ(r.settings->bot.admins, std::vector<std::string>{"slack:U0ADMIN"});
}

TEST(config_env, missing_variable_is_an_error_naming_variable_and_key) {
  const auto r = load("[slack]\napp_token = \"${SLACK_APP_TOKEN}\"\nbot_token = \"${SLACK_BOT_TOKEN}\"\n",
                      {{"SLACK_BOT_TOKEN", "xoxb-very-secret"}});
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(has_error(r, "slack.app_token", 2, "environment variable SLACK_APP_TOKEN is not set"));
  // The missing token is reported once, not again as "required in socket mode".
  EXPECT_EQ(testing::count(r, severity::error), 1u) << testing::dump(r);
  EXPECT_EQ(testing::dump(r).find("xoxb-very-secret"), std::string::npos);
}

TEST(config_env, dollar_dollar_brace_is_a_literal_and_a_lone_dollar_is_kept) {
  const auto r = load("[hooks]\nsecret = \"$${NOT_A_VAR}-$5-a$b\"\n");
  ASSERT_TRUE(r.ok()) << testing::dump(r);
  EXPECT_EQ(r.settings->hooks->secret, "${NOT_A_VAR}-$5-a$b");
}

TEST(config_env, malformed_references_are_errors) {
  auto r = load("[hooks]\nsecret = \"${UNCLOSED\"\n");
  EXPECT_TRUE(has_error(r, "hooks.secret", 2, "unterminated ${"));
  r = load("[hooks]\nsecret = \"${1BAD}\"\n");
  EXPECT_TRUE(has_error(r, "hooks.secret", 2, "not a valid environment variable reference"));
}

TEST(config_env, an_invalid_value_from_the_environment_is_shown_as_its_reference_only) {
  const auto r = load("[slack]\nmode = \"${MODE}\"\n", {{"MODE", "hunter2"}});
  EXPECT_TRUE(has_error(r, "slack.mode", 2, "unknown value '${MODE}'"));
  EXPECT_EQ(testing::dump(r).find("hunter2"), std::string::npos);
}

TEST(config_env, keys_outside_strings_are_not_expanded) {
  const auto r = load("[bot]\nmin_group = 3\ncommand = \"/csi\"\n", {{"X", "y"}});
  ASSERT_TRUE(r.ok()) << testing::dump(r);
  EXPECT_EQ(r.settings->bot.command, "/csi");
}

TEST(config_env, process_env_reads_the_real_environment) {
  EXPECT_FALSE(process_env("CSIBOT_TEST_SURELY_UNSET_VARIABLE_42"));
  EXPECT_TRUE(process_env("CSIBOT_SOURCE_DIR") || process_env("PATH"));
}

}  // namespace
}  // namespace csibot::config
