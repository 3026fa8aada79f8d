// /csi ask (SPEC §8, §12): owners and admins only, with a refusal that names who may; named people are
// scheduled at once and counted against the policy; channels and the service's customers are left to
// the runtime, which lists their members. Audited like subscribe.
#include "commands/audience.hpp"
#include "dispatch_fixture.hpp"
#include "storage/prompt_repository.hpp"
#include "storage/pulse_repository.hpp"

namespace csibot::commands {
namespace {

class ask_command : public test::dispatch_test {
 protected:
  std::vector<storage::pulse_run> runs() { return storage::pulse_repository{*db}.recent(10); }
  std::vector<storage::prompt_row> due() {
    return storage::prompt_repository{*db}.due_for("local", now + std::chrono::hours{1}, 100);
  }
};

TEST_F(ask_command, only_an_owner_or_an_admin_may_ask_and_the_refusal_names_them) {
  const auto out = send(command("bob", "ask vpn @carol"));  // bob owns email, not vpn
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, core::delivery::ephemeral);
  EXPECT_TRUE(
      says(out,
           "Only an owner of Remote access VPN (local:alice) or an admin (local:admin) can ask people "
           "for feedback on this service."))
      << all_text(out);
  EXPECT_TRUE(runs().empty());
  EXPECT_TRUE(due().empty());
  EXPECT_FALSE(says(send(command("admin", "ask vpn @carol")), "Only an owner"));
}

TEST_F(ask_command, named_people_are_scheduled_at_once_and_the_reply_says_how_many_the_policy_holds_back) {
  storage::prompt_repository{*db}.opt_out("local:carol", now);
  const auto out = send(command("alice", "ask vpn @bo @carol @dave"));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, core::delivery::ephemeral);
  EXPECT_TRUE(says(out, "3 prompt(s) scheduled for 3 person(s)")) << all_text(out);
  EXPECT_TRUE(says(out, "The policy holds 1 of them back")) << all_text(out);
  const auto rows = due();
  ASSERT_EQ(rows.size(), 3u);
  for (const auto& r : rows) {
    EXPECT_EQ(r.kind, core::prompt_kind::pulse) << "SPEC §12: an ask is a pulse";
    EXPECT_EQ(r.service, "vpn");
    EXPECT_TRUE(r.pulse && r.pulse->starts_with("ask#"));
  }
  ASSERT_EQ(runs().size(), 1u);
  EXPECT_EQ(runs()[0].state, storage::pulse_run_state::done);
  EXPECT_EQ(runs()[0].scheduled, 3);
  EXPECT_EQ(runs()[0].held, 1);
  const auto audit = storage::audit_repository{*db}.recent(1);
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "prompts.ask");
  EXPECT_EQ(audit[0].actor, "local:alice");
  EXPECT_EQ(audit[0].subject, "vpn");
  EXPECT_NE(audit[0].detail.find("@bo, @carol, @dave"), std::string::npos) << audit[0].detail;
}

TEST_F(ask_command, someone_asked_recently_is_counted_as_held_back) {
  send(command("alice", "ask vpn @bo"));
  const auto again = send(command("alice", "ask vpn @bo"));
  EXPECT_TRUE(says(again, "1 prompt(s) scheduled")) << all_text(again);
  // Nothing was sent yet, but the first prompt goes out first and the second falls in its cooldown.
  EXPECT_TRUE(says(again, "The policy holds 1 of them back")) << all_text(again);
  const auto other = send(command("admin", "ask email @bo"));
  EXPECT_TRUE(says(other, "The policy lets all of them go out now")) << "another service: no cooldown";
}

TEST_F(ask_command, a_channel_is_listed_by_the_runtime_and_the_asker_hears_back_later) {
  const auto out = send(command("alice", "ask vpn #general @bo"));
  EXPECT_TRUE(says(out, "looking up the members of #general, @bo")) << all_text(out);
  ASSERT_EQ(runs().size(), 1u);
  EXPECT_EQ(runs()[0].state, storage::pulse_run_state::pending);
  EXPECT_EQ(runs()[0].audience, (std::vector<std::string>{"channel:local:general", "user:local:bo"}));
  EXPECT_TRUE(due().empty());
}

TEST_F(ask_command, without_names_the_services_customers_are_asked) {
  send(command("admin", "ask vpn"));
  ASSERT_EQ(runs().size(), 1u);
  EXPECT_EQ(runs()[0].audience, (std::vector<std::string>{"local:general", "local:sales"}));
}

// Only the local web chat runs here: an ask of Slack people used to answer "0 person(s)" as if sent.
TEST_F(ask_command, people_on_a_platform_this_bot_does_not_run_are_not_asked_and_the_reply_says_so) {
  auto out = send(command("alice", "ask vpn slack:U0123 slack:C0456"));
  EXPECT_TRUE(says(out,
                   "Nothing was sent: this bot does not run on slack, so it cannot reach "
                   "slack:U0123, slack:C0456."))
      << all_text(out);
  EXPECT_FALSE(says(out, "person(s)")) << all_text(out);
  EXPECT_TRUE(runs().empty());
  EXPECT_TRUE(due().empty());

  out = send(command("alice", "ask vpn @bo mattermost:m1"));
  EXPECT_TRUE(says(out, "1 prompt(s) scheduled for 1 person(s)")) << all_text(out);
  EXPECT_TRUE(says(out, "Left out mattermost:m1: this bot does not run on mattermost.")) << all_text(out);
  ASSERT_EQ(runs().size(), 1u);
  EXPECT_EQ(runs()[0].audience, std::vector<std::string>{"user:local:bo"});

  out = send(command("alice", "ask vpn #general slack:C0456"));
  EXPECT_TRUE(says(out, "looking up the members of #general")) << all_text(out);
  EXPECT_TRUE(says(out, "Left out slack:C0456: this bot does not run on slack.")) << all_text(out);
}

TEST_F(ask_command, mistakes_get_a_clear_answer) {
  EXPECT_TRUE(says(send(command("alice", "ask")), "Usage: `/csi ask <service> [@user|#channel …]`"));
  EXPECT_TRUE(says(send(command("alice", "ask vpm @bo")), "Did you mean *vpn*"));
  EXPECT_TRUE(says(send(command("alice", "ask vpn bo")), "I can't read *bo* as a person or a channel"));
  EXPECT_TRUE(runs().empty());
  EXPECT_TRUE(says(send(command("alice", "help")), "/csi ask <service> [@user|#channel …]"));
}

TEST_F(ask_command, names_the_platform_resolved_are_asked_by_their_id) {
  auto in = command("alice", "ask vpn @bob");
  in.mentions = {{"@bob", "b0b1d"}};  // what Mattermost lists beside a slash command
  EXPECT_TRUE(says(send(in), "1 prompt(s) scheduled for 1 person(s)"));
  const auto rows = due();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].user, "local:b0b1d");
}

TEST(ask_targets, mattermost_mentions_are_read_as_the_ids_the_server_resolved) {
  const mentions resolved{{"@bob", "bobid"}, {"~ops", "opsid"}};
  EXPECT_EQ(parse_ask_target("@bob", "mattermost", resolved),
            (target{target_kind::user, {"mattermost", "bobid"}}));
  EXPECT_EQ(parse_ask_target("~ops", "mattermost", resolved),
            (target{target_kind::channel, {"mattermost", "opsid"}}));
  EXPECT_EQ(parse_ask_target("@carol", "mattermost", resolved),
            (target{target_kind::user, {"mattermost", "carol"}}));
}

TEST(ask_targets, slack_names_sent_as_plain_text_are_refused_with_the_reason) {
  EXPECT_FALSE(parse_ask_target("@alice", "slack"));
  EXPECT_FALSE(parse_ask_target("#general", "slack"));
  EXPECT_TRUE(unescaped_slack_name("@alice", "slack"));
  EXPECT_FALSE(unescaped_slack_name("@alice", "local"));
  EXPECT_EQ(parse_ask_target("@U0123ABC", "slack"), (target{target_kind::user, {"slack", "U0123ABC"}}));
  EXPECT_FALSE(unescaped_slack_name("@U0123ABC", "slack"));
}

TEST(ask_targets, slack_mentions_channels_and_references_are_read) {
  EXPECT_EQ(parse_ask_target("<@U123|alice>", "slack"), (target{target_kind::user, {"slack", "U123"}}));
  EXPECT_EQ(parse_ask_target("<#C9|general>", "slack"), (target{target_kind::channel, {"slack", "C9"}}));
  EXPECT_EQ(parse_ask_target("<#C9>", "slack"), (target{target_kind::channel, {"slack", "C9"}}));
  EXPECT_EQ(parse_ask_target("~town-square", "mattermost"),
            (target{target_kind::channel, {"mattermost", "town-square"}}));
  EXPECT_EQ(parse_ask_target("slack:C0CUSTOMERS", "local"),
            (target{target_kind::any, {"slack", "C0CUSTOMERS"}}));
  EXPECT_FALSE(parse_ask_target("@", "local"));
  EXPECT_FALSE(parse_ask_target("<@>", "slack"));
  EXPECT_FALSE(parse_ask_target("bob", "local"));
  for (const auto& t :
       {target{target_kind::user, {"slack", "U1"}}, target{target_kind::channel, {"local", "g"}},
        target{target_kind::any, {"slack", "C1"}}})
    EXPECT_EQ(parse_stored_target(t.str()), t) << t.str();
}

}  // namespace
}  // namespace csibot::commands
