// The Slack people directory (for prompts and pulses) against the fake Slack: a channel listed
// across pages without the bot itself, a 429 waited out, an e-mail address found or not, a profile's
// zone and locale, and "no such person" versus "ask again later".
#include "adapter_fixture.hpp"
#include "bot/runtime/people_directory.hpp"

namespace csibot::platform::slack::test {
namespace {

class directory_test : public adapter_test {
 protected:
  std::shared_ptr<runtime::people_directory> people;

  void SetUp() override {
    start("http");
    people = platform->directory();
  }
  template <class T>
  T run(boost::asio::awaitable<T> task) {
    auto r = csibot::test::run_task(io, std::move(task));
    if (!r) throw std::runtime_error("no answer");
    return *r;
  }
  static commands::target channel(std::string id) {
    return {commands::target_kind::channel, {"slack", std::move(id)}};
  }
};

TEST_F(directory_test, a_channel_is_listed_across_pages_without_the_bot) {
  std::vector<std::string> members;
  for (int i = 0; i < 450; ++i)
    members.push_back("U" + std::to_string(1000 + i));
  members.push_back(fake.options().bot_user_id);
  fake.set_members("C0CUSTOMERS", members);
  const auto r = run(people->members(channel("C0CUSTOMERS")));
  ASSERT_EQ(r.status, runtime::lookup_status::found) << r.error;
  EXPECT_EQ(r.users.size(), 450u);
  EXPECT_EQ(fake.call_count("conversations.members"), 3u) << "200 + 200 + 51";
  EXPECT_EQ(fake.calls("conversations.members").at(1).args.value("cursor", ""), "200");
}

TEST_F(directory_test, a_rate_limited_page_is_asked_again_after_retry_after) {
  fake.set_members("C1", {"U1", "U2"});
  fake.fail_next("conversations.members", 1, testing::fault::rate_limited(std::chrono::seconds{0}));
  const auto r = run(people->members(channel("C1")));
  EXPECT_EQ(r.status, runtime::lookup_status::found) << r.error;
  EXPECT_EQ(r.users, (std::vector<std::string>{"U1", "U2"}));
}

TEST_F(directory_test, an_unknown_channel_is_not_found_and_a_failing_one_is_tried_later) {
  EXPECT_EQ(run(people->members(channel("C404"))).status, runtime::lookup_status::not_found);
  fake.set_members("C1", {"U1"});
  fake.fail_next("conversations.members", 1, testing::fault::http(503));
  EXPECT_EQ(run(people->members(channel("C1"))).status, runtime::lookup_status::failed);
}

TEST_F(directory_test, a_config_reference_is_a_user_or_a_channel_by_its_id) {
  fake.set_members("C1", {"U1", "U2"});
  EXPECT_EQ(run(people->members({commands::target_kind::any, {"slack", "U9"}})).users,
            std::vector<std::string>{"U9"});
  EXPECT_EQ(run(people->members({commands::target_kind::any, {"slack", "C1"}})).users.size(), 2u);
  EXPECT_EQ(fake.call_count("conversations.members"), 1u);
}

TEST_F(directory_test, an_email_address_is_found_or_not) {
  fake.set_email("alice@example.com", "U7");
  const auto found = run(people->find_by_email("alice@example.com"));
  EXPECT_EQ(found.status, runtime::lookup_status::found);
  EXPECT_EQ(found.user, "U7");
  EXPECT_EQ(run(people->find_by_email("nobody@example.com")).status, runtime::lookup_status::not_found);
  EXPECT_EQ(fake.calls("users.lookupByEmail").at(0).content_type, "application/x-www-form-urlencoded");
}

TEST_F(directory_test, a_profile_gives_the_zone_and_locale) {
  fake.set_user("U5", "de-DE", "Europe/Berlin", 3600);
  const auto p = run(people->profile("U5"));
  EXPECT_EQ(p.status, runtime::lookup_status::found);
  EXPECT_EQ(p.time_zone, "Europe/Berlin");
  EXPECT_EQ(p.locale, "de-DE");
  fake.fail_next("users.info", 1, testing::fault::http(500));
  EXPECT_EQ(run(people->profile("U5")).status, runtime::lookup_status::failed);
}

}  // namespace
}  // namespace csibot::platform::slack::test
