// /csi forget-me (SPEC §8) through the dispatcher: it asks first, then erases the person's name and
// words from their answers, their prompts and their conversation, and says what it did.
#include "dispatch_fixture.hpp"
#include "storage/prompt_repository.hpp"

namespace csibot::commands {
namespace {

class forget_me : public test::dispatch_test {
 protected:
  std::int64_t sent_prompt(const std::string& user) {
    storage::prompt_repository repo{*db};
    storage::prompt_row p;
    p.user = user;
    p.service = "email";
    p.kind = core::prompt_kind::pulse;
    p.pulse = "pulse#" + user;
    p.due_at = p.created_at = now - std::chrono::days{1};
    const auto id = repo.schedule(p).id;
    repo.mark_sent(id, p.due_at);
    return id;
  }
};

TEST_F(forget_me, without_confirm_it_explains_and_erases_nothing) {
  send(command("alice", "feedback vpn 2 drops every hour"));
  const auto out = send(command("alice", "forget-me"));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, core::delivery::ephemeral);
  EXPECT_TRUE(says(out, "cannot be undone")) << all_text(out);
  EXPECT_TRUE(says(out, "`/csi forget-me confirm`")) << all_text(out);
  EXPECT_TRUE(says(out, "your messages in this chat")) << all_text(out);  // the local web chat
  ASSERT_EQ(all_feedback().size(), 1u);
  EXPECT_EQ(all_feedback()[0].user, "local:alice");
}

TEST_F(forget_me, confirm_leaves_ratings_without_name_or_words_and_touches_nobody_else) {
  send(command("alice", "feedback vpn 2 drops every hour"));
  send(command("alice", "feedback service-desk 4 quick answers"));  // pseudonymous in the demo
  send(command("bob", "feedback vpn 5 never drops"));
  const auto alices_prompt = sent_prompt("local:alice");
  const auto bobs_prompt = sent_prompt("local:bob");
  send(command("alice", "feedback email"));  // her open conversation, at the rating
  ASSERT_EQ(open_conversations(), 2);        // and bob's, at the impact question

  const auto out = send(command("alice", "forget-me CONFIRM"));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(says(out, "2 of your answers are now ratings without a name or comment")) << all_text(out);
  EXPECT_TRUE(says(out, "1 feedback questions")) << all_text(out);
  EXPECT_TRUE(says(out, "`/csi optout`")) << all_text(out);

  const auto rows = all_feedback();
  ASSERT_EQ(rows.size(), 3u);
  for (const auto& f : rows) {
    if (f.rating == 5) {
      EXPECT_EQ(f.user, "local:bob");
      EXPECT_EQ(f.reason, "never drops");
      continue;
    }
    EXPECT_FALSE(f.user) << f.service;
    EXPECT_FALSE(f.reason) << f.service;
    EXPECT_TRUE(f.rating) << f.service;
  }
  storage::prompt_repository prompts{*db};
  EXPECT_FALSE(prompts.find(alices_prompt));
  EXPECT_TRUE(prompts.find(bobs_prompt));
  EXPECT_EQ(open_conversations(), 1) << "bob's";
  // Her next message starts afresh instead of continuing an erased conversation.
  EXPECT_FALSE(says(send(dm("alice", "4")), "main reason"));
}

TEST_F(forget_me, an_opt_out_is_kept_and_said_so) {
  send(command("alice", "optout"));
  const auto out = send(command("alice", "forget-me confirm"));
  EXPECT_TRUE(says(out, "You stay opted out")) << all_text(out);
  EXPECT_TRUE(storage::prompt_repository{*db}.is_opted_out("local:alice"));
}

}  // namespace
}  // namespace csibot::commands
