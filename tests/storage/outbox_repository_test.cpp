// The outbox table on real SQLite files: what enqueue stores comes back whole, the state machine of a
// row (pending → sent | failed, rescheduled in between), what is due, and what a restart still sees.
#include "storage/outbox_repository.hpp"

#include <gtest/gtest.h>

#include "sent_before.hpp"
#include "storage/database.hpp"
#include "storage/message_json.hpp"
#include "storage/sqlite.hpp"
#include "temp_dir.hpp"

namespace csibot::storage {
namespace {

using namespace std::chrono_literals;

const core::timestamp t0 = core::from_millis(1'800'000'000'000);

core::message rich_message() {
  core::message m;
  m.header = "VPN (vpn)";
  m.text = "Thanks — *4* of 5.\nAnything else?";
  m.fields = {{"Impact", "slows me down"}, {"Usage", ""}};
  m.table = core::table{{"Service", "CSAT"}, {{"vpn", "82%"}, {"mail", "n/a"}}};
  m.buttons = {{"Blocks", "csi.impact", "vpn:blocks", core::button_style::danger},
               {"Slows", "csi.impact", "vpn:slows", core::button_style::primary},
               {"Skip", "csi.skip", "", core::button_style::normal}};
  m.context = "Feedback #12";
  return m;
}

core::outbound reply(std::string channel, std::string text = "hello",
                     core::delivery kind = core::delivery::ephemeral) {
  core::outbound o;
  o.kind = kind;
  o.platform = "slack";
  o.channel = std::move(channel);
  o.user = "U1";
  o.body.text = std::move(text);
  return o;
}

std::vector<std::int64_t> ids(const std::vector<outbox_entry>& rows) {
  std::vector<std::int64_t> out;
  for (const auto& r : rows)
    out.push_back(r.id);
  return out;
}

TEST(message_json, every_part_of_a_message_round_trips) {
  const auto m = rich_message();
  EXPECT_EQ(decode_message(encode_message(m), "c"), m);
  EXPECT_EQ(decode_message(encode_message(core::message{}), "c"), core::message{});
}

TEST(message_json, empty_parts_are_left_out_of_the_text) {
  core::message m;
  m.text = "hi";
  EXPECT_EQ(encode_message(m), R"({"text":"hi"})");
}

TEST(message_json, quotes_backslashes_controls_and_non_ascii_round_trip) {
  core::message m;
  m.text = "say \"hi\" \\ C:\\path\n\ttab \x01\x1f\x7f é € 😀";
  m.header = std::string("nul\0inside", 10);
  m.fields = {{"", ""}};
  m.table = core::table{{"a\"b"}, {{"\n"}, {}}};
  EXPECT_EQ(decode_message(encode_message(m), "c"), m);
}

TEST(message_json, invalid_utf8_is_replaced_not_thrown) {
  const std::string fffd = "\xEF\xBF\xBD";
  const std::pair<std::string, std::string> cases[] = {
      {"a\xFF"
       "b",
       "a" + fffd + "b"},
      {"\xC0\x80", fffd + fffd},                        // overlong NUL
      {"\xED\xA0\x80", fffd + fffd + fffd},             // a UTF-16 surrogate
      {"\xF4\x90\x80\x80", fffd + fffd + fffd + fffd},  // above U+10FFFF
      {"cut \xE2\x82", "cut " + fffd + fffd},           // truncated at the end
  };
  for (const auto& [in, expected] : cases) {
    core::message m;
    m.text = in;
    EXPECT_EQ(decode_message(encode_message(m), "c").text, expected);
  }
}

TEST(message_json, text_that_is_not_a_message_is_refused_naming_the_column) {
  for (const char* bad : {"", "[]", "{\"text\": 3}", "{\"buttons\": [{\"style\": \"loud\"}]}",
                          "{\"table\": {\"rows\": [1]}}", "{\"fields\": [7]}"}) {
    try {
      decode_message(bad, "outbox.body");
      ADD_FAILURE() << "accepted: " << bad;
    } catch (const error& e) {
      EXPECT_NE(std::string{e.what()}.find("outbox.body"), std::string::npos) << bad;
    }
  }
}

TEST(message_json, reads_any_json_spelling_of_a_message) {
  core::message m;
  m.text = "a/b \xF0\x9F\x98\x80 \xC3\xA9\n";
  m.buttons = {{"Go", "go", "", core::button_style::primary}};
  // Escaped solidus and surrogate pairs, spaces everywhere, keys in any order, unknown keys of every
  // kind (a newer csibot may add some) and an explicit "normal" style.
  const std::string text =
      R"( { "future" : {"a": [1, 2.5e3, true, null, "x"]}, "buttons" : [ {"style":"primary",)"
      R"("label":"Go","action_id":"go","extra":-1} ] , "text" : "a\/b \ud83d\ude00 \u00e9\n" } )";
  EXPECT_EQ(decode_message(text, "c"), m);
  EXPECT_EQ(decode_message(R"({"buttons":[{"label":"x","style":"normal"}]})", "c").buttons[0].style,
            core::button_style::normal);
}

TEST(message_json, malformed_json_is_refused) {
  for (const char* bad :
       {"{", "{\"text\":\"unterminated}", "{\"text\":\"a\"} trailing", "{\"text\":\"\\ud83d\"}",
        "{\"text\":\"\\ude00\"}", "{\"text\":\"\\u12\"}", "{\"text\":\"\\q\"}", "{\"text\":\"tab\there\"}",
        "{\"text\" \"x\"}", "{\"text\":\"x\",}", "{,}", "{\"fields\":[{\"label\":1}]}",
        "{\"table\":{\"columns\":\"a\"}}", "{\"x\":}", "null"}) {
    EXPECT_THROW(decode_message(bad, "c"), error) << bad;
  }
  // Nested deeper than any message: refused before the recursion can exhaust the stack.
  EXPECT_THROW(decode_message("{\"x\":" + std::string(100'000, '[') + std::string(100'000, ']') + "}", "c"),
               error);
}

TEST(outbox_repository, enqueued_row_comes_back_whole_and_pending) {
  database db(":memory:");
  outbox_repository box(db);
  core::outbound o = reply("C1");
  o.kind = core::delivery::update;
  o.replaces = "1700000000.000100";
  o.body = rich_message();
  const auto id = box.enqueue(o, "https://hooks.slack.com/commands/T1/2/abc", t0);

  const auto e = box.find(id);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->message.kind, core::delivery::update);
  EXPECT_EQ(e->message.platform, "slack");
  EXPECT_EQ(e->message.channel, "C1");
  EXPECT_EQ(e->message.user, "U1");
  EXPECT_EQ(e->message.replaces, "1700000000.000100");
  EXPECT_EQ(e->message.body, rich_message());
  EXPECT_EQ(e->reply_to, "https://hooks.slack.com/commands/T1/2/abc");
  EXPECT_EQ(e->created_at, t0);
  EXPECT_EQ(e->next_attempt_at, t0);
  EXPECT_EQ(e->attempts, 0);
  EXPECT_EQ(e->state, outbox_state::pending);
  EXPECT_FALSE(e->sent_at);
  EXPECT_EQ(box.pending_count(), 1);
}

TEST(outbox_repository, every_delivery_kind_round_trips) {
  database db(":memory:");
  outbox_repository box(db);
  for (auto k :
       {core::delivery::ephemeral, core::delivery::channel, core::delivery::direct, core::delivery::update}) {
    const auto id = box.enqueue(reply("C1", "x", k), "", t0);
    EXPECT_EQ(box.find(id)->message.kind, k);
  }
}

TEST(outbox_repository, due_is_in_id_order_filtered_by_platform_time_and_limit) {
  database db(":memory:");
  outbox_repository box(db);
  const auto a = box.enqueue(reply("C1"), "", t0);
  auto other = reply("C1");
  other.platform = "mattermost";
  const auto b = box.enqueue(other, "", t0);
  const auto c = box.enqueue(reply("C2"), "", t0);
  const auto later = box.enqueue(reply("C3"), "", t0 + 1min);

  EXPECT_EQ(ids(box.due(std::nullopt, t0, 10)), (std::vector<std::int64_t>{a, b, c}));
  EXPECT_EQ(ids(box.due("slack", t0, 10)), (std::vector<std::int64_t>{a, c}));
  EXPECT_EQ(ids(box.due("slack", t0, 1)), (std::vector<std::int64_t>{a}));
  EXPECT_EQ(ids(box.due("slack", t0 + 1min, 10)), (std::vector<std::int64_t>{a, c, later}));
  EXPECT_TRUE(box.due("discord", t0 + 1h, 10).empty());
}

TEST(outbox_repository, sent_row_leaves_the_table_with_its_text_and_recipient) {
  database db(":memory:");
  outbox_repository box(db);
  const auto id = box.enqueue(reply("C1"), "", t0);
  const auto other = box.enqueue(reply("C1"), "", t0);
  EXPECT_TRUE(box.mark_sent(id));
  EXPECT_FALSE(box.mark_sent(id));  // a second mark changes nothing

  EXPECT_FALSE(box.find(id));
  EXPECT_TRUE(box.find(other));
  EXPECT_TRUE(box.mark_sent(other));
  EXPECT_TRUE(box.due(std::nullopt, t0 + 1h, 10).empty());
  EXPECT_TRUE(box.pending_after(0, 10).empty());
  EXPECT_EQ(box.pending_count(), 0);
}

TEST(outbox_repository, rescheduled_row_counts_the_attempt_and_is_due_only_later) {
  database db(":memory:");
  outbox_repository box(db);
  const auto id = box.enqueue(reply("C1"), "", t0);
  EXPECT_TRUE(box.reschedule(id, t0 + 30s, "ratelimited"));
  EXPECT_TRUE(box.due(std::nullopt, t0 + 29s, 10).empty());
  ASSERT_EQ(box.due(std::nullopt, t0 + 30s, 10).size(), 1u);
  // Not due yet, but still pending: the sender must know it is there to keep the channel's order.
  EXPECT_EQ(ids(box.pending_after(0, 10)), (std::vector<std::int64_t>{id}));

  const auto e = box.find(id);
  EXPECT_EQ(e->attempts, 1);
  EXPECT_EQ(e->last_error, "ratelimited");
  EXPECT_EQ(e->state, outbox_state::pending);
}

TEST(outbox_repository, failed_row_is_kept_but_never_due_again) {
  database db(":memory:");
  outbox_repository box(db);
  const auto id = box.enqueue(reply("C1"), "", t0);
  EXPECT_TRUE(box.mark_failed(id, std::string(2000, 'x')));
  EXPECT_FALSE(box.reschedule(id, t0, "late retry"));  // a failed row cannot come back
  EXPECT_FALSE(box.mark_sent(id));
  EXPECT_TRUE(box.find(id));

  const auto e = box.find(id);
  EXPECT_EQ(e->state, outbox_state::failed);
  EXPECT_EQ(e->attempts, 1);
  EXPECT_EQ(e->last_error.size(), 500u);  // an HTML error page is not stored whole
  EXPECT_TRUE(box.due(std::nullopt, t0 + 1h, 10).empty());
  EXPECT_EQ(box.pending_count(), 0);
}

TEST(outbox_repository, failed_rows_are_counted_and_the_newest_is_found) {
  database db(":memory:");
  outbox_repository box(db);
  EXPECT_EQ(box.failed_count(), 0);
  EXPECT_FALSE(box.newest_failed());
  const auto a = box.enqueue(reply("C1"), "", t0);
  const auto b = box.enqueue(reply("C2"), "", t0 + 1min);
  box.enqueue(reply("C3"), "", t0 + 2min);  // pending: not a failure
  box.mark_failed(b, "not_in_channel");
  box.mark_failed(a, "is_archived");  // failed later, but written first
  EXPECT_EQ(box.failed_count(), 2);
  const auto newest = box.newest_failed();
  ASSERT_TRUE(newest);
  EXPECT_EQ(newest->message.channel, "C2");
  EXPECT_EQ(newest->last_error, "not_in_channel");
}

TEST(outbox_repository, pending_after_skips_what_was_already_seen) {
  database db(":memory:");
  outbox_repository box(db);
  const auto a = box.enqueue(reply("C1"), "", t0);
  const auto b = box.enqueue(reply("C1"), "", t0);
  const auto c = box.enqueue(reply("C1"), "", t0);
  EXPECT_EQ(ids(box.pending_after(a, 10)), (std::vector<std::int64_t>{b, c}));
  EXPECT_EQ(ids(box.pending_after(0, 2)), (std::vector<std::int64_t>{a, b}));
}

TEST(outbox_repository, purge_removes_only_old_rows_that_earlier_versions_kept_after_sending) {
  database db(":memory:");
  outbox_repository box(db);
  const auto old_sent = box.enqueue(reply("C1"), "", t0);
  const auto new_sent = box.enqueue(reply("C1"), "", t0);
  const auto failed = box.enqueue(reply("C1"), "", t0);
  const auto pending = box.enqueue(reply("C1"), "", t0);
  test::mark_sent_as_earlier_versions_did(db, old_sent, t0);
  test::mark_sent_as_earlier_versions_did(db, new_sent, t0 + std::chrono::days{6});
  box.mark_failed(failed, "gone");

  EXPECT_EQ(box.purge_sent(t0 + std::chrono::days{8}, std::chrono::days{7}), 1);
  EXPECT_FALSE(box.find(old_sent));
  EXPECT_TRUE(box.find(new_sent));
  EXPECT_TRUE(box.find(failed));
  EXPECT_TRUE(box.find(pending));
}

TEST(outbox_repository, ids_are_not_reused_after_the_newest_rows_were_sent) {
  database db(":memory:");
  outbox_repository box(db);
  const auto first = box.enqueue(reply("C1"), "", t0);
  const auto newest = box.enqueue(reply("C1"), "", t0);
  box.mark_sent(first);
  box.mark_sent(newest);
  EXPECT_GT(box.enqueue(reply("C1"), "", t0), newest);  // a sender that saw `newest` still sees this one
}

TEST(outbox_repository, enqueue_inside_a_rolled_back_transaction_leaves_nothing) {
  database db(":memory:");
  outbox_repository box(db);
  {
    transaction tx(db);
    box.enqueue(reply("C1"), "", t0);
  }
  EXPECT_EQ(box.pending_count(), 0);
}

TEST(outbox_repository, pending_rows_survive_a_reopen) {
  test::temp_dir dir;
  std::int64_t id = 0;
  {
    database db(dir / "csibot.db");
    id = outbox_repository(db).enqueue(reply("C1", "kept"), "url", t0);
  }
  database db(dir / "csibot.db");
  const auto rows = outbox_repository(db).due("slack", t0, 10);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].id, id);
  EXPECT_EQ(rows[0].message.body.text, "kept");
}

TEST(outbox_repository, a_row_this_csibot_cannot_read_is_reported_by_column) {
  database db(":memory:");
  outbox_repository box(db);
  const auto id = box.enqueue(reply("C1"), "", t0);
  db.conn().prepare("UPDATE outbox SET body = 'not json' WHERE id = ?1").bind(1, id).run();
  try {
    box.find(id);
    FAIL() << "expected storage::error";
  } catch (const error& e) {
    EXPECT_NE(std::string{e.what()}.find("outbox.body"), std::string::npos);
  }
}

TEST(outbox_repository, the_sender_queries_walk_only_the_pending_rows) {
  database db(":memory:");
  outbox_repository box(db);
  // Many sent rows before a pending one: what a restart finds after days of an earlier version.
  for (int i = 0; i < 50; ++i)
    test::mark_sent_as_earlier_versions_did(db, box.enqueue(reply("C1"), "", t0), t0);
  const auto pending = box.enqueue(reply("C1"), "", t0);
  db.conn().exec("ANALYZE");
  for (const char* sql : {"EXPLAIN QUERY PLAN SELECT count(*) FROM outbox WHERE state = 'pending'"}) {
    statement st = db.conn().prepare(sql);
    std::string plan;
    while (st.step())
      plan += st.column_text(3) + "\n";
    EXPECT_NE(plan.find("outbox_pending"), std::string::npos) << sql << "\n" << plan;
  }
  EXPECT_EQ(ids(box.pending_after(0, 10)), (std::vector<std::int64_t>{pending}));
  EXPECT_EQ(ids(box.due(std::nullopt, t0, 10)), (std::vector<std::int64_t>{pending}));
}

TEST(outbox_repository, a_reply_s_statements_stay_index_lookups_over_a_long_history) {
  database db(":memory:");
  outbox_repository box(db);
  for (int i = 0; i < 200; ++i)
    test::mark_sent_as_earlier_versions_did(db, box.enqueue(reply("C1"), "", t0), t0);
  db.conn().statement_costs_since_reset(true);
  // What the outbox does for each reply: write it, read what is new or due, mark it sent.
  const auto id = box.enqueue(reply("C1"), "", t0);
  EXPECT_EQ(box.last_id(), id);
  EXPECT_EQ(ids(box.pending_after(id - 1, 10)), (std::vector<std::int64_t>{id}));
  EXPECT_EQ(ids(box.due(std::nullopt, t0, 10)), (std::vector<std::int64_t>{id}));
  ASSERT_TRUE(box.find(id));
  EXPECT_TRUE(box.mark_sent(id));
  for (const auto& s : db.conn().statement_costs_since_reset(false)) {
    EXPECT_EQ(s.full_scan_steps, 0) << s.sql;
    EXPECT_EQ(s.sorts, 0) << s.sql;
    EXPECT_EQ(s.automatic_indexes, 0) << s.sql;
  }
}

}  // namespace
}  // namespace csibot::storage
