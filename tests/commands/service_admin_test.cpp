// /csi service add|set|remove (SPEC §2, §8): admins change the catalog at run time, owners their own
// services; changes persist, are audited, and are refused with a reason when they cannot be made.
#include "dispatch_fixture.hpp"

namespace csibot::commands {
namespace {

class service_admin : public test::dispatch_test {
 protected:
  std::string reply(std::string_view user, std::string_view text) {
    return all_text(send(command(user, text)));
  }
  std::optional<core::service> stored(std::string_view id) {
    return storage::service_repository{*db}.find(id);
  }
  /// Newest first.
  std::vector<storage::audit_entry> audit() { return storage::audit_repository{*db}.recent(10); }
};

TEST_F(service_admin, an_admin_adds_a_service_that_is_offered_at_once_and_survives_a_restart) {
  const auto out = reply("admin", R"(service add crm "Customer relationship management")");
  EXPECT_NE(out.find("Added *Customer relationship management* (`crm`)"), std::string::npos) << out;
  const auto s = stored("crm");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->criticality, core::criticality::medium);
  EXPECT_EQ(s->scale, core::scale::csat5);
  EXPECT_EQ(s->anonymity, core::anonymity::identified);
  // The same batch's next command already knows it.
  EXPECT_FALSE(says(send(command("bob", "feedback crm 4 handy")), "I don't know a service"));
  restart();  // a run-time service is not the config file's to remove
  ASSERT_TRUE(stored("crm"));
  EXPECT_TRUE(says(send(command("bob", "services")), "Customer relationship management"));
  ASSERT_FALSE(audit().empty());
  EXPECT_EQ(audit().front().action, "service.add");
  EXPECT_EQ(audit().front().actor, "local:admin");
}

TEST_F(service_admin, adding_needs_an_admin_a_valid_new_id_and_a_name) {
  EXPECT_NE(reply("alice", "service add crm CRM").find("Only an admin (local:admin) can add a service"),
            std::string::npos);
  EXPECT_FALSE(stored("crm"));
  EXPECT_NE(reply("admin", "service add Bad! CRM").find("cannot be a service id"), std::string::npos);
  EXPECT_NE(reply("admin", "service add vpn Another").find("There is already a service `vpn`"),
            std::string::npos);
  EXPECT_NE(reply("admin", "service add crm").find("Usage:"), std::string::npos);
}

TEST_F(service_admin, an_owner_sets_fields_of_their_own_service_and_nobody_else_s) {
  auto out = reply("alice", "service set vpn criticality critical");
  EXPECT_NE(out.find("criticality changed"), std::string::npos) << out;
  EXPECT_NE(out.find("comes from the config file"), std::string::npos) << out;
  EXPECT_EQ(stored("vpn")->criticality, core::criticality::critical);
  reply("alice", "service set vpn owners local:alice, local:zoe");
  EXPECT_EQ(stored("vpn")->owners, (std::vector<std::string>{"local:alice", "local:zoe"}));
  reply("alice", "service set vpn business_functions field sales, on-call engineering");
  EXPECT_EQ(stored("vpn")->business_functions,
            (std::vector<std::string>{"field sales", "on-call engineering"}));
  reply("zoe", "service set vpn target 90");  // the new owner may, at once
  EXPECT_EQ(stored("vpn")->target, 90);
  reply("zoe", "service set vpn target none");
  EXPECT_FALSE(stored("vpn")->target);

  out = reply("bob", "service set vpn name Hijacked");
  EXPECT_NE(out.find("Only an owner of Remote access VPN"), std::string::npos) << out;
  EXPECT_EQ(stored("vpn")->name, "Remote access VPN");
  EXPECT_EQ(audit().front().action, "service.set");
  EXPECT_EQ(audit().front().detail, "target = none");
}

TEST_F(service_admin, bad_values_and_fixed_fields_are_refused_with_the_reason) {
  EXPECT_NE(reply("alice", "service set vpn criticality urgent").find("one of low, medium, high or critical"),
            std::string::npos);
  EXPECT_NE(reply("alice", "service set vpn target 150").find("above 0 and at most 100"), std::string::npos);
  EXPECT_NE(reply("alice", "service set vpn owners bob").find("`bob` is not a person or channel"),
            std::string::npos);
  EXPECT_NE(reply("alice", "service set vpn anonymity anonymous").find("set in the config file only"),
            std::string::npos);
  EXPECT_NE(reply("alice", "service set vpn colour blue").find("There is no field `colour`"),
            std::string::npos);
  EXPECT_EQ(*stored("vpn"), settings.services.front()) << "nothing changed";
}

// "service set vpn owners" with the list left off used to empty it without a word; emptying a list
// is done on purpose, with `none`, as for the target.
TEST_F(service_admin, a_list_left_empty_is_refused_and_none_empties_it_on_purpose) {
  for (const char* field : {"owners", "customers", "tags", "business_functions"}) {
    for (const auto* value : {"", " , ,"}) {
      const auto out = reply("alice", std::string{"service set vpn "} + field + value);
      EXPECT_NE(out.find(std::string{"To empty it, write `/csi service set vpn "} + field + " none`."),
                std::string::npos)
          << field << ": " << out;
    }
  }
  EXPECT_EQ(*stored("vpn"), settings.services.front()) << "nothing changed";

  reply("alice", "service set vpn tags none");
  EXPECT_TRUE(stored("vpn")->tags.empty());
  reply("alice", "service set vpn customers NONE");
  EXPECT_TRUE(stored("vpn")->customers.empty());
  reply("alice", "service set vpn business_functions none");
  EXPECT_TRUE(stored("vpn")->business_functions.empty());
  const auto out = reply("alice", "service set vpn owners none");
  EXPECT_NE(out.find("owners changed"), std::string::npos) << out;
  EXPECT_NE(out.find("has no owners now: only an admin can change it"), std::string::npos) << out;
  EXPECT_TRUE(stored("vpn")->owners.empty());
  EXPECT_EQ(audit().front().detail, "owners = none");
  // The former owner has handed it over; an admin still may.
  const auto refused = reply("alice", "service set vpn target 90");
  EXPECT_NE(refused.find("(no owners configured) or an admin (local:admin) can change this service"),
            std::string::npos)
      << refused;
  EXPECT_EQ(stored("vpn")->target, 85) << "unchanged";
  reply("admin", "service set vpn owners local:zoe");
  EXPECT_EQ(stored("vpn")->owners, std::vector<std::string>{"local:zoe"});
}

// add cut a name at 200 characters, set at 2,000, and neither said so.
TEST_F(service_admin, a_long_name_is_cut_to_200_characters_by_add_and_set_alike_and_the_reply_says_so) {
  const std::string long_name(250, 'n');
  const std::string kept(200, 'n');
  const std::string note = "The name was longer than 200 characters, so I kept the first 200.";
  auto out = reply("admin", "service add crm " + long_name);
  EXPECT_EQ(stored("crm")->name, kept);
  EXPECT_NE(out.find(note), std::string::npos) << out;
  out = reply("alice", "service set vpn name " + long_name);
  EXPECT_EQ(stored("vpn")->name, kept);
  EXPECT_NE(out.find(note), std::string::npos) << out;
  EXPECT_EQ(reply("alice", "service set vpn name " + kept).find(note), std::string::npos) << "200 fit";
}

TEST_F(service_admin, a_run_time_service_gets_its_scale_and_anonymity_until_its_first_answer) {
  reply("admin", "service add hr HR portal");
  reply("admin", "service set hr target 90");
  auto out = reply("admin", "service set hr scale NPS10");
  EXPECT_NE(out.find("*HR portal* (`hr`): scale changed"), std::string::npos) << out;
  EXPECT_NE(out.find("Its target (90 on the old scale) means nothing on the new one, so it is removed: set a "
                     "new one with `/csi service set hr target <number>`."),
            std::string::npos)
      << out;
  out = reply("admin", "service set hr anonymity anonymous");
  EXPECT_NE(out.find("anonymity changed"), std::string::npos) << out;
  ASSERT_TRUE(stored("hr"));
  EXPECT_EQ(stored("hr")->scale, core::scale::nps10);
  EXPECT_EQ(stored("hr")->anonymity, core::anonymity::anonymous);
  EXPECT_FALSE(stored("hr")->target) << "a CSAT target of 90 % means nothing as NPS";
  EXPECT_NE(reply("admin", "service set hr scale stars").find("A scale is csat5, nps10, ces7 or thumbs"),
            std::string::npos);
  EXPECT_NE(reply("admin", "service set hr anonymity secret").find("identified, pseudonymous or anonymous"),
            std::string::npos);

  // The first answer is given under NPS and anonymity: both stay from now on.
  send(command("bob", "feedback hr 9 fine"));
  ASSERT_EQ(all_feedback().size(), 1u);
  EXPECT_FALSE(all_feedback()[0].user) << "stored anonymously";
  out = reply("admin", "service set hr anonymity identified");
  EXPECT_NE(out.find("*HR portal* has answers already, so its anonymity stays"), std::string::npos) << out;
  EXPECT_NE(reply("admin", "service set hr scale csat5").find("has answers already"), std::string::npos);
  EXPECT_EQ(stored("hr")->anonymity, core::anonymity::anonymous);
  EXPECT_EQ(stored("hr")->scale, core::scale::nps10);
}

TEST_F(service_admin, a_run_time_service_can_be_removed_one_from_the_config_file_cannot) {
  reply("admin", "service add crm CRM");
  send(command("bob", "feedback crm 2 slow"));
  auto out = reply("admin", "service remove crm");
  EXPECT_NE(out.find("Removed *CRM* (`crm`) from the catalog. Its feedback is kept."), std::string::npos)
      << out;
  EXPECT_FALSE(stored("crm"));
  EXPECT_EQ(all_feedback().size(), 1u);
  EXPECT_FALSE(says(send(command("bob", "services")), "CRM"));

  out = reply("alice", "service remove vpn");
  EXPECT_NE(out.find("comes from the config file: remove its entry there"), std::string::npos) << out;
  EXPECT_TRUE(stored("vpn"));
}

// QA: the answer typed after the service was removed was lost, and the reply said only "Stopped".
TEST_F(service_admin, removing_a_service_mid_conversation_keeps_the_answer_just_typed) {
  reply("admin", "service add tmpsvc Temporary");
  send(command("bob", "feedback tmpsvc 4", true));
  reply("admin", "service remove tmpsvc");
  const auto out = send(dm("bob", "great stuff"));
  EXPECT_TRUE(says(out, "The service `tmpsvc` has left the catalog")) << all_text(out);
  EXPECT_TRUE(says(out, "kept as feedback *#1*")) << all_text(out);
  EXPECT_EQ(open_conversations(), 0);
  const auto rows = all_feedback();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].reason, "great stuff");
}

}  // namespace
}  // namespace csibot::commands
