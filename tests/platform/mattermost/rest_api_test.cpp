#include "bot/platform/mattermost/rest_api.hpp"

#include <gtest/gtest.h>

#include <set>

#include "support/fake_mattermost/fake_mattermost.hpp"
#include "support/io_wait.hpp"

namespace {

namespace asio = boost::asio;
namespace mm = csibot::platform::mattermost;
using csibot::test::run_task;
using csibot::testing::fake_mattermost;
using csibot::testing::mm_channel;
using csibot::testing::mm_fault;
using csibot::testing::mm_user;
using json = nlohmann::json;
using kind = mm::rest_result::kind;
using namespace std::chrono_literals;

const mm_user alice{
    "aliceid0000000000000000000", "alice", "alice+ops@example.com", "de", "Europe/Berlin", false};

struct rest_api_test : ::testing::Test {
  rest_api_test() { server.add_user(alice); }

  template <class T>
  T run(asio::awaitable<T> task) {
    auto result = run_task(io, std::move(task));
    if (!result) throw std::runtime_error("the call did not finish in time");
    return std::move(*result);
  }

  std::string channel_with_members(std::size_t count) {
    mm_channel c{server.new_id(), "O", "ops", "Ops", server.options().team_id, {}};
    for (std::size_t i = 0; i < count; ++i)
      c.members.push_back(server.new_id());
    server.add_channel(c);
    return c.id;
  }

  fake_mattermost server;
  asio::io_context io;
  mm::rest_api api{io, server.url(), "mm-bot-token"};
};

TEST_F(rest_api_test, users_me_returns_the_bot_and_sends_the_bearer_token) {
  const auto me = run(api.users_me());
  ASSERT_TRUE(me.ok()) << me.error;
  EXPECT_EQ(me.id, server.options().bot.id);
  EXPECT_EQ(me.username, "csibot");
  EXPECT_EQ(me.locale, "en");
  EXPECT_EQ(me.timezone, "UTC");
  EXPECT_TRUE(me.is_bot);
  const auto calls = server.calls("users.me");
  ASSERT_EQ(calls.size(), 1U);
  EXPECT_EQ(calls[0].authorization, "Bearer mm-bot-token");
  EXPECT_EQ(calls[0].method, "GET");
  EXPECT_EQ(calls[0].path, "/api/v4/users/me");
}

TEST_F(rest_api_test, a_bad_token_is_fatal_with_one_clear_line_that_never_holds_the_token) {
  mm::rest_api wrong{io, server.url() + "/", "s3cret-wrong-token"};
  const auto me = run(wrong.users_me());
  EXPECT_EQ(me.outcome, kind::fatal);
  EXPECT_EQ(me.http_status, 401U);
  EXPECT_EQ(me.error, "api.context.session_expired.app_error");
  EXPECT_TRUE(me.id.empty());
  const auto line = mm::describe("users/me", me);
  EXPECT_NE(line.find("api.context.session_expired.app_error"), std::string::npos) << line;
  EXPECT_NE(line.find("401"), std::string::npos) << line;
  EXPECT_EQ(line.find("s3cret-wrong-token"), std::string::npos) << line;
  EXPECT_EQ(server.calls("users.me").at(0).authorization, "Bearer s3cret-wrong-token");
}

TEST_F(rest_api_test, users_by_id_and_email_carry_locale_and_timezone) {
  const auto by_id = run(api.user(alice.id));
  ASSERT_TRUE(by_id.ok()) << by_id.error;
  EXPECT_EQ(by_id.username, "alice");
  EXPECT_EQ(by_id.locale, "de");
  EXPECT_EQ(by_id.timezone, "Europe/Berlin");
  EXPECT_FALSE(by_id.is_bot);

  const auto by_email = run(api.user_by_email(alice.email));  // '+' must survive the path
  ASSERT_TRUE(by_email.ok()) << by_email.error;
  EXPECT_EQ(by_email.id, alice.id);

  const auto missing = run(api.user("nobody0000000000000000000a"));
  EXPECT_EQ(missing.outcome, kind::fatal);
  EXPECT_EQ(missing.http_status, 404U);
  EXPECT_EQ(missing.error, "app.user.missing_account.const");
}

TEST_F(rest_api_test, http_429_is_rate_limited_for_the_reset_the_server_names) {
  server.fail_next("posts.create", 1, mm_fault::rate_limited(7s));
  server.fail_next("posts.create", 1, mm_fault::rate_limited(0s));
  const auto channel = channel_with_members(1);
  const json body{{"channel_id", channel}, {"message", "hi"}};
  const auto limited = run(api.create_post(body));
  EXPECT_EQ(limited.outcome, kind::rate_limited);
  EXPECT_EQ(limited.retry_after, 7000ms);
  EXPECT_EQ(limited.http_status, 429U);
  ASSERT_TRUE(limited.rate);
  EXPECT_EQ(limited.rate->remaining, 0U);
  // "0" means "within this second": never less than the one-second floor.
  EXPECT_EQ(run(api.create_post(body)).retry_after, 1000ms);
  EXPECT_TRUE(run(api.create_post(body)).ok()) << "the faults were for two calls only";
}

TEST_F(rest_api_test, http_500_and_a_closed_connection_are_retryable) {
  server.fail_next("users.me", 1, mm_fault::http(500));
  const auto failed = run(api.users_me());
  EXPECT_EQ(failed.outcome, kind::retryable);
  EXPECT_EQ(failed.http_status, 500U);

  // A fresh client, so the request goes out on a new connection (a reused one is retried once).
  mm::rest_api fresh{io, server.url(), "mm-bot-token"};
  server.fail_next("users.me", 1, mm_fault::close());
  const auto closed = run(fresh.users_me());
  EXPECT_EQ(closed.outcome, kind::retryable);
  EXPECT_EQ(closed.http_status, 0U);
  EXPECT_FALSE(closed.error.empty());
  EXPECT_TRUE(run(fresh.users_me()).ok());
}

TEST_F(rest_api_test, direct_channel_is_created_once_and_cached) {
  const auto dm = run(api.direct_channel(server.options().bot.id, alice.id));
  ASSERT_TRUE(dm.ok()) << dm.error;
  EXPECT_EQ(dm.http_status, 201U);
  const auto channel = server.channel(dm.channel_id);
  ASSERT_TRUE(channel);
  EXPECT_EQ(channel->type, "D");
  EXPECT_EQ(channel->name, alice.id + "__" + server.options().bot.id);  // sorted ids
  const auto call = server.calls("channels.direct").at(0);
  EXPECT_EQ(call.body, json::array({server.options().bot.id, alice.id}));

  EXPECT_EQ(run(api.direct_channel(server.options().bot.id, alice.id)).channel_id, dm.channel_id);
  EXPECT_EQ(server.call_count("channels.direct"), 1U);
  EXPECT_EQ(server.direct_channel(alice.id), dm.channel_id) << "the fake's own helper finds the same DM";

  const auto unknown = run(api.direct_channel(server.options().bot.id, "nobody0000000000000000000a"));
  EXPECT_EQ(unknown.outcome, kind::fatal);
  EXPECT_TRUE(unknown.channel_id.empty());
}

TEST_F(rest_api_test, posts_are_created_patched_and_sent_ephemerally) {
  const auto channel = channel_with_members(2);
  const json body{{"channel_id", channel}, {"message", "How useful was the digest?"}};
  const auto created = run(api.create_post(body));
  ASSERT_TRUE(created.ok()) << created.error;
  EXPECT_EQ(created.http_status, 201U);
  EXPECT_EQ(created.post_id.size(), 26U);
  EXPECT_EQ(created.channel_id, channel);
  EXPECT_GT(created.create_at, 0);

  const json patch{{"message", "Thanks!"}, {"props", json::object()}};
  const auto patched = run(api.patch_post(created.post_id, patch));
  ASSERT_TRUE(patched.ok()) << patched.error;
  EXPECT_EQ(server.post(created.post_id)->at("message"), "Thanks!");
  EXPECT_EQ(server.calls("posts.patch").at(0).method, "PUT");

  const json note{{"channel_id", channel}, {"message", "only you"}};
  const auto ephemeral = run(api.ephemeral_post(alice.id, note));
  ASSERT_TRUE(ephemeral.ok()) << ephemeral.error;
  EXPECT_EQ(ephemeral.http_status, 201U);
  const auto shown = server.ephemerals();
  ASSERT_EQ(shown.size(), 1U);
  EXPECT_EQ(shown[0].user_id, alice.id);
  EXPECT_EQ(shown[0].channel_id, channel);

  server.set_allow_ephemeral(false);
  EXPECT_EQ(run(api.ephemeral_post(alice.id, note)).outcome, kind::fatal);
  const auto missing = run(api.patch_post("nopost000000000000000000aa", patch));
  EXPECT_EQ(missing.outcome, kind::fatal);
  EXPECT_EQ(missing.http_status, 404U);
}

TEST_F(rest_api_test, posts_since_returns_later_posts_of_that_channel_oldest_first) {
  const auto channel = channel_with_members(1);
  const auto other = channel_with_members(1);
  const auto first = server.store_post(alice.id, channel, "one");
  const auto second = server.store_post(alice.id, channel, "two");
  server.store_post(alice.id, other, "elsewhere");
  const auto third = server.store_post(alice.id, channel, "three");
  const auto since = server.post(first)->at("create_at").get<std::int64_t>();

  const auto missed = run(api.posts_since(channel, since));
  ASSERT_TRUE(missed.ok()) << missed.error;
  ASSERT_EQ(missed.posts.size(), 2U);
  EXPECT_EQ(missed.posts[0]["id"], second);
  EXPECT_EQ(missed.posts[1]["id"], third);
  EXPECT_EQ(server.calls("channels.posts").at(0).query, "since=" + std::to_string(since));
  EXPECT_EQ(run(api.posts_since(channel, 0)).posts.size(), 3U);
}

TEST_F(rest_api_test, channel_members_pages_through_every_member) {
  const auto channel = channel_with_members(450);
  std::set<std::string> seen;
  unsigned page = 0;
  for (bool more = true; more; ++page) {
    const auto members = run(api.channel_members(channel, page));
    ASSERT_TRUE(members.ok()) << members.error;
    seen.insert(members.user_ids.begin(), members.user_ids.end());
    more = members.more;
    ASSERT_LT(page, 5U) << "paging does not end";
  }
  EXPECT_EQ(seen.size(), 450U);
  EXPECT_EQ(page, 3U);
  // Mattermost serves at most 200 per page: asking for more is clamped before it is sent.
  EXPECT_EQ(run(api.channel_members(channel, 0, 500)).user_ids.size(), 200U);
  EXPECT_EQ(server.calls("channels.members").back().query, "page=0&per_page=200");
}

TEST_F(rest_api_test, response_url_posts_without_the_token_and_stops_after_five_uses) {
  const auto url = server.new_response_url();
  const json reply{{"response_type", "in_channel"}, {"text", "Digest queued."}};
  for (int i = 0; i < 5; ++i)
    ASSERT_TRUE(run(api.post_to_response_url(url, reply)).ok()) << i;
  const auto used_up = run(api.post_to_response_url(url, reply));
  EXPECT_EQ(used_up.outcome, kind::fatal);
  EXPECT_EQ(used_up.error, "app.command_webhook.try_use.invalid");
  const auto posted = server.responses();
  ASSERT_EQ(posted.size(), 5U);
  EXPECT_EQ(posted[0].body, reply);
  EXPECT_TRUE(posted[0].authorization.empty()) << "the URL is the credential";
}

TEST_F(rest_api_test, the_last_rate_limit_window_is_exposed_for_pacing) {
  EXPECT_FALSE(api.last_rate_window());
  server.set_rate_limit(10, 7);
  ASSERT_TRUE(run(api.users_me()).ok());
  const auto window = api.last_rate_window();
  ASSERT_TRUE(window);
  EXPECT_EQ(window->limit, 10U);
  EXPECT_EQ(window->remaining, 7U);
}

}  // namespace
