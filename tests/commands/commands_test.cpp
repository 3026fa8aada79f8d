// /csi help, services, service <id>, unknown subcommands (SPEC §8), through dispatch.
#include "commands/registry.hpp"
#include "dispatch_fixture.hpp"

namespace csibot::commands {
namespace {

using commands_test = test::dispatch_test;

TEST_F(commands_test, help_lists_every_command_with_its_usage_ephemerally) {
  const auto out = send(command("alice", "help"));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, core::delivery::ephemeral);
  EXPECT_EQ(out[0].channel, "general");
  EXPECT_EQ(out[0].user, "alice");
  EXPECT_EQ(out[0].body.header, "csibot — feedback on the IT services you use");
  for (const auto& c : all_commands()) {
    EXPECT_NE(out[0].body.text.find("`/csi " + std::string{c.name}), std::string::npos) << c.name;
  }
  EXPECT_TRUE(says(out, "`/csi feedback [service] [rating] [reason…]` — Give feedback on a service"));
}

TEST_F(commands_test, bare_root_command_shows_help) {
  EXPECT_EQ(send(command("alice", "")).at(0).body.header, "csibot — feedback on the IT services you use");
  EXPECT_EQ(send(command("alice", "   ")).at(0).body.header, "csibot — feedback on the IT services you use");
}

TEST_F(commands_test, help_for_one_command_shows_its_usage) {
  const auto out = send(command("alice", "help STATS"));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].body.header, "/csi stats [service] [period]");
  EXPECT_EQ(out[0].body.text, "Figures for a service or the whole catalog over a period (default 30d)");
}

TEST_F(commands_test, help_for_an_unknown_command_says_so_and_suggests_the_closest) {
  auto out = send(command("alice", "help improv"));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(out[0].body.text.starts_with("There is no command *improv*. Did you mean `/csi improve`?"))
      << out[0].body.text;
  EXPECT_TRUE(says(out, "`/csi stats [service] [period]`")) << "the whole list follows";
  out = send(command("alice", "help zzzzzz"));
  EXPECT_TRUE(out[0].body.text.starts_with("There is no command *zzzzzz*. These are the commands:"))
      << out[0].body.text;
}

TEST_F(commands_test, a_near_miss_of_a_service_verb_suggests_the_verb) {
  EXPECT_TRUE(says(send(command("admin", "service ad foo Foo")),
                   "No service is called *ad*. Did you mean `/csi service add`?"));
  EXPECT_TRUE(says(send(command("admin", "service sett vpn name VPN")),
                   "No service is called *sett*. Did you mean `/csi service set`?"));
}

TEST_F(commands_test, configured_root_command_is_used_in_texts) {
  settings.bot.command = "/feedbackbot";
  EXPECT_TRUE(says(send(command("alice", "help")), "`/feedbackbot services`"));
}

TEST_F(commands_test, unknown_subcommand_suggests_the_closest) {
  const auto out = send(command("alice", "fedback vpn"));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, core::delivery::ephemeral);
  EXPECT_EQ(
      out[0].body.text,
      "I don't know the command *fedback*. Did you mean `/csi feedback`? Type `/csi help` for the list.");
  EXPECT_TRUE(says(send(command("alice", "STAT")), "Did you mean `/csi stats`?"));
  EXPECT_TRUE(says(send(command("alice", "serv")), "Did you mean `/csi service"));
}

TEST_F(commands_test, unknown_subcommand_far_from_any_says_so_without_suggestion) {
  const auto out = send(command("alice", "xyzzy"));
  EXPECT_EQ(out.at(0).body.text, "I don't know the command *xyzzy*. Type `/csi help` for the list.");
}

TEST_F(commands_test, unknown_subcommand_is_shown_capped_and_clean) {
  const auto out = send(command("alice", std::string(300, 'q') + "\x01\x02"));
  EXPECT_FALSE(says(out, std::string(41, 'q')));
  EXPECT_FALSE(says(out, "\x01"));
}

TEST_F(commands_test, services_lists_the_catalog_as_a_table) {
  const auto out = send(command("alice", "services"));
  ASSERT_EQ(out.size(), 1u);
  const auto& m = out[0].body;
  EXPECT_EQ(m.header, "Service catalog");
  ASSERT_TRUE(m.table);
  EXPECT_EQ(m.table->columns, (std::vector<std::string>{"id", "name", "criticality", "scale", "owners"}));
  ASSERT_EQ(m.table->rows.size(), settings.services.size());
  EXPECT_EQ(m.table->rows.back(),
            (std::vector<std::string>{"vpn", "Remote access VPN", "high", "csat5", "local:alice"}));
  EXPECT_EQ(m.context, std::to_string(settings.services.size()) +
                           " services. `/csi service <id>` shows one, `/csi feedback <id>` rates it.");
}

TEST_F(commands_test, service_shows_the_continual_improvement_view) {
  const auto out = send(command("alice", "service vpn"));
  ASSERT_EQ(out.size(), 1u);
  const auto& m = out[0].body;
  EXPECT_EQ(m.header, "Remote access VPN (vpn)");
  const auto field = [&](std::string_view label) {
    for (const auto& f : m.fields) {
      if (f.label == label) return f.value;
    }
    ADD_FAILURE() << "no field " << label;
    return std::string{};
  };
  EXPECT_EQ(field("Purpose (vision)"), "Lets staff reach internal systems securely from anywhere");
  EXPECT_EQ(field("Criticality"), "high");
  EXPECT_EQ(field("Business functions"), "field sales, on-call engineering, remote work");
  EXPECT_EQ(field("Where we are now (30d)"), "No answers in this period.");
  EXPECT_EQ(field("Where we want to be"), "CSAT ≥ 85 %");
  EXPECT_EQ(field("Feedback is"), "identified");
}

// Criticality and anonymity are words for the reader, not config values: German readers get German.
TEST_F(commands_test, services_and_service_speak_the_readers_language_for_criticality_and_anonymity) {
  auto in = command("alice", "services");
  in.locale = "de-DE";
  const auto list = send(in);
  ASSERT_TRUE(list.at(0).body.table);
  EXPECT_EQ(list.at(0).body.table->rows.back().at(2), "hoch");
  auto detail = command("alice", "service vpn");
  detail.locale = "de-DE";
  const auto one = send(detail).at(0).body;
  std::vector<std::string> values;
  for (const auto& f : one.fields)
    values.push_back(f.value);
  EXPECT_NE(std::find(values.begin(), values.end(), "hoch"), values.end());
  EXPECT_NE(std::find(values.begin(), values.end(), "identifiziert"), values.end());
}

TEST_F(commands_test, service_lists_every_scheduled_digest_its_digest_channel_included) {
  // The demo's ci-cd names local:eng-digest, which no [[digest]] entry sends it to.
  // Now is Monday 2026-11-30 10:00 in Berlin (bot.timezone): this Monday's 09:00 has passed.
  EXPECT_EQ(next_digest("ci-cd"),
            "`0 9 * * MON` to local:csi-digests (7d), next 2026-12-07 09:00 CET\n"
            "`0 9 * * MON` to local:eng-digest (7d), next 2026-12-07 09:00 CET");
  // vpn's digest_channel is covered by the monthly entry for local:vpn-digest: listed once.
  EXPECT_EQ(next_digest("vpn"),
            "`0 9 * * MON` to local:csi-digests (7d), next 2026-12-07 09:00 CET\n"
            "`30 8 1 * *` to local:vpn-digest (30d), next 2026-12-01 08:30 CET");
}

TEST_F(commands_test, a_service_deleted_from_the_config_file_is_gone_after_a_restart) {
  send(command("alice", "feedback vpn 2 drops"));
  std::erase_if(settings.services, [](const core::service& s) { return s.id == "vpn"; });
  restart();
  const auto listed = send(command("alice", "services"));
  EXPECT_FALSE(says(listed, "Remote access VPN")) << all_text(listed);
  const auto rated = send(command("alice", "feedback vpn 4"));
  EXPECT_TRUE(says(rated, "I don't know a service called *vpn*")) << all_text(rated);
  EXPECT_FALSE(says(rated, "Remote access VPN")) << all_text(rated);
  EXPECT_EQ(all_feedback().size(), 1u) << "its feedback is kept";
}

TEST_F(commands_test, service_shows_what_people_use_it_for_and_how_it_affects_their_work) {
  const auto field = [&](std::string_view id, std::string_view label) {
    const auto out = send(command("alice", "service " + std::string{id}));
    for (const auto& f : out.at(0).body.fields)
      if (f.label == label) return f.value;
    return std::string{"(no field)"};
  };
  EXPECT_EQ(field("vpn", "What people use it for (30d)"), "No answers in this period.");
  for (const char* who : {"alice", "bob", "carol"}) {
    send(command(who, "feedback vpn 2 drops every hour"));
    send(dm(who, std::string{who} == "carol" ? "minor" : "blocks me"));
    send(dm(who, std::string{who} == "bob" ? "file shares" : "remote work"));
  }
  const auto usage = field("vpn", "What people use it for (30d)");
  EXPECT_EQ(usage, "remote work (2)") << "its words are said by the phrase; one answer is no theme";
  EXPECT_EQ(field("vpn", "How it affects their work (30d)"),
            "blocks me 67 %, slows me down 0 %, minor 33 %, no impact 0 % (of 3 answers that say)");
  // An anonymous service below min_group shows none of it.
  send(command("dave", "feedback hr-portal 1 late"));
  send(dm("dave", "blocks me"));
  EXPECT_EQ(field("hr-portal", "How it affects their work (30d)"),
            field("hr-portal", "Where we are now (30d)"));
  EXPECT_NE(field("hr-portal", "How it affects their work (30d)").find("ew answers"), std::string::npos);
  // Five answers show the figures (min_group 5), but the two that state an impact are two people's
  // choice: the mix stays hidden until five say.
  for (const char* who : {"erin", "fay", "gus", "hal"})
    send(command(who, "feedback hr-portal 3 slow"));
  send(dm("erin", "minor"));
  EXPECT_NE(field("hr-portal", "Where we are now (30d)").find("%"), std::string::npos)
      << field("hr-portal", "Where we are now (30d)");
  EXPECT_NE(field("hr-portal", "How it affects their work (30d)").find("ew answers"), std::string::npos)
      << field("hr-portal", "How it affects their work (30d)");
}

TEST_F(commands_test, service_by_name_works_too) {
  EXPECT_EQ(send(command("alice", R"(service "remote access VPN")")).at(0).body.header,
            "Remote access VPN (vpn)");
}

TEST_F(commands_test, service_unknown_id_suggests_the_closest) {
  const auto out = send(command("alice", "service vpm"));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].body.text, "No service is called *vpm*. Did you mean *vpn* (Remote access VPN)?");
  EXPECT_EQ(send(command("alice", "service zzz")).at(0).body.text, "No service is called *zzz*.");
}

TEST_F(commands_test, service_by_list_number_is_not_accepted) {
  EXPECT_EQ(send(command("alice", "service 1")).at(0).body.text, "No service is called *1*.");
}

TEST_F(commands_test, service_without_id_shows_usage) {
  EXPECT_EQ(send(command("alice", "service")).at(0).body.text, "Usage: `/csi service <id>`");
}

TEST_F(commands_test, cancel_without_a_conversation_says_so) {
  EXPECT_EQ(send(command("alice", "cancel")).at(0).body.text, "There is no feedback conversation to cancel.");
}

TEST_F(commands_test, cancel_command_ends_an_open_conversation_keeping_the_rating) {
  send(command("alice", "feedback vpn 3"));
  const auto out = send(command("alice", "cancel"));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, core::delivery::ephemeral);
  EXPECT_TRUE(says(out, "What you gave so far is kept as feedback *#1*"));
  EXPECT_EQ(open_conversations(), 0);
  EXPECT_EQ(all_feedback().at(0).status, core::feedback_status::partial);
}

// A new /csi feedback replaced the open conversation without a word: the person is told it was closed
// and what of it was kept, before the new conversation's first question.
TEST_F(commands_test, a_new_feedback_while_one_is_open_says_the_earlier_one_was_closed_and_what_was_kept) {
  send(command("alice", "feedback vpn 3"));
  auto out = send(command("alice", "feedback email"));
  const std::string kept =
      "Your earlier conversation, about *Remote access VPN*, is closed. What you gave is kept as feedback "
      "*#1*.";
  ASSERT_GE(out.size(), 3u) << all_text(out);
  EXPECT_EQ(out[0].kind, core::delivery::ephemeral) << "the note in the channel comes first";
  EXPECT_EQ(out[1].kind, core::delivery::direct);
  EXPECT_EQ(out[1].body.text, kept) << all_text(out);
  EXPECT_EQ(all_feedback().at(0).status, core::feedback_status::partial);
  EXPECT_EQ(open_conversations(), 1);

  // The email conversation has no rating yet: nothing of it was stored, and that is said.
  out = send(command("alice", "feedback vpn", true));
  ASSERT_GE(out.size(), 2u) << all_text(out);
  EXPECT_EQ(out[0].body.text,
            "Your earlier conversation, about *Email and calendar*, is closed before anything "
            "was recorded.")
      << all_text(out);
  EXPECT_EQ(all_feedback().size(), 1u);

  // Without an open conversation there is nothing to tell.
  EXPECT_FALSE(says(send(command("bob", "feedback vpn")), "earlier conversation"));
}

TEST_F(commands_test, channel_messages_that_are_not_commands_are_ignored) {
  core::inbound in = dm("alice", "vpn is down again");
  in.is_dm = false;
  in.channel = "general";
  EXPECT_TRUE(send(in).empty());
  EXPECT_EQ(open_conversations(), 0);
}

TEST_F(commands_test, unknown_button_is_ignored) {
  EXPECT_TRUE(send(click("alice", "digest.open", "vpn")).empty());
}

}  // namespace
}  // namespace csibot::commands
