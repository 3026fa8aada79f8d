// What the operator sees of requests the server turns away: one warning naming the client and the
// reason, never the request's bytes, and no more than one line per kind per interval.

#include "bot/net/detail/rejection_log.hpp"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <sstream>

#include "bot/net/http_server.hpp"
#include "support/io_wait.hpp"
#include "support/raw_tcp.hpp"

namespace {

namespace asio = boost::asio;
using csibot::net::http_server;
using csibot::net::request;
using csibot::net::response;
using csibot::net::detail::log_throttle;
using csibot::test::run_task;
using csibot::test::send_and_read_until_close;
using namespace std::chrono_literals;

/// spdlog's default logger writes into `text` while this lives.
struct captured_log {
  captured_log() : previous(spdlog::default_logger()) {
    auto logger =
        std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::ostream_sink_st>(text));
    logger->set_pattern("%l %v");
    spdlog::set_default_logger(std::move(logger));
  }
  ~captured_log() { spdlog::set_default_logger(previous); }
  captured_log(const captured_log&) = delete;
  captured_log& operator=(const captured_log&) = delete;

  [[nodiscard]] std::size_t count(std::string_view needle) const {
    const auto all = text.str();
    std::size_t n = 0;
    for (auto at = all.find(needle); at != std::string::npos; at = all.find(needle, at + 1))
      ++n;
    return n;
  }

  std::shared_ptr<spdlog::logger> previous;
  std::ostringstream text;
};

struct rejection_log_test : ::testing::Test {
  void start() {
    options.body_limit = 1024;
    server.emplace(io, options);
    server->add_route("POST", "/hook", [](const request&) { return response::text(200, "ok"); });
    server->start();
  }

  /// Sends `bytes` on a fresh connection and reads until the server closes it.
  std::string exchange(std::string bytes) {
    return run_task(io, send_and_read_until_close(server->local_port(), std::move(bytes)))
        .value_or("<deadline passed>");
  }

  captured_log log;
  asio::io_context io;
  csibot::net::server_options options;
  std::optional<http_server> server;
};

TEST_F(rejection_log_test, a_rejected_request_is_a_warning_naming_the_client_and_the_reason_only) {
  start();
  exchange("\x01\x02 password=hunter2\r\n\r\n");
  exchange("POST /hook HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer s3cret\r\nContent-Length: 4096\r\n\r\n" +
           std::string(4096, 'x'));
  const auto text = log.text.str();
  EXPECT_NE(text.find("warning http: request from 127.0.0.1 rejected with 400: malformed request line"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("warning http: request from 127.0.0.1 rejected with 413: body larger than 1024 bytes"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("hunter2"), std::string::npos) << text;
  EXPECT_EQ(text.find("s3cret"), std::string::npos) << text;
}

TEST_F(rejection_log_test, a_flood_of_one_kind_writes_one_line_then_how_many_were_left_out) {
  options.rejection_log_interval = std::chrono::hours{1};  // the whole test is one window
  start();
  for (int i = 0; i < 5; ++i)
    exchange("\x01\x02 garbage\r\n\r\n");
  exchange(
      "POST /hook HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
  EXPECT_EQ(log.count("malformed request line"), 1U) << log.text.str();
  // Another kind has a window of its own.
  EXPECT_EQ(log.count("rejected with 400: both Content-Length and Transfer-Encoding"), 1U) << log.text.str();
  server->stop();
  EXPECT_EQ(log.count("http: 4 more request(s) turned away (malformed request line) were not logged; the "
                      "latest from 127.0.0.1"),
            1U)
      << log.text.str();
  // The summary is written by stop(), not by a timer left to keep the io_context busy.
  EXPECT_TRUE(csibot::test::run_until(io, [&] { return io.stopped(); }));
}

TEST_F(rejection_log_test, a_request_header_that_never_ends_is_logged_when_it_times_out) {
  options.header_timeout = 500ms;
  start();
  const auto reply = exchange("POST /hook HTTP/1.1\r\nHost: x\r\n");
  EXPECT_EQ(reply, "");  // the timeout closed the connection: nothing to answer on
  EXPECT_EQ(log.count("http: request from 127.0.0.1 dropped: request header not complete in time"), 1U)
      << log.text.str();
}

TEST_F(rejection_log_test, a_served_request_and_an_unused_connection_log_nothing) {
  options.header_timeout = 100ms;
  start();
  exchange("POST /hook HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  exchange("");  // a browser's spare connection: opened, never used, timed out
  EXPECT_EQ(log.text.str(), "");
}

TEST(log_throttle, one_line_per_window_then_a_count_per_window_while_a_flood_lasts) {
  const log_throttle::clock::time_point t0{};
  log_throttle throttle(2, 10s);
  EXPECT_TRUE(throttle.admit(0, t0));
  EXPECT_FALSE(throttle.admit(0, t0 + 1s));
  EXPECT_FALSE(throttle.admit(0, t0 + 2s));
  EXPECT_TRUE(throttle.admit(1, t0 + 2s));  // kinds are throttled apart
  EXPECT_EQ(throttle.next_due(), t0 + 10s);
  EXPECT_TRUE(throttle.due(t0 + 9s).empty());
  const auto first = throttle.due(t0 + 10s);
  ASSERT_EQ(first.size(), 1U);
  EXPECT_EQ(first[0].kind, 0U);
  EXPECT_EQ(first[0].suppressed, 2U);
  // The flood goes on: the window started again with the summary.
  EXPECT_FALSE(throttle.admit(0, t0 + 11s));
  EXPECT_EQ(throttle.due(t0 + 20s).size(), 1U);
  // A quiet window ends without a line, and the next request is written in full.
  EXPECT_TRUE(throttle.due(t0 + 30s).empty());
  EXPECT_FALSE(throttle.next_due());
  EXPECT_TRUE(throttle.admit(0, t0 + 31s));
}

TEST(log_throttle, drain_hands_over_every_count_held_back) {
  const log_throttle::clock::time_point t0{};
  log_throttle throttle(3, 10s);
  EXPECT_TRUE(throttle.admit(2, t0));
  EXPECT_FALSE(throttle.admit(2, t0 + 1s));
  const auto left = throttle.drain();
  ASSERT_EQ(left.size(), 1U);
  EXPECT_EQ(left[0].kind, 2U);
  EXPECT_EQ(left[0].suppressed, 1U);
  EXPECT_TRUE(throttle.drain().empty());
  EXPECT_TRUE(throttle.admit(2, t0 + 2s));
}

}  // namespace
