#include <gtest/gtest.h>

#include <algorithm>
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

core::feedback make_feedback(std::string user, std::optional<int> rating, core::timestamp at,
                             std::string service = "vpn") {
  core::feedback f;
  f.service = std::move(service);
  f.platform = user.substr(0, user.find(':'));
  f.user = std::move(user);
  f.rating = rating;
  f.created_at = f.updated_at = at;
  return f;
}

std::optional<std::string> raw_user_column(database& db, std::int64_t id) {
  statement st = db.conn().prepare("SELECT user FROM feedback WHERE id = ?1");
  st.bind(1, id);
  EXPECT_TRUE(st.step());
  return st.column_optional_text(0);
}

// "pseudo:" and 32 lowercase hex digits (std::regex trips GCC 12's -Wmaybe-uninitialized under ASan).
bool is_pseudonym(std::string_view text) {
  constexpr std::string_view prefix = "pseudo:";
  if (text.size() != prefix.size() + 32 || text.substr(0, prefix.size()) != prefix) return false;
  return std::all_of(text.begin() + prefix.size(), text.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

TEST(feedback_repository, identified_feedback_stores_the_user_id) {
  database db(":memory:");
  feedback_repository repo(db);
  const auto id = repo.insert(make_feedback("slack:U0123", 4, t0), core::anonymity::identified);
  EXPECT_EQ(raw_user_column(db, id), "slack:U0123");
  EXPECT_EQ(repo.find(id)->user, "slack:U0123");
}

TEST(feedback_repository, anonymous_feedback_stores_no_user) {
  test::temp_dir dir;
  std::int64_t id = 0;
  {
    database db(dir / "csibot.db");
    feedback_repository repo(db);
    core::feedback f = make_feedback("slack:U0SECRETPERSON", 2, t0);
    f.reason = "drops every hour";
    id = repo.insert(f, core::anonymity::anonymous);
    EXPECT_EQ(raw_user_column(db, id), std::nullopt);
    EXPECT_EQ(repo.find(id)->user, std::nullopt);
    EXPECT_EQ(repo.find(id)->platform, "slack");
  }
  const std::string bytes = dir.all_bytes();
  EXPECT_NE(bytes.find("drops every hour"), std::string::npos);  // the check can see stored text
  EXPECT_EQ(bytes.find("U0SECRETPERSON"), std::string::npos);
}

TEST(feedback_repository, pseudonymous_feedback_stores_a_keyed_hash_not_the_id) {
  test::temp_dir dir;
  {
    database db(dir / "csibot.db");
    feedback_repository repo(db);
    const auto a = repo.insert(make_feedback("slack:U0SECRETPERSON", 5, t0), core::anonymity::pseudonymous);
    const auto b = repo.insert(make_feedback("slack:U0SECRETPERSON", 3, t0), core::anonymity::pseudonymous);
    const auto c = repo.insert(make_feedback("slack:U0OTHER", 3, t0), core::anonymity::pseudonymous);
    const auto stored = raw_user_column(db, a);
    ASSERT_TRUE(stored);
    EXPECT_TRUE(is_pseudonym(*stored)) << *stored;
    EXPECT_EQ(raw_user_column(db, b), stored);
    EXPECT_NE(raw_user_column(db, c), stored);
  }
  EXPECT_EQ(dir.all_bytes().find("U0SECRETPERSON"), std::string::npos);
}

TEST(feedback_repository, pseudonym_is_stable_across_reopen_and_differs_between_installations) {
  test::temp_dir dir;
  std::optional<std::string> first;
  {
    database db(dir / "csibot.db");
    first = feedback_repository(db)
                .find(feedback_repository(db).insert(make_feedback("slack:U1", 5, t0),
                                                     core::anonymity::pseudonymous))
                ->user;
  }
  database db(dir / "csibot.db");
  feedback_repository repo(db);
  EXPECT_EQ(repo.find(repo.insert(make_feedback("slack:U1", 5, t0), core::anonymity::pseudonymous))->user,
            first);

  database other(dir / "other.db");
  feedback_repository other_repo(other);
  const auto id = other_repo.insert(make_feedback("slack:U1", 5, t0), core::anonymity::pseudonymous);
  EXPECT_NE(other_repo.find(id)->user, first);
}

TEST(feedback_repository, find_returns_every_field_as_stored) {
  database db(":memory:");
  feedback_repository repo(db);
  core::feedback f = make_feedback("mattermost:u9", 9, t0, "erp");
  f.scale = core::scale::nps10;
  f.reason = "fast";
  f.impact = core::impact::minor;
  f.usage = "invoicing";
  f.source = core::source::ticket;
  f.status = core::feedback_status::complete;
  f.allow_reply = true;
  f.updated_at = t0 + 5s;
  f.id = repo.insert(f, core::anonymity::identified);
  EXPECT_GT(f.id, 0);
  const auto got = repo.find(f.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->id, f.id);
  EXPECT_EQ(got->service, "erp");
  EXPECT_EQ(got->platform, "mattermost");
  EXPECT_EQ(got->user, f.user);
  EXPECT_EQ(got->rating, 9);
  EXPECT_EQ(got->scale, core::scale::nps10);
  EXPECT_EQ(got->reason, "fast");
  EXPECT_EQ(got->impact, core::impact::minor);
  EXPECT_EQ(got->usage, "invoicing");
  EXPECT_EQ(got->source, core::source::ticket);
  EXPECT_EQ(got->status, core::feedback_status::complete);
  EXPECT_TRUE(got->allow_reply);
  EXPECT_EQ(got->created_at, t0);
  EXPECT_EQ(got->updated_at, t0 + 5s);
  EXPECT_EQ(repo.find(f.id + 1), std::nullopt);
}

TEST(feedback_repository, update_changes_the_answers_and_keeps_the_rest) {
  database db(":memory:");
  feedback_repository repo(db);
  core::feedback f = make_feedback("slack:U1", std::nullopt, t0);
  f.id = repo.insert(f, core::anonymity::identified);
  f.rating = 2;
  f.reason = "slow";
  f.impact = core::impact::blocks;
  f.status = core::feedback_status::complete;
  f.updated_at = t0 + 1min;
  f.service = "ignored-by-update";
  repo.update(f);
  const auto got = repo.find(f.id);
  EXPECT_EQ(got->rating, 2);
  EXPECT_EQ(got->reason, "slow");
  EXPECT_EQ(got->impact, core::impact::blocks);
  EXPECT_EQ(got->status, core::feedback_status::complete);
  EXPECT_EQ(got->updated_at, t0 + 1min);
  EXPECT_EQ(got->service, "vpn");
  EXPECT_EQ(got->created_at, t0);
}

TEST(feedback_repository, update_of_a_missing_row_throws) {
  database db(":memory:");
  core::feedback f = make_feedback("slack:U1", 3, t0);
  f.id = 42;
  EXPECT_THROW(feedback_repository(db).update(f), error);
}

TEST(feedback_repository, for_each_streams_rows_since_a_time_in_id_order) {
  database db(":memory:");
  feedback_repository repo(db);
  for (int i = 0; i < 10; ++i)
    repo.insert(make_feedback("slack:U1", i % 5 + 1, t0 + i * 1h), core::anonymity::identified);
  std::vector<std::int64_t> ids;
  repo.for_each(t0 + 6h, [&](const core::feedback& f) { ids.push_back(f.id); });
  EXPECT_EQ(ids, (std::vector<std::int64_t>{7, 8, 9, 10}));
  ids.clear();
  repo.for_each(std::nullopt, [&](const core::feedback& f) { ids.push_back(f.id); });
  EXPECT_EQ(ids.size(), 10U);
  ids.clear();
  repo.for_each(t0 + 100h, [&](const core::feedback& f) { ids.push_back(f.id); });
  EXPECT_TRUE(ids.empty());
}

TEST(feedback_repository, for_each_includes_late_rows_with_older_ids) {
  database db(":memory:");
  feedback_repository repo(db);
  repo.insert(make_feedback("slack:U1", 1, t0 + 5h), core::anonymity::identified);
  repo.insert(make_feedback("slack:U1", 1, t0), core::anonymity::identified);  // older time, newer id
  repo.insert(make_feedback("slack:U1", 1, t0 + 6h), core::anonymity::identified);
  std::vector<std::int64_t> ids;
  repo.for_each(t0 + 1h, [&](const core::feedback& f) { ids.push_back(f.id); });
  EXPECT_EQ(ids, (std::vector<std::int64_t>{1, 3}));
}

TEST(feedback_repository, for_each_callback_may_use_the_repository) {
  database db(":memory:");
  feedback_repository repo(db);
  for (int i = 0; i < 3; ++i)
    repo.insert(make_feedback("slack:U1", 3, t0), core::anonymity::identified);
  int seen = 0;
  repo.for_each(std::nullopt, [&](const core::feedback& f) {
    std::vector<std::int64_t> inner;
    repo.for_each(std::nullopt, [&](const core::feedback& g) { inner.push_back(g.id); });
    EXPECT_EQ(inner.size(), 3U);
    EXPECT_TRUE(repo.find(f.id));
    ++seen;
  });
  EXPECT_EQ(seen, 3);
}

TEST(feedback_repository, rating_histogram_counts_one_service_in_a_half_open_period) {
  database db(":memory:");
  feedback_repository repo(db);
  const auto add = [&](std::optional<int> rating, core::timestamp at, std::string service = "vpn") {
    repo.insert(make_feedback("slack:U1", rating, at, std::move(service)), core::anonymity::identified);
  };
  add(5, t0);
  add(5, t0 + 1h);
  add(2, t0 + 2h);
  add(std::nullopt, t0 + 2h);  // no rating: not counted
  add(1, t0 - 1ms);            // before the period
  add(1, t0 + 24h);            // at `to`: excluded
  add(1, t0, "erp");           // another service
  const auto histogram = repo.rating_histogram("vpn", t0, t0 + 24h);
  ASSERT_EQ(histogram.size(), 2U);
  EXPECT_EQ(histogram[0].rating, 2);
  EXPECT_EQ(histogram[0].count, 1);
  EXPECT_EQ(histogram[1].rating, 5);
  EXPECT_EQ(histogram[1].count, 2);
  EXPECT_TRUE(repo.rating_histogram("none", t0, t0 + 24h).empty());
}

TEST(feedback_repository, usage_asked_since_matches_the_stored_form) {
  database db(":memory:");
  feedback_repository repo(db);
  for (auto a : {core::anonymity::identified, core::anonymity::pseudonymous, core::anonymity::anonymous}) {
    const std::string service(core::to_string(a));
    core::feedback f = make_feedback("slack:U1", 4, t0, service);
    f.usage_asked = true;
    repo.insert(f, a);
    repo.insert(make_feedback("slack:U2", 4, t0, service), a);  // never asked
  }
  using core::anonymity;
  EXPECT_TRUE(repo.usage_asked_since("identified", "slack:U1", anonymity::identified, t0));
  EXPECT_FALSE(repo.usage_asked_since("identified", "slack:U1", anonymity::identified, t0 + 1ms));
  EXPECT_FALSE(repo.usage_asked_since("identified", "slack:U2", anonymity::identified, t0));
  EXPECT_FALSE(repo.usage_asked_since("pseudonymous", "slack:U1", anonymity::identified, t0));
  EXPECT_TRUE(repo.usage_asked_since("pseudonymous", "slack:U1", anonymity::pseudonymous, t0));
  EXPECT_FALSE(repo.usage_asked_since("pseudonymous", "slack:U2", anonymity::pseudonymous, t0));
  EXPECT_FALSE(repo.usage_asked_since("anonymous", "slack:U1", anonymity::anonymous, t0));
}

TEST(feedback_repository, hostile_unicode_and_long_text_is_stored_verbatim) {
  database db(":memory:");
  feedback_repository repo(db);
  std::string long_text;
  while (long_text.size() < 4000)
    long_text += "\xC3\xA4";  // 2,000 'ä': 4,000 bytes
  const std::vector<std::string> texts = {"'); DROP TABLE feedback;--",
                                          "\xF0\x9F\x94\xA5 VPN \xF0\x9F\x98\xA1",
                                          "\"quotes\" `ticks` <script>alert(1)</script> %s %n \\", long_text,
                                          "Robert'); DELETE FROM services WHERE ('1'='1"};
  for (const auto& text : texts) {
    core::feedback f = make_feedback("slack:" + text, 3, t0, text);
    f.reason = text;
    f.usage = text;
    const auto id = repo.insert(f, core::anonymity::identified);
    const auto got = repo.find(id);
    ASSERT_TRUE(got);
    EXPECT_EQ(got->reason, text);
    EXPECT_EQ(got->usage, text);
    EXPECT_EQ(got->service, text);
    EXPECT_EQ(got->user, "slack:" + text);
  }
  EXPECT_EQ(repo.count(), static_cast<std::int64_t>(texts.size()));
}

TEST(feedback_repository, count_counts_every_row) {
  database db(":memory:");
  feedback_repository repo(db);
  EXPECT_EQ(repo.count(), 0);
  repo.insert(make_feedback("slack:U1", 3, t0), core::anonymity::anonymous);
  repo.insert(make_feedback("slack:U1", 3, t0), core::anonymity::identified);
  EXPECT_EQ(repo.count(), 2);
}

}  // namespace
}  // namespace csibot::storage
