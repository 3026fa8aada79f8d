// Group commit in the local chat (bot/platform/local/batch.cpp): the frames that arrive together are
// handled in one transaction, and the browsers see what they caused only after it committed. The
// sessions here are in-memory stand-ins so that the test decides when a batch runs; the database,
// the dispatcher and the platform are the real ones.
#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bot/net/ws_session.hpp"
#include "bot/platform/local/local_platform.hpp"
#include "commands/dispatch.hpp"
#include "config/loader.hpp"
#include "config/settings.hpp"
#include "storage/database.hpp"
#include "storage/local_chat_repository.hpp"
#include "storage/repositories.hpp"
#include "storage/sqlite.hpp"
#include "storage/temp_dir.hpp"

namespace csibot::platform::local {
namespace {

using json = nlohmann::json;

// A browser tab without a socket: what the platform sends it is kept, frames are handed in by hand.
class tab final : public net::ws_session {
 public:
  void send(std::string text) override { received.push_back(json::parse(text)); }
  void close(std::uint16_t, std::string) override {}
  void on_message(message_handler handler) override { handler_ = std::move(handler); }
  void on_close(close_handler handler) override { close_ = std::move(handler); }
  const std::string& remote_address() const noexcept override { return address_; }
  boost::asio::awaitable<net::close_info> run() override { co_return net::close_info{}; }

  void type(const json& frame) { handler_(frame.dump()); }
  void hang_up() { close_(net::close_info{net::close_code::normal, {}, {}}); }
  bool got(const std::string& type) const {
    for (const auto& f : received)
      if (f.value("type", "") == type) return true;
    return false;
  }
  std::string last_error() const {
    for (auto it = received.rbegin(); it != received.rend(); ++it)
      if (it->value("type", "") == "error") return it->value("code", "");
    return {};
  }

  std::vector<json> received;

 private:
  message_handler handler_;
  close_handler close_;
  std::string address_ = "127.0.0.1";
};

class local_batch : public ::testing::Test {
 protected:
  local_batch() : settings(config::demo_settings()) {
    settings.bot.database = dir / "csibot.db";
    db = std::make_unique<storage::database>(settings.bot.database);
    storage::service_repository(*db).sync_from_config(settings.services, now());
    dispatcher = std::make_unique<commands::dispatcher>(*db, settings);
    // A clock that stands still: the rate limit refills nothing between two frames of a test.
    platform = std::make_unique<local_platform>(*db, *dispatcher, settings, [this] { return clock; });
    platform->batch_with([this](std::function<void()> fn) { posted.push_back(std::move(fn)); });
  }

  static core::timestamp now() {
    return core::timestamp{std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now())};
  }

  std::shared_ptr<tab> open() {
    auto t = std::make_shared<tab>();
    platform->attach(t);
    return t;
  }

  // A tab that has said hello, with its batch run.
  std::shared_ptr<tab> greeted(const std::string& name) {
    auto t = open();
    t->type({{"type", "hello"}, {"name", name}});
    run_posted();
    EXPECT_TRUE(t->got("welcome")) << name;
    return t;
  }

  // What the io loop would run next: the batches scheduled so far.
  void run_posted() {
    for (auto fns = std::exchange(posted, {}); auto& fn : fns)
      fn();
  }

  std::size_t stored_in(const std::string& channel, const std::string& user) {
    return storage::local_chat_repository{*db}.recent(channel, user, 200).size();
  }

  storage::test::temp_dir dir;
  core::timestamp clock = now();
  config::settings settings;
  std::unique_ptr<storage::database> db;
  std::unique_ptr<commands::dispatcher> dispatcher;
  std::unique_ptr<local_platform> platform;
  std::vector<std::function<void()>> posted;
};

TEST_F(local_batch, frames_that_arrive_together_share_one_batch_and_are_answered_after_it) {
  auto ada = open();
  auto bob = open();
  auto cy = open();
  ada->type({{"type", "hello"}, {"name", "Ada"}});
  bob->type({{"type", "hello"}, {"name", "Bob"}});
  cy->type({{"type", "hello"}, {"name", "Cy"}});
  EXPECT_EQ(posted.size(), 1u);  // one batch scheduled for all three
  EXPECT_TRUE(ada->received.empty() && bob->received.empty() && cy->received.empty());

  run_posted();
  EXPECT_EQ(platform->batches(), 1u);
  EXPECT_TRUE(ada->got("welcome"));
  EXPECT_TRUE(bob->got("welcome"));
  EXPECT_TRUE(cy->got("welcome"));
}

TEST_F(local_batch, a_whole_step_of_a_conversation_is_one_batch) {
  auto ada = greeted("Ada");
  const auto before = platform->batches();
  ada->type({{"type", "message"}, {"channel", "general"}, {"text", "/csi feedback vpn 4 fine"}});
  run_posted();
  EXPECT_EQ(platform->batches(), before + 1);
  // The command, its answer in the channel, and the next question in the DM: all stored and shown.
  EXPECT_EQ(stored_in("general", "ada"), 2u);
  EXPECT_EQ(stored_in("dm:ada", "ada"), 1u);
  std::size_t messages = 0;
  for (const auto& f : ada->received)
    messages += f.value("type", "") == "message" ? 1u : 0u;
  EXPECT_EQ(messages, 3u);
}

TEST_F(local_batch, a_frame_that_fails_is_answered_alone_and_shows_nothing_of_itself) {
  auto ada = greeted("Ada");
  auto bob = greeted("Bob");
  db->conn().exec(
      "CREATE TRIGGER refuse_doom BEFORE INSERT ON local_messages WHEN NEW.body LIKE '%doom%' "
      "BEGIN SELECT RAISE(ABORT, 'doom refused'); END");
  ada->received.clear();
  bob->received.clear();
  ada->type({{"type", "message"}, {"channel", "general"}, {"text", "/csi help"}});
  bob->type({{"type", "message"}, {"channel", "general"}, {"text", "doom"}});
  run_posted();

  EXPECT_EQ(bob->last_error(), "internal");
  EXPECT_FALSE(bob->got("message"));
  EXPECT_TRUE(ada->got("message"));            // the help, committed in the same batch
  EXPECT_EQ(stored_in("general", "ada"), 2u);  // Ada's command and its answer; nothing of Bob's
}

TEST_F(local_batch, a_batch_that_cannot_commit_shows_nothing_and_answers_every_frame_with_an_error) {
  auto ada = greeted("Ada");
  // A deferred foreign key is only checked at COMMIT, as a full disk would fail only there.
  db->conn().exec(
      "CREATE TABLE commit_guard (channel TEXT REFERENCES local_channels (id) DEFERRABLE INITIALLY DEFERRED);"
      "CREATE TRIGGER fail_commit AFTER INSERT ON local_messages WHEN NEW.body LIKE '%doom%' "
      "BEGIN INSERT INTO commit_guard VALUES ('no-such-channel'); END");
  auto bob = open();
  ada->received.clear();
  bob->type({{"type", "hello"}, {"name", "Bob"}});
  ada->type({{"type", "message"}, {"channel", "general"}, {"text", "doom"}});
  run_posted();

  EXPECT_FALSE(bob->got("welcome"));
  EXPECT_EQ(bob->last_error(), "internal");
  EXPECT_FALSE(ada->got("message"));
  EXPECT_EQ(ada->last_error(), "internal");
  EXPECT_EQ(stored_in("general", "ada"), 0u);

  // Bob's hello was undone with the rest: he is asked for it again, and then welcomed.
  db->conn().exec("DROP TRIGGER fail_commit");
  bob->type({{"type", "message"}, {"channel", "general"}, {"text", "hi"}});
  run_posted();
  EXPECT_EQ(bob->last_error(), "hello_first");
  bob->type({{"type", "hello"}, {"name", "Bob"}});
  run_posted();
  EXPECT_TRUE(bob->got("welcome"));
}

TEST_F(local_batch, what_a_tab_sent_just_before_it_closed_still_counts) {
  auto ada = greeted("Ada");
  ada->type({{"type", "message"}, {"channel", "general"}, {"text", "/csi feedback vpn"}});
  run_posted();
  json rating;
  for (const auto& f : ada->received)
    if (f.value("channel", "") == "dm:ada" && f.dump().find("csi.rate") != std::string::npos) rating = f;
  ASSERT_FALSE(rating.is_null());
  // A click, and the tab closed in the same turn of the io loop, before the batch ran.
  ada->type({{"type", "action"},
             {"channel", "dm:ada"},
             {"message_id", rating["id"]},
             {"action_id", "csi.rate"},
             {"value", rating["body"]["buttons"][1].value("value", "")}});  // 2/5
  ada->hang_up();
  EXPECT_EQ(platform->session_count(), 1u);  // kept for its frame
  run_posted();
  EXPECT_EQ(platform->session_count(), 0u);
  std::vector<core::feedback> stored;
  storage::feedback_repository{*db}.for_each(std::nullopt,
                                             [&](const core::feedback& f) { stored.push_back(f); });
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].rating, 2);
}

TEST_F(local_batch, frames_over_the_rate_limit_are_refused_at_once_without_a_batch) {
  auto ada = greeted("Ada");
  ada->received.clear();
  for (int i = 0; i < 40; ++i)
    ada->type({{"type", "history"}, {"channel", "general"}});
  EXPECT_EQ(ada->last_error(), "rate_limited");  // before any batch ran
  run_posted();
  std::size_t histories = 0;
  for (const auto& f : ada->received)
    histories += f.value("type", "") == "history" ? 1u : 0u;
  EXPECT_EQ(histories, local::options{}.burst - 1);  // the hello took one token
}

TEST(local_batch_alone, without_a_scheduler_each_frame_is_answered_at_once) {
  storage::test::temp_dir dir;
  auto settings = config::demo_settings();
  settings.bot.database = dir / "csibot.db";
  storage::database db{settings.bot.database};
  commands::dispatcher dispatcher{db, settings};
  local_platform platform{db, dispatcher, settings, [] { return core::timestamp{}; }};
  auto ada = std::make_shared<tab>();
  platform.attach(ada);
  ada->type({{"type", "hello"}, {"name", "Ada"}});
  EXPECT_TRUE(ada->got("welcome"));
  EXPECT_EQ(platform.batches(), 1u);
}

}  // namespace
}  // namespace csibot::platform::local
