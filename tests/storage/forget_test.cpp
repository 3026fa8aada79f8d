// storage::forget_person (`/csi forget-me`, SPEC §8): what goes, what stays, and that nobody else's
// data is touched.
#include "storage/forget.hpp"

#include <gtest/gtest.h>

#include "storage/database.hpp"
#include "storage/local_chat_repository.hpp"
#include "storage/prompt_repository.hpp"
#include "storage/reply_repository.hpp"
#include "storage/repositories.hpp"
#include "storage/sqlite.hpp"
#include "temp_dir.hpp"

namespace csibot::storage {
namespace {

const core::timestamp t0 = core::from_millis(1'764'000'000'000);

class forget_test : public ::testing::Test {
 protected:
  test::temp_dir dir;
  database db{dir / "csibot.db"};

  std::int64_t answer(const std::string& user, core::anonymity a, const char* reason) {
    core::feedback f;
    f.service = "vpn";
    f.platform = "local";
    f.user = user;
    f.rating = 2;
    f.reason = reason;
    f.usage = "remote work";
    f.allow_reply = true;
    f.impact = core::impact::slows;
    f.status = core::feedback_status::complete;
    f.created_at = f.updated_at = t0;
    return feedback_repository{db}.insert(f, a);
  }
  std::int64_t prompt(const std::string& user) {
    prompt_row p;
    p.user = user;
    p.service = "vpn";
    p.kind = core::prompt_kind::pulse;
    p.pulse = "pulse#vpn";
    p.due_at = p.created_at = t0;
    return prompt_repository{db}.schedule(p).id;
  }
  std::int64_t chat(const std::string& channel, const std::string& author, bool bot,
                    std::optional<std::string> visible_to = std::nullopt) {
    local_chat_repository repo{db};
    repo.ensure_channel(
        channel, channel.starts_with("dm:") ? local_channel_kind::dm : local_channel_kind::channel, t0);
    local_chat_message m;
    m.channel = channel;
    m.author = author;
    m.author_name = author;
    m.bot = bot;
    m.body = R"({"text":"hi"})";
    m.visible_to = std::move(visible_to);
    m.created_at = t0;
    return repo.append(m);
  }
  std::int64_t count(const char* sql) {
    auto st = db.conn().prepare(sql);
    st.step();
    return st.column_int64(0);
  }
};

TEST_F(forget_test, answers_lose_the_name_and_the_words_but_keep_the_rating) {
  const auto identified = answer("local:alice", core::anonymity::identified, "my manager Bob");
  const auto pseudonymous = answer("local:alice", core::anonymity::pseudonymous, "slow");
  const auto bobs = answer("local:bob", core::anonymity::identified, "fine");
  const auto bobs_pseudonymous = answer("local:bob", core::anonymity::pseudonymous, "fine too");

  const auto r = forget_person(db, {"local", "alice"});
  EXPECT_EQ(r.feedback_unlinked, 2);
  feedback_repository feedback{db};
  for (const auto id : {identified, pseudonymous}) {
    const auto f = feedback.find(id);
    ASSERT_TRUE(f);
    EXPECT_FALSE(f->user) << id;
    EXPECT_FALSE(f->reason) << id;
    EXPECT_FALSE(f->usage) << id;
    EXPECT_FALSE(f->allow_reply) << id;
    EXPECT_EQ(f->rating, 2) << id;
    EXPECT_EQ(f->impact, core::impact::slows) << id;
  }
  EXPECT_EQ(feedback.find(bobs)->user, "local:bob");
  EXPECT_EQ(feedback.find(bobs)->reason, "fine");
  EXPECT_TRUE(feedback.find(bobs_pseudonymous)->user->starts_with("pseudo:"));
  EXPECT_EQ(feedback.find(bobs_pseudonymous)->reason, "fine too");
}

TEST_F(forget_test, prompts_and_the_open_conversation_go_and_an_opt_out_stays) {
  const auto alices = prompt("local:alice");
  const auto bobs = prompt("local:bob");
  conversation_repository conversations{db};
  conversations.save({"local", "alice", "{}", t0, t0 + std::chrono::hours{24}});
  conversations.save({"local", "bob", "{}", t0, t0 + std::chrono::hours{24}});
  prompt_repository prompts{db};
  prompts.opt_out("local:alice", t0);

  const auto r = forget_person(db, {"local", "alice"});
  EXPECT_EQ(r.prompts_deleted, 1);
  EXPECT_EQ(r.conversations_deleted, 1);
  EXPECT_FALSE(prompts.find(alices));
  EXPECT_TRUE(prompts.find(bobs));
  EXPECT_FALSE(conversations.find("local", "alice"));
  EXPECT_TRUE(conversations.find("local", "bob"));
  EXPECT_TRUE(prompts.is_opted_out("local:alice")) << "their instruction to be left alone";
}

TEST_F(forget_test, web_chat_messages_by_them_to_them_and_for_their_eyes_go) {
  chat("general", "alice", false);
  const auto bobs = chat("general", "bob", false);
  chat("dm:alice", "csibot", true);
  const auto bobs_dm = chat("dm:bob", "csibot", true);
  chat("general", "csibot", true, "alice");  // an ephemeral reply only alice saw
  const auto for_bob = chat("general", "csibot", true, "bob");
  const auto for_all = chat("general", "csibot", true);

  EXPECT_EQ(forget_person(db, {"local", "alice"}).chat_messages_deleted, 3);
  EXPECT_EQ(count("SELECT count(*) FROM local_messages"), 4);
  for (const auto id : {bobs, bobs_dm, for_bob, for_all}) {
    auto st = db.conn().prepare("SELECT count(*) FROM local_messages WHERE id = ?1");
    st.bind(1, id);
    st.step();
    EXPECT_EQ(st.column_int64(0), 1) << id;
  }
}

TEST_F(forget_test, on_another_platform_the_web_chat_is_not_touched) {
  chat("general", "alice", false);
  local_chat_repository{db}.remember_locale("alice", "de-DE", t0, 10);
  EXPECT_EQ(forget_person(db, {"slack", "alice"}).chat_messages_deleted, 0);
  EXPECT_EQ(count("SELECT count(*) FROM local_messages"), 1);
  EXPECT_EQ(local_chat_repository{db}.locale_of("alice"), "de-DE");
}

TEST_F(forget_test, the_language_their_browser_gave_the_web_chat_goes) {
  local_chat_repository chat_people{db};
  chat_people.remember_locale("alice", "de-DE", t0, 10);
  chat_people.remember_locale("bob", "fr-FR", t0, 10);
  forget_person(db, {"local", "alice"});
  EXPECT_EQ(chat_people.locale_of("alice"), "");
  EXPECT_EQ(chat_people.locale_of("bob"), "fr-FR");
}

TEST_F(forget_test, reply_links_go_and_the_anonymous_answers_they_named_lose_their_words) {
  const auto anonymous = answer("local:alice", core::anonymity::anonymous, "my manager Bob");
  const auto pseudonymous = answer("local:alice", core::anonymity::pseudonymous, "slow");
  const auto bobs = answer("local:bob", core::anonymity::anonymous, "fine");
  reply_repository replies{db};
  replies.consent(anonymous, {"local", "alice"}, true);
  replies.consent(pseudonymous, {"local", "alice"}, true);
  replies.consent(bobs, {"local", "bob"}, true);

  const auto r = forget_person(db, {"local", "alice"});
  EXPECT_EQ(r.reply_links_deleted, 2);
  EXPECT_EQ(r.feedback_unlinked, 2) << "each answer counted once";
  feedback_repository feedback{db};
  for (const auto id : {anonymous, pseudonymous}) {
    const auto f = feedback.find(id);
    EXPECT_FALSE(replies.recipient(*f)) << id;
    EXPECT_FALSE(f->reason) << id;
    EXPECT_FALSE(f->allow_reply) << id;
    EXPECT_EQ(f->rating, 2) << id;
  }
  EXPECT_EQ(count("SELECT count(*) FROM reply_links"), 1);
  const auto kept = feedback.find(bobs);
  EXPECT_EQ(kept->reason, "fine");
  EXPECT_EQ(replies.recipient(*kept)->person, (core::ref{"local", "bob"}));
}

}  // namespace
}  // namespace csibot::storage
