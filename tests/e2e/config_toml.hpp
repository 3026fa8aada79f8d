#pragma once
/// TOML pieces for the platform end-to-end configs, so that each test writes only what sets it apart
/// (which platforms, who owns the service) and a change to the catalog happens in one place.
#include <string>
#include <string_view>

namespace csibot::e2e {

/// `[bot]` for a bot with no [local] and no admins: the configured platforms only, `csibot.db` next
/// to the config, Berlin time, English, any free port.
std::string bot_section_toml();

/// `[slack]` in Socket Mode against the fake Slack at `api_url`.
std::string slack_section_toml(std::string_view api_url, std::string_view bot_token = "xoxb-fake",
                               std::string_view app_token = "xapp-fake");

/// The `vpn` service (high criticality, csat5, identified) owned by `owner`; `extra` holds further
/// `key = value` lines of the service, each ending in a newline.
std::string vpn_service_toml(std::string_view owner, std::string_view extra = {});

}  // namespace csibot::e2e
