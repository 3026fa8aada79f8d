#pragma once
/// A feedback conversation against the real storage: a SQLite file in a temp dir, each input handled
/// in one committed transaction (as commands::dispatcher does), time advancing one minute per input.
#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <string_view>

#include "core/i18n.hpp"
#include "dialog/actions.hpp"
#include "dialog/feedback_flow.hpp"
#include "dialog/question_key.hpp"
#include "dialog/test_support.hpp"
#include "storage/database.hpp"
#include "storage/repositories.hpp"

namespace csibot::dialog {

// Readable failure messages for the flow's types.
inline void PrintTo(step s, std::ostream* os) {
  *os << to_string(s);
}
inline void PrintTo(const flow_state& s, std::ostream* os) {
  *os << encode(s);
}

}  // namespace csibot::dialog

namespace csibot::dialog::test {

class flow_test : public ::testing::Test {
 protected:
  csibot::test::temp_dir dir;
  storage::database db{dir / "csibot.db"};
  std::vector<core::service> catalog = csibot::test::test_catalog();
  core::ref user{"local", "alice"};
  core::timestamp now = csibot::test::utc(2026, 11, 30, 9, 0);

  template <typename Step>
  flow_result run(Step&& step) {
    csibot::test::repository_store store{db, user};
    const flow_context ctx{catalog, "en", user, now, store, "/csi"};
    storage::transaction tx{db};
    auto r = step(ctx);
    tx.commit();
    now += std::chrono::minutes{1};
    return r;
  }

  flow_result begin(std::string service = {}, std::string rating = {}, std::string reason = {},
                    core::source src = core::source::command, std::string comment = {}) {
    const start_request req{src, std::move(service), std::move(rating), std::move(reason),
                            std::move(comment)};
    return run([&](const flow_context& ctx) { return start(req, ctx); });
  }
  flow_result text(const flow_state& s, std::string_view typed) {
    return run([&](const flow_context& ctx) { return on_text(s, typed, ctx); });
  }
  /// A click on a button of `s`'s open question: `payload` ("vpn:4") with that question's key.
  flow_result click(const flow_state& s, std::string_view action_id, std::string_view payload) {
    return click_value(s, action_id, keyed_value(payload, s));
  }
  /// A click whose value is exactly `value`: an older message's button, for one.
  flow_result click_value(const flow_state& s, std::string_view action_id, std::string value) {
    const core::action a{std::string{action_id}, std::move(value), "msg-1"};
    return run([&](const flow_context& ctx) { return on_action(s, a, ctx); });
  }

  /// A conversation on `service` rated `rating`, now waiting for the reason.
  flow_state rated(const std::string& service = "vpn", int rating = 4) {
    const auto r = click(begin(service).state, actions::rate, service + ":" + std::to_string(rating));
    EXPECT_EQ(r.state.at, step::reason);
    return r.state;
  }

  std::optional<core::feedback> stored(std::int64_t id) { return storage::feedback_repository{db}.find(id); }
  std::int64_t stored_count() { return storage::feedback_repository{db}.count(); }

  static std::string all_text(const flow_result& r) {
    std::string out;
    for (const auto& m : r.replies)
      out += m.plain_text() + "\n---\n";
    return out;
  }
  static bool says(const flow_result& r, std::string_view text) {
    return all_text(r).find(text) != std::string::npos;
  }
};

}  // namespace csibot::dialog::test
