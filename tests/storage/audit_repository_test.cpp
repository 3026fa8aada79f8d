#include <gtest/gtest.h>

#include "storage/database.hpp"
#include "storage/repositories.hpp"

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

}  // namespace
}  // namespace csibot::storage
