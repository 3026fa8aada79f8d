#include "e2e/prompt_support.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "bot/runtime/ticket_hooks.hpp"
#include "commands/pulse_runs.hpp"
#include "config/loader.hpp"
#include "storage/database.hpp"
#include "storage/pulse_repository.hpp"
#include "support/io_wait.hpp"

namespace csibot::e2e {

core::timestamp wall_now() {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

std::string daily_pulse_toml(std::string_view hook_secret, std::string_view audience) {
  std::string toml = R"([policy]
quiet_hours = ""
skip_weekends = false

[[pulse]]
service = "vpn"
schedule = "0 6 * * *"
spread = "0s"
)";
  if (!audience.empty()) toml.append("audience = [\"").append(audience).append("\"]\n");
  toml.append("\n[hooks]\nsecret = \"").append(hook_secret).append("\"\nticket_delay = \"0s\"\n");
  return toml;
}

void register_first_pulse(const bot_home& home, core::timestamp first_seen) {
  ASSERT_TRUE(home.csibot({"migrate"}).status.ok());
  const auto loaded = config::load_file(home.config());
  ASSERT_TRUE(loaded.ok());
  storage::database db{home / "csibot.db"};
  const auto& pulse = loaded.settings->pulses.at(0);
  storage::pulse_repository{db}.register_pulse(commands::pulse_key(pulse), pulse.service, first_seen);
}

net::http_result post_ticket_hook(const running_bot& bot, const std::string& body, std::string_view secret,
                                  const std::string& signature) {
  boost::asio::io_context io;
  net::http_client client{io};
  const auto ts =
      std::to_string(std::chrono::duration_cast<std::chrono::seconds>(wall_now().time_since_epoch()).count());
  net::header_map headers;
  headers.set("Content-Type", "application/json");
  headers.set("X-Csibot-Timestamp", ts);
  headers.set("X-Csibot-Signature",
              signature.empty() ? runtime::sign_ticket_hook(secret, ts, body) : signature);
  auto r =
      test::run_task(io, client.request("POST", bot.base_url() + "/hooks/ticket-resolved", headers, body));
  return r ? *r : net::http_result{};
}

}  // namespace csibot::e2e
