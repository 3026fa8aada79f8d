// "Did it work?" told to the owners (SPEC §6): the report-back DM promises respondents that csibot
// "tells the owners" whether an improvement made a difference. Each owner gets one direct message per
// verdict, written into the outbox in the transaction that records the verdict, whoever reached it.
#include <gtest/gtest.h>

#include <algorithm>

#include "commands/digests.hpp"
#include "core/period.hpp"
#include "improve_fixture.hpp"
#include "storage/outbox_repository.hpp"

namespace csibot::commands {
namespace {

using namespace std::chrono_literals;
using std::chrono::days;

class verdict_notice : public test::improve_test {
 protected:
  /// VPN's owners become `owners`, as if the config file had said so at start.
  void vpn_owned_by(std::vector<std::string> owners) {
    for (auto& s : settings.services)
      if (s.id == "vpn") s.owners = std::move(owners);
    storage::service_repository{*db}.sync_from_config(settings.services, now);
    bot = std::make_unique<commands::dispatcher>(*db, settings);
  }
  void add_and_finish() { add_and_finish_split_tunnel(); }
  /// Alice's language is known to be German; `command` by Carol reaches the verified verdict.
  std::vector<core::outbound> verdict_for_a_german_owner_after(const std::string& command) {
    bot->set_language_lookup([](const core::ref& person) { return person.id == "alice" ? "de" : ""; });
    add_and_finish();
    seed_many("vpn", 38, 2, done_at, 29);
    now = done_at + days{31};
    reply("carol", command);
    return told();
  }
  /// The verdict messages waiting in the outbox, in the order they were written.
  std::vector<core::outbound> told() {
    std::vector<core::outbound> out;
    for (auto& row : storage::outbox_repository{*db}.pending_after(0, 100))
      if (row.source.starts_with("improvement:")) out.push_back(std::move(row.message));
    return out;
  }
};

TEST_F(verdict_notice, each_owner_hears_a_verified_improvement_once_with_the_figures) {
  vpn_owned_by({"local:alice", "local:dave", "slack:U0OWNER"});  // no Slack in the demo: not reachable
  add_and_finish();
  seed_many("vpn", 38, 2, done_at, 29);  // CSAT 95 % on 40 answers after done
  now = done_at + days{29};
  reply("carol", "improve show 1");
  EXPECT_TRUE(told().empty()) << "no verdict before the after-period is over";

  now = done_at + days{30} + 1min;
  reply("carol", "improve show 1");
  const auto dms = told();
  ASSERT_EQ(dms.size(), 2u);
  EXPECT_EQ(dms[0].user, "alice");
  EXPECT_EQ(dms[1].user, "dave");
  for (const auto& m : dms) {
    EXPECT_EQ(m.kind, core::delivery::direct);
    EXPECT_EQ(m.platform, "local");
    EXPECT_EQ(m.channel, "");
    EXPECT_EQ(m.body.header, "Did it work? Yes: improvement #1 is verified");
    EXPECT_EQ(m.body.text,
              "*Split tunnel* (improvement #1) on *Remote access VPN*, done 2026-11-30. csibot compared how "
              "people rated it before and after: verified: CSAT 62 % → CSAT 95 % (n 50 → 40).");
    EXPECT_TRUE(has(m.body.context, "`/csi improve show 1` shows the figures")) << m.body.context;
  }

  // Every later read runs the check again; the verdict is already recorded, so nobody hears it twice.
  reply("carol", "improve show 1");
  reply("carol", "service vpn");
  reply("carol", "digest vpn 7d");
  now += days{3};
  reply("alice", "improve list");
  EXPECT_EQ(told().size(), 2u);
}

// `csibot digest` and the digest scheduler reach verdicts too, with nobody's command to answer: the
// owners' messages wait in the outbox for the running bot to send.
TEST_F(verdict_notice, a_verdict_reached_by_a_digest_outside_any_command_is_kept_in_the_outbox) {
  add_and_finish();
  seed_many("vpn", 26, 14, done_at, 29);  // 65 % against 62 %: within noise
  now = done_at + days{31};
  const auto p = core::parse_period("7d", now, nullptr);
  ASSERT_TRUE(p);
  build_digest(*db, settings, settings.services, *p, "en", now);
  const auto dms = told();
  ASSERT_EQ(dms.size(), 1u);
  EXPECT_EQ(dms[0].user, "alice");
  EXPECT_EQ(dms[0].body.header, "Did it work? No measurable effect of improvement #1");
  EXPECT_TRUE(has(dms[0].body.text, "done, no measurable effect: CSAT 62 % → CSAT 65 % (n 50 → 40)."))
      << dms[0].body.text;
  build_digest(*db, settings, settings.services, *p, "en", now + 1h);
  EXPECT_EQ(told().size(), 1u);
}

TEST_F(verdict_notice, an_owner_whose_language_is_known_hears_it_in_that_language) {
  const auto dms = verdict_for_a_german_owner_after("improve list");
  ASSERT_EQ(dms.size(), 1u);
  EXPECT_EQ(dms[0].body.header, "Hat es etwas gebracht? Ja: Verbesserung #1 ist bestätigt");
  EXPECT_TRUE(has(dms[0].body.text, "bestätigt: CSAT 62 %")) << dms[0].body.text;
}

// A verdict that `/csi digest` reaches is told in the owner's language too, not in bot.language.
TEST_F(verdict_notice, a_verdict_reached_by_a_digest_command_is_in_the_owners_language) {
  const auto dms = verdict_for_a_german_owner_after("digest vpn 7d");
  ASSERT_EQ(dms.size(), 1u);
  EXPECT_EQ(dms[0].body.header, "Hat es etwas gebracht? Ja: Verbesserung #1 ist bestätigt");
}

}  // namespace
}  // namespace csibot::commands
