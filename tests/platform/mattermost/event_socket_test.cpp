#include "bot/platform/mattermost/event_socket.hpp"

#include <gtest/gtest.h>

#include "support/fake_mattermost/fake_mattermost.hpp"
#include "support/io_wait.hpp"

namespace {

namespace asio = boost::asio;
namespace mm = csibot::platform::mattermost;
using csibot::test::run_until;
using csibot::testing::fake_mattermost;
using json = nlohmann::json;
using namespace std::chrono_literals;

const std::string alice = "aliceid0000000000000000000";

struct event_socket_test : ::testing::Test {
  ~event_socket_test() override {
    if (!client) return;
    client->stop();
    EXPECT_TRUE(run_until(
        io, [&] { return !client->status().running; }, 15s))
        << "coroutines left behind";
    client.reset();
  }

  mm::event_socket_options options(std::string token = "mm-bot-token") {
    mm::event_socket_options o;
    o.server_url = server.url();
    o.token = std::move(token);
    o.ping_interval = 5s;  // long enough never to fire in tests that do not wait for it
    o.hello_timeout = 5s;
    o.reconnect = {20ms, 100ms, 0ms, 7};
    o.random = [] { return 0.5; };
    return o;
  }

  void start(mm::event_socket_options o) {
    mm::event_socket_handlers h;
    h.on_event = [this](std::string_view frame) { frames.emplace_back(frame); };
    h.on_resync = [this] { ++resyncs; };
    h.on_fatal = [this](std::string reason) { fatals.push_back(std::move(reason)); };
    client = std::make_unique<mm::event_socket>(io, std::move(o), std::move(h));
    client->start();
  }

  template <class Predicate>
  bool wait(Predicate&& done, std::chrono::milliseconds deadline = 10s) {
    return run_until(io, std::forward<Predicate>(done), deadline);
  }

  bool wait_connected() {
    return wait([&] { return client->status().connected; });
  }

  /// Ids of the posts delivered in `posted` events, in delivery order.
  std::vector<std::string> delivered_posts() const {
    std::vector<std::string> out;
    for (const auto& frame : frames) {
      const auto doc = json::parse(frame, nullptr, false);
      if (doc.is_object() && doc.value("event", "") == "posted")
        out.push_back(json::parse(doc["data"]["post"].get<std::string>())["id"].get<std::string>());
    }
    return out;
  }

  std::size_t hellos() const {
    std::size_t n = 0;
    for (const auto& frame : frames)
      if (frame.find(R"("event":"hello")") != std::string::npos) ++n;
    return n;
  }

  fake_mattermost server;
  asio::io_context io;
  std::unique_ptr<mm::event_socket> client;
  std::vector<std::string> frames;
  std::vector<std::string> fatals;
  int resyncs = 0;
};

TEST_F(event_socket_test, hello_and_posted_events_are_delivered_in_order) {
  start(options());
  ASSERT_TRUE(wait_connected());
  const auto first = server.push_post(alice, "chan0000000000000000000000", "hello bot");
  const auto second = server.push_post(alice, "chan0000000000000000000000", "again");
  ASSERT_TRUE(wait([&] { return delivered_posts().size() == 2; }));

  const auto hello = json::parse(frames.at(0));
  EXPECT_EQ(hello["event"], "hello");
  EXPECT_EQ(hello["seq"], 0);
  EXPECT_EQ(delivered_posts(), (std::vector<std::string>{first, second}));
  EXPECT_EQ(json::parse(frames.at(2))["seq"], 2);
  const auto status = client->status();
  EXPECT_EQ(status.events, 3U);
  EXPECT_EQ(status.connection_id, hello["data"]["connection_id"]);
  EXPECT_EQ(status.reconnects, 0U);
  EXPECT_EQ(server.sockets().at(0).connection_id, status.connection_id);
}

TEST_F(event_socket_test, a_direct_message_arrives_in_the_wire_shape_of_platforms_2_2) {
  start(options());
  ASSERT_TRUE(wait_connected());
  const auto dm = server.direct_channel(alice);
  const auto id = server.push_post(alice, dm, "rate vpn 5");
  ASSERT_TRUE(wait([&] { return delivered_posts().size() == 1; }));
  const auto event = json::parse(frames.back());
  EXPECT_EQ(event["broadcast"]["channel_id"], dm);
  const auto& data = event["data"];
  EXPECT_EQ(data["channel_type"], "D");
  EXPECT_EQ(data["sender_name"], "@user-aliceid0");
  ASSERT_TRUE(data["post"].is_string()) << "the post is a JSON string inside the event";
  ASSERT_TRUE(data["mentions"].is_string());
  EXPECT_EQ(json::parse(data["mentions"].get<std::string>()), json::array({server.options().bot.id}));
  const auto post = json::parse(data["post"].get<std::string>());
  EXPECT_EQ(post["id"], id);
  EXPECT_EQ(post["user_id"], alice);
  EXPECT_EQ(post["message"], "rate vpn 5");
  EXPECT_EQ(post["type"], "");
  EXPECT_EQ(post["root_id"], "");
}

TEST_F(event_socket_test, header_auth_works_and_the_challenge_sent_anyway_is_ignored) {
  start(options());
  ASSERT_TRUE(wait_connected());
  ASSERT_TRUE(wait([&] { return server.requests("ping").size() == 1; }));
  const auto socket = server.sockets().at(0);
  EXPECT_EQ(socket.auth, "header");
  const auto challenge = server.requests("authentication_challenge");
  ASSERT_EQ(challenge.size(), 1U) << "sent right after open, without waiting for hello";
  EXPECT_EQ(challenge[0].client_seq, 1);
  EXPECT_EQ(challenge[0].data, (json{{"token", "mm-bot-token"}}));
  EXPECT_EQ(server.requests("ping").at(0).client_seq, 2);
  EXPECT_EQ(client->status().reconnects, 0U) << "no reply to the challenge is not a failure";
  EXPECT_TRUE(client->status().last_error.empty()) << client->status().last_error;
}

TEST_F(event_socket_test, without_header_auth_the_challenge_authenticates_hello_first_then_ok) {
  server.set_header_auth(false);
  start(options());
  ASSERT_TRUE(wait_connected());
  ASSERT_TRUE(wait([&] { return hellos() == 1; }));
  EXPECT_EQ(server.sockets().at(0).auth, "challenge");
  const auto post = server.push_post(alice, "chan0000000000000000000000", "hi");
  ASSERT_TRUE(wait([&] { return delivered_posts().size() == 1; }));
  EXPECT_EQ(delivered_posts().at(0), post);
}

TEST_F(event_socket_test, a_refused_token_stops_the_client_with_one_fatal_report_and_no_loop) {
  start(options("wrong-secret-token"));
  ASSERT_TRUE(wait([&] { return !client->status().running; }));
  ASSERT_EQ(fatals.size(), 1U);
  EXPECT_NE(fatals[0].find("api.context.session_expired.app_error"), std::string::npos) << fatals[0];
  EXPECT_EQ(fatals[0].find("wrong-secret-token"), std::string::npos) << fatals[0];
  EXPECT_EQ(client->status().fatal, fatals[0]);
  const auto sockets = server.sockets();
  ASSERT_EQ(sockets.size(), 1U) << "no reconnect loop";
  EXPECT_TRUE(sockets[0].refused);
  EXPECT_EQ(server.call_count("users.me"), 1U) << "the token was checked over REST";
  EXPECT_TRUE(frames.empty());
}

TEST_F(event_socket_test, a_seq_gap_reconnects_and_the_resumed_connection_replays_the_lost_events) {
  start(options());
  ASSERT_TRUE(wait_connected());
  const auto channel = "chan0000000000000000000000";
  const auto before = server.push_post(alice, channel, "before");
  ASSERT_TRUE(wait([&] { return delivered_posts().size() == 1; }));
  server.lose_next_events(1);
  const auto lost = server.push_post(alice, channel, "lost");
  const auto after = server.push_post(alice, channel, "after");  // seq 3 while 2 was expected

  ASSERT_TRUE(wait([&] { return delivered_posts().size() == 3; }));
  EXPECT_EQ(delivered_posts(), (std::vector<std::string>{before, lost, after}));
  // The replayed events can arrive before the connection loop has counted the reconnect.
  ASSERT_TRUE(wait([&] { return client->status().reconnects == 1; }));
  const auto status = client->status();
  EXPECT_EQ(status.gaps, 1U);
  EXPECT_EQ(status.reconnects, 1U);
  EXPECT_EQ(resyncs, 0);
  const auto sockets = server.sockets();
  ASSERT_EQ(sockets.size(), 2U);
  EXPECT_EQ(sockets[0].close_code, 4001) << "the JS client's code for missed events";
  EXPECT_EQ(sockets[1].asked_connection_id, sockets[0].connection_id);
  EXPECT_EQ(sockets[1].asked_sequence, 2);
  EXPECT_TRUE(sockets[1].resumed);
  EXPECT_EQ(hellos(), 1U) << "a resumed connection sends no hello";
}

TEST_F(event_socket_test, a_dropped_socket_is_resumed_with_connection_id_and_sequence_number) {
  start(options());
  ASSERT_TRUE(wait_connected());
  const auto id = client->status().connection_id;
  server.drop();
  const auto meanwhile = server.push_post(alice, "chan0000000000000000000000", "while you were away");
  ASSERT_TRUE(wait([&] { return delivered_posts().size() == 1; }));
  EXPECT_EQ(delivered_posts().at(0), meanwhile);
  ASSERT_TRUE(wait([&] { return client->status().reconnects == 1; }));
  const auto sockets = server.sockets();
  ASSERT_EQ(sockets.size(), 2U);
  EXPECT_TRUE(sockets[0].dropped);
  EXPECT_EQ(sockets[1].asked_connection_id, id);
  EXPECT_EQ(sockets[1].asked_sequence, 1);
  EXPECT_TRUE(sockets[1].resumed);
  EXPECT_EQ(client->status().connection_id, id);
  EXPECT_EQ(resyncs, 0);
}

TEST_F(event_socket_test, a_new_connection_id_after_a_reconnect_asks_for_a_resync) {
  server.set_resume(false);
  start(options());
  ASSERT_TRUE(wait_connected());
  const auto first_id = client->status().connection_id;
  server.drop();
  ASSERT_TRUE(wait([&] { return resyncs == 1; }));
  EXPECT_EQ(hellos(), 2U) << "the new connection's hello is delivered too";
  EXPECT_NE(client->status().connection_id, first_id);
  EXPECT_EQ(client->status().resyncs, 1U);
  // The new connection counts from its own hello: its events are not a gap.
  const auto post = server.push_post(alice, "chan0000000000000000000000", "fresh");
  ASSERT_TRUE(wait([&] { return delivered_posts().size() == 1; }));
  EXPECT_EQ(delivered_posts().at(0), post);
  EXPECT_EQ(client->status().gaps, 0U);
}

TEST_F(event_socket_test, a_ping_without_reply_closes_with_4000_and_reconnects) {
  server.set_answer_pings(false);
  auto o = options();
  o.ping_interval = 50ms;
  start(o);
  // The next socket is resumed without a hello, so only a ping reply could prove it alive: it is
  // given up too. Enough that a second socket was opened.
  ASSERT_TRUE(wait([&] { return client->status().missed_pongs >= 1 && server.sockets().size() >= 2; }));
  ASSERT_TRUE(wait([&] { return server.sockets().at(0).close_code != 0; }));
  EXPECT_EQ(server.sockets().at(0).close_code, 4000);
  EXPECT_NE(client->status().last_error.find("no reply to ping"), std::string::npos);
}

TEST_F(event_socket_test, answered_pings_keep_the_connection) {
  auto o = options();
  o.ping_interval = 250ms;  // a loopback reply takes far less, even under a sanitizer
  start(o);
  ASSERT_TRUE(wait([&] { return server.requests("ping").size() >= 4; }));
  EXPECT_EQ(client->status().missed_pongs, 0U);
  EXPECT_EQ(server.sockets().size(), 1U);
}

TEST_F(event_socket_test, malformed_frames_are_passed_on_without_dropping_the_connection) {
  start(options());
  ASSERT_TRUE(wait_connected());
  server.send_raw("not json");
  server.send_raw("[1,2,3]");
  server.send_raw(R"({"event":"posted","data":{"post":"{broken"}})");  // no seq: not counted
  const auto post = server.push_post(alice, "chan0000000000000000000000", "still here");
  ASSERT_TRUE(wait([&] { return frames.size() == 5; }));
  EXPECT_EQ(frames[1], "not json");
  EXPECT_EQ(frames[2], "[1,2,3]");
  EXPECT_EQ(frames[3], R"({"event":"posted","data":{"post":"{broken"}})");
  EXPECT_EQ(json::parse(json::parse(frames[4])["data"]["post"].get<std::string>())["id"], post);
  const auto status = client->status();
  EXPECT_TRUE(status.connected);
  EXPECT_EQ(status.gaps, 0U);
  EXPECT_EQ(status.reconnects, 0U);
  EXPECT_EQ(server.sockets().size(), 1U);
}

// Resuming after a frame too big to read would replay it and close again, in a loop: the client starts
// a new connection instead, and the new connection_id asks for the REST resync.
TEST_F(event_socket_test, a_frame_too_big_to_read_starts_a_new_connection_instead_of_replaying_it) {
  auto o = options();
  o.ws.limits.max_message = 4096;
  start(std::move(o));
  ASSERT_TRUE(wait_connected());
  const auto channel = "chan0000000000000000000000";
  server.push_post(alice, channel, std::string(8000, 'x'));
  ASSERT_TRUE(wait([&] { return resyncs == 1; }));
  const auto after = server.push_post(alice, channel, "after the big one");
  ASSERT_TRUE(wait([&] { return delivered_posts().size() == 1; }));
  EXPECT_EQ(delivered_posts().at(0), after);
  const auto sockets = server.sockets();
  ASSERT_EQ(sockets.size(), 2U) << "one new connection, not a loop of resumes";
  EXPECT_EQ(sockets[0].close_code, 1009);
  EXPECT_EQ(sockets[1].asked_connection_id, "");
  EXPECT_FALSE(sockets[1].resumed);
  EXPECT_EQ(hellos(), 2U);
}

TEST(event_socket_defaults, read_the_largest_post_mattermost_lets_anyone_write) {
  // 760,000 runes of props at up to 3 bytes each, escaped as a string inside the event's JSON.
  EXPECT_GE(mm::default_event_socket_ws_options().limits.max_message, 2U * 760'000U * 3U);
}

TEST_F(event_socket_test, send_refuses_frames_over_8_kib_and_stop_is_idempotent) {
  start(options());
  ASSERT_TRUE(wait_connected());
  EXPECT_TRUE(client->send("user_typing", {{"channel_id", "chan0000000000000000000000"}, {"parent_id", ""}}));
  ASSERT_TRUE(wait([&] { return server.requests("user_typing").size() == 1; }));
  EXPECT_EQ(server.requests("user_typing")[0].client_seq, 3) << "after the challenge (1) and the ping (2)";
  EXPECT_FALSE(client->send("user_typing", {{"channel_id", std::string(9000, 'x')}}));
  client->stop();
  client->stop();
  ASSERT_TRUE(wait([&] { return !client->status().running; }));
  EXPECT_FALSE(client->send("user_typing", json::object()));
  EXPECT_TRUE(fatals.empty());
  EXPECT_TRUE(wait([&] { return server.sockets().at(0).close_code == 1000; }));
}

}  // namespace
