#include "e2e/config_toml.hpp"

namespace csibot::e2e {

std::string bot_section_toml() {
  return R"([bot]
command = "/csi"
database = "csibot.db"
timezone = "Europe/Berlin"
listen = "127.0.0.1:0"
language = "en"

)";
}

std::string slack_section_toml(std::string_view api_url, std::string_view bot_token,
                               std::string_view app_token) {
  std::string toml = "[slack]\nmode = \"socket\"\n";
  toml.append("app_token = \"").append(app_token).append("\"\n");
  toml.append("bot_token = \"").append(bot_token).append("\"\n");
  toml.append("api_url = \"").append(api_url).append("\"\n\n");
  return toml;
}

std::string vpn_service_toml(std::string_view owner, std::string_view extra) {
  std::string toml = R"([[service]]
id = "vpn"
name = "Remote access VPN"
purpose = "Lets staff reach internal systems from anywhere"
criticality = "high"
)";
  toml.append("owners = [\"").append(owner).append("\"]\n");
  toml.append(extra);
  toml += "scale = \"csat5\"\nanonymity = \"identified\"\n";
  return toml;
}

}  // namespace csibot::e2e
