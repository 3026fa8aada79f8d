// /csi optout and /csi optin (SPEC §4, §8): permanent until undone, explained, audited, and what
// the prompt policy reads afterwards.
#include "dispatch_fixture.hpp"
#include "storage/prompt_repository.hpp"

namespace csibot::commands {
namespace {

class optout_commands : public test::dispatch_test {
 protected:
  bool opted_out(const std::string& user) { return storage::prompt_repository{*db}.is_opted_out(user); }
  std::vector<storage::audit_entry> audit() { return storage::audit_repository{*db}.recent(10); }
};

TEST_F(optout_commands, optout_stops_prompts_and_says_what_it_means_and_how_to_undo) {
  const auto out = send(command("alice", "optout"));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, core::delivery::ephemeral);
  EXPECT_TRUE(says(out, "won't send you feedback prompts")) << all_text(out);
  EXPECT_TRUE(says(out, "`/csi feedback`")) << all_text(out);  // they keep their voice
  EXPECT_TRUE(says(out, "`/csi optin`")) << all_text(out);     // and know the way back
  EXPECT_TRUE(opted_out("local:alice"));
  EXPECT_FALSE(opted_out("local:bob"));
}

TEST_F(optout_commands, optout_lasts_across_restarts_until_optin) {
  send(command("alice", "optout"));
  restart();
  EXPECT_TRUE(opted_out("local:alice"));
  const auto out = send(command("alice", "optin"));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(says(out, "at most 2 a week")) << all_text(out);
  EXPECT_TRUE(says(out, "`/csi optout`")) << all_text(out);
  EXPECT_FALSE(opted_out("local:alice"));
}

TEST_F(optout_commands, optout_twice_keeps_the_first_date) {
  send(command("alice", "optout"));  // 2026-11-30 09:00 UTC = 10:00 in Berlin
  now += std::chrono::days{3};
  const auto out = send(command("alice", "optout"));
  EXPECT_TRUE(says(out, "already opted out")) << all_text(out);
  EXPECT_TRUE(says(out, "2026-11-30 10:00 CET")) << all_text(out);
  EXPECT_EQ(storage::prompt_repository{*db}.opted_out_since("local:alice"),
            csibot::test::utc(2026, 11, 30, 9, 0));
}

TEST_F(optout_commands, optin_without_optout_says_so_and_changes_nothing) {
  const auto out = send(command("bob", "optin"));
  EXPECT_TRUE(says(out, "already receive feedback prompts")) << all_text(out);
  EXPECT_FALSE(opted_out("local:bob"));
  EXPECT_TRUE(audit().empty());
}

TEST_F(optout_commands, both_are_audited_once_per_change) {
  send(command("alice", "optout"));
  send(command("alice", "optout"));  // no change, no entry
  send(command("alice", "optin"));
  const auto entries = audit();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].action, "prompts.optin");  // newest first
  EXPECT_EQ(entries[1].action, "prompts.optout");
  for (const auto& e : entries) {
    EXPECT_EQ(e.actor, "local:alice");
    EXPECT_EQ(e.subject, "local:alice");
  }
}

TEST_F(optout_commands, optout_skips_prompts_already_queued) {
  storage::prompt_row p;
  p.user = "local:alice";
  p.service = "vpn";
  p.kind = core::prompt_kind::ticket;
  p.ticket = "INC-1";
  p.due_at = now + std::chrono::hours{1};
  p.created_at = now;
  const auto id = storage::prompt_repository{*db}.schedule(p).id;
  send(command("alice", "optout", true));
  const auto row = storage::prompt_repository{*db}.find(id);
  EXPECT_EQ(row->state, storage::prompt_state::skipped);
  EXPECT_EQ(row->reason, "opted_out");
}

// SPEC §6: someone who opted out is not told when their feedback leads to a change, so the thanks must
// not promise it (docs/improvements.md, "The thanks promises only what csibot can keep").
TEST_F(optout_commands, thanks_while_opted_out_promises_no_news_and_names_the_way_back) {
  send(command("alice", "optout"));
  send(command("alice", "feedback vpn 4 fine mostly", true));
  send(dm("alice", "minor"));
  auto out = send(dm("alice", "demos"));
  EXPECT_TRUE(says(out, "Thank you! Your feedback on Remote access VPN is *#1*")) << all_text(out);
  EXPECT_FALSE(says(out, "I'll let you know")) << all_text(out);
  EXPECT_TRUE(says(out, "You opted out of news from me")) << all_text(out);
  EXPECT_TRUE(says(out, "`/csi optin`")) << all_text(out);

  // Pseudonymous: the consent button still lets the owner answer, but promises no news either.
  send(command("alice", "feedback service-desk 3 slow queue", true));
  send(dm("alice", "minor"));
  out = send(dm("alice", "laptops"));
  EXPECT_FALSE(says(out, "I can let you know")) << all_text(out);
  EXPECT_TRUE(says(out, "You opted out of news from me")) << all_text(out);

  send(command("alice", "optin"));
  send(command("alice", "feedback email 5 great", true));
  send(dm("alice", "minor"));
  out = send(dm("alice", "mail"));
  EXPECT_TRUE(says(out, "I'll let you know when it leads to a change")) << all_text(out);
}

TEST_F(optout_commands, help_lists_both) {
  const auto out = send(command("alice", "help"));
  EXPECT_TRUE(says(out, "/csi optout")) << all_text(out);
  EXPECT_TRUE(says(out, "/csi optin")) << all_text(out);
  EXPECT_TRUE(says(send(command("alice", "help optout")), "Stop proactive feedback prompts"));
}

}  // namespace
}  // namespace csibot::commands
