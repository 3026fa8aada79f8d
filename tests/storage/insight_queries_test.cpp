// The insight pass's queries on real SQLite files with the real migrations.
#include "storage/insight_queries.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "storage/database.hpp"
#include "storage/repositories.hpp"
#include "storage/sqlite.hpp"
#include "temp_dir.hpp"

namespace csibot::storage {
namespace {

using namespace std::chrono_literals;

const core::timestamp t0 = core::from_millis(1'800'000'000'000);
constexpr auto week = std::chrono::days{7};

struct insight_queries_fixture : ::testing::Test {
  test::temp_dir dir;
  database db{dir / "csibot.db"};
  feedback_repository feedback{db};
  insight_queries queries{db};

  void add(std::string service, std::optional<int> rating, core::timestamp at,
           std::optional<core::impact> impact = {}, std::optional<std::string> reason = {},
           std::optional<std::string> usage = {}, core::anonymity a = core::anonymity::identified) {
    core::feedback f;
    f.service = std::move(service);
    f.platform = "slack";
    f.user = "slack:U1";
    f.rating = rating;
    f.impact = impact;
    f.reason = std::move(reason);
    f.usage = std::move(usage);
    f.created_at = f.updated_at = at;
    feedback.insert(f, a);
  }
};

TEST_F(insight_queries_fixture, for_each_answer_streams_rated_answers_of_one_service_in_the_period) {
  add("vpn", 1, t0 + 1h, core::impact::blocks, "drops every hour", "remote work");
  add("vpn", 5, t0 + 2h, core::impact::none);
  add("vpn", std::nullopt, t0 + 3h, core::impact::slows, "cancelled before rating");  // no rating
  add("vpn", 4, t0 - 1ms);                                                            // before the period
  add("vpn", 4, t0 + week);                                                           // at `to`: excluded
  add("wiki", 2, t0 + 1h, core::impact::minor, "search");                             // another service
  add("vpn", 3, t0 + 30min, std::nullopt, std::nullopt, std::nullopt, core::anonymity::anonymous);

  std::vector<answer_row> rows;
  queries.for_each_answer("vpn", t0, t0 + week, [&](const answer_row& r) { rows.push_back(r); });
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].rating, 3);  // oldest first
  EXPECT_FALSE(rows[0].reason);
  EXPECT_FALSE(rows[0].impact);
  EXPECT_EQ(rows[1].created_at, t0 + 1h);
  EXPECT_EQ(rows[1].rating, 1);
  EXPECT_EQ(rows[1].reason, "drops every hour");
  EXPECT_EQ(rows[1].impact, core::impact::blocks);
  EXPECT_EQ(rows[1].usage, "remote work");
  EXPECT_EQ(rows[2].impact, core::impact::none);
  EXPECT_FALSE(rows[2].usage);
}

TEST_F(insight_queries_fixture, catalog_wide_stream_carries_the_service_in_time_order) {
  add("wiki", 4, t0 + 2h, core::impact::minor, "search works");
  add("vpn", 1, t0 + 1h, core::impact::blocks, "drops");
  add("vpn", std::nullopt, t0 + 3h);  // unrated
  add("erp", 5, t0 + week);           // at `to`
  std::vector<answer_row> rows;
  queries.for_each_answer(t0, t0 + week, [&](const answer_row& r) { rows.push_back(r); });
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].service, "vpn");
  EXPECT_EQ(rows[0].reason, "drops");
  EXPECT_EQ(rows[1].service, "wiki");
  EXPECT_EQ(rows[1].impact, core::impact::minor);
}

TEST_F(insight_queries_fixture, impact_counts_per_impact_with_unstated_last) {
  add("vpn", 1, t0 + 1h, core::impact::slows);
  add("vpn", 2, t0 + 2h, core::impact::slows);
  add("vpn", 2, t0 + 3h, core::impact::blocks);
  add("vpn", 5, t0 + 4h);
  add("vpn", std::nullopt, t0 + 5h, core::impact::none);  // unrated: not an answer
  add("vpn", 5, t0 - 1h, core::impact::none);             // outside
  const auto counts = queries.impact_counts("vpn", t0, t0 + week);
  ASSERT_EQ(counts.size(), 3u);
  EXPECT_EQ(counts[0].impact, core::impact::blocks);
  EXPECT_EQ(counts[0].count, 1);
  EXPECT_EQ(counts[1].impact, core::impact::slows);
  EXPECT_EQ(counts[1].count, 2);
  EXPECT_FALSE(counts[2].impact);
  EXPECT_EQ(counts[2].count, 1);
  EXPECT_TRUE(queries.impact_counts("nothing", t0, t0 + week).empty());
}

TEST_F(insight_queries_fixture, weekly_histogram_counts_back_from_the_end_and_caps_weeks) {
  const auto to = t0 + 4 * week;
  add("vpn", 5, to - 1ms);            // week 0
  add("vpn", 5, to - week);           // week 0 (its first instant)
  add("vpn", 1, to - week - 1ms);     // week 1
  add("vpn", 2, to - 3 * week - 1h);  // week 3: beyond a cap of 3 weeks
  add("vpn", 4, to);                  // at `to`: excluded
  const auto all = queries.weekly_histogram("vpn", t0, to, 12);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].weeks_back, 0);
  EXPECT_EQ(all[0].rating, 5);
  EXPECT_EQ(all[0].count, 2);
  EXPECT_EQ(all[1].weeks_back, 1);
  EXPECT_EQ(all[1].rating, 1);
  EXPECT_EQ(all[2].weeks_back, 3);
  const auto capped = queries.weekly_histogram("vpn", t0, to, 3);
  ASSERT_EQ(capped.size(), 2u);
  EXPECT_EQ(capped[1].weeks_back, 1);
  EXPECT_TRUE(queries.weekly_histogram("vpn", to, t0, 12).empty());
}

// The pass must stay on the (service, created_at, rating) index, never scan the table.
TEST_F(insight_queries_fixture, queries_use_the_service_index) {
  for (const char* sql :
       {"SELECT created_at, rating, reason, impact, usage FROM feedback INDEXED BY feedback_service_created "
        "WHERE service = ?1 AND created_at >= ?2 AND created_at < ?3 AND rating IS NOT NULL ORDER BY "
        "created_at",
        "SELECT (?3 - 1 - created_at) / ?4 AS weeks_back, rating, count(*) FROM feedback WHERE service = ?1 "
        "AND "
        "created_at >= ?2 AND created_at < ?3 AND rating IS NOT NULL GROUP BY weeks_back, rating"}) {
    statement st = db.conn().prepare(std::string{"EXPLAIN QUERY PLAN "} + sql);
    std::string plan;
    while (st.step())
      plan += st.column_text(3) + "\n";
    EXPECT_NE(plan.find("feedback_service_created"), std::string::npos) << plan;
    EXPECT_EQ(plan.find("SCAN feedback\n"), std::string::npos) << plan;
  }
}

}  // namespace
}  // namespace csibot::storage
