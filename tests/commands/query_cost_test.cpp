// The statements that a person's feedback runs must stay index lookups: a full table scan, a sort
// or an automatic index makes every command slower as years of feedback and prompts pile up, and
// nothing else would show it until a large installation did. SQLite counts that work per statement
// (sqlite3_stmt_status); these tests run the commands over a stored history and read the counts.
#include <string>

#include "dialog/actions.hpp"
#include "dispatch_fixture.hpp"
#include "storage/improvement_repository.hpp"
#include "storage/prompt_repository.hpp"
#include "storage/sqlite.hpp"

namespace csibot::commands {
namespace {

namespace actions = dialog::actions;
using namespace std::chrono_literals;

class query_costs : public test::dispatch_test {
 protected:
  void SetUp() override {
    dispatch_test::SetUp();
    seed_history();
    db->conn().statement_costs_since_reset(true);  // only what the commands below do counts
  }

  // Sent prompts and feedback from other people about every service: enough rows that a scan or a
  // sort of them is counted, as it would be (thousands of times larger) in a real installation.
  void seed_history() {
    storage::prompt_repository prompts{*db};
    storage::feedback_repository feedback{*db};
    const char* services[] = {"vpn", "email", "service-desk", "hr-portal", "file-share"};
    for (int person = 0; person < 40; ++person) {
      const std::string user = "local:someone-" + std::to_string(person);
      for (const char* service : services) {
        storage::prompt_row p;
        p.user = user;
        p.service = service;
        p.kind = core::prompt_kind::pulse;
        p.pulse = std::string{"pulse#"} + service;
        p.due_at = p.created_at = now - std::chrono::days{person % 10 + 1};
        const auto id = prompts.schedule(p).id;
        ASSERT_TRUE(prompts.mark_sent(id, p.due_at));
        if (person % 3 == 0) {
          ASSERT_TRUE(prompts.mark_answered(id, p.due_at + 1h));
        }
        core::feedback f;
        f.service = service;
        f.platform = "local";
        f.user = user;
        f.rating = person % 5 + 1;
        f.reason = "seen before";
        f.status = core::feedback_status::complete;
        f.created_at = f.updated_at = p.due_at;
        feedback.insert(f, core::anonymity::identified);
      }
    }
  }

  // A sent, unanswered prompt to `user` about `service`, which their feedback answers.
  void open_prompt(const std::string& user, const std::string& service) {
    storage::prompt_repository prompts{*db};
    storage::prompt_row p;
    p.user = "local:" + user;
    p.service = service;
    p.kind = core::prompt_kind::pulse;
    p.pulse = "pulse#open-" + user;
    p.due_at = p.created_at = now - 1h;
    const auto id = prompts.schedule(p).id;
    ASSERT_TRUE(prompts.mark_sent(id, p.due_at));
  }

  // One line per statement that scanned, sorted or built an index since the reset.
  std::vector<std::string> costly_statements_list() {
    std::vector<std::string> out;
    for (const auto& s : db->conn().statement_costs_since_reset(false)) {
      if (s.full_scan_steps == 0 && s.sorts == 0 && s.automatic_indexes == 0) continue;
      out.push_back(s.sql + "  [full scan steps " + std::to_string(s.full_scan_steps) + ", sorts " +
                    std::to_string(s.sorts) + ", automatic indexes " + std::to_string(s.automatic_indexes) +
                    "]\n");
    }
    return out;
  }
  // The same in one text: "" when none.
  std::string costly_statements() {
    std::string out;
    for (const auto& line : costly_statements_list())
      out += line;
    return out;
  }
};

TEST_F(query_costs, one_shot_feedback_that_answers_an_open_prompt_uses_indexes_only) {
  open_prompt("alice", "vpn");
  const auto out = send(command("alice", "feedback vpn 2 drops every hour"));
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(costly_statements(), "");
  // The lookup found the prompt: the feedback answered it.
  storage::prompt_repository prompts{*db};
  EXPECT_FALSE(prompts.open_prompt("local:alice", "vpn"));
}

TEST_F(query_costs, step_by_step_feedback_with_the_rating_button_uses_indexes_only) {
  send(command("bob", "feedback vpn"));
  send(click("bob", actions::rate, "vpn:4"));
  send(dm("bob", "fine most days"));
  send(dm("bob", "2"));
  send(dm("bob", "working from home"));
  send(command("carol", "feedback", true));
  send(dm("carol", "email"));
  send(dm("carol", "3"));
  send(dm("carol", "slow search"));
  EXPECT_EQ(costly_statements(), "");
  EXPECT_EQ(open_conversations(), 1);  // carol's, at the impact question
}

// The register is read before every improve command, the service view and each digest (the
// verification pass): those reads must stay index lookups as improvements and feedback pile up.
TEST_F(query_costs, the_register_s_commands_and_the_service_view_use_indexes_only) {
  db->conn().statement_costs_since_reset(true);
  for (int k = 0; k < 20; ++k)
    send(command("bob", "improve add email Idea " + std::to_string(k) + " --for scheduling"));
  send(command("alice", "improve add vpn Split tunnel"));
  send(command("alice", "improve set 21 state approved"));
  send(command("alice", "improve set 21 state in_progress"));
  send(command("alice", "improve set 21 state done"));
  storage::feedback_repository feedback{*db};
  for (int k = 0; k < 10; ++k) {  // happy answers after #21 was done: it will be verified
    core::feedback f;
    f.service = "vpn";
    f.platform = "local";
    f.user = "local:someone-" + std::to_string(k);
    f.rating = 5;
    f.status = core::feedback_status::complete;
    f.created_at = f.updated_at = now + std::chrono::days{k + 1};
    feedback.insert(f, core::anonymity::identified);
  }
  db->conn().statement_costs_since_reset(true);  // the register exists; only what follows counts
  now += std::chrono::days{31};
  send(command("alice", "improve add vpn Faster MFA --for remote work"));
  send(command("alice", "improve link 22 feedback 1"));
  send(command("alice", "improve set 22 effect sign-in under ten seconds"));
  send(command("carol", "improve show 21"));
  send(command("carol", "improve list vpn"));
  send(command("carol", "service vpn"));
  // Only the register's own statements: the figures these commands show are other tests' business.
  std::string costly;
  for (const auto& line : costly_statements_list())
    if (line.find("improvement") != std::string::npos) costly += line;
  EXPECT_EQ(costly, "");
  EXPECT_EQ(storage::improvement_repository{*db}.find(21)->verification, core::verification::verified)
      << "the pass ran and judged #21";
}

}  // namespace
}  // namespace csibot::commands
