#pragma once
/// commands::dispatcher over a real SQLite file with the demo catalog, and the inbound events a
/// platform adapter would produce. The database and dispatcher can be destroyed and reopened (a restart).
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>

#include "commands/dispatch.hpp"
#include "config/loader.hpp"
#include "dialog/flow_state.hpp"
#include "dialog/question_key.hpp"
#include "dialog/test_support.hpp"
#include "storage/database.hpp"
#include "storage/repositories.hpp"

namespace csibot::commands::test {

class dispatch_test : public ::testing::Test {
 protected:
  csibot::test::temp_dir dir;
  config::settings settings = config::demo_settings();
  core::timestamp now = csibot::test::utc(2026, 11, 30, 9, 0);
  std::unique_ptr<storage::database> db;
  std::unique_ptr<commands::dispatcher> bot;
  int next_event = 0;

  void SetUp() override {
    settings.bot.database = dir / "csibot.db";
    open();
  }

  /// Opens the database file and a dispatcher over it, as `csibot run` does at start.
  void open() {
    db = std::make_unique<storage::database>(settings.bot.database);
    storage::service_repository{*db}.sync_from_config(settings.services, now);
    bot = std::make_unique<commands::dispatcher>(*db, settings);
  }
  /// Stops everything (the process ends) and starts again on the same file.
  void restart() {
    bot.reset();
    db.reset();
    open();
  }

  std::string new_event_id() { return "ev-" + std::to_string(++next_event); }

  /// `/csi <text>` typed in a channel (or, with `in_dm`, in the DM with the bot).
  core::inbound command(std::string_view user, std::string_view text, bool in_dm = false) {
    core::inbound in = base(user, in_dm);
    in.command = "/csi";
    in.text = std::string{text};
    return in;
  }
  /// A direct message to the bot.
  core::inbound dm(std::string_view user, std::string_view text) {
    core::inbound in = base(user, true);
    in.text = std::string{text};
    return in;
  }
  /// A click on a button of message `message_id` in the DM: the button of the question `user`'s
  /// conversation has open now (`value` gets that question's key, dialog/question_key.hpp), or, with
  /// none open or a key in `value` already, exactly `value`.
  core::inbound click(std::string_view user, std::string_view action_id, std::string_view value,
                      std::string_view message_id = "msg-1") {
    std::string keyed{value};
    const auto row = storage::conversation_repository{*db}.find("local", user);
    const auto open = row && row->expires_at > now ? dialog::decode(row->state) : std::nullopt;
    if (open && keyed.find('@') == std::string::npos) keyed = dialog::keyed_value(value, *open);
    return click_value(user, action_id, keyed, message_id);
  }
  /// A click whose value is exactly `value`: an old message's button, or a digest's.
  core::inbound click_value(std::string_view user, std::string_view action_id, std::string_view value,
                            std::string_view message_id = "msg-1") {
    core::inbound in = base(user, true);
    in.action = core::action{std::string{action_id}, std::string{value}, std::string{message_id}};
    return in;
  }

  /// Dispatches at the current time, then lets a minute pass.
  std::vector<core::outbound> send(const core::inbound& in) {
    auto out = bot->dispatch(in, now);
    now += std::chrono::minutes{1};
    return out;
  }

  std::vector<core::feedback> all_feedback() {
    std::vector<core::feedback> out;
    storage::feedback_repository{*db}.for_each(std::nullopt,
                                               [&](const core::feedback& f) { out.push_back(f); });
    return out;
  }
  std::int64_t open_conversations() { return storage::conversation_repository{*db}.count_open(now); }

  static std::string all_text(const std::vector<core::outbound>& out) {
    std::string s;
    for (const auto& o : out)
      s += o.body.plain_text() + "\n---\n";
    return s;
  }
  static bool says(const std::vector<core::outbound>& out, std::string_view text) {
    return all_text(out).find(text) != std::string::npos;
  }
  /// The "Next digest" field of `/csi service <id>` as alice sees it.
  std::string next_digest(std::string_view id) {
    const auto out = send(command("alice", "service " + std::string{id}));
    for (const auto& f : out.at(0).body.fields)
      if (f.label == "Next digest") return f.value;
    return "(no field)";
  }

 private:
  core::inbound base(std::string_view user, bool in_dm) {
    core::inbound in;
    in.platform = "local";
    in.user = std::string{user};
    in.user_name = std::string{user};
    in.channel = in_dm ? "dm-" + std::string{user} : "general";
    in.is_dm = in_dm;
    in.event_id = new_event_id();
    return in;
  }
};

}  // namespace csibot::commands::test
