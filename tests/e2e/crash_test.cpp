// A crash in the middle of a burst (SPEC §3 and §9: feedback kept in SQLite, sent once): the real
// csibot is killed with SIGKILL while Slack commands pour in, started again on the same database,
// and Slack redelivers every envelope, as it does for those whose ack it never got. What a person
// was told is stored must be stored, nothing may be stored twice, and the database must be whole.
#include <gtest/gtest.h>

#include <chrono>
#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "e2e/bot.hpp"
#include "e2e/config_toml.hpp"
#include "storage/database.hpp"
#include "storage/sqlite.hpp"
#include "support/fake_slack/fake_slack.hpp"

namespace csibot::e2e {
namespace {

constexpr std::size_t people = 400;
// Killed once this many commands were confirmed: well inside the burst on any build of csibot.
constexpr std::size_t confirmed_at_kill = 40;

std::string slack_only(const std::string& api_url) {
  return bot_section_toml() + slack_section_toml(api_url) + vpn_service_toml("slack:U0OWNER");
}

std::string person(std::size_t i) {
  return "U" + std::to_string(100000 + i);
}

// The id the fake gives a response_url: its last path segment, as response_post::id holds it.
std::string response_id(const std::string& url) {
  return url.substr(url.rfind('/') + 1);
}

struct sent_command {
  std::string user;
  std::string envelope_id;
  std::string response_id;
};

// One one-shot /csi feedback per person, each with a response_url the test can tell apart.
std::vector<sent_command> push_burst(testing::fake_slack& fake) {
  std::vector<sent_command> sent;
  sent.reserve(people);
  for (std::size_t i = 0; i < people; ++i) {
    const auto user = person(i);
    const auto url = fake.new_response_url();
    const json payload{{"token", "verification-token"},
                       {"team_id", fake.options().team_id},
                       {"channel_id", "C0001"},
                       {"user_id", user},
                       {"user_name", "user-" + user},
                       {"command", "/csi"},
                       {"text", "feedback vpn 2 dropped during the crash test"},
                       {"api_app_id", fake.options().app_id},
                       {"response_url", url},
                       {"trigger_id", "1." + std::to_string(i) + ".trigger"}};
    sent.push_back({user, fake.push_envelope("slash_commands", payload), response_id(url)});
  }
  return sent;
}

std::set<std::string> confirmed_ids(const testing::fake_slack& fake) {
  std::set<std::string> ids;
  for (const auto& post : fake.responses())
    ids.insert(post.id);
  return ids;
}

// How many feedback rows each person has, from `csibot export` (the bot must not be running).
std::map<std::string, int> stored_per_person(const bot_home& home) {
  std::map<std::string, int> stored;
  for (const auto& row : home.export_rows())
    ++stored[row["user"].get<std::string>()];
  return stored;
}

std::string integrity(const bot_home& home) {
  storage::database db{home / "csibot.db"};
  auto check = db.conn().prepare("PRAGMA integrity_check");
  return check.step() ? check.column_text(0) : "no answer";
}

TEST(e2e_crash, a_bot_killed_mid_burst_keeps_every_confirmed_command_and_stores_none_twice) {
  testing::fake_slack fake;
  bot_home home{slack_only(fake.api_url())};
  std::vector<sent_command> sent;
  {
    running_bot bot(home);
    ASSERT_TRUE(fake.wait_for_open_connections(1, child_deadline)) << bot.log();
    sent = push_burst(fake);
    ASSERT_TRUE(fake.wait_for_responses(confirmed_at_kill, child_deadline)) << bot.log();
    bot.kill();
  }

  // What the crash left: the file whole, no command twice.
  EXPECT_EQ(integrity(home), "ok") << "after SIGKILL";
  const auto after_crash = stored_per_person(home);
  // Taken after the export, a child process of its own: by now the fake has read every confirmation
  // the killed process wrote, so these are all the ones its people saw.
  const auto confirmed_before_restart = confirmed_ids(fake);
  const auto restarted_at = std::chrono::steady_clock::now();
  ASSERT_LT(confirmed_before_restart.size(), people) << "the kill must land inside the burst";
  std::vector<std::string> twice, confirmed_but_lost;
  for (const auto& command : sent) {
    const auto it = after_crash.find("slack:" + command.user);
    const int count = it == after_crash.end() ? 0 : it->second;
    if (count > 1) twice.push_back(command.user);
    if (count == 0 && confirmed_before_restart.contains(command.response_id)) {
      confirmed_but_lost.push_back(command.user);
    }
  }
  EXPECT_EQ(twice, std::vector<std::string>{}) << "stored twice before the restart";
  EXPECT_EQ(confirmed_but_lost, std::vector<std::string>{}) << "told their feedback was stored";

  {
    running_bot bot(home);
    // The first socket died with the process; the restarted bot opens the second.
    ASSERT_TRUE(fake.wait_for_open_connections(1, child_deadline)) << bot.log();
    for (const auto& command : sent) {
      ASSERT_TRUE(fake.redeliver(command.envelope_id)) << command.envelope_id;
    }
    // Every command is confirmed in the end: those stored before the crash from the outbox it left
    // behind (or before it), the others once their redelivery is handled.
    const auto all_confirmed = [&] { return confirmed_ids(fake).size() == people; };
    const auto end = std::chrono::steady_clock::now() + child_deadline;
    while (!all_confirmed() && std::chrono::steady_clock::now() < end) {
      fake.wait_for_responses(fake.response_count() + 1, std::chrono::milliseconds{200});
    }
    EXPECT_TRUE(all_confirmed()) << confirmed_ids(fake).size() << " of " << people << " confirmed\n"
                                 << bot.log();
    ASSERT_TRUE(bot.stop()) << bot.log();
  }

  // The restarted bot confirms each command at most once, redelivered or not. (One the killed bot
  // sent but had not yet recorded as sent is sent again: the outbox is at least once across a crash.)
  std::map<std::string, int> confirmed_after_restart;
  for (const auto& post : fake.responses()) {
    if (post.at > restarted_at) ++confirmed_after_restart[post.id];
  }
  std::vector<std::string> repeated;
  for (const auto& [id, count] : confirmed_after_restart) {
    if (count > 1) repeated.push_back(id);
  }
  EXPECT_EQ(repeated, std::vector<std::string>{}) << "response_urls the restarted bot posted to twice";

  // Redelivered or not, stored before the crash or after it: each command exactly once.
  auto stored = stored_per_person(home);
  std::vector<std::string> not_once;
  for (const auto& command : sent) {
    if (stored["slack:" + command.user] != 1) not_once.push_back(command.user);
  }
  EXPECT_EQ(not_once, std::vector<std::string>{}) << "commands not stored exactly once";
  EXPECT_EQ(stored.size(), people) << "only the people of the burst gave feedback";
  EXPECT_EQ(integrity(home), "ok") << "after the restart";
}

}  // namespace
}  // namespace csibot::e2e
