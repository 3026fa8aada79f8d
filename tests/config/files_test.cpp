#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <set>

#include "config/loader.hpp"
#include "config_test_support.hpp"

namespace csibot::config {
namespace {

namespace fs = std::filesystem;

fs::path source_dir() {
  const char* dir = std::getenv("CSIBOT_SOURCE_DIR");
  return dir ? fs::path{dir} : fs::path{CSIBOT_FALLBACK_SOURCE_DIR};
}

/// A fresh folder under the system temp dir, removed at the end of the test.
class temp_dir {
 public:
  temp_dir() : path_(fs::temp_directory_path() / ("csibot-config-test-" + std::to_string(::getpid()))) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~temp_dir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }
  fs::path write(const std::string& name, std::string_view text) const {
    std::ofstream(path_ / name, std::ios::binary) << text;
    return path_ / name;
  }

 private:
  fs::path path_;
};

TEST(config_files, example_file_loads_without_errors_or_warnings) {
  const auto env = testing::env_from({{"SLACK_APP_TOKEN", "xapp-1"},
                                      {"SLACK_BOT_TOKEN", "xoxb-1"},
                                      {"SLACK_SIGNING_SECRET", "s"},
                                      {"MATTERMOST_TOKEN", "m"},
                                      {"MATTERMOST_COMMAND_TOKEN", "c"},
                                      {"CSIBOT_HOOK_SECRET", "h"}});
  const auto r = load_file(source_dir() / "config/csibot.example.toml", env);
  ASSERT_TRUE(r.ok()) << testing::dump(r);
  EXPECT_TRUE(r.diagnostics.empty()) << testing::dump(r);
  EXPECT_TRUE(r.settings->slack);
  EXPECT_TRUE(r.settings->mattermost);
  EXPECT_TRUE(r.settings->hooks);
  EXPECT_FALSE(r.settings->services.empty());
  EXPECT_FALSE(r.settings->digests.empty());
  EXPECT_FALSE(r.settings->pulses.empty());
  EXPECT_FALSE(r.settings->synonyms.empty());
}

TEST(config_files, demo_file_loads_without_errors_or_warnings) {
  const auto r = load_file(source_dir() / "config/demo.toml", testing::env_from({}));
  ASSERT_TRUE(r.ok()) << testing::dump(r);
  EXPECT_TRUE(r.diagnostics.empty()) << testing::dump(r);
  EXPECT_EQ(r.settings->bot.database, (source_dir() / "var/csibot-demo.db").lexically_normal());
}

TEST(config_files, demo_settings_are_the_compiled_in_demo_file) {
  const auto demo = demo_settings();
  EXPECT_TRUE(demo.source.empty());
  EXPECT_TRUE(demo.local.enabled);
  EXPECT_FALSE(demo.slack);
  EXPECT_FALSE(demo.mattermost);
  ASSERT_EQ(demo.services.size(), 7u);
  EXPECT_EQ(demo.services[0].id, "vpn");
  EXPECT_EQ(demo.services[0].name, "Remote access VPN");
  EXPECT_EQ(demo.bot.database, fs::current_path() / "var" / "csibot-demo.db");
  const auto on_disk = load_file(source_dir() / "config/demo.toml", testing::env_from({}));
  ASSERT_TRUE(on_disk.ok());
  EXPECT_EQ(demo.services, on_disk.settings->services) << "rebuild to re-embed config/demo.toml";
}

TEST(config_files, demo_catalog_uses_every_scale_but_thumbs_and_every_anonymity) {
  std::set<core::scale> scales;
  std::set<core::anonymity> anonymities;
  for (const auto& s : demo_settings().services) {
    scales.insert(s.scale);
    anonymities.insert(s.anonymity);
    EXPECT_FALSE(s.purpose.empty()) << s.id;
    EXPECT_FALSE(s.owners.empty()) << s.id;
    EXPECT_FALSE(s.customers.empty()) << s.id;
    EXPECT_TRUE(s.target) << s.id;
  }
  EXPECT_EQ(scales, (std::set{core::scale::csat5, core::scale::nps10, core::scale::ces7}));
  EXPECT_EQ(anonymities.size(), 3u);
}

TEST(config_files, load_file_reads_a_file_and_resolves_its_database_next_to_it) {
  temp_dir dir;
  const auto file = dir.write("csibot.toml", "[bot]\ndatabase = \"data/csibot.db\"\n");
  const auto r = load_file(file, testing::env_from({}));
  ASSERT_TRUE(r.ok()) << testing::dump(r);
  EXPECT_EQ(r.settings->source, file);
  EXPECT_EQ(r.settings->bot.database, dir.path() / "data/csibot.db");
}

TEST(config_files, unreadable_file_is_one_error) {
  temp_dir dir;
  for (const auto& path : {dir.path() / "missing.toml", dir.path()}) {
    const auto r = load_file(path, testing::env_from({}));
    EXPECT_FALSE(r.ok());
    ASSERT_EQ(r.diagnostics.size(), 1u) << path;
    EXPECT_EQ(r.diagnostics[0].line, 0);
  }
}

TEST(config_files, choose_config_file_prefers_flag_then_env_then_local_file) {
  temp_dir dir;
  const auto with_env = testing::env_from({{"CSIBOT_CONFIG", "/etc/csibot/prod.toml"}});
  const auto no_env = testing::env_from({});
  EXPECT_EQ(choose_config_file(fs::path{"given.toml"}, with_env), fs::path{"given.toml"});
  EXPECT_EQ(choose_config_file(std::nullopt, with_env), fs::path{"/etc/csibot/prod.toml"});

  const auto previous = fs::current_path();
  fs::current_path(dir.path());
  EXPECT_EQ(choose_config_file(std::nullopt, no_env), std::nullopt);
  dir.write("csibot.toml", "");
  EXPECT_EQ(choose_config_file(std::nullopt, no_env), fs::path{"csibot.toml"});
  EXPECT_EQ(choose_config_file(std::nullopt, testing::env_from({{"CSIBOT_CONFIG", ""}})),
            fs::path{"csibot.toml"});
  fs::current_path(previous);
}

}  // namespace
}  // namespace csibot::config
