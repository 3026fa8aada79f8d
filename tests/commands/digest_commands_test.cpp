// /csi digest, /csi subscribe and /csi unsubscribe (SPEC §7, §8, §12): who may post into a channel,
// what is stored, and what the channel is told. The demo catalog: alice owns vpn, bob owns email,
// local:admin is the admin.
#include "commands/digests.hpp"
#include "dispatch_fixture.hpp"
#include "storage/subscription_repository.hpp"

namespace csibot::commands {
namespace {

class digest_commands : public test::dispatch_test {
 protected:
  void seed(const std::string& service, int rating, const std::string& reason, int days_ago,
            std::optional<core::impact> impact = std::nullopt) {
    const auto svc = storage::service_repository{*db}.find(service);
    ASSERT_TRUE(svc) << service;
    core::feedback f;
    f.service = service;
    f.platform = "local";
    f.user = "local:someone";
    f.rating = rating;
    f.reason = reason;
    f.scale = svc->scale;
    f.status = core::feedback_status::complete;
    f.impact = impact;
    f.created_at = f.updated_at = now - std::chrono::days{days_ago};
    storage::feedback_repository{*db}.insert(f, svc->anonymity);
  }
  std::vector<storage::digest_subscription> subscriptions(const std::string& channel = "local:general") {
    return storage::subscription_repository{*db}.in_channel(channel);
  }
  std::vector<storage::audit_entry> audit() { return storage::audit_repository{*db}.recent(10); }
};

TEST_F(digest_commands, digest_is_shown_to_the_asker_only_with_the_catalog_table) {
  for (int i = 0; i < 12; ++i)
    seed("vpn", 2, "VPN drops every hour", i + 1);
  const auto out = send(command("bob", "digest"));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, core::delivery::ephemeral);
  EXPECT_EQ(out[0].body.header, "CSI digest, 30d");
  ASSERT_TRUE(out[0].body.table);
  EXPECT_EQ(out[0].body.table->rows.size(), settings.services.size());
  EXPECT_TRUE(says(out, "VPN drops every hour")) << all_text(out);
}

TEST_F(digest_commands, a_digest_invites_feedback_and_a_click_in_the_channel_starts_it_in_the_dm) {
  const auto out = send(command("alice", "digest vpn --here"));
  ASSERT_EQ(out.size(), 1u);
  ASSERT_EQ(out[0].body.buttons.size(), 1u);
  EXPECT_EQ(out[0].body.buttons[0],
            (core::button{"Give feedback on Remote access VPN", "csi.feedback", "vpn"}));

  // Someone in the channel clicks it: the conversation opens in their DM, at the rating.
  auto clicked = click("carol", "csi.feedback", "vpn", "digest-msg");
  clicked.is_dm = false;
  clicked.channel = "general";
  const auto asked = send(clicked);
  ASSERT_FALSE(asked.empty());
  for (const auto& o : asked) {
    EXPECT_EQ(o.kind, core::delivery::direct);
    EXPECT_EQ(o.user, "carol");
  }
  EXPECT_TRUE(says(asked, "Remote access VPN")) << all_text(asked);
  ASSERT_FALSE(asked.back().body.buttons.empty());
  EXPECT_EQ(asked.back().body.buttons.front().action_id, "csi.rate");

  send(click("carol", "csi.rate", "vpn:2"));
  const auto stored = all_feedback();
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].service, "vpn");
  EXPECT_EQ(stored[0].rating, 2);
  EXPECT_EQ(stored[0].source, core::source::conversation);
}

// The button gives way to nothing silently either: as `/csi feedback` does, it says first that the open
// conversation was closed and which feedback number kept its answers.
TEST_F(digest_commands, a_feedback_click_while_a_conversation_is_open_says_the_earlier_one_was_closed) {
  send(command("carol", "feedback email 2"));
  const auto asked = send(click_value("carol", "csi.feedback", "vpn", "digest-msg"));
  ASSERT_GE(asked.size(), 2u) << all_text(asked);
  EXPECT_EQ(asked[0].body.text,
            "Your earlier conversation, about *Email and calendar*, is closed. What you gave is kept as "
            "feedback *#1*.");
  EXPECT_TRUE(says(asked, "Remote access VPN")) << all_text(asked);
  EXPECT_EQ(all_feedback().at(0).status, core::feedback_status::partial);
}

TEST_F(digest_commands, a_catalog_digest_has_one_feedback_button_per_service_in_table_order_up_to_ten) {
  const auto out = send(command("bob", "digest"));
  ASSERT_EQ(out.size(), 1u);
  const auto& m = out[0].body;
  ASSERT_TRUE(m.table);
  const auto expected = std::min<std::size_t>(settings.services.size(), digest_feedback_buttons);
  ASSERT_EQ(m.buttons.size(), expected);
  for (std::size_t i = 0; i < expected; ++i) {
    EXPECT_EQ(m.buttons[i].label, "Give feedback on " + m.table->rows[i][0]);
    EXPECT_EQ(m.buttons[i].action_id, "csi.feedback");
  }
}

TEST_F(digest_commands, digest_of_one_service_over_a_period) {
  seed("vpn", 5, "fast", 3);
  seed("email", 1, "spam", 3);
  const auto out = send(command("bob", "digest vpn 7d"));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].body.header, "CSI digest, 7d");
  ASSERT_TRUE(out[0].body.table);
  ASSERT_EQ(out[0].body.table->rows.size(), 1u);
  EXPECT_EQ(out[0].body.table->rows[0][0], "Remote access VPN");
}

// "Rarely used" compares with the catalog: the digest of vpn alone must not call it a candidate to
// retire because it is at its own median (vpn has 10 answers, email and the service desk 2 each).
TEST_F(digest_commands, a_digest_of_one_service_judges_rarely_used_against_the_catalog) {
  for (int i = 0; i < 10; ++i)
    seed("vpn", 4, "fine", 1 + i % 5, core::impact::none);
  for (int i = 0; i < 2; ++i) {
    seed("email", 4, "ok", 2, core::impact::none);
    seed("service-desk", 4, "ok", 2, core::impact::none);
  }
  const auto one = send(command("bob", "digest vpn 30d"));
  EXPECT_FALSE(says(one, "Candidates to retire")) << all_text(one);
  const auto all = send(command("bob", "digest 30d"));
  EXPECT_FALSE(says(all, "*Remote access VPN* —")) << all_text(all);
}

// The median the retire line prints is of the services whose figures are shown: vpn 6, email 20,
// file-share 30 → 20. With the anonymous hr-portal's 2 it would be 13, and a reader with the other
// n could solve for the 2 the digest hides.
TEST_F(digest_commands, the_catalog_median_leaves_out_a_hidden_service) {
  for (int i = 0; i < 6; ++i)
    seed("vpn", 4, "fine", 1 + i % 5, core::impact::none);
  for (int i = 0; i < 20; ++i)
    seed("email", 4, "ok", 2);
  for (int i = 0; i < 30; ++i)
    seed("file-share", 4, "ok", 3);
  seed("hr-portal", 4, "ok", 2);
  seed("hr-portal", 4, "ok", 3);
  for (const char* text : {"digest vpn 30d", "digest 30d"}) {
    const auto out = send(command("bob", text));
    EXPECT_TRUE(says(out, "(catalog median 20)")) << text << "\n" << all_text(out);
  }
}

TEST_F(digest_commands, digest_with_a_bad_argument_says_what_is_wrong) {
  const auto out = send(command("bob", "digest vpnn"));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(says(out, "Did you mean *vpn*")) << all_text(out);
}

TEST_F(digest_commands, digest_here_needs_the_owner_or_an_admin_and_names_them) {
  const auto refused = send(command("bob", "digest vpn --here"));
  ASSERT_EQ(refused.size(), 1u);
  EXPECT_EQ(refused[0].kind, core::delivery::ephemeral);
  EXPECT_TRUE(says(refused, "Only an owner of Remote access VPN (local:alice) or an admin (local:admin)"))
      << all_text(refused);

  const auto posted = send(command("alice", "digest vpn --here"));
  ASSERT_EQ(posted.size(), 1u);
  EXPECT_EQ(posted[0].kind, core::delivery::channel);
  EXPECT_EQ(posted[0].channel, "general");
  ASSERT_FALSE(audit().empty());
  EXPECT_EQ(audit()[0].action, "digest.post");
  EXPECT_EQ(audit()[0].actor, "local:alice");
}

TEST_F(digest_commands, catalog_digest_here_is_for_admins_only) {
  const auto refused = send(command("alice", "digest --here"));
  EXPECT_TRUE(says(refused, "Only an admin (local:admin)")) << all_text(refused);
  const auto posted = send(command("admin", "--here digest"));  // not a flag before the command
  EXPECT_FALSE(posted.empty());
  const auto ok = send(command("admin", "digest --here"));
  ASSERT_EQ(ok.size(), 1u);
  EXPECT_EQ(ok[0].kind, core::delivery::channel);
}

TEST_F(digest_commands, subscribe_stores_the_subscription_and_tells_the_channel) {
  const auto out = send(command("alice", "subscribe vpn weekly"));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, core::delivery::channel);
  EXPECT_TRUE(says(out, "subscribed this channel to the digest of Remote access VPN")) << all_text(out);
  // The next Monday 09:00 in the demo's zone after Monday 2026-11-30 09:00 UTC.
  EXPECT_TRUE(says(out, "next 2026-12-07 09:00 CET")) << all_text(out);

  const auto subs = subscriptions();
  ASSERT_EQ(subs.size(), 1u);
  EXPECT_EQ(subs[0].services, std::vector<std::string>{"vpn"});
  EXPECT_EQ(subs[0].schedule, "0 9 * * MON");
  EXPECT_EQ(subs[0].period, "7d");
  EXPECT_EQ(subs[0].timezone, settings.bot.timezone);
  EXPECT_EQ(subs[0].created_by, "local:alice");
  EXPECT_EQ(audit()[0].action, "digest.subscribe");
  EXPECT_EQ(audit()[0].detail,
            "#" + std::to_string(subs[0].id) + " vpn; 0 9 * * MON; 7d; " + settings.bot.timezone)
      << "readable in /csi admin audit, no control characters";
}

TEST_F(digest_commands, a_subscription_shows_as_the_next_digest_of_the_services_it_covers) {
  const std::string line = "`0 9 * * MON` to local:general (7d), next 2026-12-07 09:00 CET";
  EXPECT_EQ(next_digest("vpn").find(line), std::string::npos) << "not subscribed yet";
  send(command("alice", "subscribe vpn weekly"));
  EXPECT_NE(next_digest("vpn").find(line), std::string::npos) << next_digest("vpn");
  EXPECT_EQ(next_digest("email").find(line), std::string::npos) << "the subscription names vpn only";
  send(command("alice", "unsubscribe vpn"));
  EXPECT_EQ(next_digest("vpn").find(line), std::string::npos) << "ended";
}

TEST_F(digest_commands, subscribe_reads_cron_quoted_or_bare_period_and_zone_in_any_order) {
  send(command("admin", "subscribe 14d \"30 8 * * 1-5\" America/New_York vpn,email"));
  send(command("admin", "subscribe 0 7 1 * * all 30d"));
  const auto subs = subscriptions();
  ASSERT_EQ(subs.size(), 2u);
  EXPECT_EQ(subs[0].schedule, "30 8 * * 1-5");
  EXPECT_EQ(subs[0].period, "14d");
  EXPECT_EQ(subs[0].timezone, "America/New_York");
  EXPECT_EQ(subs[0].services, (std::vector<std::string>{"vpn", "email"}));
  EXPECT_EQ(subs[1].schedule, "0 7 1 * *");
  EXPECT_EQ(subs[1].services, std::vector<std::string>{"*"});
}

TEST_F(digest_commands, subscribe_refuses_a_bad_schedule_an_unknown_service_and_a_stranger) {
  EXPECT_TRUE(says(send(command("admin", "subscribe \"0 25 * * *\"")), "hour field")) << "bad cron";
  EXPECT_TRUE(says(send(command("admin", "subscribe vpnn")), "Did you mean *vpn*"));
  // A schedule word csibot lacks is not called a service: "No service is called *hourly*" misled.
  for (const char* meant : {"subscribe vpn hourly", "subscribe vpn weekyl"}) {
    const auto out = send(command("admin", meant));
    EXPECT_TRUE(says(out, "is neither a service nor a schedule. Schedules: daily, weekly, monthly"))
        << all_text(out);
  }
  // Nor is a mistyped time zone: "No service is called *Mars/Base*" hid what was wrong.
  const auto zone = send(command("admin", "subscribe vpn weekly Europe/Berln"));
  EXPECT_TRUE(says(zone, "*Europe/Berln* is neither a service nor a time zone I know")) << all_text(zone);
  EXPECT_TRUE(says(send(command("bob", "subscribe vpn")), "Only an owner of Remote access VPN"));
  EXPECT_TRUE(says(send(command("alice", "subscribe")), "Only an admin"));  // the whole catalog
  EXPECT_TRUE(subscriptions().empty());
}

// "99x" was meant as the period (after the schedule, like "7d"), yet the reply called it an unknown
// service; a second period was read as a service too.
TEST_F(digest_commands, subscribe_says_what_is_wrong_with_a_period_it_cannot_read) {
  const auto bad = send(command("admin", "subscribe vpn weekly 99x"));
  EXPECT_TRUE(says(bad, "*99x* is not a period")) << all_text(bad);
  EXPECT_TRUE(says(bad, "7d, 4w or 30d")) << all_text(bad);
  EXPECT_FALSE(says(bad, "service")) << all_text(bad);
  const auto twice = send(command("admin", "subscribe vpn 7d 14d"));
  EXPECT_TRUE(says(twice, "*14d* is a second period: a digest covers one (7d here).")) << all_text(twice);
  const auto off = send(command("admin", "unsubscribe vpn 2q"));
  EXPECT_TRUE(says(off, "*2q* is not a period")) << all_text(off);
  EXPECT_TRUE(subscriptions().empty());
}

// A cron expression that parses but names no day that exists would wait for ever without a word.
TEST_F(digest_commands, subscribe_refuses_a_schedule_that_never_fires) {
  for (const char* never : {"subscribe vpn 0 9 30 2 *", "subscribe vpn \"0 0 31 4,6 *\""}) {
    const auto out = send(command("admin", never));
    EXPECT_TRUE(says(out, "is not a schedule: it never fires, as none of its months has any of its days"))
        << all_text(out);
  }
  EXPECT_TRUE(subscriptions().empty());
  // Either day field may fire when both are given: a Monday in February will come.
  send(command("admin", "subscribe vpn 0 9 30 2 MON"));
  EXPECT_EQ(subscriptions().size(), 1u);
}

// The reason a schedule is refused comes in the person's language, like the sentence around it.
TEST_F(digest_commands, a_bad_schedule_is_explained_in_the_persons_language) {
  auto in = command("admin", "subscribe \"0 7-5 * * *\"");
  in.locale = "de-DE";
  const auto out = send(in);
  EXPECT_TRUE(says(out, "ist kein Zeitplan: Feld Stunde: Bereich „7-5“ läuft rückwärts")) << all_text(out);
  EXPECT_FALSE(says(out, "runs backwards")) << all_text(out);
  EXPECT_TRUE(subscriptions().empty());
}

TEST_F(digest_commands, the_same_subscription_twice_is_stored_once) {
  send(command("alice", "subscribe vpn"));
  const auto again = send(command("alice", "subscribe vpn weekly 7d"));
  EXPECT_TRUE(says(again, "already gets that digest")) << all_text(again);
  EXPECT_EQ(subscriptions().size(), 1u);
}

TEST_F(digest_commands, unsubscribe_ends_this_channels_subscriptions_and_keeps_config_ones) {
  send(command("alice", "subscribe vpn"));
  send(command("admin", "subscribe email daily"));
  ASSERT_EQ(subscriptions().size(), 2u);

  EXPECT_TRUE(says(send(command("bob", "unsubscribe vpn")), "Only an owner of Remote access VPN"));
  const auto out = send(command("alice", "unsubscribe vpn"));
  EXPECT_EQ(out.at(0).kind, core::delivery::channel);
  EXPECT_TRUE(says(out, "ended 1 digest subscription")) << all_text(out);
  ASSERT_EQ(subscriptions().size(), 1u);
  EXPECT_EQ(subscriptions()[0].services, std::vector<std::string>{"email"});

  EXPECT_TRUE(says(send(command("admin", "unsubscribe")), "ended 1"));
  EXPECT_TRUE(subscriptions().empty());
  EXPECT_TRUE(says(send(command("admin", "unsubscribe")), "no digest subscriptions"));
}

// QA: "unsubscribe email" in a channel with only a vpn subscription said the channel had none at all.
TEST_F(digest_commands, unsubscribe_from_a_service_the_channel_lacks_lists_what_it_has) {
  send(command("alice", "subscribe vpn"));
  const auto out = send(command("alice", "unsubscribe email"));
  EXPECT_TRUE(says(out, "This channel has no digest subscription for email. It has:")) << all_text(out);
  EXPECT_TRUE(says(out, "Remote access VPN")) << all_text(out);
  EXPECT_EQ(subscriptions().size(), 1u);
}

TEST_F(digest_commands, unsubscribe_cannot_remove_a_config_subscription) {
  storage::digest_subscription config_sub;
  config_sub.origin = storage::subscription_origin::config;
  config_sub.channel = "local:general";
  storage::subscription_repository{*db}.sync_from_config({config_sub}, now);
  const auto out = send(command("admin", "unsubscribe"));
  EXPECT_TRUE(says(out, "come from the config file")) << all_text(out);
  EXPECT_EQ(subscriptions().size(), 1u);
}

TEST_F(digest_commands, help_lists_the_digest_commands) {
  const auto out = send(command("bob", "help"));
  EXPECT_TRUE(says(out, "/csi digest [service] [period] [--here]"));
  EXPECT_TRUE(says(out, "/csi subscribe [services] [schedule] [period]"));
  EXPECT_TRUE(says(out, "/csi unsubscribe [services]"));
}

}  // namespace
}  // namespace csibot::commands
