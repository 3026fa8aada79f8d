// /csi improve add|list|show (SPEC §6, §8, §12): who may add, the baseline and the why, reading the
// register, and clear answers to bad input.
#include <gtest/gtest.h>

#include "commands/registry.hpp"
#include "improve_fixture.hpp"

namespace csibot::commands {
namespace {

using namespace std::chrono_literals;
using core::improvement_state;
using improve = test::improve_test;

TEST_F(improve, the_owner_adds_an_improvement_with_its_baseline_and_is_asked_for_the_why) {
  seed_many("vpn", 31, 19, now - std::chrono::days{29});  // CSAT 62 % on 50 answers
  seed("vpn", 1, now - std::chrono::days{31});            // before the baseline period
  const auto out = reply("alice", "improve add vpn Split tunnelling for Teams calls");
  EXPECT_TRUE(
      has(out, "Added improvement *#1* to *Remote access VPN*: Split tunnelling for Teams calls (proposed)."))
      << out;
  EXPECT_TRUE(has(out, "Baseline: CSAT 62 % (n=50, 30d).")) << out;
  EXPECT_TRUE(has(out, "Why does it matter?")) << out;
  EXPECT_TRUE(has(out, "`/csi improve set 1 for <business function>`")) << out;
  EXPECT_TRUE(has(out, "`/csi improve set 1 effect <expected effect>`")) << out;

  const auto i = stored(1);
  ASSERT_TRUE(i);
  EXPECT_EQ(i->state, improvement_state::proposed);
  EXPECT_EQ(i->created_by, "local:alice");
  EXPECT_EQ(i->baseline.n, 50);
  EXPECT_EQ(i->baseline.happy, 31);
  EXPECT_EQ(i->baseline.to - i->baseline.from, std::chrono::days{30});
  EXPECT_TRUE(i->process_only());
  ASSERT_FALSE(audit().empty());
  EXPECT_EQ(audit().front().action, "improvement.add");
  EXPECT_EQ(audit().front().actor, "local:alice");
  EXPECT_EQ(audit().front().subject, "#1");
}

TEST_F(improve, with_a_business_function_and_an_expected_effect_nothing_is_asked) {
  const auto out =
      reply("alice", R"(improve add vpn Split tunnel --for field sales --effect "calls stop dropping")");
  EXPECT_FALSE(has(out, "Why does it matter?")) << out;
  EXPECT_FALSE(has(out, "Which business function")) << out;
  EXPECT_TRUE(has(out, "Baseline: no answers (30d).")) << out;
  EXPECT_TRUE(has(out, "With fewer than 5 answers before it, no effect can be shown")) << out;
  const auto i = stored(1);
  ASSERT_TRUE(i);
  EXPECT_EQ(i->title, "Split tunnel");
  EXPECT_EQ(i->business_function, "field sales");
  EXPECT_EQ(i->expected_effect, "calls stop dropping");
  EXPECT_FALSE(i->process_only());
}

TEST_F(improve, a_missing_half_of_the_why_is_asked_for_and_dashes_typed_by_chat_clients_work) {
  auto out = reply("alice",
                   "improve add vpn Faster sign-in \xE2\x80\x94"
                   "effect under a minute");
  EXPECT_TRUE(has(out, "Which business function does it serve? `/csi improve set 1 for <business function>`"))
      << out;
  EXPECT_EQ(stored(1)->expected_effect, "under a minute");
  out = reply("alice", R"(improve add vpn Blank why --for "" --effect "  ")");
  EXPECT_TRUE(has(out, "Why does it matter?")) << "blank is not a why: " << out;
  EXPECT_FALSE(stored(2)->has_why());
  out = reply("alice", "improve add vpn Faster MFA --for Field Sales");
  EXPECT_TRUE(has(out, "What effect do you expect?")) << out;
  EXPECT_FALSE(has(out, "is not among the business functions")) << "case does not matter";
  out = reply("alice", "improve add vpn Printers --for printing");  // #4
  EXPECT_TRUE(has(out,
                  "Note: *printing* is not among the business functions of Remote access VPN (field "
                  "sales, on-call engineering, remote work)."))
      << out;
}

TEST_F(improve, only_an_owner_of_the_service_or_an_admin_may_add_and_the_refusal_says_who) {
  const auto out = reply("bob", "improve add vpn Something");
  EXPECT_TRUE(has(out,
                  "Only an owner of Remote access VPN (local:alice) or an admin (local:admin) can change the "
                  "improvements of this service."))
      << out;
  EXPECT_TRUE(register_of("vpn").empty());
  EXPECT_TRUE(has(reply("admin", "improve add vpn Something"), "Added improvement *#1*"));
  EXPECT_TRUE(has(reply("bob", "improve add email Bigger mailboxes"), "Added improvement *#2*"));
}

TEST_F(improve, an_unknown_service_gets_the_closest_suggestion) {
  EXPECT_TRUE(
      has(reply("alice", "improve add vpm Something"), "No service is called *vpm*. Did you mean *vpn*"));
  EXPECT_TRUE(has(reply("alice", "improve add \"remote access vpn\" Something"), "Added improvement *#1*"));
}

TEST_F(improve, bad_input_gets_a_clear_answer_and_changes_nothing) {
  EXPECT_TRUE(has(reply("alice", "improve"), "Usage:\n`/csi improve add <service> <title…>"));
  EXPECT_TRUE(has(reply("alice", "improve ad vpn X"), "Did you mean `/csi improve add`?"));
  EXPECT_TRUE(has(reply("alice", "improve zzzzzzzz"), "Usage:"));
  EXPECT_TRUE(has(reply("alice", "improve add vpn"), "Usage:"));
  EXPECT_TRUE(has(reply("alice", "improve add vpn --for sales"), "Usage:")) << "a title is needed";
  EXPECT_TRUE(has(reply("alice", "improve add vpn Title --for"), "`--for` needs words after it"));
  EXPECT_TRUE(has(reply("alice", "improve show"), "Usage:"));
  EXPECT_TRUE(has(reply("alice", "improve show abc"), "*abc* is not an improvement number (like 3 or #3)."));
  EXPECT_TRUE(has(reply("alice", "improve show -3"), "is not an improvement number"));
  EXPECT_TRUE(has(reply("alice", "improve show 99999999999999999999999"), "is not an improvement number"));
  EXPECT_TRUE(
      has(reply("alice", "improve show 42"), "There is no improvement #42. `/csi improve list` shows them."));
  EXPECT_TRUE(register_of("vpn").empty());
  for (const auto& a : audit())
    EXPECT_NE(a.action, "improvement.add");
}

TEST_F(improve, a_huge_title_is_cut_and_the_person_told) {
  const std::string title(5000, 'x');
  const auto out = reply("alice", "improve add vpn " + title + " --effect " + std::string(5000, 'y'));
  EXPECT_TRUE(has(out, "The title was longer than 200 characters, so I kept the first 200."))
      << out.substr(0, 300);
  EXPECT_TRUE(has(out, "The expected effect was longer than 4000 characters")) << out.substr(0, 300);
  const auto i = stored(1);
  ASSERT_TRUE(i);
  EXPECT_EQ(i->title, std::string(200, 'x'));
  EXPECT_EQ(i->expected_effect->size(), 4000u);
}

TEST_F(improve, list_shows_open_ones_first_marks_process_only_and_filters) {
  reply("alice", "improve add vpn Old idea --for remote work");
  reply("alice", "improve add vpn Review the change process");
  reply("alice", "improve add vpn Split tunnel --for field sales");
  reply("bob", "improve add email Bigger mailboxes --for scheduling");
  reply("alice", "improve set 1 state rejected");
  reply("alice", "improve set 3 state approved");

  const auto out = send(command("carol", "improve list"));  // anyone may read
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, core::delivery::ephemeral);
  const auto& text = out[0].body.text;
  EXPECT_EQ(out[0].body.header, "Improvements");
  EXPECT_TRUE(has(text, "*#2* Review the change process — Remote access VPN, proposed · _process-only_"))
      << text;
  EXPECT_TRUE(has(text, "*#3* Split tunnel — Remote access VPN, approved · for field sales")) << text;
  EXPECT_LT(text.find("#2"), text.find("#3"));
  EXPECT_LT(text.find("#3"), text.find("#1")) << "the rejected one last";
  EXPECT_TRUE(has(text, "Bigger mailboxes — Email and calendar"));

  auto only = all_text(send(command("carol", "improve list vpn open")));
  EXPECT_TRUE(has(only, "Improvements of Remote access VPN"));
  EXPECT_FALSE(has(only, "Old idea")) << only;
  EXPECT_FALSE(has(only, "Bigger mailboxes")) << only;
  only = all_text(send(command("carol", "improve list rejected")));
  EXPECT_TRUE(has(only, "*#1* Old idea")) << only;
  EXPECT_FALSE(has(only, "Review the change")) << only;
  EXPECT_TRUE(has(reply("carol", "improve list done"), "No improvements match."));
  EXPECT_TRUE(has(reply("carol", "improve list prposed"), "Did you mean `proposed`?"));
  EXPECT_TRUE(has(reply("carol", "improve list vpm"), "Did you mean *vpn*"));
}

TEST_F(improve, an_empty_register_says_how_to_start_it) {
  EXPECT_TRUE(has(reply("carol", "improve list"),
                  "No improvements yet. `/csi improve add <service> <title…>` adds one."));
}

TEST_F(improve, show_has_everything_about_one_improvement) {
  seed_many("vpn", 31, 19, now - std::chrono::days{29});
  reply("alice", "improve add vpn Split tunnel --for field sales");
  const auto out = send(command("carol", "improve show #1"));
  ASSERT_EQ(out.size(), 1u);
  const auto& m = out[0].body;
  EXPECT_EQ(m.header, "Improvement #1: Split tunnel");
  EXPECT_EQ(field(m, "Service"), "Remote access VPN (vpn)");
  EXPECT_EQ(field(m, "State"), "proposed");
  EXPECT_EQ(field(m, "Business function it serves"), "field sales");
  EXPECT_EQ(field(m, "Expected effect"), "not stated — `/csi improve set 1 effect <expected effect>`");
  EXPECT_EQ(field(m, "Linked feedback"), "none");
  EXPECT_EQ(field(m, "Baseline"), "CSAT 62 % (n=50, 30d), 2026-10-31 to 2026-11-30");
  EXPECT_TRUE(has(field(m, "History"), "2026-11-30: proposed (local:alice)"));
  EXPECT_TRUE(m.context.empty()) << "it serves a business function";
}

TEST_F(improve, the_command_is_listed_in_help_and_explained_in_german) {
  EXPECT_TRUE(find_command("improve"));
  EXPECT_TRUE(has(reply("alice", "help"), "`/csi improve add|list|show|set|link …` — The CSI register"));
  auto in = command("alice", "improve add vpn Schnellere Anmeldung");
  in.locale = "de-DE";
  const auto out = all_text(send(in));
  EXPECT_TRUE(has(out, "Verbesserung *#1* für *Remote access VPN* angelegt")) << out;
  EXPECT_TRUE(has(out, "Warum lohnt sie sich?")) << out;
  EXPECT_TRUE(has(out, "Ausgangswert: keine Antworten (30d).")) << out;
}

}  // namespace
}  // namespace csibot::commands
