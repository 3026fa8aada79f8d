#include <gtest/gtest.h>

#include "storage/database.hpp"
#include "storage/repositories.hpp"
#include "storage/sqlite.hpp"
#include "temp_dir.hpp"

namespace csibot::storage {
namespace {

const core::timestamp t0 = core::from_millis(1'800'000'000'000);
const core::timestamp t1 = t0 + std::chrono::hours(1);
const core::timestamp t2 = t0 + std::chrono::hours(2);

core::service make_service(std::string id, std::string name) {
  core::service s;
  s.id = std::move(id);
  s.name = std::move(name);
  return s;
}

core::service vpn() {
  core::service s = make_service("vpn", "Remote access VPN");
  s.description = "WireGuard for staff";
  s.purpose = "Lets staff reach internal systems from anywhere";
  s.criticality = core::criticality::high;
  s.business_functions = {"field sales", "on-call engineering"};
  s.owners = {"slack:U0OWNER"};
  s.customers = {"slack:C0CUSTOMERS", "mattermost:abc"};
  s.digest_channel = "slack:C0DIGEST";
  s.scale = core::scale::nps10;
  s.target = 85.5;
  s.anonymity = core::anonymity::pseudonymous;
  s.tags = {"network",
            "\xC3\xBC"
            "ber"};
  return s;
}

TEST(service_repository, round_trips_every_field) {
  database db(":memory:");
  service_repository repo(db);
  repo.upsert(vpn(), t0);
  EXPECT_EQ(repo.find("vpn"), vpn());
  core::service bare = make_service("mail", "Mail");
  repo.upsert(bare, t0);
  EXPECT_EQ(repo.find("mail"), bare);  // empty lists and no target stay so
}

TEST(service_repository, find_of_unknown_id_is_nullopt) {
  database db(":memory:");
  EXPECT_EQ(service_repository(db).find("nope"), std::nullopt);
}

TEST(service_repository, list_is_ordered_by_id) {
  database db(":memory:");
  service_repository repo(db);
  repo.sync_from_config(
      {make_service("wiki", "Wiki"), make_service("erp", "ERP"), make_service("vpn", "VPN")}, t0);
  const auto all = repo.list();
  ASSERT_EQ(all.size(), 3U);
  EXPECT_EQ(all[0].id, "erp");
  EXPECT_EQ(all[1].id, "vpn");
  EXPECT_EQ(all[2].id, "wiki");
}

TEST(service_repository, sync_inserts_new_config_services) {
  database db(":memory:");
  service_repository repo(db);
  repo.sync_from_config({vpn()}, t0);
  EXPECT_EQ(repo.find("vpn"), vpn());
}

TEST(service_repository, sync_keeps_a_runtime_edit_when_the_config_entry_is_unchanged) {
  test::temp_dir dir;
  {
    database db(dir / "csibot.db");
    service_repository repo(db);
    repo.sync_from_config({vpn()}, t0);
    core::service edited = vpn();
    edited.target = 90;
    edited.owners.push_back("slack:U0DEPUTY");
    repo.upsert(edited, t1);
  }
  database db(dir / "csibot.db");  // a restart syncs the same file again
  service_repository repo(db);
  repo.sync_from_config({vpn()}, t2);
  const auto stored = repo.find("vpn");
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->target, 90);
  EXPECT_EQ(stored->owners.size(), 2U);
}

TEST(service_repository, sync_overwrites_when_the_config_entry_changed) {
  database db(":memory:");
  service_repository repo(db);
  repo.sync_from_config({vpn()}, t0);
  core::service edited = vpn();
  edited.target = 90;
  repo.upsert(edited, t1);

  core::service in_file = vpn();
  in_file.name = "VPN (WireGuard)";
  repo.sync_from_config({in_file}, t2);
  EXPECT_EQ(repo.find("vpn"), in_file);  // the file wins, run-time edit included
}

TEST(service_repository, sync_takes_over_a_runtime_service_that_appears_in_the_config) {
  database db(":memory:");
  service_repository repo(db);
  repo.upsert(make_service("vpn", "made at run time"), t0);
  repo.sync_from_config({vpn()}, t1);
  EXPECT_EQ(repo.find("vpn"), vpn());
}

TEST(service_repository, sync_removes_config_services_the_file_no_longer_has_and_keeps_their_feedback) {
  database db(":memory:");
  service_repository repo(db);
  repo.sync_from_config({make_service("wiki", "Wiki"), vpn(), make_service("erp", "ERP")}, t0);
  repo.upsert(make_service("crm", "made at run time"), t0);
  core::feedback f;
  f.service = "wiki";
  f.platform = "slack";
  f.user = "slack:U1";
  f.rating = 2;
  f.created_at = f.updated_at = t0;
  feedback_repository{db}.insert(f, core::anonymity::identified);

  EXPECT_EQ(repo.sync_from_config({vpn()}, t1), (std::vector<std::string>{"erp", "wiki"}));
  const auto all = repo.list();
  ASSERT_EQ(all.size(), 2U);
  EXPECT_EQ(all[0].id, "crm") << "a run-time service is not the file's to remove";
  EXPECT_EQ(all[1].id, "vpn");
  EXPECT_EQ(feedback_repository{db}.find(1)->service, "wiki");
  EXPECT_TRUE(repo.sync_from_config({vpn()}, t2).empty());

  // Back in the file: back in the catalog.
  EXPECT_TRUE(repo.sync_from_config({vpn(), make_service("wiki", "Wiki")}, t2).empty());
  EXPECT_TRUE(repo.find("wiki"));
}

TEST(service_repository, sync_joins_an_open_transaction) {
  database db(":memory:");
  service_repository repo(db);
  {
    transaction tx(db);
    repo.sync_from_config({vpn()}, t0);
  }  // rolled back with the caller's transaction
  EXPECT_EQ(repo.find("vpn"), std::nullopt);
}

TEST(service_repository, upsert_creates_then_updates) {
  database db(":memory:");
  service_repository repo(db);
  repo.upsert(make_service("wiki", "Wiki"), t0);
  repo.upsert(make_service("wiki", "Confluence"), t1);
  ASSERT_EQ(repo.list().size(), 1U);
  EXPECT_EQ(repo.find("wiki")->name, "Confluence");
}

TEST(service_repository, remove_reports_absence_and_keeps_feedback) {
  database db(":memory:");
  service_repository services(db);
  feedback_repository feedback(db);
  services.upsert(vpn(), t0);
  core::feedback f;
  f.service = "vpn";
  f.platform = "slack";
  f.user = "slack:U1";
  f.created_at = f.updated_at = t0;
  const auto id = feedback.insert(f, core::anonymity::identified);

  EXPECT_TRUE(services.remove("vpn"));
  EXPECT_FALSE(services.remove("vpn"));
  EXPECT_EQ(services.find("vpn"), std::nullopt);
  ASSERT_TRUE(feedback.find(id));
  EXPECT_EQ(feedback.find(id)->service, "vpn");
}

TEST(service_repository, hostile_text_is_stored_verbatim) {
  database db(":memory:");
  service_repository repo(db);
  core::service s = make_service("x", "'); DROP TABLE services;--");
  s.description = "\"quoted\" <b>markup</b> \xF0\x9F\x94\xA5";
  s.tags = {"[\"not json\"]", "a\\b"};
  repo.upsert(s, t0);
  EXPECT_EQ(repo.find("x"), s);
  EXPECT_EQ(repo.list().size(), 1U);
}

}  // namespace
}  // namespace csibot::storage
