// The CSI register on a real SQLite file with the real migrations: an improvement comes back as it
// was stored, across a restart; links to feedback are kept once; the history says what moved when.
#include "storage/improvement_repository.hpp"

#include <gtest/gtest.h>

#include "storage/database.hpp"
#include "storage/repositories.hpp"
#include "storage/sqlite.hpp"
#include "storage/temp_dir.hpp"

namespace csibot::storage {
namespace {

using namespace std::chrono_literals;
using core::improvement_state;

const core::timestamp t0 = core::from_millis(1'790'000'000'000);

class improvements : public ::testing::Test {
 protected:
  test::temp_dir dir;
  std::unique_ptr<database> db = std::make_unique<database>(dir / "csibot.db");
  improvement_repository repo() { return improvement_repository{*db}; }
  void reopen() {
    db.reset();
    db = std::make_unique<database>(dir / "csibot.db");
  }
  std::int64_t feedback(const std::string& service) {
    core::feedback f;
    f.service = service;
    f.platform = "local";
    f.user = "local:bob";
    f.rating = 2;
    f.created_at = f.updated_at = t0;
    return feedback_repository{*db}.insert(f, core::anonymity::identified);
  }
  static core::improvement sample() {
    core::improvement i;
    i.service = "vpn";
    i.title = "Split tunnelling for Teams “calls” <b>";
    i.business_function = "field sales";
    i.expected_effect = "calls stop dropping";
    i.created_by = "local:alice";
    i.created_at = i.updated_at = t0;
    i.baseline = {62.5, 25, 40, t0 - std::chrono::days{30}, t0};
    return i;
  }
};

TEST_F(improvements, the_migration_creates_the_register_tables) {
  EXPECT_GE(db->schema_version(), 7);
  for (const char* table : {"improvements", "improvement_feedback", "improvement_changes"}) {
    statement st =
        db->conn().prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1");
    st.bind(1, std::string_view(table));
    ASSERT_TRUE(st.step());
    EXPECT_EQ(st.column_int(0), 1) << table;
  }
}

TEST_F(improvements, an_improvement_round_trips_across_a_restart) {
  auto i = sample();
  i.feedback_ids = {feedback("vpn"), feedback("vpn")};
  i.id = repo().add(i);
  EXPECT_GT(i.id, 0);
  reopen();
  const auto back = repo().find(i.id);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, i);
  EXPECT_TRUE(back->has_why());
  EXPECT_FALSE(back->process_only());
  EXPECT_FALSE(repo().find(i.id + 1));
}

TEST_F(improvements, update_keeps_done_verification_and_after_figures) {
  auto i = sample();
  i.business_function.reset();
  i.id = repo().add(i);
  i.state = improvement_state::done;
  i.done_at = t0 + 10min;
  i.verification = core::verification::no_effect;
  i.after = core::measurement{64, 16, 25, t0 + 10min, t0 + std::chrono::days{30} + 10min};
  i.checked_at = t0 + std::chrono::days{31};
  i.theme = "drops";
  i.updated_at = t0 + std::chrono::days{31};
  repo().update(i);
  EXPECT_EQ(*repo().find(i.id), i);

  i.after.reset();  // a later move back to pending clears them
  i.checked_at.reset();
  i.verification = core::verification::pending;
  repo().update(i);
  EXPECT_EQ(*repo().find(i.id), i);
}

TEST_F(improvements, updating_an_improvement_that_is_not_there_throws) {
  auto i = sample();
  i.id = 4711;
  EXPECT_THROW(repo().update(i), error);
}

TEST_F(improvements, list_is_by_id_and_filters_by_service) {
  auto vpn = sample();
  auto mail = sample();
  mail.service = "email";
  const auto a = repo().add(vpn);
  const auto b = repo().add(mail);
  const auto c = repo().add(vpn);
  const auto all = repo().list();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].id, a);
  EXPECT_EQ(all[1].id, b);
  const auto only_vpn = repo().list("vpn");
  ASSERT_EQ(only_vpn.size(), 2u);
  EXPECT_EQ(only_vpn[1].id, c);
  EXPECT_TRUE(repo().list("printing").empty());
}

TEST_F(improvements, a_feedback_link_is_kept_once_and_must_point_at_real_feedback) {
  const auto id = repo().add(sample());
  const auto f1 = feedback("vpn");
  const auto f2 = feedback("vpn");
  EXPECT_EQ(repo().link_feedback(id, {f2, f1}), 2u);
  EXPECT_EQ(repo().link_feedback(id, {f1}), 0u);
  EXPECT_EQ(repo().find(id)->feedback_ids, (std::vector<std::int64_t>{f1, f2}));
  EXPECT_THROW(repo().link_feedback(id, {f2 + 100}), error) << "a foreign key";
}

TEST_F(improvements, only_done_pending_improvements_await_verification) {
  auto done = sample();
  done.id = repo().add(done);
  done.state = improvement_state::done;
  done.done_at = t0 + 1h;
  repo().update(done);
  auto decided = done;
  decided.id = repo().add(decided);
  decided.verification = core::verification::no_effect;
  repo().update(decided);
  repo().add(sample());  // proposed

  EXPECT_TRUE(repo().awaiting_verification(t0).empty()) << "done after that time";
  const auto due = repo().awaiting_verification(t0 + 2h);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].id, done.id);
}

TEST_F(improvements, history_and_moves_say_what_moved_when) {
  auto i = sample();
  i.id = repo().add(i);
  repo().record_change({i.id, t0, "local:alice", improvement_state::proposed, false});
  repo().record_change({i.id, t0 + std::chrono::days{2}, "local:alice", improvement_state::approved, false});
  repo().record_change({i.id, t0 + std::chrono::days{40}, "csibot", improvement_state::done, true});

  const auto history = repo().history(i.id);
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[1].state, improvement_state::approved);
  EXPECT_TRUE(history[2].no_effect);
  EXPECT_EQ(history[2].actor, "csibot");

  const auto week = repo().moves(t0 + std::chrono::days{1}, t0 + std::chrono::days{8});
  ASSERT_EQ(week.size(), 1u);
  EXPECT_EQ(week[0].change.state, improvement_state::approved);
  EXPECT_EQ(week[0].item.title, i.title);
  EXPECT_TRUE(repo().moves(t0 + std::chrono::days{41}, t0 + std::chrono::days{50}).empty());
}

}  // namespace
}  // namespace csibot::storage
