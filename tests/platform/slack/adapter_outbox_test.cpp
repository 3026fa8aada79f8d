// What the outbox promises a person on Slack, against the fake Slack (PLATFORMS.md §1.7, docs/slack.md):
// a message Slack keeps rate-limiting is still delivered, once; a rate limit of chat.postMessage holds
// back every channel's posts but not the replies to commands.
#include "platform/slack/adapter_fixture.hpp"

namespace csibot::platform::slack::test {
namespace {

using testing::fault;

class outbox_adapter_test : public adapter_test {
 protected:
  /// A channel post written to the outbox as a digest is, and handed to the sender; returns its row id.
  std::int64_t post_to(const std::string& channel, const std::string& text) {
    core::outbound o;
    o.kind = core::delivery::channel;
    o.platform = "slack";
    o.channel = channel;
    o.body.text = text;
    const auto id = storage::outbox_repository{*db}.enqueue(o, "", system_now());
    box->notify();
    return id;
  }
  std::size_t pending() { return static_cast<std::size_t>(storage::outbox_repository{*db}.pending_count()); }
};

TEST_F(outbox_adapter_test, a_post_rate_limited_more_often_than_max_attempts_is_still_delivered_once) {
  ASSERT_NO_FATAL_FAILURE(start());
  constexpr std::size_t limited = 12;  // the outbox gives up after 10 failed attempts
  fake.fail_next("chat.postMessage", limited, fault::rate_limited(0s));
  post_to("C0DIGEST", "Weekly digest");
  ASSERT_TRUE(wait([&] { return fake.messages().size() == 1 && pending() == 0; }, 20s));
  const auto calls = fake.calls("chat.postMessage");
  ASSERT_EQ(calls.size(), limited + 1);
  for (std::size_t i = 0; i < limited; ++i)
    EXPECT_EQ(calls[i].status, 429U) << i;
  EXPECT_EQ(calls.back().status, 200U);
  EXPECT_EQ(fake.messages()[0].value("channel", ""), "C0DIGEST");
}

TEST_F(outbox_adapter_test, a_rate_limited_post_holds_other_channels_posts_but_not_command_replies) {
  ASSERT_NO_FATAL_FAILURE(start());
  fake.fail_next("chat.postMessage", 1, fault::rate_limited(30s));
  const auto limited = post_to("C-A", "digest A");
  ASSERT_TRUE(wait([&] {  // the 429 is recorded
    const auto a = storage::outbox_repository{*db}.find(limited);
    return a && a->rate_limited_since.has_value();
  }));
  const auto other = post_to("C-B", "digest B");
  fake.push_slash_command("/csi", "help");  // answered at its response_url: another method
  ASSERT_TRUE(wait([&] { return fake.response_count() == 1; })) << "a command reply waited for the limit";
  EXPECT_EQ(fake.call_count("chat.postMessage"), 1U) << "C-B's post hit the rate-limited method";
  EXPECT_TRUE(storage::outbox_repository{*db}.find(other)) << "C-B's post waits for the hold to end";
}

}  // namespace
}  // namespace csibot::platform::slack::test
