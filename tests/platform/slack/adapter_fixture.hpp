#pragma once
/// The Slack adapter as `csibot run` assembles it — slack_platform on the pipeline of the adapter
/// harness (a real SQLite file, the dispatcher with the demo catalog, the group-commit queue, the
/// durable outbox) — against the in-process fake Slack on 127.0.0.1, all on the test's io_context.
/// Waits are conditions with deadlines.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "bot/platform/slack/slack_platform.hpp"
#include "storage/outbox_repository.hpp"
#include "support/adapter_harness.hpp"
#include "support/fake_slack/fake_slack.hpp"

namespace csibot::platform::slack::test {

using json = nlohmann::json;
using namespace std::chrono_literals;

using csibot::test::system_now;

class adapter_test : public csibot::test::adapter_harness {
 protected:
  testing::fake_slack fake;
  std::unique_ptr<slack_platform> platform;
  int socket_connections = 1;  ///< config slack.socket_connections of the next build()

  ~adapter_test() override { shut_down(); }

  /// Builds everything for `mode` ("socket" or "http") without starting it.
  void build(const std::string& mode, const std::string& bot_token = "xoxb-fake") {
    config::slack_settings s;
    s.mode = mode;
    s.app_token = "xapp-fake";
    s.bot_token = bot_token;
    s.signing_secret = "8f742231b10e8888abcd99yyyzzz85a5";
    s.api_url = fake.api_url();
    s.socket_connections = socket_connections;
    settings.slack = s;
    build_pipeline();
    adapter_options a;
    a.auth_attempts = 2;
    a.auth_retry = 10ms;
    a.post_interval = 50ms;
    a.socket.backoff_base = 20ms;
    a.socket.backoff_cap = 100ms;
    a.socket.random = [] { return 0.5; };
    a.socket.hello_timeout = 5s;
    platform = std::make_unique<slack_platform>(io, *settings.slack, *queue, *db, system_now, a);
    box->add_sender("slack", platform->sender());
  }

  /// authenticate() (rethrowing its error), then connect and start the outbox, as `csibot run` does.
  void start(const std::string& mode = "socket") {
    build(mode);
    ASSERT_NO_FATAL_FAILURE(start_pipeline(*platform, "auth.test"));
    if (mode == "socket") {
      ASSERT_TRUE(wait([&] { return platform->status().connected; })) << "no hello";
    }
  }

  boost::asio::awaitable<bool> authenticate_task() { return authenticate(platform.get()); }

  void shut_down() {
    if (platform) platform->stop();
    drain(platform.get());
    platform.reset();
    release_pipeline();
  }

  static bool has_button(const json& m, std::string_view action) {
    for (const auto& block : m.value("blocks", json::array()))
      for (const auto& e : block.value("elements", json::array()))
        if (block.value("type", "") == "actions" && e.value("action_id", "").starts_with(action)) return true;
    return false;
  }

  /// The posted chat.postMessage bodies that carry a button whose action_id starts with `action`.
  std::vector<json> posts_with_button(std::string_view action) const {
    std::vector<json> out;
    for (const auto& m : fake.messages())
      if (has_button(m, action)) out.push_back(m);
    return out;
  }

  /// Slack's ts of the newest posted message with an `action` button (a click's message_ts); "" when
  /// none was posted yet.
  std::string ts_of_message_with(std::string_view action) const {
    const auto posts = fake.messages();
    const auto ts = fake.message_ts();
    for (std::size_t i = posts.size(); i-- > 0;)
      if (has_button(posts[i], action)) return ts.at(i);
    return {};
  }

  /// A block_actions payload as Slack sends it for a click on `message_ts` in the DM `channel`.
  json click_payload(const std::string& message_ts, const std::string& wire_action_id,
                     const std::string& value, const std::string& channel = "D0001",
                     const std::string& user = "U0001") {
    return json{
        {"type", "block_actions"},
        {"team", {{"id", "T0001"}, {"domain", "acme"}}},
        {"user", {{"id", user}, {"username", "alice"}, {"team_id", "T0001"}}},
        {"api_app_id", "A0001"},
        {"container",
         {{"type", "message"}, {"message_ts", message_ts}, {"channel_id", channel}, {"is_ephemeral", false}}},
        {"trigger_id", "trig-" + message_ts + "-" + value},
        {"channel", {{"id", channel}, {"name", "directmessage"}}},
        {"response_url", fake.new_response_url()},
        {"actions", json::array({{{"type", "button"},
                                  {"action_id", wire_action_id},
                                  {"block_id", "b"},
                                  {"value", value},
                                  {"action_ts", "1700000002.000300"}}})}};
  }

  /// A DM from `user` to the bot as an Events API body.
  static json dm_event(const std::string& event_id, const std::string& text,
                       const std::string& user = "U0001", const std::string& ts = "1700000003.000400") {
    return json{
        {"type", "event_callback"},
        {"team_id", "T0001"},
        {"api_app_id", "A0001"},
        {"event_id", event_id},
        {"event_time", 1700000003},
        {"authorizations", json::array({{{"team_id", "T0001"}, {"user_id", "UBOT"}, {"is_bot", true}}})},
        {"event",
         {{"type", "message"},
          {"channel_type", "im"},
          {"channel", "D0001"},
          {"user", user},
          {"text", text},
          {"ts", ts},
          {"event_ts", ts}}}};
  }
};

/// The wire action_id and value of the button of `post` whose value ends with `suffix`, leaving out
/// the question's key that ends a question's button values ("vpn:5@rating.…").
inline std::optional<std::pair<std::string, std::string>> button_ending(const json& post,
                                                                        std::string_view suffix) {
  for (const auto& block : post.value("blocks", json::array()))
    for (const auto& e : block.value("elements", json::array())) {
      const auto value = e.value("value", "");
      if (value.substr(0, value.find('@')).ends_with(suffix))
        return std::pair{e.value("action_id", ""), value};
    }
  return std::nullopt;
}

/// All text of a posted body or response (fallback text and blocks), for "does it say X" checks.
inline std::string shown(const json& body) {
  return body.dump();
}

}  // namespace csibot::platform::slack::test
