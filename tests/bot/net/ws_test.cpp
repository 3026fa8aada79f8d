#include <gtest/gtest.h>

#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <chrono>

#include "bot/net/error.hpp"
#include "bot/net/http_server.hpp"
#include "bot/net/ws_client.hpp"
#include "support/io_wait.hpp"
#include "support/raw_tcp.hpp"

namespace {

namespace asio = boost::asio;
namespace net = csibot::net;
using csibot::test::run_task;
using csibot::test::run_until;
using net::close_code::going_away;

struct ws_test : ::testing::Test {
  ws_test() {
    options.ws.max_message = 1024;
    options.ws.max_send_queue = 8;
    options.ws.close_timeout = std::chrono::milliseconds{200};
    server.emplace(io, options);
    server->add_ws_route("/echo", [this](std::shared_ptr<net::ws_session> session, const net::request&) {
      std::weak_ptr<net::ws_session> weak = session;
      session->on_message([weak](std::string_view text) {
        if (auto s = weak.lock()) s->send(std::string{text});
      });
      session->on_close([this](const net::close_info& info) { server_closes.push_back(info); });
    });
    // Admits only upgrades that carry "X-Pass: yes"; counts the sessions its handler got.
    server->add_ws_route(
        "/guarded", [this](std::shared_ptr<net::ws_session>, const net::request&) { ++guarded_sessions; },
        [](const net::request& r) -> std::optional<net::response> {
          const auto pass = r.headers.find("X-Pass");
          if (pass && *pass == "yes") return std::nullopt;
          return net::response::text(403, "no pass\n");
        });
    // Answers each message with eight frames of 1 MiB (as a chat answers one message with several):
    // a peer that does not read soon fills the socket's buffers, the writer waits with frames still
    // queued and the reader pauses (backpressure).
    server->add_ws_route("/big", [this](std::shared_ptr<net::ws_session> session, const net::request&) {
      std::weak_ptr<net::ws_session> weak = session;
      session->on_message([weak](std::string_view) {
        if (auto s = weak.lock())
          for (int i = 0; i < 8; ++i)
            s->send(std::string(1 << 20, 'x'));
      });
      session->on_close([this](const net::close_info& info) { server_closes.push_back(info); });
    });
    server->add_ws_route("/flood", [](std::shared_ptr<net::ws_session> session, const net::request&) {
      for (int i = 0; i < 100; ++i)
        session->send("x");  // faster than any writer: the queue overflows
    });
    server->start();
  }

  std::string url(std::string_view path) const {
    return "ws://127.0.0.1:" + std::to_string(server->local_port()) + std::string{path};
  }

  /// Connects, sends `messages`, waits for as many replies, closes; returns replies and close info.
  static asio::awaitable<std::pair<std::vector<std::string>, net::close_info>> converse(
      net::ws_client& client, std::string url, std::vector<std::string> messages) {
    auto connected = co_await client.connect(std::move(url));
    if (!connected.ok()) throw std::runtime_error(connected.message);
    auto session = connected.session;
    std::vector<std::string> replies;
    const auto expected = messages.size();
    session->on_message([&replies, expected, session](std::string_view text) {
      replies.emplace_back(text);
      if (replies.size() == expected) session->close(net::close_code::normal, "bye");
    });
    for (auto& m : messages)
      session->send(std::move(m));
    auto info = co_await session->run();
    co_return std::pair{std::move(replies), std::move(info)};
  }

  asio::io_context io;
  net::server_options options;
  std::optional<net::http_server> server;
  net::ws_client client{io, {}};
  std::vector<net::close_info> server_closes;
  int guarded_sessions = 0;
};

// A refused upgrade is answered before the handshake: the client gets the 403, never a socket, and the
// route's handler never sees it.
TEST_F(ws_test, an_admission_check_refuses_an_upgrade_with_its_own_answer) {
  auto attempt = [this](net::header_map headers) {
    return run_task(io, client.connect(url("/guarded"), std::move(headers)));
  };
  const auto refused = attempt({});
  ASSERT_TRUE(refused);
  EXPECT_FALSE(refused->ok());
  EXPECT_EQ(refused->http_status, 403U) << refused->message;
  EXPECT_EQ(guarded_sessions, 0);

  net::header_map pass;
  pass.add("X-Pass", "yes");
  const auto admitted = attempt(std::move(pass));
  ASSERT_TRUE(admitted);
  EXPECT_TRUE(admitted->ok()) << admitted->message;
  EXPECT_TRUE(run_until(io, [&] { return guarded_sessions == 1; }));
  EXPECT_EQ(server->stats().ws_sessions_total, 1U);
}

TEST_F(ws_test, echo_round_trip_and_clean_close) {
  const auto result = run_task(io, converse(client, url("/echo"), {"one", "two", std::string(1000, 'z')}));
  ASSERT_TRUE(result);
  EXPECT_EQ(result->first, (std::vector<std::string>{"one", "two", std::string(1000, 'z')}));
  EXPECT_EQ(result->second.code, net::close_code::normal);
  ASSERT_TRUE(run_until(io, [&] { return server_closes.size() == 1; }));
  EXPECT_EQ(server_closes[0].code, net::close_code::normal);
  EXPECT_EQ(server_closes[0].reason, "bye");
  EXPECT_TRUE(run_until(io, [&] { return server->stats().ws_sessions_active == 0; }));
  EXPECT_EQ(server->stats().ws_sessions_total, 1U);
}

TEST_F(ws_test, oversize_message_closes_with_1009) {
  const auto result = run_task(io, converse(client, url("/echo"), {std::string(2000, 'x')}));
  ASSERT_TRUE(result);
  EXPECT_TRUE(result->first.empty());
  EXPECT_EQ(result->second.code, net::close_code::too_big);
}

TEST_F(ws_test, binary_frame_closes_with_1003) {
  const auto bytes = run_task(io, [](std::uint16_t port) -> asio::awaitable<std::string> {
    auto connection = co_await csibot::test::raw_connection::connect(port);
    co_await connection.write(csibot::test::ws_upgrade_request("/echo"));
    const auto header = co_await connection.read_header();
    if (!header.starts_with("HTTP/1.1 101")) co_return "no upgrade: " + header;
    co_await connection.write(csibot::test::ws_client_frame(0x2, "\x01\x02"));
    co_return co_await connection.read_until_close();
  }(server->local_port()));
  ASSERT_TRUE(bytes);
  EXPECT_EQ(csibot::test::ws_close_code(*bytes), net::close_code::unsupported_data) << *bytes;
}

TEST_F(ws_test, a_burst_larger_than_the_send_queue_is_answered_in_full) {
  // 100 messages at once, 8 queued answers allowed: the server reads only as fast as it can answer
  // (backpressure) instead of queueing 100 echoes and closing with 1008.
  std::vector<std::string> burst;
  for (int i = 0; i < 100; ++i)
    burst.push_back("m" + std::to_string(i));
  const auto result = run_task(io, converse(client, url("/echo"), burst));
  ASSERT_TRUE(result);
  EXPECT_EQ(result->first, burst);
  EXPECT_EQ(result->second.code, net::close_code::normal);
}

TEST_F(ws_test, send_queue_overflow_closes_with_1008) {
  const auto result = run_task(io, [](net::ws_client& c, std::string u) -> asio::awaitable<net::close_info> {
    auto connected = co_await c.connect(std::move(u));
    if (!connected.ok()) throw std::runtime_error(connected.message);
    co_return co_await connected.session->run();
  }(client, url("/flood")));
  ASSERT_TRUE(result);
  EXPECT_EQ(result->code, net::close_code::policy_violation);
}

// A peer that stops reading and then goes away while the reader is paused for it: the failed write
// must end the session (on_close, its queue freed). It used to leave the reader waiting for room
// that never came, holding the session and its queued frames for the life of the process.
TEST_F(ws_test, a_peer_that_leaves_while_the_reader_waits_for_room_ends_its_session) {
  const auto port = server->local_port();
  const auto sent = run_task(io, [](std::uint16_t p, asio::io_context& ctx) -> asio::awaitable<int> {
    auto connection = co_await csibot::test::raw_connection::connect(p);
    co_await connection.write(csibot::test::ws_upgrade_request("/big"));
    co_await connection.read_header();
    std::string frames;
    for (int i = 0; i < 20; ++i)
      frames += csibot::test::ws_client_frame(0x1, "more");
    co_await connection.write(std::move(frames));
    // Long enough for the server to fill the socket and pause; then the peer leaves unread.
    asio::steady_timer wait{ctx, std::chrono::milliseconds{500}};
    co_await wait.async_wait(asio::use_awaitable);
    co_return 20;
  }(port, io));
  ASSERT_TRUE(sent);
  EXPECT_TRUE(run_until(
      io, [&] { return !server_closes.empty(); }, std::chrono::seconds{5}))
      << "the session outlived its connection";
  if (!server_closes.empty())
    std::cerr << "DBG " << server_closes[0].code << " " << server_closes[0].error.message() << "\n";
}

// Few frames, but large ones: the queue is bounded in bytes too. Eight answers of 1 MiB to one
// message overflow a 4 MiB queue, and the session closes with 1008 instead of buffering them.
TEST_F(ws_test, a_send_queue_over_its_byte_limit_closes_with_1008) {
  server->stop();
  options.ws.max_send_bytes = 4 << 20;
  options.ws.read_pause_bytes = 2 << 20;
  net::http_server small(io, options);
  small.add_ws_route("/big", [](std::shared_ptr<net::ws_session> session, const net::request&) {
    std::weak_ptr<net::ws_session> weak = session;
    session->on_message([weak](std::string_view) {
      if (auto s = weak.lock())
        for (int i = 0; i < 8; ++i)
          s->send(std::string(1 << 20, 'x'));
    });
  });
  small.start();
  const auto result = run_task(io, [](net::ws_client& c, std::string u) -> asio::awaitable<net::close_info> {
    auto connected = co_await c.connect(std::move(u));
    if (!connected.ok()) throw std::runtime_error(connected.message);
    connected.session->send("history please");
    co_return co_await connected.session->run();
  }(client, "ws://127.0.0.1:" + std::to_string(small.local_port()) + "/big"));
  ASSERT_TRUE(result);
  EXPECT_EQ(result->code, net::close_code::policy_violation);
  EXPECT_EQ(result->reason, "send queue overflow");
  small.stop();
}

TEST_F(ws_test, server_stop_closes_clients_with_1001) {
  const auto result = run_task(
      io, [](net::ws_client& c, std::string u, net::http_server& s) -> asio::awaitable<net::close_info> {
        auto connected = co_await c.connect(std::move(u));
        if (!connected.ok()) throw std::runtime_error(connected.message);
        s.stop();
        co_return co_await connected.session->run();
      }(client, url("/echo"), *server));
  ASSERT_TRUE(result);
  EXPECT_EQ(result->code, going_away);
  EXPECT_TRUE(run_until(io, [&] { return server->stats().connections_active == 0; }));
}

TEST_F(ws_test, fifty_concurrent_clients) {
  constexpr int clients = 50;
  int done = 0;
  int failed = 0;
  for (int i = 0; i < clients; ++i) {
    const std::string message = "client " + std::to_string(i);
    asio::co_spawn(
        io, converse(client, url("/echo"), {message, message}),
        [&, message](std::exception_ptr e, std::pair<std::vector<std::string>, net::close_info> r) {
          const bool ok = !e && r.first == std::vector<std::string>{message, message} &&
                          r.second.code == net::close_code::normal;
          ++(ok ? done : failed);
        });
  }
  ASSERT_TRUE(run_until(io, [&] { return done + failed == clients; }));
  EXPECT_EQ(done, clients);
  EXPECT_EQ(server->stats().ws_sessions_total, static_cast<std::uint64_t>(clients));
}

TEST_F(ws_test, an_idle_client_stays_connected_on_the_servers_pongs) {
  // Quiet for more than three idle timeouts: only the client's pings, answered by the server, keep
  // the session alive, and it still works afterwards.
  net::ws_client_options quick;
  quick.idle_timeout = std::chrono::milliseconds{400};
  net::ws_client pinging{io, quick};
  using outcome = std::pair<std::string, net::close_info>;
  const auto result = run_task(io, [](net::ws_client& c, std::string u) -> asio::awaitable<outcome> {
    auto connected = co_await c.connect(std::move(u));
    if (!connected.ok()) throw std::runtime_error(connected.message);
    auto session = connected.session;
    std::string echoed;
    session->on_message([&echoed, session](std::string_view text) {
      echoed = text;
      session->close(net::close_code::normal, "bye");
    });
    asio::steady_timer quiet{co_await asio::this_coro::executor, std::chrono::milliseconds{1300}};
    asio::co_spawn(
        co_await asio::this_coro::executor,
        [](asio::steady_timer& t, std::shared_ptr<net::ws_session> s) -> asio::awaitable<void> {
          co_await t.async_wait(asio::use_awaitable);
          s->send("still here");
        }(quiet, session),
        asio::detached);
    auto info = co_await session->run();
    co_return outcome{echoed, info};
  }(pinging, url("/echo")));
  ASSERT_TRUE(result);
  EXPECT_EQ(result->first, "still here");
  EXPECT_EQ(result->second.code, net::close_code::normal) << result->second.error.message();
}

TEST_F(ws_test, a_server_that_never_answers_a_ping_times_the_client_out) {
  // A WebSocket server that completes the handshake and then never reads: Beast answers pings only
  // inside a read, so the client's ping goes unanswered.
  namespace websocket = boost::beast::websocket;
  asio::ip::tcp::acceptor acceptor{io, {asio::ip::make_address("127.0.0.1"), 0}};
  std::optional<websocket::stream<boost::beast::tcp_stream>> mute;
  asio::co_spawn(
      io,
      [](asio::ip::tcp::acceptor& a, auto& held) -> asio::awaitable<void> {
        auto socket = co_await a.async_accept(asio::use_awaitable);
        held.emplace(std::move(socket));
        co_await held->async_accept(asio::use_awaitable);
      }(acceptor, mute),
      asio::detached);
  net::ws_client_options quick;
  quick.idle_timeout = std::chrono::milliseconds{200};
  net::ws_client impatient{io, quick};
  const auto started = std::chrono::steady_clock::now();
  const auto result = run_task(io, [](net::ws_client& c, std::string u) -> asio::awaitable<net::close_info> {
    auto connected = co_await c.connect(std::move(u));
    if (!connected.ok()) throw std::runtime_error(connected.message);
    co_return co_await connected.session->run();
  }(impatient, "ws://127.0.0.1:" + std::to_string(acceptor.local_endpoint().port()) + "/"));
  ASSERT_TRUE(result);
  EXPECT_EQ(result->error, boost::beast::error::timeout) << result->error.message();
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds{200});
}

TEST_F(ws_test, the_server_pings_a_silent_client_and_then_drops_it) {
  net::server_options quick;
  quick.ws_idle_timeout = std::chrono::milliseconds{200};
  net::http_server pinging(io, quick);
  std::vector<net::close_info> closes;
  pinging.add_ws_route("/quiet", [&closes](std::shared_ptr<net::ws_session> session, const net::request&) {
    session->on_close([&closes](const net::close_info& info) { closes.push_back(info); });
  });
  pinging.start();
  // A raw client: it reads what the server sends and never answers, not even a ping.
  const auto bytes = run_task(io, [](std::uint16_t port) -> asio::awaitable<std::string> {
    auto connection = co_await csibot::test::raw_connection::connect(port);
    co_await connection.write(csibot::test::ws_upgrade_request("/quiet"));
    const auto header = co_await connection.read_header();
    if (!header.starts_with("HTTP/1.1 101")) co_return "no upgrade: " + header;
    co_return co_await connection.read_until_close();
  }(pinging.local_port()));
  ASSERT_TRUE(bytes);
  const auto frames = csibot::test::ws_server_frames(*bytes);
  ASSERT_EQ(frames.size(), 1U) << *bytes;
  EXPECT_EQ(frames[0].opcode, 0x9);  // one ping at half the idle timeout, then the connection ends
  ASSERT_TRUE(run_until(io, [&] { return closes.size() == 1; }));
  EXPECT_EQ(closes[0].error, boost::beast::error::timeout) << closes[0].error.message();
}

TEST_F(ws_test, plain_ws_to_a_non_loopback_host_is_refused_before_connecting) {
  const auto result = run_task(io, client.connect("ws://192.0.2.1/api/v4/websocket"));
  ASSERT_TRUE(result);
  EXPECT_EQ(result->error, net::error::insecure_non_loopback);
  EXPECT_NE(result->message.find("loopback"), std::string::npos);
}

TEST_F(ws_test, declined_upgrade_reports_the_status) {
  server.reset();  // a fresh server without the route, so the upgrade hits a 404
  net::http_server plain(io, {});
  plain.start();
  const auto result =
      run_task(io, client.connect("ws://127.0.0.1:" + std::to_string(plain.local_port()) + "/nope"));
  ASSERT_TRUE(result);
  EXPECT_FALSE(result->ok());
  EXPECT_EQ(result->http_status, 404U) << result->message;
}

}  // namespace
