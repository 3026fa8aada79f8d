#include <gtest/gtest.h>

#include "storage/database.hpp"
#include "storage/repositories.hpp"
#include "storage/sqlite.hpp"

namespace csibot::storage {
namespace {

using namespace std::chrono_literals;

const core::timestamp t0 = core::from_millis(1'800'000'000'000);

TEST(audit_repository, recent_returns_the_newest_entries_first_up_to_the_limit) {
  database db(":memory:");
  audit_repository audit(db);
  for (int i = 0; i < 5; ++i) {
    audit.append({0, t0 + i * 1s, "slack:U0ADMIN", "service.set", "vpn", "change " + std::to_string(i)});
  }
  const auto entries = audit.recent(3);
  ASSERT_EQ(entries.size(), 3U);
  EXPECT_EQ(entries[0].detail, "change 4");
  EXPECT_EQ(entries[2].detail, "change 2");
  EXPECT_GT(entries[0].id, entries[1].id);
  EXPECT_EQ(audit.recent(100).size(), 5U);
  EXPECT_TRUE(audit.recent(0).empty());
}

TEST(audit_repository, stores_every_field_verbatim) {
  database db(":memory:");
  audit_repository audit(db);
  const audit_entry e{
      0, t0, "cli", "service.remove", "'); DROP TABLE audit_log;--", "\xF0\x9F\x97\x91 detail"};
  audit.append(e);
  const auto entries = audit.recent(1);
  ASSERT_EQ(entries.size(), 1U);
  EXPECT_EQ(entries[0].at, t0);
  EXPECT_EQ(entries[0].actor, "cli");
  EXPECT_EQ(entries[0].action, "service.remove");
  EXPECT_EQ(entries[0].subject, e.subject);
  EXPECT_EQ(entries[0].detail, e.detail);
  EXPECT_EQ(audit.recent(std::numeric_limits<std::size_t>::max()).size(), 1U);
}

TEST(audit_repository, latest_finds_the_newest_entry_of_one_action_behind_many_others_by_index) {
  database db(":memory:");
  audit_repository audit(db);
  EXPECT_FALSE(audit.latest("admin.backup.done"));
  audit.append({0, t0, "local:admin", "admin.backup.done", "/b/one.db", "1 MB"});
  audit.append({0, t0 + 1s, "local:admin", "admin.backup.done", "/b/two.db", "2 MB"});
  for (int i = 0; i < 2'000; ++i)
    audit.append({0, t0 + 2s, "hooks", "ticket.resolved", "INC", ""});
  const auto found = audit.latest("admin.backup.done");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->subject, "/b/two.db");
  EXPECT_EQ(found->at, t0 + 1s);
  EXPECT_FALSE(audit.latest("admin.backup"));

  // SQLite's own plan: a search of the index, not a scan of the log.
  auto st = db.conn().prepare(
      "EXPLAIN QUERY PLAN SELECT id, at, actor, action, subject, detail FROM audit_log WHERE action = 'x' "
      "ORDER BY id DESC LIMIT 1");
  std::string plan;
  while (st.step())
    plan += st.column_text(3) + "\n";
  EXPECT_NE(plan.find("INDEX audit_log_action (action=?)"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("SCAN"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos) << "no sort: " << plan;
}

}  // namespace
}  // namespace csibot::storage
