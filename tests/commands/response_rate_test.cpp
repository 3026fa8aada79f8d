// The response rate (SPEC §4, §7): prompts answered / sent per service over the digest's period, in
// the digest and its JSON, and "n/a" for services that had no prompt sent.
#include <nlohmann/json.hpp>

#include "commands/digests.hpp"
#include "dispatch_fixture.hpp"
#include "insights/digest.hpp"
#include "storage/prompt_repository.hpp"

namespace csibot::commands {
namespace {

using namespace std::chrono_literals;

class response_rate : public test::dispatch_test {
 protected:
  // A pulse prompt to `user` about `service`, sent `days_ago`, answered or not.
  void prompt(const std::string& user, const std::string& service, int days_ago, bool answered) {
    storage::prompt_repository repo{*db};
    storage::prompt_row p;
    p.user = user;
    p.service = service;
    p.kind = core::prompt_kind::pulse;
    p.pulse = "pulse#" + std::to_string(++runs);
    p.due_at = p.created_at = now - std::chrono::days{days_ago};
    const auto id = repo.schedule(p).id;
    ASSERT_TRUE(repo.mark_sent(id, p.due_at));
    if (answered) {
      ASSERT_TRUE(repo.mark_answered(id, p.due_at + 1h));
    }
  }
  insights::digest digest(const std::string& period = "30d") {
    return build_digest(*db, settings, bot->catalog(), *core::parse_period(period, now), "en", now);
  }
  static const insights::digest_section* section(const insights::digest& d, std::string_view key) {
    for (const auto& s : d.sections)
      if (s.key == key) return &s;
    return nullptr;
  }
  int runs = 0;
};

TEST_F(response_rate, the_digest_shows_answered_of_sent_per_service_and_na_for_the_others) {
  prompt("local:a", "vpn", 2, true);
  prompt("local:b", "vpn", 3, false);
  prompt("local:c", "vpn", 4, false);
  prompt("local:d", "vpn", 5, false);
  prompt("local:e", "vpn", 40, true);  // before the period
  const auto d = digest();
  const auto* s = section(d, "response_rate");
  ASSERT_NE(s, nullptr);
  ASSERT_EQ(s->lines.size(), 2u);
  EXPECT_EQ(s->lines[0], "*Remote access VPN*: 25 % (1 of 4 prompts answered)");
  EXPECT_TRUE(s->lines[1].starts_with("n/a (no prompts sent): ")) << s->lines[1];
  EXPECT_NE(s->lines[1].find("Email and calendar"), std::string::npos) << s->lines[1];

  const auto j = nlohmann::json::parse(insights::to_json(d));
  bool seen = false;
  for (const auto& svc : j["services"]) {
    if (svc["id"] == "vpn") {
      seen = true;
      EXPECT_EQ(svc["response_rate"], 25);
      EXPECT_EQ(svc["prompts"]["sent"], 4);
      EXPECT_EQ(svc["prompts"]["answered"], 1);
    } else if (svc["id"] == "email") {
      EXPECT_TRUE(svc["response_rate"].is_null()) << "n/a, never a guess";
      EXPECT_EQ(svc["prompts"]["sent"], 0);
    }
  }
  EXPECT_TRUE(seen);
  EXPECT_NE(insights::to_markdown(d).find("25 % (1 of 4 prompts answered)"), std::string::npos);
}

TEST_F(response_rate, with_no_prompt_sent_the_section_says_na_in_one_line) {
  const auto d = digest("7d");
  const auto* s = section(d, "response_rate");
  ASSERT_NE(s, nullptr);
  ASSERT_EQ(s->lines.size(), 1u);
  EXPECT_EQ(s->lines[0], "n/a: no feedback prompts were sent in this period.");
}

TEST_F(response_rate, the_digest_command_shows_it_too) {
  prompt("local:a", "vpn", 1, true);
  const auto out = send(command("bob", "digest vpn 7d"));
  EXPECT_TRUE(says(out, "*Response rate*")) << all_text(out);
  EXPECT_TRUE(says(out, "100 % (1 of 1 prompts answered)")) << all_text(out);
}

TEST_F(response_rate, feedback_answers_the_prompt_and_an_anonymous_answer_keeps_no_time_that_names_it) {
  prompt("local:alice", "hr-portal", 1, false);  // anonymous in the demo catalog
  prompt("local:bob", "vpn", 1, false);          // identified
  send(command("alice", "feedback hr-portal 2 payslips arrive late"));
  send(command("bob", "feedback vpn 4 fine"));

  storage::prompt_repository repo{*db};
  const auto alices = repo.find(1);
  const auto bobs = repo.find(2);
  ASSERT_TRUE(alices && bobs);
  EXPECT_EQ(alices->state, storage::prompt_state::answered);
  EXPECT_EQ(bobs->state, storage::prompt_state::answered);
  // The anonymous row's created_at would match an answer time and name alice as its author.
  EXPECT_FALSE(alices->answered_at);
  ASSERT_TRUE(bobs->answered_at);
  const auto rows = all_feedback();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(*bobs->answered_at, rows[1].created_at);
  EXPECT_FALSE(rows[0].user);
  // Both still count as answered (the digest hides hr-portal's rate below min_group).
  const auto counts = repo.response_counts("hr-portal", now - std::chrono::days{7}, now + 1h);
  EXPECT_EQ(counts, (storage::prompt_counts{1, 1}));
}

}  // namespace
}  // namespace csibot::commands
