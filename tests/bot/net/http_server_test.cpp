#include "bot/net/http_server.hpp"

#include <gtest/gtest.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "support/io_wait.hpp"
#include "support/raw_tcp.hpp"

namespace {

namespace asio = boost::asio;
using csibot::net::http_server;
using csibot::net::request;
using csibot::net::response;
using csibot::test::raw_connection;
using csibot::test::run_task;
using csibot::test::send_and_read_until_close;

struct http_server_test : ::testing::Test {
  http_server_test() {
    options.body_limit = 1024;
    server.emplace(io, options);
    server->add_route("GET", "/healthz", [](const request&) { return response::text(200, "ok"); });
    server->add_route("POST", "/echo", [](const request& r) {
      auto res = response::text(200, r.body);
      res.headers.add("X-Query", r.query);
      res.headers.add("X-Signature", std::string{r.headers.find("x-slack-signature").value_or("none")});
      return res;
    });
    server->add_route("GET", "/boom", [](const request&) -> response { throw std::runtime_error("boom"); });
    server->add_async_route("GET", "/slow", [](request r) -> asio::awaitable<response> {
      asio::steady_timer timer(co_await asio::this_coro::executor, std::chrono::milliseconds{5});
      co_await timer.async_wait(asio::use_awaitable);
      co_return response::json(202, R"({"path":")" + r.target + "\"}");
    });
    server->add_ws_route("/ws", [](std::shared_ptr<csibot::net::ws_session>, const request&) {});
    server->start();
  }

  /// Sends raw bytes on a fresh connection and returns everything until the server closes.
  std::string exchange(std::string bytes) {
    return run_task(io, send_and_read_until_close(server->local_port(), std::move(bytes)))
        .value_or("<deadline passed>");
  }

  asio::io_context io;
  csibot::net::server_options options;
  std::optional<http_server> server;
};

TEST_F(http_server_test, binds_an_ephemeral_port) {
  EXPECT_NE(server->local_port(), 0);
}

TEST_F(http_server_test, get_route_answers) {
  const auto reply = exchange("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(reply.starts_with("HTTP/1.1 200 OK\r\n")) << reply;
  EXPECT_TRUE(reply.ends_with("\r\n\r\nok")) << reply;
}

TEST_F(http_server_test, post_gets_raw_body_query_and_case_insensitive_headers) {
  const std::string body = "a=1&b=%20x";
  const auto reply = exchange(
      "POST /echo?x=1&y=2 HTTP/1.1\r\nHost: x\r\nX-Slack-Signature: v0=abc\r\n"
      "Content-Length: " +
      std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
  EXPECT_TRUE(reply.starts_with("HTTP/1.1 200 OK\r\n")) << reply;
  EXPECT_NE(reply.find("X-Query: x=1&y=2\r\n"), std::string::npos) << reply;
  EXPECT_NE(reply.find("X-Signature: v0=abc\r\n"), std::string::npos) << reply;
  EXPECT_TRUE(reply.ends_with("\r\n\r\n" + body)) << reply;
}

TEST_F(http_server_test, keep_alive_serves_two_requests_on_one_connection) {
  auto replies = run_task(io, [](std::uint16_t port) -> asio::awaitable<std::pair<std::string, std::string>> {
    auto connection = co_await raw_connection::connect(port);
    co_await connection.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    auto first = co_await connection.read_response();
    co_await connection.write("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi");
    auto second = co_await connection.read_response();
    co_return std::pair{first, second};
  }(server->local_port()));
  ASSERT_TRUE(replies);
  EXPECT_TRUE(replies->first.ends_with("ok")) << replies->first;
  EXPECT_TRUE(replies->second.ends_with("hi")) << replies->second;
  // The server counts a request once its write completed, which may be after the client read it.
  EXPECT_TRUE(csibot::test::run_until(io, [&] { return server->stats().requests_total == 2; }));
  EXPECT_EQ(server->stats().connections_total, 1U);
}

TEST_F(http_server_test, unknown_path_is_404) {
  EXPECT_TRUE(
      exchange("GET /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").starts_with("HTTP/1.1 404"));
}

TEST_F(http_server_test, wrong_method_is_405_with_allow) {
  const auto reply = exchange("DELETE /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(reply.starts_with("HTTP/1.1 405")) << reply;
  EXPECT_NE(reply.find("Allow: POST\r\n"), std::string::npos) << reply;
}

/// Sends `head_request` and then a GET for /healthz on one keep-alive connection; returns the
/// header answering the first and the whole second response. A body after the first header would
/// show up at the start of the second.
std::pair<std::string, std::string> head_then_get(asio::io_context& io, std::uint16_t port,
                                                  std::string head_request) {
  auto replies = run_task(
      io, [](std::uint16_t p, std::string first) -> asio::awaitable<std::pair<std::string, std::string>> {
        auto connection = co_await raw_connection::connect(p);
        co_await connection.write(std::move(first));
        auto header = co_await connection.read_header();
        co_await connection.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        co_return std::pair{header, co_await connection.read_response()};
      }(port, std::move(head_request)));
  return replies.value_or(std::pair{std::string{"<deadline passed>"}, std::string{}});
}

TEST_F(http_server_test, head_on_a_get_route_answers_its_status_and_length_without_the_body) {
  const auto [head, next] =
      head_then_get(io, server->local_port(), "HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_TRUE(head.starts_with("HTTP/1.1 200 OK\r\n")) << head;
  EXPECT_NE(head.find("Content-Length: 2\r\n"), std::string::npos) << head;
  EXPECT_TRUE(next.starts_with("HTTP/1.1 200 OK\r\n")) << next;
  EXPECT_TRUE(next.ends_with("\r\n\r\nok")) << next;
}

TEST_F(http_server_test, head_on_a_coroutine_get_route_keeps_the_content_type) {
  const auto [head, next] = head_then_get(io, server->local_port(), "HEAD /slow HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_TRUE(head.starts_with("HTTP/1.1 202")) << head;
  EXPECT_NE(head.find("Content-Type: application/json\r\n"), std::string::npos) << head;
  EXPECT_NE(head.find("Content-Length: 16\r\n"), std::string::npos) << head;  // {"path":"/slow"}
  EXPECT_TRUE(next.starts_with("HTTP/1.1 200 OK\r\n")) << next;
}

TEST_F(http_server_test, error_answers_to_head_carry_no_body) {
  for (const char* target : {"/echo", "/nope", "/ws"}) {
    const auto [head, next] = head_then_get(io, server->local_port(),
                                            std::string{"HEAD "} + target + " HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_TRUE(head.starts_with("HTTP/1.1 4")) << target << ": " << head;
    EXPECT_TRUE(next.starts_with("HTTP/1.1 200 OK\r\n")) << target << ": " << next;
  }
}

TEST_F(http_server_test, allow_lists_head_wherever_get_is_allowed) {
  const auto reply =
      exchange("POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(reply.starts_with("HTTP/1.1 405")) << reply;
  EXPECT_NE(reply.find("Allow: GET, HEAD\r\n"), std::string::npos) << reply;
}

/// The body of a whole response as read until the server closed.
std::string body_of(const std::string& reply) {
  const auto end = reply.find("\r\n\r\n");
  return end == std::string::npos ? std::string{"<no header end>"} : reply.substr(end + 4);
}

TEST_F(http_server_test, body_over_the_limit_is_413_naming_the_limit) {
  const std::string body(4096, 'x');
  const auto reply = exchange("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4096\r\n\r\n" + body);
  EXPECT_TRUE(reply.starts_with("HTTP/1.1 413")) << reply;
  EXPECT_NE(reply.find("Content-Type: text/plain"), std::string::npos) << reply;
  EXPECT_EQ(body_of(reply), "body larger than 1024 bytes\n");
}

TEST_F(http_server_test, a_json_client_gets_its_413_as_json) {
  const std::string body(4096, 'x');
  const auto reply = exchange(
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n" +
      body);
  EXPECT_TRUE(reply.starts_with("HTTP/1.1 413")) << reply;
  EXPECT_NE(reply.find("Content-Type: application/json\r\n"), std::string::npos) << reply;
  EXPECT_EQ(body_of(reply), R"({"error":"body larger than 1024 bytes"})");
}

TEST_F(http_server_test, chunked_body_over_the_limit_is_413) {
  const std::string chunk(1000, 'x');
  const auto reply = exchange(
      "POST /echo HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\nTransfer-Encoding: "
      "chunked\r\n\r\n3e8\r\n" +
      chunk + "\r\n3e8\r\n" + chunk + "\r\n0\r\n\r\n");
  EXPECT_TRUE(reply.starts_with("HTTP/1.1 413")) << reply;
  EXPECT_EQ(body_of(reply), R"({"error":"body larger than 1024 bytes"})");
}

TEST_F(http_server_test, header_section_over_the_limit_is_431_naming_the_limit) {
  const std::string big(20 * 1024, 'y');
  const auto text = exchange("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + big + "\r\n\r\n");
  EXPECT_TRUE(text.starts_with("HTTP/1.1 431")) << text.substr(0, 200);
  EXPECT_EQ(body_of(text), "header section larger than 16384 bytes\n");
  const auto json =
      exchange("GET /healthz HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\nX-Big: " + big + "\r\n\r\n");
  EXPECT_TRUE(json.starts_with("HTTP/1.1 431")) << json.substr(0, 200);
  EXPECT_EQ(body_of(json), R"({"error":"header section larger than 16384 bytes"})");
}

TEST_F(http_server_test, content_length_with_transfer_encoding_is_refused_in_either_order) {
  for (const std::string fields : {"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n",
                                   "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n"}) {
    const auto reply = exchange("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" +
                                fields + "\r\n0\r\n\r\n");
    EXPECT_TRUE(reply.starts_with("HTTP/1.1 400")) << reply;
    EXPECT_EQ(body_of(reply), R"({"error":"both Content-Length and Transfer-Encoding"})");
  }
}

TEST_F(http_server_test, malformed_chunking_is_400_saying_so) {
  const auto reply = exchange(
      "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n");
  EXPECT_TRUE(reply.starts_with("HTTP/1.1 400")) << reply;
  EXPECT_EQ(body_of(reply), "malformed chunked body\n");
}

TEST_F(http_server_test, garbage_is_400_and_closes) {
  const auto reply = exchange("\x01\x02 this is not http\r\n\r\n");
  EXPECT_TRUE(reply.starts_with("HTTP/1.1 400")) << reply;
  EXPECT_EQ(body_of(reply), "malformed request line\n");
}

TEST_F(http_server_test, a_tls_handshake_is_refused_at_once) {
  // A ClientHello's start: it holds no blank line, so waiting for the end of a header would last
  // the whole header timeout (30 s here, beyond the test's deadline).
  const auto reply = exchange(std::string{"\x16\x03\x01\x00\xc8\x01\x00\x00\xc4\x03\x03", 11});
  EXPECT_TRUE(reply.starts_with("HTTP/1.1 400")) << reply;
  EXPECT_EQ(body_of(reply), "TLS handshake on a plain HTTP port\n");
}

TEST_F(http_server_test, an_http2_preface_is_505) {
  const auto reply = exchange("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
  EXPECT_TRUE(reply.starts_with("HTTP/1.1 505")) << reply;
  EXPECT_EQ(body_of(reply), "HTTP/2 connection preface; only HTTP/1.1 is served\n");
}

TEST_F(http_server_test, own_answers_to_json_clients_are_json) {
  const auto missing =
      exchange("GET /nope HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(missing.starts_with("HTTP/1.1 404")) << missing;
  EXPECT_EQ(body_of(missing), R"({"error":"not found"})");
  const auto failed = exchange(
      "GET /boom HTTP/1.1\r\nHost: x\r\nACCEPT: Application/JSON; charset=utf-8\r\nConnection: "
      "close\r\n\r\n");
  EXPECT_TRUE(failed.starts_with("HTTP/1.1 500")) << failed;
  EXPECT_EQ(body_of(failed), R"({"error":"internal error"})");
  const auto text =
      exchange("GET /nope HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(body_of(text), "not found\n");
}

TEST_F(http_server_test, coroutine_handler_answers) {
  const auto reply = exchange("GET /slow?x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(reply.starts_with("HTTP/1.1 202")) << reply;
  EXPECT_NE(reply.find("Content-Type: application/json\r\n"), std::string::npos) << reply;
  EXPECT_TRUE(reply.ends_with(R"({"path":"/slow"})")) << reply;
}

TEST_F(http_server_test, throwing_handler_is_500) {
  EXPECT_TRUE(
      exchange("GET /boom HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").starts_with("HTTP/1.1 500"));
}

TEST_F(http_server_test, plain_get_on_websocket_path_is_426) {
  EXPECT_TRUE(
      exchange("GET /ws HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").starts_with("HTTP/1.1 426"));
}

TEST_F(http_server_test, idle_keep_alive_connection_times_out) {
  options.idle_timeout = std::chrono::milliseconds{100};
  http_server quick(io, options);
  quick.add_route("GET", "/healthz", [](const request&) { return response::text(200, "ok"); });
  quick.start();
  auto reply = run_task(io, [](std::uint16_t port) -> asio::awaitable<std::string> {
    auto connection = co_await raw_connection::connect(port);
    co_await connection.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    co_return co_await connection.read_until_close();  // ends only because the server hangs up
  }(quick.local_port()));
  ASSERT_TRUE(reply);
  EXPECT_TRUE(reply->ends_with("ok"));
}

// Idle connections up to the cap hold their places; one more is told 503 at once instead of
// waiting unanswered (or, without a cap, taking the process's last file descriptors); once one of
// them leaves, the next is served.
TEST_F(http_server_test, a_connection_over_the_cap_is_answered_503_and_closed) {
  server->stop();
  options.max_connections = 2;
  http_server capped(io, options);
  capped.add_route("GET", "/healthz", [](const request&) { return response::text(200, "ok"); });
  capped.start();
  const auto port = capped.local_port();
  auto replies =
      run_task(io, [](std::uint16_t p, http_server& s) -> asio::awaitable<std::vector<std::string>> {
        std::vector<std::string> out;
        auto first = co_await raw_connection::connect(p);
        auto second = co_await raw_connection::connect(p);
        co_await first.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        co_await second.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        out.push_back(co_await first.read_response());  // both are being served: the cap is 2
        out.push_back(co_await second.read_response());
        out.push_back(co_await send_and_read_until_close(p, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
        { [[maybe_unused]] auto gone = std::move(first); }  // one leaves
        asio::steady_timer settle(co_await asio::this_coro::executor);
        while (s.stats().connections_active >= 2) {
          settle.expires_after(std::chrono::milliseconds{5});
          co_await settle.async_wait(asio::use_awaitable);
        }
        out.push_back(co_await send_and_read_until_close(
            p, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        co_return out;
      }(port, capped));
  ASSERT_TRUE(replies);
  ASSERT_EQ(replies->size(), 4u);
  EXPECT_TRUE((*replies)[0].starts_with("HTTP/1.1 200")) << (*replies)[0];
  EXPECT_TRUE((*replies)[1].starts_with("HTTP/1.1 200")) << (*replies)[1];
  EXPECT_TRUE((*replies)[2].starts_with("HTTP/1.1 503 Service Unavailable")) << (*replies)[2];
  EXPECT_TRUE((*replies)[2].ends_with("too many open connections\n")) << (*replies)[2];
  EXPECT_TRUE((*replies)[3].starts_with("HTTP/1.1 200")) << (*replies)[3];
  capped.stop();
}

TEST_F(http_server_test, stop_closes_idle_connections_and_refuses_new_ones) {
  auto reply = run_task(io, [](http_server& s) -> asio::awaitable<std::string> {
    auto connection = co_await raw_connection::connect(s.local_port());
    co_await connection.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    auto first = co_await connection.read_response();
    s.stop();
    co_return first + co_await connection.read_until_close();
  }(*server));
  ASSERT_TRUE(reply);
  EXPECT_TRUE(reply->ends_with("ok"));
  EXPECT_TRUE(csibot::test::run_until(io, [&] { return server->stats().connections_active == 0; }));
}

TEST_F(http_server_test, stop_closes_connections_still_sending_a_request_and_run_completes) {
  server->stop();  // only `patient` below keeps the io_context busy
  // Timeouts and grace far beyond the tests' guard deadline (10 s): only closing at once passes.
  options.header_timeout = std::chrono::minutes{10};
  options.stop_grace = std::chrono::minutes{10};
  http_server patient(io, options);
  patient.add_route("POST", "/echo", [](const request& r) { return response::text(200, r.body); });
  patient.start();
  auto clients = run_task(io, [](std::uint16_t port) -> asio::awaitable<std::vector<raw_connection>> {
    std::vector<raw_connection> out;
    out.push_back(co_await raw_connection::connect(port));
    co_await out.back().write("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabcdef");
    out.push_back(co_await raw_connection::connect(port));
    co_await out.back().write("POST /echo HTTP/1.1\r\nHo");
    co_return out;
  }(patient.local_port()));
  ASSERT_TRUE(clients);
  // Loopback delivers the bytes at once: let the server read what there is, so that it waits for
  // the rest of the body and of the header when stop() comes.
  while (io.poll() > 0) {
  }
  patient.stop();
  for (auto& client : *clients) {
    const auto seen = run_task(io, [](raw_connection& c) -> asio::awaitable<std::string> {
      co_return co_await c.read_until_close();
    }(client));
    ASSERT_TRUE(seen) << "the server kept a connection with a partial request open after stop()";
    EXPECT_EQ(*seen, "");  // closed without an answer: no handler saw the request
  }
  // Like csibot's io_context.run() at shutdown: nothing of the server is left to wait for.
  EXPECT_TRUE(csibot::test::run_until(io, [&] { return io.stopped(); }));
  EXPECT_EQ(patient.stats().connections_active, 0U);
}

/// A server whose POST /hold handler runs until the test cancels `release`.
struct held_handler {
  held_handler(asio::io_context& io, csibot::net::server_options options) : release(io), server(io, options) {
    release.expires_at(asio::steady_timer::time_point::max());
    server.add_async_route("POST", "/hold", [this](request) -> asio::awaitable<response> {
      entered = true;
      co_await release.async_wait(asio::as_tuple(asio::use_awaitable));
      co_return response::text(200, "done");
    });
    server.start();
  }
  asio::steady_timer release;
  http_server server;
  bool entered = false;
};

/// Sends POST /hold on a fresh connection; `reply` gets everything read until the server closes.
void send_hold(asio::io_context& io, std::uint16_t port, std::optional<std::string>& reply) {
  asio::co_spawn(
      io,
      [](std::uint16_t p) -> asio::awaitable<std::string> {
        auto connection = co_await raw_connection::connect(p);
        co_await connection.write("POST /hold HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
        co_return co_await connection.read_until_close();
      }(port),
      [&reply](std::exception_ptr, std::string bytes) { reply = std::move(bytes); });
}

TEST_F(http_server_test, stop_lets_a_running_handler_answer_then_closes) {
  held_handler held(io, options);
  std::optional<std::string> reply;
  send_hold(io, held.server.local_port(), reply);
  ASSERT_TRUE(csibot::test::run_until(io, [&] { return held.entered; }));
  held.server.stop();
  held.release.cancel();
  ASSERT_TRUE(csibot::test::run_until(io, [&] { return reply.has_value(); }));
  EXPECT_TRUE(reply->starts_with("HTTP/1.1 200 OK\r\n")) << *reply;
  EXPECT_NE(reply->find("Connection: close\r\n"), std::string::npos) << *reply;
  EXPECT_TRUE(reply->ends_with("\r\n\r\ndone")) << *reply;
}

TEST_F(http_server_test, stop_closes_a_connection_whose_handler_outlasts_the_grace) {
  options.stop_grace = std::chrono::milliseconds{1};
  held_handler held(io, options);
  std::optional<std::string> reply;
  send_hold(io, held.server.local_port(), reply);
  ASSERT_TRUE(csibot::test::run_until(io, [&] { return held.entered; }));
  held.server.stop();
  // The handler is still held: only the grace can have closed the connection.
  ASSERT_TRUE(csibot::test::run_until(io, [&] { return reply.has_value(); }));
  EXPECT_EQ(*reply, "");
  EXPECT_EQ(held.server.stats().connections_active, 1U);  // the handler still runs
  held.release.cancel();
  EXPECT_TRUE(csibot::test::run_until(io, [&] { return held.server.stats().connections_active == 0; }));
}

}  // namespace
