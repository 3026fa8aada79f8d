#include "config/loader.hpp"
#include "config_test_support.hpp"

namespace csibot::config {
namespace {

using testing::has_error;
using testing::has_warning;
using testing::load;

TEST(config_validation, unknown_criticality_is_an_error_with_its_line) {
  const auto r = load("\n[[service]]\nid = \"vpn\"\ncriticality = \"hgih\"\n");
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(has_error(r, "service[0].criticality", 4,
                        "unknown value 'hgih' (expected low, medium, high or critical)"));
}

TEST(config_validation, criticality_weights_must_be_in_range_and_grow_with_criticality) {
  const auto r = load("[criticality]\nlow = -1\nmedium = 2\nhigh = 1.5\ncritical = 2000\nurgent = 9\n");
  EXPECT_TRUE(has_error(r, "criticality.low", 2, "must be a number from 0 to 1000"));
  EXPECT_TRUE(has_error(r, "criticality.high", 4, "must not be less than criticality.medium (2)"));
  EXPECT_TRUE(has_error(r, "criticality.critical", 5, "must be a number from 0 to 1000"));
  EXPECT_TRUE(testing::has_warning(r, "criticality.urgent", 6, "unknown key"));
  EXPECT_TRUE(has_error(load("[criticality]\nhigh = \"3\"\n"), "criticality.high", 2, "expected a number"));
}

// A weight rejected for its range is not also compared with the next level: that second message
// would blame a correct value ("high must not be less than criticality.medium (2000)").
TEST(config_validation, a_rejected_criticality_weight_gives_one_message) {
  for (const char* bad : {"2000", "1000.5", "-5", "nan", "inf", "\"x\""}) {
    const auto r =
        load(std::string{"[criticality]\nlow = 3\nmedium = "} + bad + "\nhigh = 3\ncritical = 5\n");
    EXPECT_FALSE(r.ok()) << bad;
    EXPECT_TRUE(has_error(r, "criticality.medium", 3, "")) << testing::dump(r);
    EXPECT_EQ(r.diagnostics.size(), 1U) << testing::dump(r);
  }
  // The next level is still checked against the last accepted one.
  const auto r = load("[criticality]\nlow = 2\nmedium = 2000\nhigh = 1\n");
  EXPECT_TRUE(has_error(r, "criticality.high", 4, "must not be less than criticality.low (2)"))
      << testing::dump(r);
  EXPECT_EQ(r.diagnostics.size(), 2U) << testing::dump(r);
}

TEST(config_validation, unknown_scale_and_anonymity_are_errors) {
  const auto r = load("[[service]]\nid = \"vpn\"\nscale = \"stars\"\nanonymity = \"secret\"\n");
  EXPECT_TRUE(has_error(r, "service[0].scale", 3, "expected csat5, nps10, ces7 or thumbs"));
  EXPECT_TRUE(has_error(r, "service[0].anonymity", 4, "expected identified, pseudonymous or anonymous"));
}

TEST(config_validation, bad_log_level_and_format_are_errors) {
  const auto r = load("[bot]\nlog_level = \"verbose\"\nlog_format = \"xml\"\n");
  EXPECT_TRUE(has_error(r, "bot.log_level", 2, "expected trace, debug, info, warn or error"));
  EXPECT_TRUE(has_error(r, "bot.log_format", 3, "expected text or json"));
}

TEST(config_validation, wrong_types_are_errors_naming_both_types) {
  const auto r = load(R"([bot]
min_group = "five"
command = 5
admins = "slack:U1"
[policy]
skip_weekends = "yes"
[[service]]
id = "vpn"
owners = ["slack:U1", 7]
target = "85%"
)");
  EXPECT_TRUE(has_error(r, "bot.min_group", 2, "expected an integer, found a string"));
  EXPECT_TRUE(has_error(r, "bot.command", 3, "expected a string, found an integer"));
  EXPECT_TRUE(has_error(r, "bot.admins", 4, "expected an array of strings, found a string"));
  EXPECT_TRUE(has_error(r, "policy.skip_weekends", 6, "expected a boolean"));
  EXPECT_TRUE(has_error(r, "service[0].owners[1]", 9, "expected a string, found an integer"));
  EXPECT_TRUE(has_error(r, "service[0].target", 10, "expected a number, found a string"));
}

TEST(config_validation, service_written_as_a_single_table_is_an_error) {
  const auto r = load("[service]\nid = \"vpn\"\n");
  EXPECT_TRUE(has_error(r, "service", 1, "[[service]]"));
}

TEST(config_validation, duplicate_service_id_names_the_first_line) {
  const auto r = load("[[service]]\nid = \"vpn\"\n\n[[service]]\nid = \"vpn\"\n");
  EXPECT_TRUE(has_error(r, "service[1].id", 5, "duplicate service id 'vpn' (first declared on line 2)"));
}

TEST(config_validation, invalid_and_missing_service_ids_are_errors) {
  const auto r = load("[[service]]\nid = \"Remote VPN\"\n\n[[service]]\nname = \"Mail\"\n");
  EXPECT_TRUE(has_error(r, "service[0].id", 2, "not a valid service id: 'Remote VPN'"));
  EXPECT_TRUE(has_error(r, "service[1].id", 4, "missing"));
}

TEST(config_validation, unknown_service_in_digest_and_pulse_is_an_error) {
  const auto r = load(R"([[service]]
id = "vpn"
[[digest]]
channel = "local:d"
services = ["vpn", "vpm", "*"]
[[pulse]]
service = "mail"
schedule = "0 10 * * TUE"
)");
  EXPECT_TRUE(has_error(r, "digest[0].services[1]", 5, "unknown service 'vpm'"));
  EXPECT_TRUE(has_error(r, "digest[0].services[1]", 5, "did you mean 'vpn'?"));
  EXPECT_TRUE(has_error(r, "pulse[0].service", 7, "unknown service 'mail'"));
  EXPECT_EQ(testing::count(r, severity::error), 2u) << testing::dump(r);
}

TEST(config_validation, bad_references_are_errors_with_the_element_index) {
  const auto r = load(R"([bot]
admins = ["slack:U1", "U2"]
[[service]]
id = "vpn"
customers = ["irc:#vpn"]
digest_channel = "slack:"
[[pulse]]
service = "vpn"
schedule = "0 10 * * TUE"
audience = ["local:has space"]
)");
  EXPECT_TRUE(has_error(r, "bot.admins[1]", 2, "not a platform:id reference: 'U2'"));
  EXPECT_TRUE(has_error(r, "service[0].customers[0]", 5, "'irc:#vpn'"));
  EXPECT_TRUE(has_error(r, "service[0].digest_channel", 6, "'slack:'"));
  EXPECT_TRUE(has_error(r, "pulse[0].audience[0]", 10, "'local:has space'"));
}

TEST(config_validation, bad_cron_in_digest_and_pulse_is_an_error) {
  const auto r = load(R"([[service]]
id = "vpn"
[[digest]]
channel = "local:d"
schedule = "0 9 * * MONDAY"
[[pulse]]
service = "vpn"
schedule = "every tuesday"
)");
  EXPECT_TRUE(has_error(r, "digest[0].schedule", 5, "day of week field"));
  EXPECT_TRUE(has_error(r, "pulse[0].schedule", 8, "expected 5 fields"));
}

TEST(config_validation, a_digest_or_pulse_schedule_that_never_fires_is_an_error) {
  const auto r = load(R"([[service]]
id = "vpn"
[[digest]]
channel = "local:d"
schedule = "0 9 30 2 *"
[[pulse]]
service = "vpn"
schedule = "0 0 31 4 *"
)");
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(has_error(r, "digest[0].schedule", 5, "'0 9 30 2 *': it never fires")) << testing::dump(r);
  EXPECT_TRUE(has_error(r, "pulse[0].schedule", 8, "never fires")) << testing::dump(r);
}

TEST(config_validation, missing_digest_channel_and_pulse_schedule_are_errors) {
  const auto r =
      load("[[service]]\nid = \"vpn\"\n[[digest]]\nperiod = \"7d\"\n[[pulse]]\nservice = \"vpn\"\n");
  EXPECT_TRUE(has_error(r, "digest[0].channel", 3, "missing"));
  EXPECT_TRUE(has_error(r, "pulse[0].schedule", 5, "missing"));
}

TEST(config_validation, bad_time_zones_are_errors) {
  const auto r =
      load("[bot]\ntimezone = \"Europe/Berln\"\n[[digest]]\nchannel = \"local:d\"\ntimezone = \"CEST+1\"\n");
  EXPECT_TRUE(has_error(r, "bot.timezone", 2, "unknown time zone 'Europe/Berln'"));
  EXPECT_TRUE(has_error(r, "digest[0].timezone", 5, "unknown time zone"));
}

TEST(config_validation, bad_durations_are_errors) {
  const auto r = load(R"([bot]
conversation_timeout = "1 day"
[policy]
cooldown = "-3d"
[hooks]
secret = "s"
ticket_delay = "soon"
[[digest]]
channel = "local:d"
period = "last week"
)");
  EXPECT_TRUE(has_error(r, "bot.conversation_timeout", 2, "not a duration: '1 day'"));
  EXPECT_TRUE(has_error(r, "policy.cooldown", 4, "not a duration"));
  EXPECT_TRUE(has_error(r, "hooks.ticket_delay", 7, "not a duration"));
  EXPECT_TRUE(has_error(r, "digest[0].period", 10, "not a rolling period"));
}

// A timeout near the limit of 64-bit milliseconds overflowed now + timeout into the past, so every
// conversation counted as expired the moment it began.
TEST(config_validation, a_duration_longer_than_ten_years_is_an_error) {
  const auto r = load(R"([bot]
conversation_timeout = "106751991167d"
)");
  EXPECT_TRUE(has_error(r, "bot.conversation_timeout", 2, "must be at most 3650d (ten years)"));
  EXPECT_TRUE(load("[bot]\nconversation_timeout = \"3650d\"\n").ok());
}

TEST(config_validation, zero_conversation_timeout_is_an_error_but_zero_cooldown_is_fine) {
  const auto r = load("[bot]\nconversation_timeout = \"0s\"\n[policy]\ncooldown = \"0s\"\n");
  EXPECT_TRUE(has_error(r, "bot.conversation_timeout", 2, "longer than zero"));
  EXPECT_EQ(testing::count(r, severity::error), 1u) << testing::dump(r);
}

TEST(config_validation, listen_must_be_host_and_port) {
  // The server binds an address: a name it would have to resolve fails here, not at start (exit 2).
  for (const char* bad : {"8080", "localhost", "127.0.0.1:", "127.0.0.1:70000", ":8080", "::1:8080",
                          "256.1.1.1:80", "csibot.internal:8443", "[fe80::zz]:80", "LocalHost:80"}) {
    const auto r = load(std::string{"[bot]\nlisten = \""} + bad + "\"\n");
    EXPECT_TRUE(has_error(r, "bot.listen", 2, "not host:port")) << bad;
  }
  for (const char* good : {"0.0.0.0:80", "[::1]:8080", "localhost:0", "[::]:0"}) {
    EXPECT_TRUE(load(std::string{"[bot]\nlisten = \""} + good + "\"\n").ok()) << good;
  }
}

TEST(config_validation, sample_and_target_ranges_are_checked) {
  const auto r = load(R"([[service]]
id = "vpn"
target = 0
[[pulse]]
service = "vpn"
schedule = "0 10 * * TUE"
audience = ["local:general"]
sample = 1.5
[hooks]
secret = "s"
ticket_sample = -0.1
)");
  EXPECT_TRUE(has_error(r, "service[0].target", 3, "above 0"));
  EXPECT_TRUE(has_error(r, "pulse[0].sample", 8, "between 0 and 1"));
  EXPECT_TRUE(has_error(r, "hooks.ticket_sample", 11, "between 0 and 1"));
  EXPECT_TRUE(load("[[service]]\nid = \"vpn\"\ntarget = 100\n").ok());
}

TEST(config_validation, an_nps_target_may_be_zero_or_negative_but_not_beyond_100) {
  EXPECT_TRUE(load("[[service]]\nid = \"vpn\"\nscale = \"nps10\"\ntarget = 0\n").ok());
  EXPECT_TRUE(load("[[service]]\nid = \"vpn\"\nscale = \"nps10\"\ntarget = -20\n").ok());
  const auto r = load("[[service]]\nid = \"vpn\"\nscale = \"nps10\"\ntarget = -101\n");
  EXPECT_TRUE(has_error(r, "service[0].target", 4, "between -100 and 100 (an NPS score)"));
}

TEST(config_validation, integer_ranges_are_checked) {
  const auto r = load("[bot]\nmin_group = 0\nretention_days = -1\n[policy]\nweekly_budget = 5000\n");
  EXPECT_TRUE(has_error(r, "bot.min_group", 2, "must be between 1 and 1000, not 0"));
  EXPECT_TRUE(has_error(r, "bot.retention_days", 3, "must be at least 0, not -1"));
  EXPECT_TRUE(has_error(r, "policy.weekly_budget", 5, "not 5000"));
}

// The largest integer TOML has is still one clear message, saying the bound it passes.
TEST(config_validation, a_huge_retention_days_says_how_large_it_may_be) {
  for (const char* huge : {"9223372036854775807", "2147483648"}) {
    const auto r = load(std::string{"[bot]\nretention_days = "} + huge + "\n");
    EXPECT_FALSE(r.ok()) << huge;
    EXPECT_TRUE(has_error(r, "bot.retention_days", 2, std::string{"must be at most "})) << testing::dump(r);
    EXPECT_TRUE(has_error(r, "bot.retention_days", 2, std::string{"not "} + huge)) << testing::dump(r);
    EXPECT_EQ(r.diagnostics.size(), 1U) << testing::dump(r);
  }
}

TEST(config_validation, retention_must_outlast_the_conversation_timeout) {
  const auto r = load("[bot]\nconversation_timeout = \"48h\"\nretention_days = 2\n");
  EXPECT_TRUE(has_error(r, "bot.retention_days", 3, "longer than bot.conversation_timeout"));
  EXPECT_TRUE(load("[bot]\nconversation_timeout = \"48h\"\nretention_days = 3\n").ok());
  EXPECT_TRUE(load("[bot]\nconversation_timeout = \"48h\"\nretention_days = 0\n").ok());  // for ever
}

TEST(config_validation, quiet_hours_and_command_shapes_are_checked) {
  const auto r = load("[bot]\ncommand = \"csi\"\n[policy]\nquiet_hours = \"6pm-8am\"\n");
  EXPECT_TRUE(has_error(r, "bot.command", 2, "not a slash command"));
  EXPECT_TRUE(has_error(r, "policy.quiet_hours", 4, "HH:MM-HH:MM"));
  EXPECT_TRUE(load("[policy]\nquiet_hours = \"\"\n").ok());
}

TEST(config_validation, pulse_without_audience_for_a_service_without_customers_warns) {
  const auto r =
      load("[[service]]\nid = \"vpn\"\n[[pulse]]\nservice = \"vpn\"\nschedule = \"0 10 * * TUE\"\n");
  ASSERT_TRUE(r.ok()) << testing::dump(r);
  EXPECT_TRUE(has_warning(r, "pulse[0].audience", 3, "nobody will be asked"));
}

TEST(config_validation, unknown_service_key_suggests_the_right_one) {
  const auto r = load("[[service]]\nid = \"vpn\"\nowner = [\"slack:U1\"]\n");
  ASSERT_TRUE(r.ok()) << testing::dump(r);
  EXPECT_TRUE(has_warning(r, "service[0].owner", 3, "did you mean 'owners'?"));
}

}  // namespace
}  // namespace csibot::config
