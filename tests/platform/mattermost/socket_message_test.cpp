// The pure pieces of the transport: frame bookkeeping, URLs, reconnect timing, and the REST result
// classification rules that the fake cannot easily provoke.
#include "bot/platform/mattermost/socket_message.hpp"

#include <gtest/gtest.h>

#include "bot/net/error.hpp"
#include "bot/platform/mattermost/rest_result.hpp"

namespace {

namespace mm = csibot::platform::mattermost;
using json = nlohmann::json;
using kind = mm::socket_message::kind;
using namespace std::chrono_literals;

TEST(socket_message, hello_gives_the_connection_id_and_seq) {
  const auto m = mm::parse_socket_message(
      R"({"event":"hello","data":{"server_version":"10.5.0","connection_id":"ke1y6abc"},"broadcast":{},"seq":0})");
  EXPECT_EQ(m.what, kind::event);
  EXPECT_EQ(m.event, "hello");
  EXPECT_EQ(m.connection_id, "ke1y6abc");
  EXPECT_EQ(m.seq, 0);
}

TEST(socket_message, replies_and_failures_are_told_apart_from_events) {
  const auto ok = mm::parse_socket_message(R"({"status":"OK","seq_reply":2,"data":{"text":"pong"}})");
  EXPECT_EQ(ok.what, kind::reply);
  EXPECT_EQ(ok.seq_reply, 2);
  EXPECT_EQ(ok.status, "OK");
  const auto fail = mm::parse_socket_message(
      R"({"status":"FAIL","seq_reply":0,"error":{"id":"api.web_socket_router.bad_seq.app_error"}})");
  EXPECT_EQ(fail.what, kind::reply);
  EXPECT_EQ(fail.error_id, "api.web_socket_router.bad_seq.app_error");
}

TEST(socket_message, garbage_and_unsequenced_events_are_not_counted) {
  EXPECT_EQ(mm::parse_socket_message("not json").what, kind::other);
  EXPECT_EQ(mm::parse_socket_message("[1,2]").what, kind::other);
  EXPECT_EQ(mm::parse_socket_message(R"({"seq":3})").what, kind::other);
  const auto no_seq = mm::parse_socket_message(R"({"event":"posted","seq":"7"})");
  EXPECT_EQ(no_seq.what, kind::event);
  EXPECT_FALSE(no_seq.seq);
}

// A frame (up to the socket's 1 MiB) of "[[[[…" would otherwise build a tree of a million levels, and
// nlohmann alone reads a raw NUL as the end of the frame.
TEST(socket_message, deep_nesting_and_raw_nul_are_refused_as_garbage) {
  EXPECT_EQ(mm::parse_socket_message(std::string(1024 * 1024, '[')).what, kind::other);
  const auto deep =
      R"({"event":"posted","seq":4,"data":)" + std::string(100, '[') + std::string(100, ']') + "}";
  EXPECT_EQ(mm::parse_socket_message(deep).what, kind::other);
  EXPECT_EQ(mm::parse_socket_message(std::string(R"({"event":"hello","seq":0})") + '\0' + "junk").what,
            kind::other);
  const auto nested =
      R"({"event":"posted","seq":4,"data":)" + std::string(20, '[') + std::string(20, ']') + "}";
  EXPECT_EQ(mm::parse_socket_message(nested).what, kind::event);
}

TEST(socket_message, request_frames_over_8_kib_are_refused) {
  EXPECT_EQ(json::parse(mm::request_frame(3, "ping", json::object())),
            (json{{"seq", 3}, {"action", "ping"}, {"data", json::object()}}));
  const json big{{"text", std::string(mm::max_client_frame, 'x')}};
  EXPECT_TRUE(mm::request_frame(1, "user_typing", big).empty());
}

TEST(socket_message, websocket_url_follows_the_server_url) {
  EXPECT_EQ(mm::websocket_url("https://chat.example.com"), "wss://chat.example.com/api/v4/websocket");
  EXPECT_EQ(mm::websocket_url("http://127.0.0.1:8065/"), "ws://127.0.0.1:8065/api/v4/websocket");
  EXPECT_EQ(mm::websocket_url("https://x.org/mm/api/v4"), "wss://x.org/mm/api/v4/websocket");
}

TEST(socket_message, resume_url_carries_connection_id_and_next_seq_once_known) {
  const std::string url = "ws://127.0.0.1:1/api/v4/websocket";
  EXPECT_EQ(mm::resume_url(url, "", 5), url);
  EXPECT_EQ(mm::resume_url(url, "abc123", 5), url + "?connection_id=abc123&sequence_number=5");
  EXPECT_EQ(mm::resume_url(url, "bad&id", 5), url) << "an id that would need escaping is not sent";
}

TEST(socket_message, reconnect_delay_follows_the_js_client) {
  const mm::reconnect_policy js;  // 3 s, ×n² after 7 failures, 5 min cap, 0-2 s jitter
  EXPECT_EQ(mm::reconnect_delay(js, 1, 0.0), 3000ms);
  EXPECT_EQ(mm::reconnect_delay(js, 7, 0.0), 3000ms);
  EXPECT_EQ(mm::reconnect_delay(js, 8, 0.0), 192'000ms);
  EXPECT_EQ(mm::reconnect_delay(js, 10, 0.0), 300'000ms);
  EXPECT_EQ(mm::reconnect_delay(js, 4'000'000'000U, 0.0), 300'000ms);
  EXPECT_EQ(mm::reconnect_delay(js, 1, 0.5), 4000ms);
  EXPECT_EQ(mm::reconnect_delay(js, 1, 7.0), 5000ms) << "random is clamped to [0, 1]";
}

csibot::net::http_result answer(unsigned status, std::string body,
                                std::vector<std::pair<std::string, std::string>> headers = {}) {
  csibot::net::http_result r;
  r.status = status;
  r.body = std::move(body);
  for (auto& [name, value] : headers)
    r.headers.add(std::move(name), std::move(value));
  return r;
}

TEST(rest_result, rate_limit_wait_prefers_the_reset_then_retry_after_within_bounds) {
  using mm::classify_response;
  EXPECT_EQ(
      classify_response(answer(429, "limit exceeded", {{"X-Ratelimit-Reset", "4"}, {"Retry-After", "9"}}))
          .retry_after,
      4000ms);
  EXPECT_EQ(classify_response(answer(429, "limit exceeded", {{"Retry-After", "9"}})).retry_after, 9000ms);
  EXPECT_EQ(classify_response(answer(429, "limit exceeded")).retry_after, 1000ms);
  EXPECT_EQ(classify_response(answer(429, "", {{"Retry-After", "99999999"}})).retry_after, 3'600'000ms);
  EXPECT_EQ(classify_response(answer(429, "limit exceeded")).message, "limit exceeded");
}

TEST(rest_result, statuses_map_to_outcomes) {
  using mm::classify_response;
  using outcome = mm::rest_result::kind;
  EXPECT_EQ(classify_response(answer(201, "{}")).outcome, outcome::ok);
  EXPECT_EQ(classify_response(answer(503, "<html>")).outcome, outcome::retryable);
  EXPECT_EQ(classify_response(answer(408, "")).outcome, outcome::retryable);
  const auto not_found = classify_response(answer(404, "<html>nope</html>"));
  EXPECT_EQ(not_found.outcome, outcome::fatal);
  EXPECT_EQ(not_found.error, "http_404");
  csibot::net::http_result down;
  down.error = make_error_code(boost::system::errc::connection_refused);
  down.message = "connect 127.0.0.1:1: Connection refused";
  EXPECT_EQ(classify_response(down).outcome, outcome::retryable);
  csibot::net::http_result insecure;
  insecure.error = csibot::net::make_error_code(csibot::net::error::insecure_non_loopback);
  insecure.message = "plain http to a non-loopback host";
  EXPECT_EQ(classify_response(insecure).outcome, outcome::fatal) << "retrying cannot help";
}

TEST(rest_result, a_body_too_deep_or_with_a_raw_nul_is_no_body) {
  using outcome = mm::rest_result::kind;
  const auto deep = mm::classify_response(answer(200, std::string(100'000, '[')));
  EXPECT_EQ(deep.outcome, outcome::ok);
  EXPECT_TRUE(deep.body.is_null());
  EXPECT_TRUE(mm::classify_response(answer(200, std::string(R"({"id":"u1"})") + '\0' + "x")).body.is_null());
  EXPECT_EQ(mm::classify_response(answer(200, R"([{"id":"u1"}])")).body, json::parse(R"([{"id":"u1"}])"));
}

TEST(rest_result, an_echoed_token_is_cut_out_of_the_message) {
  const auto r = mm::classify_response(
      answer(
          400,
          R"({"id":"api.x.app_error","message":"bad token tok-123 given","detailed_error":"token=tok-123"})"),
      "tok-123");
  EXPECT_EQ(r.error, "api.x.app_error");
  EXPECT_EQ(r.message, "bad token *** given");
  EXPECT_EQ(mm::describe("users/me", r).find("tok-123"), std::string::npos);
}

}  // namespace
