// runtime::profile_cache on a real io_context with an injected clock, in front of a directory that
// answers like a platform would and can be made to wait: a profile is read once per person and day,
// a failed read is not repeated for every command, concurrent reads are shared, and the cache stays
// within its bound.
#include "bot/runtime/profile_cache.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <map>

#include "dialog/test_support.hpp"
#include "support/io_wait.hpp"

namespace csibot::runtime {
namespace {

namespace asio = boost::asio;

/// Profiles from a map; while `hold` is set, every read waits until open() (a slow platform).
class gated_directory final : public people_directory {
 public:
  explicit gated_directory(asio::io_context& io) : gate_(io) {
    gate_.expires_at(asio::steady_timer::time_point::max());
  }

  std::map<std::string, person_profile> profiles;  // unknown users: found, no locale
  bool hold = false;
  int fail_next = 0;
  std::size_t reads = 0;

  void open() { gate_.cancel(); }

  asio::awaitable<person_profile> profile(std::string user) override {
    ++reads;
    if (hold) {
      boost::system::error_code ec;
      co_await gate_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    person_profile out;
    if (fail_next > 0) {
      --fail_next;
      out.status = lookup_status::failed;
      out.error = "rate limited";
      co_return out;
    }
    if (const auto it = profiles.find(user); it != profiles.end()) out = it->second;
    co_return out;
  }
  asio::awaitable<email_match> find_by_email(std::string) override { co_return email_match{}; }
  asio::awaitable<member_list> members(commands::target t) override {
    member_list out;
    out.users = {"member-of-" + t.ref.id};
    co_return out;
  }

 private:
  asio::steady_timer gate_;
};

class profile_cache_test : public ::testing::Test {
 protected:
  asio::io_context io;
  core::timestamp now = csibot::test::utc(2026, 12, 2, 9, 0);
  std::shared_ptr<gated_directory> platform = std::make_shared<gated_directory>(io);
  std::shared_ptr<profile_cache> cache;

  void SetUp() override {
    platform->profiles["U1"] = person_profile{lookup_status::found, "Europe/Berlin", "de-DE", ""};
    make_cache({});
  }
  void make_cache(profile_cache_options o) {
    cache = std::make_shared<profile_cache>(
        platform, [this] { return now; }, o);
  }

  person_profile read(const std::string& user) {
    std::optional<person_profile> out;
    asio::co_spawn(io, cache->profile(user), [&](std::exception_ptr, person_profile p) { out = p; });
    EXPECT_TRUE(test::run_until(io, [&] { return out.has_value(); }));
    return out.value_or(person_profile{});
  }
};

TEST_F(profile_cache_test, a_profile_is_read_once_and_known_without_waiting_until_it_is_a_day_old) {
  EXPECT_EQ(cache->known("U1"), nullptr);
  EXPECT_EQ(read("U1").locale, "de-DE");
  EXPECT_EQ(read("U1").time_zone, "Europe/Berlin");
  EXPECT_EQ(platform->reads, 1u);
  ASSERT_NE(cache->known("U1"), nullptr);
  EXPECT_EQ(cache->known("U1")->locale, "de-DE");

  now += std::chrono::hours{23};
  EXPECT_NE(cache->known("U1"), nullptr);
  now += std::chrono::hours{2};
  EXPECT_EQ(cache->known("U1"), nullptr) << "a day later the person may have changed their language";
  platform->profiles["U1"].locale = "en-GB";
  EXPECT_EQ(read("U1").locale, "en-GB");
  EXPECT_EQ(platform->reads, 2u);
}

TEST_F(profile_cache_test, a_failed_read_is_not_repeated_for_every_command_but_is_after_a_while) {
  platform->fail_next = 1;
  EXPECT_EQ(read("U1").status, lookup_status::failed);
  const auto* known = cache->known("U1");
  ASSERT_NE(known, nullptr) << "known as failed: the bot's language, without asking again";
  EXPECT_EQ(known->status, lookup_status::failed);
  EXPECT_TRUE(known->locale.empty());
  EXPECT_EQ(read("U1").status, lookup_status::failed);
  EXPECT_EQ(platform->reads, 1u);

  now += std::chrono::minutes{6};
  EXPECT_EQ(cache->known("U1"), nullptr);
  EXPECT_EQ(read("U1").locale, "de-DE");
  EXPECT_EQ(platform->reads, 2u);
}

TEST_F(profile_cache_test, reads_started_while_one_is_under_way_share_it_and_all_hear_back) {
  platform->hold = true;
  int told = 0;
  cache->read_later(io.get_executor(), "U1", [&] { ++told; });
  cache->read_later(io.get_executor(), "U1", [&] { ++told; });
  io.poll();
  EXPECT_EQ(told, 0) << "nobody hears back before the platform answered";
  EXPECT_EQ(cache->known("U1"), nullptr);
  platform->open();
  EXPECT_TRUE(test::run_until(io, [&] { return told == 2; }));
  EXPECT_EQ(platform->reads, 1u);
  ASSERT_NE(cache->known("U1"), nullptr);
  EXPECT_EQ(cache->known("U1")->locale, "de-DE");
}

TEST_F(profile_cache_test, a_full_cache_makes_room_stale_profiles_first) {
  make_cache({std::chrono::hours{24}, std::chrono::minutes{5}, 4});
  for (const auto* u : {"A", "B", "C"})
    read(u);
  now += std::chrono::hours{25};  // A, B and C are stale now
  read("D");
  read("E");  // full at 4: the stale three go, D stays
  EXPECT_EQ(cache->size(), 2u);
  EXPECT_NE(cache->known("D"), nullptr);
  EXPECT_NE(cache->known("E"), nullptr);
  for (const auto* u : {"F", "G", "H"})
    read(u);  // full of fresh ones: half of them go
  EXPECT_LE(cache->size(), 4u);
  EXPECT_NE(cache->known("H"), nullptr) << "the one just read is kept";
}

TEST_F(profile_cache_test, email_and_channel_lookups_pass_through) {
  std::optional<member_list> members;
  commands::target ops;
  ops.ref = {"slack", "C1"};
  asio::co_spawn(io, cache->members(ops), [&](std::exception_ptr, member_list m) { members = m; });
  EXPECT_TRUE(test::run_until(io, [&] { return members.has_value(); }));
  EXPECT_EQ(members->users, std::vector<std::string>{"member-of-C1"});
  EXPECT_EQ(cache->size(), 0u);
}

}  // namespace
}  // namespace csibot::runtime
