// A service's name is chosen by an admin and is no markup (SPEC §12): `SAP_HR *prod*` must show as
// typed wherever a command names it, not as "SAP" with "HR " in italics and "prod" in bold. Plain
// outputs (what `csibot stats` prints, notification fallbacks) show it without backslashes.
#include "commands/prompt_sender.hpp"
#include "core/markup_check.hpp"
#include "reply_fixture.hpp"
#include "support/prompt_rows.hpp"

namespace csibot::commands {
namespace {

using csibot::test::markup_of;
using csibot::test::shown_as_typed;

constexpr std::string_view name = "SAP_HR *prod*";

class names : public test::reply_test {
 protected:
  void SetUp() override {
    for (auto& s : settings.services) {
      if (s.id != "vpn") continue;
      s.name = std::string{name};
      s.business_functions = {"on_call_ops", "field sales"};
      s.owners = {"local:alice", "local:ops_team_lead"};
    }
    reply_test::SetUp();
  }
  /// The one reply to `/csi <text>` typed by `user`.
  core::message one(std::string_view user, std::string_view text) {
    auto out = send(command(user, text));
    EXPECT_EQ(out.size(), 1u) << all_text(out);
    return out.empty() ? core::message{} : out[0].body;
  }
};

TEST_F(names, services_and_service_show_the_name_as_typed) {
  const auto list = one("alice", "services");
  EXPECT_TRUE(shown_as_typed(list, name));
  EXPECT_FALSE(has(markup_of(list), "*prod*"));
  const auto view = one("alice", "service vpn");
  EXPECT_EQ(view.header, R"(SAP\_HR \*prod\* (vpn))");
}

TEST_F(names, stats_shows_the_name_as_typed_and_its_plain_form_without_backslashes) {
  seed("vpn", 4, now - std::chrono::days{1});
  const auto m = one("alice", "stats vpn");
  EXPECT_TRUE(shown_as_typed(m, name));
  // What `csibot stats` prints and a notification shows.
  EXPECT_TRUE(m.plain_text().starts_with("SAP_HR *prod*: feedback figures, 30d")) << m.plain_text();
  EXPECT_EQ(m.plain_text().find('\\'), std::string::npos) << m.plain_text();
  EXPECT_TRUE(shown_as_typed(one("alice", "stats vpm"), name));  // "Did you mean *vpn* (…)?"
}

TEST_F(names, the_digest_shows_the_name_as_typed_and_its_button_label_as_it_is) {
  seed("vpn", 2, now - std::chrono::days{1});
  const auto m = one("alice", "digest");
  EXPECT_TRUE(shown_as_typed(m, name));
  EXPECT_FALSE(has(markup_of(m), "*prod*"));
  bool labelled = false;
  for (const auto& b : m.buttons)
    labelled = labelled || b.label == "Give feedback on SAP_HR *prod*";
  EXPECT_TRUE(labelled) << m.plain_text();
}

TEST_F(names, the_conversation_and_its_thanks_show_the_name_as_typed) {
  const auto g = give("bob", "vpn", 2, "slow");
  EXPECT_TRUE(shown_as_typed(g.thanks, name));
  EXPECT_TRUE(has(g.thanks.plain_text(), "Your feedback on SAP_HR *prod* is")) << g.thanks.plain_text();
  // Allowing answers re-renders the thanks.
  const auto allowed = allow("bob", g.thanks);
  ASSERT_EQ(allowed.size(), 1u);
  EXPECT_TRUE(shown_as_typed(allowed[0].body, name));
  // A conversation that expired says what it was about.
  send(command("carol", "feedback vpn 2 drops"));
  now += settings.bot.conversation_timeout + std::chrono::minutes{1};
  bot->expire_conversations(now);
  EXPECT_TRUE(shown_as_typed(send(dm("carol", "hello")).at(0).body, name));
}

TEST_F(names, the_prompt_dm_shows_the_name_as_typed) {
  prompt_sender sender{*db, settings};
  const auto id = storage::prompt_repository{*db}
                      .schedule(csibot::test::ticket_prompt("local:bob", "INC-1042", now, now, std::nullopt))
                      .id;
  const auto r = sender.run({prompt_job{.id = id}}, bot->catalog(), now);
  ASSERT_EQ(r.messages.size(), 1u);
  EXPECT_TRUE(shown_as_typed(r.messages[0].body, name));
}

TEST_F(names, refusals_and_catalog_changes_show_the_name_as_typed) {
  EXPECT_TRUE(shown_as_typed(one("bob", "ask vpn @carol"), name));  // "Only an owner of …"
  EXPECT_TRUE(shown_as_typed(one("admin", "service set vpn purpose Reach work"), name));
  EXPECT_TRUE(shown_as_typed(one("admin", "service add sap-fi SAP_FI *test*"), "SAP_FI *test*"));
  EXPECT_TRUE(shown_as_typed(one("admin", "service add sap-fi again"), "SAP_FI *test*"));  // exists
  EXPECT_TRUE(shown_as_typed(one("admin", "service remove sap-fi"), "SAP_FI *test*"));
}

TEST_F(names, the_register_shows_the_name_as_typed) {
  EXPECT_TRUE(shown_as_typed(one("alice", "improve add vpn Faster login --for sales"), name));
  EXPECT_TRUE(shown_as_typed(one("alice", "improve list vpn"), name));
  EXPECT_TRUE(shown_as_typed(one("alice", "improve list"), name));
  EXPECT_TRUE(shown_as_typed(one("alice", "improve show 1"), name));
  const auto other = give("bob", "email", 3, "slow").id;
  EXPECT_TRUE(shown_as_typed(one("alice", "improve link 1 feedback " + std::to_string(other)), name));
}

TEST_F(names, answers_and_reports_to_the_person_show_the_name_as_typed) {
  const auto id = give_and_allow("bob", "vpn", 2, "drops every hour");
  const auto answered =
      of_kind(send(command("alice", "reply " + std::to_string(id) + " on it")), core::delivery::direct);
  ASSERT_EQ(answered.size(), 1u);
  EXPECT_TRUE(shown_as_typed(answered[0].body, name));

  send(command("alice", "improve add vpn Split tunnel --for field sales"));
  send(command("alice", "improve link 1 feedback " + std::to_string(id)));
  send(command("alice", "improve set 1 state approved"));
  send(command("alice", "improve set 1 state in_progress"));
  const auto told = of_kind(send(command("alice", "improve set 1 state done")), core::delivery::direct);
  ASSERT_EQ(told.size(), 1u);
  EXPECT_TRUE(shown_as_typed(told[0].body, name));
}

// Other words people and admins choose are no markup either: business functions, owners and other
// references, service ids, channels, time zones, and what the audit log recorded.
TEST_F(names, the_service_view_shows_functions_and_owners_as_typed) {
  const auto view = one("alice", "service vpn");
  const auto functions = field(view, "Business functions");
  EXPECT_EQ(functions, R"(on\_call\_ops, field sales)");
  EXPECT_TRUE(shown_as_typed(field(view, "Owners"), "local:ops_team_lead"));
  EXPECT_TRUE(shown_as_typed(one("alice", "services"), "local:ops_team_lead"));
  EXPECT_TRUE(shown_as_typed(one("bob", "ask vpn @carol"), "local:ops_team_lead"));  // the refusal
}

TEST_F(names, ids_channels_and_time_zones_show_as_typed) {
  send(command("admin", "service add sap_hr HR"));
  EXPECT_TRUE(shown_as_typed(one("alice", "stats"), "sap_hr"));  // the catalog table's id column
  const auto subscribed = one("alice", "subscribe vpn weekly America/Port_of_Spain");
  EXPECT_TRUE(shown_as_typed(subscribed, "America/Port_of_Spain"));
  EXPECT_TRUE(shown_as_typed(one("alice", "ask vpn #dev_ops_room"), "#dev_ops_room"));
  auto in = command("alice", "unsubscribe vpn");
  in.user_name = "alice_w";
  const auto out = send(in);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(shown_as_typed(out[0].body, "alice_w"));
  EXPECT_TRUE(shown_as_typed(out[0].body, "America/Port_of_Spain"));
}

TEST_F(names, the_register_and_answers_show_chosen_words_and_people_as_typed) {
  const auto added = one("alice", "improve add vpn Faster login --for on_call_sales");
  EXPECT_TRUE(shown_as_typed(added, "on_call_sales"));  // "… is not among the business functions"
  EXPECT_TRUE(shown_as_typed(added, "on_call_ops"));
  const auto id = give_and_allow("bob_smith", "vpn", 2, "drops");
  const auto sent = send(command("alice", "reply " + std::to_string(id) + " on it")).at(0).body;
  EXPECT_TRUE(shown_as_typed(sent, "local:bob_smith"));
  send(command("alice", "improve link 1 feedback " + std::to_string(id)));
  send(command("alice", "improve set 1 state approved"));
  send(command("alice", "improve set 1 state in_progress"));
  const auto done = send(command("alice", "improve set 1 state done"));
  EXPECT_TRUE(shown_as_typed(done.at(0).body, "local:bob_smith"));  // "I told 1 person(s) …"
}

TEST_F(names, the_audit_log_shows_what_was_recorded_as_typed) {
  send(command("admin", "service set vpn purpose Reach *all* of work_tools"));
  const auto log = one("admin", "admin audit");
  EXPECT_TRUE(shown_as_typed(log, "purpose = Reach *all* of work_tools"));
  EXPECT_FALSE(has(markup_of(log), "*all*"));
}

}  // namespace
}  // namespace csibot::commands
