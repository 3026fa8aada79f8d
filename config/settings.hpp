#pragma once
/// Everything csibot reads from its TOML config (SPEC §11), with the defaults of SPEC §10–12.
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/service.hpp"

namespace csibot::config {

struct bot_settings {
  std::string command = "/csi";
  std::filesystem::path database = "var/csibot.db";  ///< made absolute against the config file's folder;
                                                     ///< ":memory:" is kept as it is
  std::string timezone = "UTC";                      ///< IANA name, validated at load
  std::string listen = "127.0.0.1:8080";
  std::string public_url;           ///< default "http://" + listen
  std::vector<std::string> admins;  ///< "platform:user"
  std::chrono::milliseconds conversation_timeout = std::chrono::hours{24};
  std::string language = "en";      ///< bot-wide default language
  std::string log_level = "info";   ///< trace|debug|info|warn|error
  std::string log_format = "text";  ///< text|json
  int min_group = 5;                ///< smallest group shown for pseudonymous/anonymous services
  int retention_days = 0;           ///< 0 = keep comments for ever
};

struct slack_settings {
  std::string mode = "socket";  ///< socket | http
  std::string app_token;
  std::string bot_token;
  std::string signing_secret;
  std::string api_url = "https://slack.com/api/";  ///< always ends with '/' (method names are appended)
  /// Socket Mode WebSockets open at once, 1…10 (Slack's limit): with more than one, Slack spreads the
  /// envelopes over them and a dropped socket loses nothing while it reconnects.
  int socket_connections = 1;
};

struct mattermost_settings {
  std::string url;  ///< never ends with '/' ("{url}/api/v4")
  std::string token;
  std::string command_token;
};

struct local_settings {
  bool enabled = false;  ///< true when [local] is present or no other platform is configured
};

struct digest_settings {
  std::string channel;                     ///< "platform:channel"
  std::vector<std::string> services{"*"};  ///< service ids or "*"
  std::string schedule = "0 9 * * MON";    ///< 5-field cron in bot.timezone
  std::string period = "7d";               ///< rolling length (core::parse_duration)
  std::string timezone;                    ///< IANA name for the schedule; empty = bot.timezone
};

struct policy_settings {
  std::chrono::milliseconds cooldown = std::chrono::days{30};
  int weekly_budget = 2;
  std::string quiet_hours = "18:00-08:00";  ///< "HH:MM-HH:MM", may wrap midnight; "" = none
  bool skip_weekends = true;
  /// One reminder this long after an unanswered prompt went out; 0 = no reminders.
  std::chrono::milliseconds reminder_after = std::chrono::days{3};
};

struct pulse_settings {
  std::string service;
  std::string schedule;
  std::vector<std::string> audience;  ///< "platform:id"; empty = the service's customers
  double sample = 1.0;
  /// A run's prompts are spread over this much time from its start (cut short where quiet hours
  /// begin in bot.timezone), rather than all sent at once; 0 = all due at the start.
  std::chrono::milliseconds spread = std::chrono::hours{2};
};

struct hooks_settings {
  std::string secret;
  std::chrono::milliseconds ticket_delay = std::chrono::hours{1};
  double ticket_sample = 1.0;
};

/// The whole configuration after ${ENV} expansion and validation.
struct settings {
  std::filesystem::path source;  ///< the file it came from; empty for the built-in demo
  bot_settings bot;
  std::optional<slack_settings> slack;
  std::optional<mattermost_settings> mattermost;
  local_settings local;
  std::vector<core::service> services;
  std::vector<digest_settings> digests;
  policy_settings policy;
  std::vector<pulse_settings> pulses;
  std::optional<hooks_settings> hooks;
  /// `[criticality]`: each criticality's weight in the priority (SPEC §5), 1/2/3/5 by default.
  core::criticality_weights criticality_weights;
  /// Theme synonyms: canonical word → words that mean the same ("slow" → {"sluggish", "lag"}), from
  /// `[themes] synonyms = { slow = ["sluggish", "lag"] }`; ordered by canonical word.
  std::vector<std::pair<std::string, std::vector<std::string>>> synonyms;

  /// Whether this bot runs `platform` ("local", "slack", "mattermost"): only then can it send to
  /// somebody there.
  bool serves(std::string_view platform) const {
    if (platform == "local") return local.enabled;
    if (platform == "slack") return slack.has_value();
    if (platform == "mattermost") return mattermost.has_value();
    return false;
  }
};

}  // namespace csibot::config
