// The Mattermost people directory (runtime::people_directory) against the fake: a person's time zone
// and locale, the person behind an e-mail address, and who is in a channel.
#include "bot/runtime/people_directory.hpp"
#include "platform/mattermost/adapter_fixture.hpp"

namespace csibot::platform::mattermost::test {
namespace {

using runtime::lookup_status;

class directory_test : public adapter_test {
 protected:
  void SetUp() override {
    build();
    ASSERT_TRUE(csibot::test::run_task(io, authenticate_task()).has_value());
    people = platform->directory();
  }
  template <class T>
  T ask(boost::asio::awaitable<T> call) {
    auto r = csibot::test::run_task(io, std::move(call));
    EXPECT_TRUE(r.has_value()) << "no answer";
    return r.value_or(T{});
  }
  std::shared_ptr<runtime::people_directory> people;
};

TEST_F(directory_test, a_profile_carries_the_persons_time_zone_and_locale) {
  const auto p = ask(people->profile(alice));
  EXPECT_EQ(p.status, lookup_status::found) << p.error;
  EXPECT_EQ(p.time_zone, "Europe/Berlin");
  EXPECT_EQ(p.locale, "de");
  EXPECT_EQ(ask(people->profile("nosuchuser0000000000000000")).status, lookup_status::not_found);
  EXPECT_EQ(ask(people->profile(fake.options().bot.id)).status, lookup_status::not_found) << "a bot";
}

TEST_F(directory_test, an_email_address_finds_its_person) {
  const auto m = ask(people->find_by_email("bob@example.com"));
  EXPECT_EQ(m.status, lookup_status::found) << m.error;
  EXPECT_EQ(m.user, bob);
  EXPECT_EQ(ask(people->find_by_email("nobody@example.com")).status, lookup_status::not_found);
}

TEST_F(directory_test, a_channel_gives_its_members_without_the_bot_across_pages) {
  std::vector<std::string> members{fake.options().bot.id};
  for (int i = 0; i < 250; ++i) {
    auto id = fake.new_id();
    fake.add_user(
        {id, "user" + std::to_string(i), "u" + std::to_string(i) + "@example.com", "en", "UTC", false});
    members.push_back(std::move(id));
  }
  fake.add_channel({"bigchannel0000000000000000", "O", "big", "Big", fake.options().team_id, members});
  const auto list =
      ask(people->members({commands::target_kind::channel, {"mattermost", "bigchannel0000000000000000"}}));
  EXPECT_EQ(list.status, lookup_status::found) << list.error;
  EXPECT_EQ(list.users.size(), 250U);
  EXPECT_EQ(std::count(list.users.begin(), list.users.end(), fake.options().bot.id), 0);
  EXPECT_EQ(fake.call_count("channels.members"), 2U);
}

TEST_F(directory_test, a_config_reference_is_a_channel_or_else_a_person) {
  const auto channel = ask(people->members({commands::target_kind::any, {"mattermost", ops}}));
  EXPECT_EQ(channel.users, (std::vector<std::string>{alice, bob}));
  const auto person = ask(people->members({commands::target_kind::any, {"mattermost", alice}}));
  EXPECT_EQ(person.status, lookup_status::found) << person.error;
  EXPECT_EQ(person.users, std::vector<std::string>{alice});
}

}  // namespace
}  // namespace csibot::platform::mattermost::test
