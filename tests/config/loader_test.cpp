#include "config/loader.hpp"

#include "config_test_support.hpp"

namespace csibot::config {
namespace {

using testing::has_error;
using testing::has_warning;
using testing::load;

TEST(config_loader, empty_file_gives_every_default) {
  const auto r = load("");
  ASSERT_TRUE(r.ok()) << testing::dump(r);
  EXPECT_TRUE(r.diagnostics.empty());
  const auto& s = *r.settings;
  EXPECT_EQ(s.bot.command, "/csi");
  EXPECT_EQ(s.bot.timezone, "UTC");
  EXPECT_EQ(s.bot.listen, "127.0.0.1:8080");
  EXPECT_EQ(s.bot.conversation_timeout, std::chrono::hours{24});
  EXPECT_EQ(s.bot.language, "en");
  EXPECT_EQ(s.bot.log_level, "info");
  EXPECT_EQ(s.bot.log_format, "text");
  EXPECT_EQ(s.bot.min_group, 5);
  EXPECT_EQ(s.bot.retention_days, 0);
  EXPECT_EQ(s.policy.cooldown, std::chrono::days{30});
  EXPECT_EQ(s.policy.weekly_budget, 2);
  EXPECT_EQ(s.policy.quiet_hours, "18:00-08:00");
  EXPECT_TRUE(s.policy.skip_weekends);
  EXPECT_FALSE(s.slack);
  EXPECT_FALSE(s.mattermost);
  EXPECT_FALSE(s.hooks);
  EXPECT_TRUE(s.services.empty());
  EXPECT_EQ(s.source, "/etc/csibot/csibot.toml");
}

TEST(config_loader, public_url_defaults_to_http_and_listen) {
  const auto r = load("[bot]\nlisten = \"127.0.0.1:9090\"\n");
  ASSERT_TRUE(r.ok()) << testing::dump(r);
  EXPECT_EQ(r.settings->bot.public_url, "http://127.0.0.1:9090");
}

TEST(config_loader, explicit_public_url_is_kept) {
  const auto r = load("[bot]\npublic_url = \"https://csibot.example.com\"\n");
  ASSERT_TRUE(r.ok()) << testing::dump(r);
  EXPECT_EQ(r.settings->bot.public_url, "https://csibot.example.com");
}

TEST(config_loader, relative_database_resolves_against_the_config_folder) {
  const auto r = load("[bot]\ndatabase = \"data/../var/bot.db\"\n");
  ASSERT_TRUE(r.ok()) << testing::dump(r);
  EXPECT_EQ(r.settings->bot.database, "/etc/csibot/var/bot.db");
}

TEST(config_loader, default_database_is_var_next_to_the_config_file) {
  const auto r = load("");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.settings->bot.database, "/etc/csibot/var/csibot.db");
}

TEST(config_loader, absolute_and_in_memory_databases_are_kept) {
  auto r = load("[bot]\ndatabase = \"/srv/csibot/csibot.db\"\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.settings->bot.database, "/srv/csibot/csibot.db");
  r = load("[bot]\ndatabase = \":memory:\"\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.settings->bot.database, ":memory:");
}

TEST(config_loader, bot_keys_are_read) {
  const auto r = load(R"(
[bot]
command = "/feedback"
timezone = "Europe/Berlin"
admins = ["slack:U0ADMIN", "local:root"]
conversation_timeout = "2h"
log_level = "debug"
log_format = "json"
min_group = 3
retention_days = 365
)");
  ASSERT_TRUE(r.ok()) << testing::dump(r);
  const auto& bot = r.settings->bot;
  EXPECT_EQ(bot.command, "/feedback");
  EXPECT_EQ(bot.timezone, "Europe/Berlin");
  EXPECT_EQ(bot.admins, (std::vector<std::string>{"slack:U0ADMIN", "local:root"}));
  EXPECT_EQ(bot.conversation_timeout, std::chrono::hours{2});
  EXPECT_EQ(bot.log_level, "debug");
  EXPECT_EQ(bot.log_format, "json");
  EXPECT_EQ(bot.min_group, 3);
  EXPECT_EQ(bot.retention_days, 365);
}

TEST(config_loader, service_keys_are_read_with_defaults_for_the_rest) {
  const auto r = load(R"(
[[service]]
id = "vpn"
name = "Remote access VPN"
criticality = "critical"
scale = "nps10"
anonymity = "pseudonymous"
target = 85
owners = ["slack:U0OWNER"]
tags = ["network"]

[[service]]
id = "wiki"
)");
  ASSERT_TRUE(r.ok()) << testing::dump(r);
  ASSERT_EQ(r.settings->services.size(), 2u);
  const auto& vpn = r.settings->services[0];
  EXPECT_EQ(vpn.name, "Remote access VPN");
  EXPECT_EQ(vpn.criticality, core::criticality::critical);
  EXPECT_EQ(vpn.scale, core::scale::nps10);
  EXPECT_EQ(vpn.anonymity, core::anonymity::pseudonymous);
  EXPECT_EQ(vpn.target, 85.0);
  EXPECT_EQ(vpn.owners, std::vector<std::string>{"slack:U0OWNER"});
  const auto& wiki = r.settings->services[1];
  EXPECT_EQ(wiki.name, "wiki");
  EXPECT_EQ(wiki.criticality, core::criticality::medium);
  EXPECT_EQ(wiki.scale, core::scale::csat5);
  EXPECT_EQ(wiki.anonymity, core::anonymity::identified);
  EXPECT_FALSE(wiki.target);
}

TEST(config_loader, digest_and_pulse_defaults) {
  const auto r = load(R"(
[[service]]
id = "vpn"
customers = ["local:general"]

[[digest]]
channel = "local:digests"

[[pulse]]
service = "vpn"
schedule = "0 10 * * TUE"
)");
  ASSERT_TRUE(r.ok()) << testing::dump(r);
  ASSERT_EQ(r.settings->digests.size(), 1u);
  EXPECT_EQ(r.settings->digests[0].services, std::vector<std::string>{"*"});
  EXPECT_EQ(r.settings->digests[0].schedule, "0 9 * * MON");
  EXPECT_EQ(r.settings->digests[0].period, "7d");
  ASSERT_EQ(r.settings->pulses.size(), 1u);
  EXPECT_EQ(r.settings->pulses[0].sample, 1.0);
  EXPECT_TRUE(r.settings->pulses[0].audience.empty());
}

TEST(config_loader, theme_synonyms_are_read) {
  const auto r = load("[themes]\nsynonyms = { slow = [\"sluggish\", \"lag\"], crash = [\"freeze\"] }\n");
  ASSERT_TRUE(r.ok()) << testing::dump(r);
  ASSERT_EQ(r.settings->synonyms.size(), 2u);
  EXPECT_EQ(r.settings->synonyms[0].first, "crash");
  EXPECT_EQ(r.settings->synonyms[1].first, "slow");
  EXPECT_EQ(r.settings->synonyms[1].second, (std::vector<std::string>{"sluggish", "lag"}));
}

TEST(config_loader, criticality_weights_default_to_1_2_3_5_and_can_be_set) {
  const auto defaults = load("");
  ASSERT_TRUE(defaults.ok()) << testing::dump(defaults);
  EXPECT_EQ(defaults.settings->criticality_weights.of(core::criticality::critical), 5);
  const auto r = load("[criticality]\nlow = 0\nhigh = 4.5\ncritical = 10\n");
  ASSERT_TRUE(r.ok()) << testing::dump(r);
  const auto& w = r.settings->criticality_weights;
  EXPECT_EQ(w.of(core::criticality::low), 0);
  EXPECT_EQ(w.of(core::criticality::medium), 2) << "a level left out keeps its default";
  EXPECT_EQ(w.of(core::criticality::high), 4.5);
  EXPECT_EQ(w.of(core::criticality::critical), 10);
}

TEST(config_loader, syntax_error_is_one_error_with_its_line) {
  const auto r = load("[bot]\ncommand = \"/csi\"\nlisten = \"127.0.0.1:8080\n");
  EXPECT_FALSE(r.ok());
  ASSERT_EQ(r.diagnostics.size(), 1u) << testing::dump(r);
  EXPECT_EQ(r.diagnostics[0].severity, severity::error);
  EXPECT_EQ(r.diagnostics[0].line, 3);
  EXPECT_NE(r.diagnostics[0].message.find("TOML syntax"), std::string::npos);
}

TEST(config_loader, unknown_key_is_a_warning_and_still_ok) {
  const auto r = load("[bot]\ncomand = \"/csi\"\n\n[extra]\nx = 1\n");
  ASSERT_TRUE(r.ok()) << testing::dump(r);
  EXPECT_TRUE(has_warning(r, "bot.comand", 2, "did you mean 'command'?"));
  EXPECT_TRUE(has_warning(r, "extra", 4, "unknown key"));
  EXPECT_EQ(testing::count(r, severity::error), 0u);
}

TEST(config_loader, bot_language_takes_a_shipped_language_or_a_locale_of_one_without_a_warning) {
  for (const auto& [value, language] : std::initializer_list<std::pair<const char*, const char*>>{
           {"de", "de"}, {"de-DE", "de"}, {"de_AT", "de"}, {"DE", "de"}, {"en", "en"}, {"en-US", "en"}}) {
    const auto r = load(std::string{"[bot]\nlanguage = \""} + value + "\"\n");
    ASSERT_TRUE(r.ok()) << testing::dump(r);
    EXPECT_TRUE(r.diagnostics.empty()) << value << ": " << testing::dump(r);
    EXPECT_EQ(r.settings->bot.language, language) << value;
  }
}

TEST(config_loader, bot_language_without_a_catalog_warns_and_uses_english) {
  for (const char* value : {"fr", "fr-FR", "deu", "xx"}) {
    const auto r = load(std::string{"[bot]\nlanguage = \""} + value + "\"\n");
    ASSERT_TRUE(r.ok()) << testing::dump(r);
    EXPECT_TRUE(has_warning(r, "bot.language", 2, "no message catalog for")) << value;
    EXPECT_EQ(testing::count(r, severity::warning), 1u) << value;
    EXPECT_EQ(r.settings->bot.language, "en") << value;
  }
}

TEST(config_loader, a_file_with_several_errors_reports_all_of_them_in_line_order) {
  const auto r = load(R"(
[bot]
timezone = "Mars/Olympus"
listen = "8080"

[[service]]
id = "vpn"
criticality = "hgih"
target = 120

[[digest]]
channel = "slack"
schedule = "0 25 * * *"
)");
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(testing::count(r, severity::error), 6u) << testing::dump(r);
  EXPECT_TRUE(has_error(r, "bot.timezone", 3, "Mars/Olympus"));
  EXPECT_TRUE(has_error(r, "bot.listen", 4, "host:port"));
  EXPECT_TRUE(has_error(r, "service[0].criticality", 8, "hgih"));
  EXPECT_TRUE(has_error(r, "service[0].target", 9, "at most 100"));
  EXPECT_TRUE(has_error(r, "digest[0].channel", 12, "platform:id"));
  EXPECT_TRUE(has_error(r, "digest[0].schedule", 13, "hour"));
  for (std::size_t i = 1; i < r.diagnostics.size(); ++i) {
    EXPECT_LE(r.diagnostics[i - 1].line, r.diagnostics[i].line);
  }
}

TEST(config_loader, diagnostic_formats_file_line_severity_key_and_message) {
  const diagnostic error{severity::error, "service[2].criticality", 12,
                         "unknown value 'hgih' (expected low, medium, high or critical)"};
  EXPECT_EQ(
      error.str("csibot.toml"),
      "csibot.toml:12: error: service[2].criticality: unknown value 'hgih' (expected low, medium, high or "
      "critical)");
  const diagnostic warning{severity::warning, "", 0, "cannot read"};
  EXPECT_EQ(warning.str("x.toml"), "x.toml: warning: cannot read");
}

TEST(config_loader, criticality_error_message_matches_the_documented_form) {
  const auto r = load("[[service]]\nid = \"vpn\"\ncriticality = \"hgih\"\n");
  ASSERT_EQ(r.diagnostics.size(), 1u) << testing::dump(r);
  EXPECT_EQ(
      r.diagnostics[0].str("csibot.toml"),
      "csibot.toml:3: error: service[0].criticality: unknown value 'hgih' (expected low, medium, high or "
      "critical)");
}

}  // namespace
}  // namespace csibot::config
