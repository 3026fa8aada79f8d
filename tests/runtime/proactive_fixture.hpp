#pragma once
/// The prompt loop and the pulse runner on a real SQLite file with the demo catalog, an injected
/// clock and a scripted people directory standing in for a chat platform's API (the storage is real;
/// only what a platform would answer is scripted, as the fake Slack does for the adapter tests).
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <map>
#include <memory>
#include <set>

#include "bot/runtime/profile_cache.hpp"
#include "bot/runtime/prompt_loop.hpp"
#include "bot/runtime/pulse_runner.hpp"
#include "config/loader.hpp"
#include "dialog/test_support.hpp"
#include "storage/database.hpp"
#include "storage/prompt_repository.hpp"
#include "storage/repositories.hpp"
#include "support/io_wait.hpp"

namespace csibot::runtime::test {

/// Answers like a platform would: profiles, e-mail addresses and channel members from maps.
class scripted_directory final : public people_directory {
 public:
  std::map<std::string, person_profile> profiles;            // unknown users: found, no zone
  std::map<std::string, std::string> emails;                 // address → user id
  std::map<std::string, std::vector<std::string>> channels;  // channel id → member ids
  int fail_members = 0;                                      // the next N listings fail
  int fail_emails = 0;
  std::size_t profile_calls = 0;

  boost::asio::awaitable<person_profile> profile(std::string user) override {
    ++profile_calls;
    const auto it = profiles.find(user);
    co_return it == profiles.end() ? person_profile{} : it->second;
  }
  boost::asio::awaitable<email_match> find_by_email(std::string email) override {
    email_match out;
    if (scripted_failure(fail_emails, out, "timeout")) co_return out;
    if (const auto it = emails.find(email); it != emails.end()) {
      out.status = lookup_status::found;
      out.user = it->second;
    }
    co_return out;
  }
  boost::asio::awaitable<member_list> members(commands::target t) override {
    member_list out;
    if (scripted_failure(fail_members, out, "rate limited")) co_return out;
    if (t.kind == commands::target_kind::user) {
      out.users.push_back(t.ref.id);
    } else if (const auto it = channels.find(t.ref.id); it != channels.end()) {
      out.users = it->second;
    } else if (t.kind == commands::target_kind::any) {
      out.users.push_back(t.ref.id);
    } else {
      out.status = lookup_status::not_found;
    }
    co_return out;
  }

 private:
  /// While `budget` (fail_members, fail_emails) lasts, uses one of it up and marks `out` failed with
  /// `error`, as a platform call that timed out or was rate limited would be.
  template <class Lookup>
  static bool scripted_failure(int& budget, Lookup& out, const char* error) {
    if (budget <= 0) return false;
    --budget;
    out.status = lookup_status::failed;
    out.error = error;
    return true;
  }
};

class proactive_test : public ::testing::Test {
 protected:
  csibot::test::temp_dir dir;
  config::settings settings = config::demo_settings();
  core::timestamp now = csibot::test::utc(2026, 11, 30, 9, 0);  // a Monday, 10:00 in Berlin
  boost::asio::io_context io;
  std::unique_ptr<storage::database> db;
  scripted_directory local;
  // As `csibot run` wires it: the platform's directory behind the cache that remembers profiles.
  std::shared_ptr<profile_cache> local_profiles = std::make_shared<profile_cache>(
      std::shared_ptr<people_directory>(&local, [](people_directory*) {}), [this] { return now; });
  std::vector<core::outbound> published;
  std::size_t staged = 0;

  void SetUp() override {
    settings.bot.database = dir / "csibot.db";
    settings.pulses.clear();
    open();
  }
  virtual void open() {
    db = std::make_unique<storage::database>(settings.bot.database);
    storage::service_repository{*db}.sync_from_config(settings.services, now);
  }
  proactive_hooks hooks() {
    proactive_hooks h;
    h.directory = [this](std::string_view p) -> people_directory* {
      return p == "local" ? local_profiles.get() : nullptr;
    };
    h.stage = [this](const std::vector<core::outbound>& out) { staged += out.size(); };
    h.publish = [this](const std::vector<core::outbound>& out) {
      published.insert(published.end(), out.begin(), out.end());
    };
    return h;
  }
  template <class T>
  T run(boost::asio::awaitable<T> task) {
    auto r = csibot::test::run_task(io, std::move(task));
    if (!r) throw std::runtime_error("the pass did not finish");
    return *r;
  }
  storage::prompt_repository prompts() { return storage::prompt_repository{*db}; }
  std::set<std::string> dm_users() const {
    std::set<std::string> out;
    for (const auto& o : published)
      if (o.kind == core::delivery::direct) out.insert(o.user);
    return out;
  }
};

}  // namespace csibot::runtime::test
