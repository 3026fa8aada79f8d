// What the outbox promises a person on Slack, against the fake Slack (PLATFORMS.md §1.7, docs/slack.md):
// a message Slack keeps rate-limiting is still delivered, once; a rate limit of chat.postMessage holds
// back every channel's posts but not the replies to commands; a message too long for one post, whose
// later part fails, shows each part once and in order; a command's post into a channel csibot may not
// post in reaches that channel through the command's response_url.
#include "platform/slack/adapter_fixture.hpp"

namespace csibot::platform::slack::test {
namespace {

using testing::fault;

/// 120 lines of about 2,900 characters, "L000 …" to "L119 …": one section each, so three messages
/// of at most 50 blocks (blocks.hpp).
core::message three_part_message() {
  core::message m;
  for (int i = 0; i < 120; ++i) {
    const auto n = std::to_string(i);
    m.text += "L" + std::string(3 - n.size(), '0') + n;
    for (int w = 0; w < 480; ++w)
      m.text += " lorem";
    m.text += '\n';
  }
  return m;
}

/// The "Lnnn" that begins each block of `bodies`, in order.
std::vector<std::string> line_marks(const std::vector<json>& bodies) {
  std::vector<std::string> out;
  for (const auto& b : bodies)
    for (const auto& block : b.value("blocks", json::array()))
      if (block.contains("text")) out.push_back(block["text"].value("text", "").substr(0, 4));
  return out;
}

std::vector<std::string> all_marks() {
  std::vector<std::string> out;
  for (int i = 0; i < 120; ++i) {
    const auto n = std::to_string(i);
    out.push_back("L" + std::string(3 - n.size(), '0') + n);
  }
  return out;
}

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
  /// A command's reply in three parts, written as the dispatcher writes it: for the response_url.
  void reply_at_response_url() {
    core::outbound o;
    o.kind = core::delivery::ephemeral;
    o.platform = "slack";
    o.channel = "C0001";
    o.user = "U0001";
    o.body = three_part_message();
    storage::outbox_repository{*db}.enqueue(o, fake.new_response_url(), system_now());
    box->notify();
  }
  /// A command's post for the whole channel (as /csi digest --here writes it): with the response_url
  /// of the command typed in `channel`. Returns its row id.
  std::int64_t command_post_to(const std::string& channel, core::message body) {
    core::outbound o;
    o.kind = core::delivery::channel;
    o.platform = "slack";
    o.channel = channel;
    o.user = "U0001";
    o.body = std::move(body);
    const auto id = storage::outbox_repository{*db}.enqueue(o, fake.new_response_url(channel), system_now());
    box->notify();
    return id;
  }
  static core::message text_message(std::string text) {
    core::message m;
    m.text = std::move(text);
    return m;
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

TEST_F(outbox_adapter_test, a_reply_in_parts_whose_second_part_fails_shows_each_part_once_in_order) {
  ASSERT_NO_FATAL_FAILURE(start());
  fake.fail_next("respond", 1, fault::pass());
  fake.fail_next("respond", 1, fault::http(500));
  reply_at_response_url();
  ASSERT_TRUE(wait([&] { return pending() == 0; }));
  std::vector<json> shown;
  for (const auto& r : fake.responses())
    shown.push_back(r.body);
  EXPECT_EQ(shown.size(), 3U) << "the retry spent no use of the response_url on the first part";
  EXPECT_EQ(line_marks(shown), all_marks());
  EXPECT_EQ(fake.messages().size(), 0U) << "no fallback to the DM";
}

TEST_F(outbox_adapter_test, a_post_in_parts_whose_second_part_fails_shows_each_part_once_in_order) {
  ASSERT_NO_FATAL_FAILURE(start());
  fake.fail_next("chat.postMessage", 1, fault::pass());
  fake.fail_next("chat.postMessage", 1, fault::http(500));
  core::outbound o;
  o.kind = core::delivery::channel;
  o.platform = "slack";
  o.channel = "C0DIGEST";
  o.body = three_part_message();
  storage::outbox_repository{*db}.enqueue(o, "", system_now());
  box->notify();
  ASSERT_TRUE(wait([&] { return pending() == 0; }));
  EXPECT_EQ(fake.messages().size(), 3U);
  EXPECT_EQ(line_marks(fake.messages()), all_marks());
  EXPECT_EQ(fake.call_count("chat.postMessage"), 4U) << "three parts and the one that failed";
}

TEST_F(outbox_adapter_test, a_digest_posted_here_in_a_channel_the_bot_has_not_joined_arrives_there_once) {
  settings.bot.admins.push_back("slack:U0001");  // may post a digest into any channel
  ASSERT_NO_FATAL_FAILURE(start());
  fake.set_channel_access("C0NOTIN", testing::channel_access::not_member);
  fake.push_slash_command("/csi", "digest --here", "U0001", "C0NOTIN");
  ASSERT_TRUE(wait([&] { return fake.response_count() == 1 && pending() == 0; }));
  fake.push_slash_command("/csi", "help");  // a marker: anything sent twice would have arrived by now
  ASSERT_TRUE(wait([&] { return fake.response_count() == 2; }));
  const auto digest = fake.responses().at(0);
  EXPECT_EQ(digest.channel, "C0NOTIN") << "the reply of the command typed there";
  EXPECT_EQ(digest.body.value("response_type", ""), "in_channel") << "for everyone: " << digest.raw;
  EXPECT_NE(digest.raw.find("CSI digest"), std::string::npos) << digest.raw;
  EXPECT_EQ(fake.call_count("chat.postMessage"), 1U) << "tried first, refused once";
  EXPECT_TRUE(fake.messages().empty());
}

TEST_F(outbox_adapter_test, a_commands_post_in_a_channel_the_bot_has_not_joined_arrives_there_once_in_order) {
  ASSERT_NO_FATAL_FAILURE(start());
  fake.set_channel_access("C0NOTIN", testing::channel_access::not_member);
  fake.fail_next("respond", 1, fault::pass());
  fake.fail_next("respond", 1, fault::http(500));  // the second part is retried
  command_post_to("C0NOTIN", three_part_message());
  ASSERT_TRUE(wait([&] { return pending() == 0; }));
  std::vector<json> shown;
  for (const auto& r : fake.responses()) {
    EXPECT_EQ(r.body.value("response_type", ""), "in_channel") << "for everyone in the channel";
    EXPECT_EQ(r.channel, "C0NOTIN") << "the response_url of the command typed there";
    shown.push_back(r.body);
  }
  EXPECT_EQ(shown.size(), 3U) << "each part once";
  EXPECT_EQ(line_marks(shown), all_marks());
  EXPECT_TRUE(fake.messages().empty());
  for (const auto& c : fake.calls("chat.postMessage"))
    EXPECT_EQ(c.error, "not_in_channel");
}

TEST_F(outbox_adapter_test, a_commands_post_in_a_private_channel_the_bot_cannot_see_arrives_there) {
  ASSERT_NO_FATAL_FAILURE(start());
  fake.set_channel_access("G0PRIVATE", testing::channel_access::hidden);
  command_post_to("G0PRIVATE", text_message("Subscribed"));
  ASSERT_TRUE(wait([&] { return pending() == 0; }));
  const auto responses = fake.responses();
  ASSERT_EQ(responses.size(), 1U);
  EXPECT_EQ(responses[0].body.value("response_type", ""), "in_channel");
  EXPECT_EQ(responses[0].channel, "G0PRIVATE");
  EXPECT_NE(responses[0].raw.find("Subscribed"), std::string::npos) << responses[0].raw;
}

TEST_F(outbox_adapter_test,
       a_scheduled_post_in_a_channel_the_bot_has_not_joined_still_fails_with_the_refusal) {
  ASSERT_NO_FATAL_FAILURE(start());
  fake.set_channel_access("C0NOTIN", testing::channel_access::not_member);
  const auto row = wait_failed(post_to("C0NOTIN", "Weekly digest"));  // no command, no response_url
  ASSERT_TRUE(row);
  EXPECT_NE(row->last_error.find("not_in_channel"), std::string::npos) << row->last_error;
  EXPECT_EQ(fake.call_count("chat.postMessage"), 1U) << "a refusal is not retried";
  EXPECT_EQ(fake.response_count(), 0U);
}

TEST_F(outbox_adapter_test, a_commands_post_in_an_archived_channel_is_not_posted_through_the_response_url) {
  ASSERT_NO_FATAL_FAILURE(start());
  fake.set_channel_access("C0ARCHIVE", testing::channel_access::archived);
  const auto row = wait_failed(command_post_to("C0ARCHIVE", text_message("Digest")));
  ASSERT_TRUE(row);
  EXPECT_NE(row->last_error.find("is_archived"), std::string::npos) << row->last_error;
  EXPECT_EQ(fake.response_count(), 0U);
}

TEST_F(outbox_adapter_test, a_commands_post_refused_on_both_roads_fails_naming_both_refusals) {
  ASSERT_NO_FATAL_FAILURE(start());
  fake.set_channel_access("C0NOTIN", testing::channel_access::not_member);
  fake.fail_next("respond", 1, fault::http(404));  // Slack's answer to a used or expired URL
  const auto row = wait_failed(command_post_to("C0NOTIN", text_message("Digest")));
  ASSERT_TRUE(row);
  EXPECT_NE(row->last_error.find("chat.postMessage: not_in_channel"), std::string::npos) << row->last_error;
  EXPECT_NE(row->last_error.find("response_url"), std::string::npos) << row->last_error;
  EXPECT_EQ(fake.response_count(), 0U);
  EXPECT_TRUE(fake.messages().empty()) << "no other road (the DM is not the channel)";
}

}  // namespace
}  // namespace csibot::platform::slack::test
