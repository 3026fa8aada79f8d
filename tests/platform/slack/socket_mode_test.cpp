#include "bot/platform/slack/socket_mode.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <thread>

#include "bot/platform/slack/web_api.hpp"
#include "support/fake_slack/fake_slack.hpp"
#include "support/io_wait.hpp"

namespace {

namespace asio = boost::asio;
namespace slack = csibot::platform::slack;
using csibot::test::run_until;
using csibot::testing::fake_slack;
using csibot::testing::fault;
using json = nlohmann::json;
using namespace std::chrono_literals;

struct delivery {
  std::string envelope_id;
  std::string type;
  int retry_attempt = 0;
  slack::decoded payload;
};

delivery delivered_from(slack::socket_envelope e) {
  return {std::move(e.envelope_id), std::move(e.type), e.retry_attempt, std::move(e.payload)};
}

/// A /csi slash command's payload as Socket Mode carries it.
json slash_command(const std::string& text) {
  return {{"command", "/csi"}, {"text", text}, {"user_id", "U0001"}, {"channel_id", "C0001"}};
}

asio::awaitable<void> reply_in_channel(slack::web_api& api, std::string text) {
  json body{{"channel", "C0001"}, {"text", std::move(text)}};  // not inside co_await: GCC 12 bug
  co_await api.post_message(std::move(body));
}

struct socket_mode_test : ::testing::Test {
  ~socket_mode_test() override {
    if (!client) return;
    client->stop();
    EXPECT_TRUE(run_until(
        io, [&] { return !client->status().running; }, 15s))
        << "coroutines left behind";
    client.reset();
  }

  slack::socket_mode_options options(std::size_t connections = 1) {
    slack::socket_mode_options o;
    o.api_url = slack_server.api_url();
    o.app_token = "xapp-fake";
    o.connections = connections;
    o.backoff_base = 20ms;
    o.backoff_cap = 100ms;
    o.random = [] { return 0.5; };
    o.hello_timeout = 5s;
    return o;
  }

  void start(slack::socket_mode_options o) {
    client = std::make_unique<slack::socket_mode_client>(
        io, std::move(o),
        [this](slack::socket_envelope e) {
          delivered.push_back(delivered_from(std::move(e)));
          if (reply_on_delivery) asio::co_spawn(io, reply_in_channel(bot, "got it"), asio::detached);
        },
        [this](std::string reason) { fatals.push_back(std::move(reason)); });
    client->start();
  }

  template <class Predicate>
  bool wait(Predicate&& done, std::chrono::milliseconds deadline = 10s) {
    return run_until(io, std::forward<Predicate>(done), deadline);
  }

  bool wait_connected(std::size_t count = 1) {
    return wait([&] { return client->status().connections == count; });
  }

  /// Pushes an envelope and waits until the client handed it on.
  std::string push_and_deliver(std::optional<std::uint64_t> connection = std::nullopt) {
    const auto before = delivered.size();
    auto id = slack_server.push_envelope("events_api", {{"type", "event_callback"}, {"event_id", "Ev1"}},
                                         connection);
    EXPECT_TRUE(wait([&] { return delivered.size() == before + 1; }))
        << "envelope " << id << " not delivered";
    return id;
  }

  fake_slack slack_server;
  asio::io_context io;
  slack::web_api bot{io, slack_server.api_url(), "xoxb-fake"};
  std::unique_ptr<slack::socket_mode_client> client;
  std::vector<delivery> delivered;
  std::vector<std::string> fatals;
  bool reply_on_delivery = false;
};

TEST_F(socket_mode_test, envelope_is_acked_before_the_handler_acts_and_exactly_once) {
  reply_on_delivery = true;
  start(options());
  ASSERT_TRUE(wait_connected());
  const json payload{{"type", "event_callback"},
                     {"event_id", "Ev0001"},
                     {"event",
                      {{"type", "message"},
                       {"channel_type", "im"},
                       {"channel", "D0001"},
                       {"user", "U0001"},
                       {"text", "hi &amp; bye"},
                       {"ts", "1.000100"}}}};
  const auto id = slack_server.push_envelope("events_api", payload);
  ASSERT_TRUE(wait([&] { return slack_server.messages().size() == 1; }));

  ASSERT_EQ(delivered.size(), 1U);
  EXPECT_EQ(delivered[0].envelope_id, id);
  EXPECT_EQ(delivered[0].type, "events_api");
  EXPECT_EQ(delivered[0].retry_attempt, 0);
  // Decoded on the socket's thread: the DM as csibot's event, its text unescaped.
  ASSERT_TRUE(delivered[0].payload.event) << delivered[0].payload.ignored;
  EXPECT_EQ(delivered[0].payload.event->event_id, "Ev0001");
  EXPECT_EQ(delivered[0].payload.event->user, "U0001");
  EXPECT_EQ(delivered[0].payload.event->text, "hi & bye");
  const auto acks = slack_server.acks(id);
  ASSERT_EQ(acks.size(), 1U);
  EXPECT_LT(acks[0].seq, slack_server.calls("chat.postMessage").at(0).seq) << "the ack must come first";
  EXPECT_EQ(acks[0].payload, nlohmann::json::object())
      << "the ack carries the empty payload (PLATFORMS §1.2)";

  // Frames arrive in order: once the next envelope's ack is in, a second ack of the first would be too.
  const auto next = push_and_deliver();
  ASSERT_TRUE(wait([&] { return slack_server.ack_count(next) == 1; }));
  EXPECT_EQ(slack_server.ack_count(id), 1U);
  EXPECT_EQ(client->status().envelopes, 2U);
  EXPECT_EQ(slack_server.calls("apps.connections.open").at(0).authorization, "Bearer xapp-fake");
}

TEST_F(socket_mode_test, ack_is_on_the_wire_before_the_handler_starts) {
  // The handler blocks until the fake has recorded the ack. That can only succeed when the ack was
  // sent before the handler was called; a second io thread keeps the socket writing meanwhile.
  std::atomic<int> acked_before_handler{-1};
  auto work = asio::make_work_guard(io);
  std::thread second_io_thread([this] { io.run(); });
  client = std::make_unique<slack::socket_mode_client>(
      io, options(),
      [&](slack::socket_envelope e) {
        acked_before_handler = slack_server.wait_for_ack(e.envelope_id, 5s) ? 1 : 0;
      },
      [](std::string) {});
  client->start();
  ASSERT_TRUE(wait_connected());
  slack_server.push_envelope("slash_commands", slash_command("help"));
  EXPECT_TRUE(wait([&] { return acked_before_handler != -1; }));
  EXPECT_EQ(acked_before_handler, 1);
  client->stop();
  EXPECT_TRUE(wait([&] { return !client->status().running; }));
  work.reset();
  second_io_thread.join();
}

TEST_F(socket_mode_test, refresh_requested_connects_a_fresh_url_before_closing_the_old_socket) {
  start(options());
  ASSERT_TRUE(wait_connected());
  slack_server.disconnect("refresh_requested");
  ASSERT_TRUE(
      wait([&] { return slack_server.connections().size() == 2 && slack_server.open_connections() == 1; }));

  const auto sockets = slack_server.connections();
  EXPECT_NE(sockets[0].ticket, sockets[1].ticket) << "a fresh apps.connections.open per connect";
  EXPECT_EQ(slack_server.call_count("apps.connections.open"), 2U);
  EXPECT_FALSE(sockets[0].open);
  EXPECT_EQ(sockets[0].close_code, 1000);
  EXPECT_LT(sockets[1].opened_seq, sockets[0].closed_seq) << "make before break";
  EXPECT_TRUE(sockets[1].open);

  push_and_deliver();
  EXPECT_EQ(client->status().reconnects, 1U);
  EXPECT_TRUE(fatals.empty());
}

TEST_F(socket_mode_test, dropped_socket_reconnects_after_a_backoff_pause) {
  auto o = options();
  o.backoff_base = 300ms;
  o.random = [] { return 0.999; };  // full jitter at its top: the pause is the whole 300 ms
  start(std::move(o));
  ASSERT_TRUE(wait_connected());
  const auto dropped_at = std::chrono::steady_clock::now();
  slack_server.drop();
  ASSERT_TRUE(wait([&] { return slack_server.call_count("apps.connections.open") == 2; }));
  EXPECT_GE(std::chrono::steady_clock::now() - dropped_at, 250ms) << "reconnected without back-off";
  ASSERT_TRUE(wait([&] { return slack_server.open_connections() == 1 && client->status().connected; }));

  const auto sockets = slack_server.connections();
  ASSERT_EQ(sockets.size(), 2U);
  EXPECT_TRUE(sockets[0].dropped);
  push_and_deliver();
  EXPECT_EQ(client->status().reconnects, 1U);
}

TEST_F(socket_mode_test, redelivery_on_another_connection_is_acked_but_delivered_once) {
  start(options(2));
  ASSERT_TRUE(wait_connected(2));
  ASSERT_EQ(slack_server.open_connections(), 2U);
  const auto id = push_and_deliver(1);
  ASSERT_TRUE(slack_server.redeliver(id));
  ASSERT_TRUE(wait([&] { return client->status().duplicates == 1; }));
  ASSERT_TRUE(wait([&] { return slack_server.ack_count(id) == 2; }))
      << "a duplicate is still acknowledged, or Slack keeps retrying";

  EXPECT_EQ(delivered.size(), 1U);
  const auto acks = slack_server.acks(id);
  ASSERT_EQ(acks.size(), 2U);
  EXPECT_NE(acks[0].connection, acks[1].connection);
  // A new envelope after the duplicate still goes through.
  push_and_deliver();
  EXPECT_EQ(delivered.size(), 2U);
}

TEST_F(socket_mode_test, malformed_frames_are_skipped_and_the_socket_keeps_working) {
  auto o = options();
  o.max_frame = 4096;
  start(std::move(o));
  ASSERT_TRUE(wait_connected());
  slack_server.send_raw("{not json");
  slack_server.send_raw("[1,2,3]");
  slack_server.send_raw(R"({"envelope_id":"e-no-payload","type":"events_api"})");
  slack_server.send_raw(R"({"envelope_id":42,"type":"events_api","payload":{}})");
  slack_server.send_raw(
      json{{"envelope_id", "e-huge"}, {"type", "events_api"}, {"payload", {{"x", std::string(8000, 'x')}}}}
          .dump());
  const auto id = push_and_deliver();
  // Acks leave in frame order: once this one is in, any ack for the frames above is too.
  ASSERT_TRUE(wait([&] { return slack_server.ack_count(id) == 1; }));

  EXPECT_EQ(delivered.size(), 1U);
  EXPECT_EQ(delivered[0].envelope_id, id);
  EXPECT_EQ(client->status().malformed, 5U);
  EXPECT_EQ(slack_server.connections().size(), 1U) << "no reconnect";
  EXPECT_EQ(slack_server.ack_count("e-no-payload"), 1U) << "a usable id is acked so Slack stops resending";
  EXPECT_EQ(slack_server.ack_count("e-huge"), 0U) << "too big to read its id";
  EXPECT_EQ(client->status().reconnects, 0U);
}

TEST_F(socket_mode_test, link_disabled_is_fatal_and_nothing_reconnects) {
  start(options());
  ASSERT_TRUE(wait_connected());
  slack_server.disconnect("link_disabled");
  ASSERT_TRUE(wait([&] { return !fatals.empty() && !client->status().running; }));
  ASSERT_EQ(fatals.size(), 1U);
  EXPECT_NE(fatals[0].find("link_disabled"), std::string::npos);
  EXPECT_EQ(client->status().fatal, fatals[0]);
  EXPECT_EQ(slack_server.call_count("apps.connections.open"), 1U);
  ASSERT_TRUE(wait([&] { return slack_server.open_connections() == 0; }));
  EXPECT_EQ(slack_server.connections().at(0).close_code, 1000);
}

TEST_F(socket_mode_test, refused_app_token_is_fatal_without_retrying) {
  auto o = options();
  o.app_token = "xapp-wrong";
  start(std::move(o));
  ASSERT_TRUE(wait([&] { return !fatals.empty() && !client->status().running; }));
  ASSERT_EQ(fatals.size(), 1U);
  EXPECT_NE(fatals[0].find("invalid_auth"), std::string::npos);
  EXPECT_EQ(slack_server.call_count("apps.connections.open"), 1U);
  EXPECT_TRUE(slack_server.connections().empty());
}

TEST_F(socket_mode_test, transient_connections_open_failures_are_retried) {
  slack_server.fail_next("apps.connections.open", 1, fault::http(500));
  slack_server.fail_next("apps.connections.open", 1, fault::slack("internal_error"));
  slack_server.fail_next("apps.connections.open", 1, fault::rate_limited(0s));
  start(options());
  ASSERT_TRUE(wait_connected());
  EXPECT_EQ(slack_server.call_count("apps.connections.open"), 4U);
  EXPECT_TRUE(fatals.empty());
  push_and_deliver();
}

TEST_F(socket_mode_test, handler_exception_does_not_cost_the_socket) {
  bool thrown = false;
  auto o = options();
  client = std::make_unique<slack::socket_mode_client>(
      io, std::move(o),
      [&](slack::socket_envelope e) {
        delivered.push_back({std::move(e.envelope_id), {}, 0, {}});
        if (!thrown) {
          thrown = true;
          throw std::runtime_error("handler bug");
        }
      },
      [](std::string) {});
  client->start();
  ASSERT_TRUE(wait_connected());
  push_and_deliver();
  push_and_deliver();
  EXPECT_EQ(slack_server.connections().size(), 1U);
}

// With socket_io on a thread of its own, envelopes are read and acked while the client's thread is
// busy: here the handler of the first envelope holds that thread until the second one is acked. On one
// shared thread the second envelope could not even be read until the handler returned.
TEST_F(socket_mode_test, a_socket_thread_acks_while_the_client_thread_is_busy) {
  asio::io_context socket_io;
  auto socket_work = asio::make_work_guard(socket_io);
  std::thread socket_thread([&] { socket_io.run(); });
  auto o = options();
  o.socket_io = &socket_io;
  bool second_acked_during_first = false;
  client = std::make_unique<slack::socket_mode_client>(
      io, std::move(o),
      [&](slack::socket_envelope e) {
        if (delivered.empty()) {
          const auto second = slack_server.push_envelope("slash_commands", slash_command("help"));
          second_acked_during_first = slack_server.wait_for_ack(second, 5s);
        }
        delivered.push_back(delivered_from(std::move(e)));
      },
      [this](std::string reason) { fatals.push_back(std::move(reason)); });
  client->start();
  ASSERT_TRUE(wait_connected());
  slack_server.push_envelope("slash_commands", slash_command("stats"));
  ASSERT_TRUE(wait([&] { return delivered.size() == 2; }));
  EXPECT_TRUE(second_acked_during_first);
  ASSERT_TRUE(delivered[1].payload.event) << delivered[1].payload.ignored;
  EXPECT_EQ(delivered[1].payload.event->text, "help");  // handed on after the first, on the client's thread
  client->stop();
  EXPECT_TRUE(wait([&] { return !client->status().running; }));
  ASSERT_TRUE(wait([&] { return slack_server.open_connections() == 0; }));
  client.reset();
  socket_work.reset();
  socket_io.stop();
  socket_thread.join();
  EXPECT_TRUE(fatals.empty());
}

TEST_F(socket_mode_test, stop_closes_cleanly_and_delivers_nothing_more) {
  start(options(2));
  ASSERT_TRUE(wait_connected(2));
  client->stop();
  ASSERT_TRUE(wait([&] { return !client->status().running; }));
  EXPECT_FALSE(client->status().connected);
  ASSERT_TRUE(wait([&] { return slack_server.open_connections() == 0; }));
  for (const auto& socket : slack_server.connections())
    EXPECT_EQ(socket.close_code, 1000);
  EXPECT_TRUE(fatals.empty());
}

}  // namespace
