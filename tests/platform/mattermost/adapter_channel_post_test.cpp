// A command's post for the whole channel (/csi digest --here, /csi subscribe) against the fake
// Mattermost (PLATFORMS.md §2.3, §2.4): where the bot may not post (a private channel it is no member
// of: 403), the command's response_url still brings it to that channel for everyone, each part once
// and in order. A post with no command behind it (a scheduled digest) and an archived channel are
// left failed with Mattermost's refusal.
#include <sstream>

#include "platform/mattermost/adapter_fixture.hpp"

namespace csibot::platform::mattermost::test {
namespace {

using testing::mm_fault;

inline const std::string secret = "secretchannel0000000000000";  // private; alice and bob, not the bot

class channel_post_test : public adapter_test {
 protected:
  channel_post_test() {
    fake.add_channel({secret, "P", "secret", "Secret", fake.options().team_id, {alice, bob}});
  }

  /// A channel post written to the outbox as a command's reply is, with `reply_to` as its
  /// response_url ("" for one no command asked for); returns its row id.
  std::int64_t post_to(const std::string& channel, core::message body, const std::string& reply_to) {
    core::outbound o;
    o.kind = core::delivery::channel;
    o.platform = "mattermost";
    o.channel = channel;
    o.user = alice;
    o.body = std::move(body);
    const auto id = storage::outbox_repository{*db}.enqueue(o, reply_to, system_now());
    box->notify();
    return id;
  }

  std::int64_t pending() const { return storage::outbox_repository{*db}.pending_count(); }

  static core::message text(std::string t) {
    core::message m;
    m.text = std::move(t);
    return m;
  }
};

/// The non-empty lines of `message`, in order.
std::vector<std::string> lines_of(const std::string& message) {
  std::vector<std::string> out;
  std::istringstream in{message};
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

TEST_F(channel_post_test, a_digest_posted_here_in_a_channel_the_bot_is_no_member_of_arrives_there_once) {
  settings.bot.admins.push_back("mattermost:" + alice);  // may post a digest into any channel
  ASSERT_NO_FATAL_FAILURE(start());
  const auto r = command("digest --here", alice, secret);
  ASSERT_EQ(r.status, 200U) << r.body << r.error;
  ASSERT_TRUE(wait([&] { return fake.responses().size() == 1 && pending() == 0; }));
  ASSERT_NO_FATAL_FAILURE(help_round_trip());  // anything sent twice would have arrived by now
  const auto digest = fake.responses().at(0);
  EXPECT_EQ(digest.channel_id, secret) << "the reply of the command typed there";
  EXPECT_EQ(digest.body.value("response_type", ""), "in_channel") << "for everyone: " << digest.raw;
  EXPECT_NE(digest.raw.find("CSI digest"), std::string::npos) << digest.raw;
  const auto tried = fake.calls("posts.create");
  ASSERT_EQ(tried.size(), 1U) << "tried first, refused once";
  EXPECT_EQ(tried[0].status, 403U);
  EXPECT_TRUE(bot_posts().empty());
}

TEST_F(channel_post_test, a_commands_post_in_parts_arrives_through_the_response_url_once_in_order) {
  ASSERT_NO_FATAL_FAILURE(start());
  fake.fail_next("hooks.command", 1, mm_fault::http(500));  // retried: REST is refused again, then the URL
  core::message m;  // 400 lines "M000 …" of 100 characters: three posts of at most 16,383
  std::vector<std::string> lines;
  for (int i = 0; i < 400; ++i) {
    const auto n = std::to_string(i);
    lines.push_back("M" + std::string(3 - n.size(), '0') + n + std::string(95, 'x'));
    m.text += lines.back() + "\n";
  }
  post_to(secret, m, fake.new_response_url());
  ASSERT_TRUE(wait([&] { return pending() == 0; }));
  const auto responses = fake.responses();
  ASSERT_EQ(responses.size(), 1U) << "one use of the URL for all parts";
  const auto& body = responses[0].body;
  EXPECT_EQ(body.value("response_type", ""), "in_channel");
  std::vector<std::string> shown = lines_of(body.value("text", ""));
  const auto extra = body.value("extra_responses", json::array());
  EXPECT_EQ(extra.size(), 2U);
  for (const auto& part : extra) {
    EXPECT_EQ(part.value("response_type", ""), "in_channel") << part.dump();
    for (auto& line : lines_of(part.value("text", "")))
      shown.push_back(std::move(line));
  }
  EXPECT_EQ(shown, lines) << "every line once, in order";
  EXPECT_TRUE(bot_posts().empty());
}

TEST_F(channel_post_test,
       a_scheduled_post_in_a_channel_the_bot_is_no_member_of_still_fails_with_the_refusal) {
  ASSERT_NO_FATAL_FAILURE(start());
  const auto row = wait_failed(post_to(secret, text("Weekly digest"), ""));  // no command, no response_url
  ASSERT_TRUE(row);
  EXPECT_NE(row->last_error.find("HTTP 403"), std::string::npos) << row->last_error;
  EXPECT_EQ(fake.call_count("posts.create"), 1U) << "a refusal is not retried";
  EXPECT_TRUE(fake.responses().empty());
}

TEST_F(channel_post_test, a_commands_post_in_an_archived_channel_is_not_posted_through_the_response_url) {
  fake.add_channel({"archived000000000000000000", "O", "old", "Old", fake.options().team_id, {alice}, 1});
  ASSERT_NO_FATAL_FAILURE(start());
  const auto row =
      wait_failed(post_to("archived000000000000000000", text("Digest"), fake.new_response_url()));
  ASSERT_TRUE(row);
  EXPECT_NE(row->last_error.find("can_not_post_to_deleted"), std::string::npos) << row->last_error;
  EXPECT_TRUE(fake.responses().empty());
}

TEST_F(channel_post_test, a_commands_post_refused_on_both_roads_fails_naming_both_refusals) {
  ASSERT_NO_FATAL_FAILURE(start());
  // A hook Mattermost no longer knows, as after its 30 minutes.
  const auto row =
      wait_failed(post_to(secret, text("Digest"), fake.url() + "/hooks/commands/expired0000000000000000000"));
  ASSERT_TRUE(row);
  EXPECT_NE(row->last_error.find("posts: api.context.permissions.app_error"), std::string::npos)
      << row->last_error;
  EXPECT_NE(row->last_error.find("response_url"), std::string::npos) << row->last_error;
  EXPECT_TRUE(fake.responses().empty());
  EXPECT_TRUE(bot_posts().empty()) << "no other road (the DM is not the channel)";
}

}  // namespace
}  // namespace csibot::platform::mattermost::test
