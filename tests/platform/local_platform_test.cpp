#include "bot/platform/local/local_platform.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>

#include "bot/net/http_client.hpp"
#include "platform/chat_harness.hpp"
#include "platform/raw_ws.hpp"
#include "storage/local_chat_repository.hpp"
#include "storage/repositories.hpp"

namespace csibot::platform::local::test {
namespace {

namespace asio = boost::asio;

bool is_bot_message_in(const json& f, const std::string& channel) {
  return f.value("type", "") == "message" && f.value("channel", "") == channel &&
         f["author"].value("bot", false);
}

// The button of `message` whose action id and value are as given; a question's buttons end their
// values with its key ("vpn:4@rating.…"), which `value` leaves out.
json button_of(const json& message, const std::string& action_id, const std::string& value) {
  for (const auto& b : message["body"].value("buttons", json::array())) {
    const auto v = b.value("value", "");
    if (b.value("action_id", "") == action_id && v.substr(0, v.find('@')) == value) return b;
  }
  ADD_FAILURE() << "no button " << action_id << "=" << value << " in " << message.dump();
  return nullptr;
}

void click(chat_user& user, const json& message, const std::string& action_id, const std::string& value) {
  const auto b = button_of(message, action_id, value);
  user.send({{"type", "action"},
             {"channel", message["channel"]},
             {"message_id", message["id"]},
             {"action_id", action_id},
             {"value", b.is_object() ? b.value("value", "") : value}});
}

TEST(local_platform, serves_the_chat_page) {
  chat_server server;
  net::http_client client(server.io());
  const std::string base = "http://127.0.0.1:" + std::to_string(server.port());
  for (const auto& [path, type] :
       {std::pair{"/", "text/html"}, {"/app.js", "text/javascript"}, {"/app.css", "text/css"}}) {
    auto future = asio::co_spawn(server.io(), client.request("GET", base + path), asio::use_future);
    ASSERT_EQ(future.wait_for(deadline), std::future_status::ready);
    const auto r = future.get();
    ASSERT_TRUE(r.ok()) << r.message;
    EXPECT_EQ(r.status, 200U) << path;
    EXPECT_TRUE(r.headers.find("Content-Type").value_or("").starts_with(type)) << path;
    EXPECT_TRUE(r.headers.find("Content-Security-Policy").has_value());
    EXPECT_FALSE(r.body.empty());
  }
}

TEST(local_platform, the_pages_bring_their_icon_so_the_browser_asks_for_no_favicon) {
  chat_server server;
  for (const char* path : {"/", "/dashboard"}) {
    const auto r = server.get(path);
    ASSERT_EQ(r.status, 200U) << path;
    EXPECT_NE(r.body.find(R"(<link rel="icon" href="data:image/svg+xml,)"), std::string::npos) << path;
    // The icon is an image: the page's policy must let it load, or the browser asks again.
    EXPECT_NE(r.headers.find("Content-Security-Policy").value_or("").find("img-src 'self' data:"),
              std::string::npos)
        << path;
  }
}

TEST(local_platform, welcome_lists_general_the_digest_channels_and_the_dm) {
  chat_server server;
  auto ada = server.connect();
  ada->send({{"type", "hello"}, {"name", "Ada Lovelace"}});
  const auto welcome = ada->next_of("welcome");
  EXPECT_EQ(welcome["user"]["id"], "ada-lovelace");
  EXPECT_EQ(welcome["command"], "/csi");
  std::vector<std::string> ids;
  for (const auto& c : welcome["channels"])
    ids.push_back(c["id"]);
  EXPECT_NE(std::find(ids.begin(), ids.end(), "general"), ids.end());
  EXPECT_NE(std::find(ids.begin(), ids.end(), "csi-digests"), ids.end());
  EXPECT_NE(std::find(ids.begin(), ids.end(), "vpn-digest"), ids.end());
  EXPECT_EQ(ids.back(), "dm:ada-lovelace");
}

// One user completes a feedback conversation while another sends garbage; the first never notices.
TEST(local_platform, feedback_conversation_survives_a_hostile_neighbour) {
  chat_server server;
  auto ada = server.join("Ada");
  auto eve = server.join("Eve");

  ada->send(
      {{"type", "message"}, {"channel", "general"}, {"text", "/csi feedback vpn"}, {"client_id", "c1"}});
  const auto echo =
      ada->next([](const json& f) { return f.value("client_id", "") == "c1"; }, "the echo of c1");
  EXPECT_EQ(echo["ephemeral"], true);  // a command is private to the one who typed it
  const auto rating =
      ada->next([](const json& f) { return is_bot_message_in(f, "dm:ada") && f["body"].contains("buttons"); },
                "the rating question");

  // Eve: invalid JSON, an unknown type, then a binary frame on a second tab.
  eve->send_raw("{this is not json");
  EXPECT_EQ(eve->next_of("error")["code"], "bad_json");
  eve->send({{"type", "launch_missiles"}});
  EXPECT_EQ(eve->next_of("error")["code"], "unknown_type");
  eve->send({{"type", "history"}, {"channel", "dm:ada"}});  // someone else's DM
  EXPECT_EQ(eve->next_of("error")["code"], "no_channel");
  eve->send({{"type", "action"},
             {"channel", "dm:ada"},
             {"message_id", rating["id"]},
             {"action_id", "csi.rate"},
             {"value", "vpn:1"}});
  EXPECT_EQ(eve->next_of("error")["code"], "no_message");
  EXPECT_EQ(send_binary_frame(server.io(), server.port()), 1003);

  click(*ada, rating, "csi.rate", "vpn:4");
  const auto answered = ada->next_of("update");
  EXPECT_EQ(answered["id"], rating["id"]);
  const auto reason_q =
      ada->next([](const json& f) { return is_bot_message_in(f, "dm:ada"); }, "the reason question");
  ada->send({{"type", "message"}, {"channel", "dm:ada"}, {"text", "drops <b>every</b> hour"}});
  const auto impact_q =
      ada->next([](const json& f) { return is_bot_message_in(f, "dm:ada") && f["body"].contains("buttons"); },
                "the impact question");
  click(*ada, impact_q, "csi.impact", "vpn:slows");
  auto next = ada->next([](const json& f) { return is_bot_message_in(f, "dm:ada"); }, "usage or thanks");
  if (next["body"].value("text", "").find("use") != std::string::npos &&
      next["body"].value("text", "").find("#") == std::string::npos) {
    ada->send({{"type", "message"}, {"channel", "dm:ada"}, {"text", "field sales"}});
    next = ada->next([](const json& f) { return is_bot_message_in(f, "dm:ada"); }, "the thanks");
  }
  EXPECT_NE(next["body"].value("text", "").find("#"), std::string::npos) << next.dump();

  // Eve still has a working session and saw none of Ada's private messages.
  eve->send({{"type", "history"}, {"channel", "general"}});
  const auto eve_general = eve->next_of("history");
  EXPECT_TRUE(eve_general["messages"].empty()) << eve_general.dump();
  for (const auto& f : eve->frames())
    EXPECT_NE(f.value("channel", ""), "dm:ada");

  server.stop();
  const auto rows = [&] {
    std::vector<core::feedback> all;
    storage::feedback_repository(server.db()).for_each(std::nullopt, [&](const core::feedback& f) {
      all.push_back(f);
    });
    return all;
  }();
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].service, "vpn");
  EXPECT_EQ(rows[0].rating, 4);
  EXPECT_EQ(rows[0].reason, "drops <b>every</b> hour");
}

TEST(local_platform, reconnect_shows_history_and_two_tabs_both_see_the_dm) {
  chat_server server;
  auto tab1 = server.join("Grace");
  auto tab2 = server.join("Grace");
  tab1->send({{"type", "message"}, {"channel", "general"}, {"text", "hello everyone"}});
  tab1->send({{"type", "message"}, {"channel", "dm:grace"}, {"text", "hi bot"}});
  tab2->next([](const json& f) { return is_bot_message_in(f, "dm:grace"); }, "the bot's answer in tab 2");
  tab1->close();
  ASSERT_TRUE(tab1->wait_closed());

  auto again = server.join("Grace");
  again->send({{"type", "history"}, {"channel", "dm:grace"}});
  const auto dm = again->next_of("history");
  ASSERT_GE(dm["messages"].size(), 2U);
  EXPECT_EQ(dm["messages"][0]["body"]["text"], "hi bot");
  EXPECT_TRUE(dm["messages"][1]["author"]["bot"]);
  again->send({{"type", "history"}, {"channel", "general"}});
  const auto general = again->next_of("history");
  ASSERT_EQ(general["messages"].size(), 1U);
  EXPECT_EQ(general["messages"][0]["body"]["text"], "hello everyone");
}

TEST(local_platform, frames_before_hello_and_the_bots_name_are_refused) {
  chat_server server;
  auto user = server.connect();
  user->send({{"type", "history"}, {"channel", "general"}});
  EXPECT_EQ(user->next_of("error")["code"], "hello_first");
  user->send({{"type", "hello"}, {"name", "CSIBot"}});
  EXPECT_EQ(user->next_of("error")["code"], "name_taken");
  user->send({{"type", "hello"}, {"name", "Real Person"}});
  EXPECT_EQ(user->next_of("welcome")["user"]["id"], "real-person");
}

TEST(local_platform, an_oversized_frame_closes_only_that_session) {
  chat_server server;
  auto ada = server.join("Ada");
  auto big = server.join("Big");
  big->send({{"type", "message"}, {"channel", "general"}, {"text", std::string(1024 * 1024, 'x')}});
  const auto closed = big->wait_closed();
  ASSERT_TRUE(closed);
  ada->send({{"type", "message"}, {"channel", "general"}, {"text", "still here"}});
  EXPECT_EQ(ada->next_of("message")["body"]["text"], "still here");
}

TEST(local_platform, a_flood_is_rate_limited) {
  chat_server server;
  auto user = server.join("Flood");
  for (int i = 0; i < 60; ++i)
    user->send({{"type", "history"}, {"channel", "general"}});
  EXPECT_EQ(user->next_of("error")["code"], "rate_limited");
}

TEST(local_platform, deliver_posts_digests_into_channels_and_creates_new_ones) {
  chat_server server;
  auto ada = server.join("Ada");
  core::message digest;
  digest.header = "Weekly digest";
  digest.table = core::table{{"service", "CSAT"}, {{"vpn", "82 %"}}};
  server.on_io([&] {
    server.platform().deliver({{core::delivery::channel, "local", "local:csi-digests", {}, {}, digest},
                               {core::delivery::channel, "local", "local:new-room", {}, {}, digest},
                               {core::delivery::channel, "slack", "C0123", {}, {}, digest}});
  });
  const auto first = ada->next_of("message");
  EXPECT_EQ(first["channel"], "csi-digests");
  EXPECT_EQ(first["body"]["table"]["rows"][0][1], "82 %");
  EXPECT_EQ(ada->next_of("channel")["channel"]["id"], "new-room");
  EXPECT_EQ(ada->next_of("message")["channel"], "new-room");
  server.on_io([&] {
    server.platform().deliver({{core::delivery::direct, "local", {}, "nobody-yet", {}, digest}});
    EXPECT_TRUE(storage::local_chat_repository(server.db()).has_channel("dm:nobody-yet"));
  });
}

}  // namespace
}  // namespace csibot::platform::local::test
