#include "bot/net/http_client.hpp"

#include <gtest/gtest.h>

#include "bot/net/detail/connect.hpp"
#include "bot/net/error.hpp"
#include "bot/net/http_server.hpp"
#include "support/io_wait.hpp"
#include "support/raw_tcp.hpp"

namespace {

namespace asio = boost::asio;
namespace net = csibot::net;
using csibot::test::run_task;

struct http_client_test : ::testing::Test {
  http_client_test() {
    server.add_route("GET", "/hello", [](const net::request& r) {
      auto res =
          net::response::text(200, "hello " + std::string{r.headers.find("authorization").value_or("")});
      res.headers.add("X-Request-Id", "r1");
      return res;
    });
    server.add_route("POST", "/echo", [](const net::request& r) { return net::response::json(201, r.body); });
    server.add_route("GET", "/big",
                     [](const net::request&) { return net::response::text(200, std::string(4096, 'b')); });
    server.start();
  }

  net::http_result request(std::string method, std::string url, net::header_map headers = {},
                           std::string body = {}) {
    auto result =
        run_task(io, client.request(std::move(method), std::move(url), std::move(headers), std::move(body)));
    return result.value_or(net::http_result{{}, "<deadline passed>", 0, {}, {}});
  }

  std::string base() const { return "http://127.0.0.1:" + std::to_string(server.local_port()); }

  asio::io_context io;
  net::http_server server{io, {}};
  net::http_client client{io, {}};
};

TEST_F(http_client_test, get_against_loopback_server) {
  net::header_map headers;
  headers.add("Authorization", "Bearer xoxb-1");
  const auto r = request("GET", base() + "/hello", headers);
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.status, 200U);
  EXPECT_EQ(r.body, "hello Bearer xoxb-1");
  EXPECT_EQ(r.headers.find("x-request-id"), "r1");
}

// The TLS context is built at the first https request, not with the client: plain HTTP on loopback
// (the local web chat, a Mattermost on localhost) never loads OpenSSL's TLS code.
TEST_F(http_client_test, plain_requests_never_take_the_tls_context) {
  ASSERT_TRUE(request("GET", base() + "/hello").ok());
  const auto probe = net::detail::tls_client_context();
  EXPECT_EQ(probe.use_count(), 1) << "the client holds the TLS context without a TLS connection";
  // An https request to the plain server fails its handshake, but has taken the context for it.
  EXPECT_FALSE(request("GET", "https://127.0.0.1:" + std::to_string(server.local_port()) + "/hello").ok());
  EXPECT_EQ(probe.use_count(), 2);
}

TEST_F(http_client_test, post_sends_the_body) {
  net::header_map headers;
  headers.add("Content-Type", "application/json");
  const auto r = request("POST", base() + "/echo", headers, R"({"ok":true})");
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.status, 201U);
  EXPECT_EQ(r.body, R"({"ok":true})");
  EXPECT_EQ(r.headers.find("Content-Type"), "application/json");
}

TEST_F(http_client_test, keep_alive_reuses_one_connection_for_sequential_requests) {
  for (int i = 0; i < 5; ++i) {
    const auto r = request("POST", base() + "/echo", {}, "n" + std::to_string(i));
    ASSERT_TRUE(r.ok()) << r.message;
    EXPECT_EQ(r.body, "n" + std::to_string(i)) << "each response belongs to its own request";
  }
  EXPECT_EQ(server.stats().connections_total, 1U);
}

TEST_F(http_client_test, without_keep_alive_every_request_has_its_own_connection) {
  net::http_client closing(io, {.keep_alive = false});
  for (int i = 0; i < 3; ++i)
    ASSERT_TRUE(run_task(io, closing.request("GET", base() + "/hello"))->ok());
  EXPECT_EQ(server.stats().connections_total, 3U);
}

TEST_F(http_client_test, a_connection_the_server_closed_while_idle_is_replaced_transparently) {
  // This server drops idle keep-alive connections after 50 ms, as real servers do after a while.
  net::server_options options;
  options.idle_timeout = std::chrono::milliseconds{50};
  net::http_server impatient{io, options};
  impatient.add_route("GET", "/hi", [](const net::request&) { return net::response::text(200, "hi"); });
  impatient.start();
  const auto url = "http://127.0.0.1:" + std::to_string(impatient.local_port()) + "/hi";
  ASSERT_TRUE(run_task(io, client.request("GET", url))->ok());
  // Wait (on a condition, not a fixed time) until the server has closed the idle connection.
  ASSERT_TRUE(csibot::test::run_until(io, [&] { return impatient.stats().connections_active == 0; }));
  const auto again = run_task(io, client.request("GET", url));
  ASSERT_TRUE(again && again->ok()) << (again ? again->message : "deadline");
  EXPECT_EQ(again->body, "hi");
  EXPECT_EQ(impatient.stats().connections_total, 2U);
}

TEST_F(http_client_test, localhost_name_is_loopback) {
  const auto r = request("GET", "http://localhost:" + std::to_string(server.local_port()) + "/hello");
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.status, 200U);
}

TEST_F(http_client_test, http_error_status_is_not_a_failure) {
  const auto r = request("GET", base() + "/missing");
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.status, 404U);
}

TEST_F(http_client_test, plain_http_to_a_non_loopback_host_is_refused_before_connecting) {
  // 192.0.2.0/24 is TEST-NET-1: nothing answers there, and the client must not even try.
  for (const auto* url : {"http://192.0.2.1/", "http://example.com/api", "http://[2001:db8::1]:8080/"}) {
    const auto r = request("GET", url);
    EXPECT_EQ(r.error, net::error::insecure_non_loopback) << url;
    EXPECT_NE(r.message.find("loopback"), std::string::npos) << r.message;
  }
  EXPECT_EQ(server.stats().connections_total, 0U);
}

TEST_F(http_client_test, malformed_url_and_scheme_and_method_fail_as_values) {
  EXPECT_EQ(request("GET", "not a url").error, net::error::bad_url);
  EXPECT_EQ(request("GET", "ftp://127.0.0.1/").error, net::error::unsupported_scheme);
  EXPECT_EQ(request("FROB", base() + "/hello").error, net::error::bad_method);
}

// A header value with CR LF would let whoever controls it write fields (or a whole second request)
// of their own: the request is refused before any connection is made.
TEST_F(http_client_test, a_header_with_a_line_break_is_refused_before_connecting) {
  net::header_map headers;
  headers.add("Authorization", "Bearer x\r\nX-Admin: yes");
  const auto r = request("GET", base() + "/hello", headers);
  EXPECT_EQ(r.error, net::error::bad_header);
  EXPECT_NE(r.message.find("CR, LF or NUL"), std::string::npos) << r.message;
  EXPECT_EQ(server.stats().connections_total, 0U);
}

TEST_F(http_client_test, silent_server_times_out) {
  csibot::test::silent_server silent(io);
  net::http_client quick(io, {.connect_timeout = std::chrono::milliseconds{200},
                              .total_timeout = std::chrono::milliseconds{200}});
  const auto r =
      run_task(io, quick.request("GET", "http://127.0.0.1:" + std::to_string(silent.port()) + "/"));
  ASSERT_TRUE(r);
  EXPECT_TRUE(net::is_timeout(r->error)) << r->message;
}

TEST_F(http_client_test, response_over_the_body_limit_fails) {
  net::http_client small(io, {.max_body = 1024});
  const auto r = run_task(io, small.request("GET", base() + "/big"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->error, net::error::body_too_large) << r->message;
}

TEST_F(http_client_test, connection_refused_is_a_value) {
  std::uint16_t closed_port = 0;
  {
    net::http_server gone(io, {});
    gone.start();
    closed_port = gone.local_port();
  }
  io.poll();  // let the stopped acceptor close before connecting to its port
  const auto r = request("GET", "http://127.0.0.1:" + std::to_string(closed_port) + "/");
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.message.find("connect 127.0.0.1"), std::string::npos) << r.message;
}

}  // namespace
