#include "bot/platform/slack/web_api.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <cstdio>

#include "bot/platform/slack/channel_pacer.hpp"
#include "support/fake_slack/fake_slack.hpp"
#include "support/io_wait.hpp"

namespace {

namespace asio = boost::asio;
namespace slack = csibot::platform::slack;
using csibot::test::run_task;
using csibot::test::run_until;
using csibot::testing::fake_slack;
using csibot::testing::fault;
using json = nlohmann::json;
using kind = slack::api_result::kind;
using namespace std::chrono_literals;

struct web_api_test : ::testing::Test {
  template <class T>
  T run(asio::awaitable<T> task) {
    auto result = run_task(io, std::move(task));
    if (!result) throw std::runtime_error("the call did not finish in time");
    return std::move(*result);
  }

  fake_slack slack_server;
  asio::io_context io;
  slack::web_api api{io, slack_server.api_url(), "xoxb-fake"};
};

TEST_F(web_api_test, auth_test_with_the_bot_token_returns_the_identity) {
  const auto r = run(api.auth_test());
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.user_id, "UBOT");
  EXPECT_EQ(r.bot_id, "B0001");
  EXPECT_EQ(r.team_id, "T0001");
  EXPECT_EQ(r.team, "Fake");
  const auto calls = slack_server.calls("auth.test");
  ASSERT_EQ(calls.size(), 1U);
  EXPECT_EQ(calls[0].authorization, "Bearer xoxb-fake");
  EXPECT_EQ(calls[0].content_type, "application/json; charset=utf-8");
}

TEST_F(web_api_test, auth_test_with_a_wrong_or_missing_token_is_fatal) {
  slack::web_api wrong{io, slack_server.api_url(), "xoxb-wrong"};
  const auto refused = run(wrong.auth_test());
  EXPECT_EQ(refused.outcome, kind::fatal);
  EXPECT_EQ(refused.error, "invalid_auth");
  EXPECT_TRUE(refused.user_id.empty());

  slack::web_api empty{io, slack_server.api_url(), ""};
  const auto missing = run(empty.auth_test());
  EXPECT_EQ(missing.outcome, kind::fatal);
  EXPECT_EQ(missing.error, "not_authed");
}

TEST_F(web_api_test, api_url_without_trailing_slash_still_reaches_the_method) {
  auto url = slack_server.api_url();
  url.pop_back();
  slack::web_api trimmed{io, url, "xoxb-fake"};
  EXPECT_TRUE(run(trimmed.auth_test()).ok());
}

TEST_F(web_api_test, post_message_round_trip_records_the_body_and_returns_ts_and_channel) {
  const json body{{"channel", "C0001"}, {"text", "Daily digest"}, {"thread_ts", "1700000000.000001"}};
  const auto first = run(api.post_message(body));
  ASSERT_TRUE(first.ok()) << first.error;
  EXPECT_EQ(first.channel, "C0001");
  EXPECT_FALSE(first.ts.empty());
  const auto second = run(api.post_message({{"channel", "C0001"}, {"text", "again"}}));
  ASSERT_TRUE(second.ok());
  EXPECT_NE(first.ts, second.ts);  // ts is the message id
  const auto messages = slack_server.messages();
  ASSERT_EQ(messages.size(), 2U);
  EXPECT_EQ(messages[0], body);
}

TEST_F(web_api_test, http_429_is_rate_limited_with_the_retry_after_value) {
  slack_server.fail_next("chat.postMessage", 1, fault::rate_limited(7s));
  const auto limited = run(api.post_message({{"channel", "C0001"}, {"text", "hi"}}));
  EXPECT_EQ(limited.outcome, kind::rate_limited);
  EXPECT_EQ(limited.retry_after, 7000ms);
  EXPECT_EQ(limited.http_status, 429U);
  EXPECT_TRUE(limited.ts.empty());
  // The fault was for one call only: the caller's retry goes through.
  EXPECT_TRUE(run(api.post_message({{"channel", "C0001"}, {"text", "hi"}})).ok());
}

TEST_F(web_api_test, http_5xx_is_retryable) {
  slack_server.fail_next("chat.update", 1, fault::http(500));
  slack_server.fail_next("chat.update", 1, fault::http(503));
  const auto first = run(api.update({{"channel", "C0001"}, {"ts", "1.2"}, {"text", "x"}}));
  EXPECT_EQ(first.outcome, kind::retryable);
  EXPECT_EQ(first.error, "http_500");
  EXPECT_EQ(run(api.update({{"channel", "C0001"}, {"ts", "1.2"}, {"text", "x"}})).error, "http_503");
}

TEST_F(web_api_test, ok_false_is_fatal_except_for_transient_errors) {
  const std::vector<std::pair<std::string, kind>> cases{
      {"channel_not_found", kind::fatal},   {"not_in_channel", kind::fatal},
      {"ratelimited", kind::retryable},     {"internal_error", kind::retryable},
      {"fatal_error", kind::retryable},     {"service_unavailable", kind::retryable},
      {"request_timeout", kind::retryable}, {"msg_blocks_too_long", kind::fatal}};
  for (const auto& [error, expected] : cases) {
    slack_server.fail_next("chat.postMessage", 1, fault::slack(error));
    const auto r = run(api.post_message({{"channel", "C0001"}, {"text", "hi"}}));
    EXPECT_EQ(r.outcome, expected) << error;
    EXPECT_EQ(r.error, error);
    EXPECT_EQ(r.body.value("ok", true), false) << "the body is kept for the caller";
  }
}

TEST_F(web_api_test, network_failure_is_retryable_and_names_no_token) {
  std::string dead_url;
  {
    fake_slack gone;
    dead_url = gone.api_url();
  }
  slack::web_api dead{io, dead_url, "xoxb-secret-token"};
  const auto r = run(dead.post_message({{"channel", "C0001"}, {"text", "hi"}}));
  EXPECT_EQ(r.outcome, kind::retryable);
  EXPECT_EQ(r.http_status, 0U);
  EXPECT_FALSE(r.error.empty());
  EXPECT_EQ(slack::describe("chat.postMessage", r).find("secret"), std::string::npos);
}

TEST_F(web_api_test, open_dm_asks_slack_once_per_user) {
  const auto first = run(api.open_dm("U0042"));
  ASSERT_TRUE(first.ok()) << first.error;
  EXPECT_EQ(first.channel, "D0042");
  const auto again = run(api.open_dm("U0042"));
  EXPECT_TRUE(again.ok());
  EXPECT_EQ(again.channel, "D0042");
  EXPECT_EQ(run(api.open_dm("U0043")).channel, "D0043");
  const auto calls = slack_server.calls("conversations.open");
  ASSERT_EQ(calls.size(), 2U);
  EXPECT_EQ(calls[0].args, (json{{"users", "U0042"}}));
}

TEST_F(web_api_test, open_dm_failure_is_not_cached) {
  slack_server.fail_next("conversations.open", 1, fault::http(502));
  EXPECT_EQ(run(api.open_dm("U0042")).outcome, kind::retryable);
  EXPECT_EQ(run(api.open_dm("U0042")).channel, "D0042");
  EXPECT_EQ(slack_server.call_count("conversations.open"), 2U);
}

TEST_F(web_api_test, user_info_returns_locale_and_time_zone) {
  slack_server.set_user("U0007", "de-DE", "Europe/Berlin", 3600);
  const auto r = run(api.user_info("U0007"));
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.locale, "de-DE");
  EXPECT_EQ(r.tz, "Europe/Berlin");
  EXPECT_EQ(r.tz_offset, 3600s);
  // Form-encoded (a read method): every value arrives as text.
  EXPECT_EQ(slack_server.calls("users.info").at(0).args.value("include_locale", ""), "true");
}

TEST_F(web_api_test, post_ephemeral_and_update_return_their_message_ts) {
  const auto ephemeral =
      run(api.post_ephemeral({{"channel", "C0001"}, {"user", "U0001"}, {"text", "only you"}}));
  ASSERT_TRUE(ephemeral.ok()) << ephemeral.error;
  EXPECT_FALSE(ephemeral.ts.empty());
  const auto updated =
      run(api.update({{"channel", "C0001"}, {"ts", "1700000000.000100"}, {"text", "edited"}}));
  ASSERT_TRUE(updated.ok()) << updated.error;
  EXPECT_EQ(updated.channel, "C0001");
  EXPECT_EQ(updated.ts, "1700000000.000100");
}

TEST_F(web_api_test, respond_posts_json_to_the_response_url_without_a_token) {
  const auto url = slack_server.new_response_url();
  const json body{{"response_type", "ephemeral"}, {"text", "later"}};
  const auto r = run(api.respond(url, body));
  ASSERT_TRUE(r.ok()) << r.error;
  const auto posts = slack_server.responses();
  ASSERT_EQ(posts.size(), 1U);
  EXPECT_EQ(posts[0].body, body);
  EXPECT_TRUE(posts[0].authorization.empty());
  EXPECT_EQ(url.substr(url.rfind('/') + 1), posts[0].id);
}

TEST_F(web_api_test, respond_maps_refusals_and_outages) {
  const auto url = slack_server.new_response_url();
  slack_server.fail_next("respond", 1, fault::http(404));
  slack_server.fail_next("respond", 1, fault::http(500));
  slack_server.fail_next("respond", 1, fault::rate_limited(2s));
  EXPECT_EQ(run(api.respond(url, {{"text", "a"}})).outcome, kind::fatal);
  EXPECT_EQ(run(api.respond(url, {{"text", "b"}})).outcome, kind::retryable);
  const auto limited = run(api.respond(url, {{"text", "c"}}));
  EXPECT_EQ(limited.outcome, kind::rate_limited);
  EXPECT_EQ(limited.retry_after, 2000ms);
  EXPECT_EQ(slack_server.response_count(), 0U);
}

asio::awaitable<void> post_one(slack::web_api& api, int n, int& done, int& ok) {
  // Built outside the co_await: GCC 12 rejects braced JSON initializers inside one.
  json body{{"channel", "C" + std::to_string(n % 7)}, {"text", std::to_string(n)}};
  const auto r = co_await api.post_message(std::move(body));
  ++done;
  if (r.ok()) ++ok;
}

TEST_F(web_api_test, concurrent_calls_all_complete) {
  int done = 0;
  int ok = 0;
  for (int i = 0; i < 200; ++i)
    asio::co_spawn(io, post_one(api, i, done, ok), asio::detached);
  ASSERT_TRUE(run_until(
      io, [&] { return done == 200; }, 30s));
  EXPECT_EQ(ok, 200);
  EXPECT_EQ(slack_server.messages().size(), 200U);
}

// --- classification without a server ------------------------------------------------------------

csibot::net::http_result response(unsigned status, std::string body, std::string retry_after = {}) {
  csibot::net::http_result r;
  r.status = status;
  r.body = std::move(body);
  if (!retry_after.empty()) r.headers.add("Retry-After", std::move(retry_after));
  return r;
}

TEST(web_api_classify, retry_after_parsing) {
  EXPECT_EQ(slack::classify_api_response(response(429, "", " 3 ")).retry_after, 3000ms);
  EXPECT_EQ(slack::classify_api_response(response(429, "")).retry_after, 1000ms) << "missing";
  EXPECT_EQ(slack::classify_api_response(response(429, "", "soon")).retry_after, 1000ms) << "junk";
  EXPECT_EQ(slack::classify_api_response(response(429, "", "-5")).retry_after, 1000ms) << "negative";
  EXPECT_EQ(slack::classify_api_response(response(429, "", "0")).retry_after, 0ms);
  EXPECT_EQ(slack::classify_api_response(response(429, "", "99999999999999999999999")).retry_after, 3600s);
}

TEST(web_api_classify, non_slack_answers_are_fatal) {
  const auto html = slack::classify_api_response(response(200, "<html>proxy</html>"));
  EXPECT_EQ(html.outcome, kind::fatal);
  EXPECT_EQ(html.error, "invalid_response");
  EXPECT_EQ(slack::classify_api_response(response(404, "nope")).error, "http_404");
  EXPECT_EQ(slack::classify_api_response(response(200, R"({"ok":true})")).outcome, kind::ok);
}

TEST(web_api_classify, respond_answers) {
  EXPECT_TRUE(slack::classify_respond_response(response(200, "ok")).ok());
  EXPECT_TRUE(slack::classify_respond_response(response(200, R"({"ok":true})")).ok());
  const auto used = slack::classify_respond_response(response(404, "used_url"));
  EXPECT_EQ(used.outcome, kind::fatal);
  EXPECT_EQ(used.error, "used_url");
  EXPECT_EQ(slack::classify_respond_response(response(200, R"({"ok":false,"error":"expired_url"})")).error,
            "expired_url");
}

TEST(web_api_classify, only_refusals_of_the_bot_in_a_channel_another_road_may_reach_bar_it) {
  EXPECT_TRUE(slack::bars_bot_from_channel("not_in_channel"));
  EXPECT_TRUE(slack::bars_bot_from_channel("channel_not_found"));
  EXPECT_FALSE(slack::bars_bot_from_channel("is_archived")) << "nobody posts into an archived channel";
  for (const auto* other :
       {"invalid_auth", "token_revoked", "account_inactive", "not_authed", "missing_scope", "invalid_blocks",
        "msg_blocks_too_long", "ratelimited", "internal_error", ""})
    EXPECT_FALSE(slack::bars_bot_from_channel(other)) << other;
}

TEST(web_api_classify, describe_says_what_and_how_bad) {
  slack::api_result r;
  r.outcome = kind::rate_limited;
  r.error = "ratelimited";
  r.retry_after = 3000ms;
  EXPECT_EQ(slack::describe("chat.postMessage", r),
            "slack chat.postMessage: ratelimited (rate limited, retry after 3000 ms)");
  r.outcome = kind::fatal;
  r.error = "channel_not_found";
  EXPECT_EQ(slack::describe("chat.postMessage", r), "slack chat.postMessage: channel_not_found (fatal)");
}

TEST(web_api_classify, missing_scope_names_the_scope_to_add) {
  const auto r = slack::classify_api_response(response(
      200,
      R"({"ok":false,"error":"missing_scope","needed":"chat:write.public","provided":"chat:write,im:write"})"));
  EXPECT_EQ(r.outcome, kind::fatal);
  EXPECT_EQ(
      slack::describe("chat.postMessage", r),
      "slack chat.postMessage: missing_scope (fatal); the app needs the scope chat:write.public (it has "
      "chat:write,im:write): add it under OAuth & Permissions and reinstall the app");
}

// --- channel_pacer ----------------------------------------------------------------------------------

TEST(channel_pacer, allows_a_burst_then_one_per_interval) {
  slack::channel_pacer pacer{1s, 3};
  const slack::channel_pacer::clock::time_point t0{};
  EXPECT_EQ(pacer.reserve("C1", t0), t0);
  EXPECT_EQ(pacer.reserve("C1", t0), t0);
  EXPECT_EQ(pacer.reserve("C1", t0), t0);
  EXPECT_EQ(pacer.next_allowed("C1", t0), t0 + 1s);
  EXPECT_EQ(pacer.reserve("C1", t0), t0 + 1s);
  EXPECT_EQ(pacer.reserve("C1", t0), t0 + 2s);
  EXPECT_EQ(pacer.next_allowed("C2", t0), t0) << "channels are independent";
  // After a quiet spell the burst is available again.
  EXPECT_EQ(pacer.reserve("C1", t0 + 10s), t0 + 10s);
}

TEST(channel_pacer, hold_blocks_a_channel_until_the_given_time) {
  slack::channel_pacer pacer{1s, 3};
  const slack::channel_pacer::clock::time_point t0{};
  pacer.hold("C1", t0 + 30s);
  EXPECT_EQ(pacer.next_allowed("C1", t0), t0 + 30s);
  EXPECT_EQ(pacer.reserve("C1", t0 + 30s), t0 + 30s);
  EXPECT_EQ(pacer.reserve("C1", t0 + 30s), t0 + 31s) << "no burst right after a rate limit";
}

TEST(channel_pacer, hold_all_blocks_every_channel_until_the_given_time) {
  slack::channel_pacer pacer{1s, 3};
  const slack::channel_pacer::clock::time_point t0{};
  (void)pacer.reserve("C1", t0);
  pacer.hold_all(t0 + 30s);
  pacer.hold_all(t0 + 10s);  // a shorter hold later does not cut the first one short
  EXPECT_EQ(pacer.next_allowed("C1", t0), t0 + 30s);
  EXPECT_EQ(pacer.next_allowed("C-never-posted", t0), t0 + 30s);
  EXPECT_EQ(pacer.reserve("C2", t0 + 5s), t0 + 30s);
  EXPECT_EQ(pacer.next_allowed("C3", t0 + 31s), t0 + 31s) << "free again after the hold";
}

TEST(channel_pacer, forgets_idle_channels) {
  slack::channel_pacer pacer{1s, 1};
  const slack::channel_pacer::clock::time_point t0{};
  for (int i = 0; i < 5000; ++i)
    (void)pacer.reserve("C" + std::to_string(i), t0 + std::chrono::seconds{i});
  EXPECT_LT(pacer.tracked(), 2100U);
}

// Not a test: the load figure for docs/PERFORMANCE.md. Run with --gtest_also_run_disabled_tests.
asio::awaitable<void> respond_loop(slack::web_api& api, std::string url, int count, int& done, int& ok) {
  for (int i = 0; i < count; ++i) {
    json body{{"text", "reply"}};
    if ((co_await api.respond(url, std::move(body))).ok()) ++ok;
    ++done;
  }
}

TEST_F(web_api_test, DISABLED_respond_throughput) {
  constexpr int workers = 32;
  constexpr int per_worker = 625;  // 20,000 replies
  int done = 0;
  int ok = 0;
  const auto url = slack_server.new_response_url();
  const auto start = std::chrono::steady_clock::now();
  for (int w = 0; w < workers; ++w)
    asio::co_spawn(io, respond_loop(api, url, per_worker, done, ok), asio::detached);
  ASSERT_TRUE(run_until(
      io, [&] { return done == workers * per_worker; }, 120s));
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  std::printf("%d of %d replies ok in %.2f s: %.0f/s\n", ok, done, took.count(), ok / took.count());
  std::fflush(stdout);
  EXPECT_EQ(ok, done);
}

}  // namespace
