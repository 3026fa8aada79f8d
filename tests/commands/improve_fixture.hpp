#pragma once
/// The CSI register's command tests: the dispatcher over a real SQLite file with the demo catalog
/// (alice owns vpn, bob owns email, local:admin is the admin), answers stored as the conversation
/// stores them, and the register and audit log read back from the database.
#include <optional>
#include <string>
#include <string_view>

#include "dispatch_fixture.hpp"
#include "storage/improvement_repository.hpp"

namespace csibot::commands::test {

class improve_test : public dispatch_test {
 protected:
  /// Stores one complete answer about `service` created at `at`; returns its feedback number.
  std::int64_t seed(const std::string& service, int rating, core::timestamp at) {
    const auto svc = storage::service_repository{*db}.find(service);
    EXPECT_TRUE(svc) << service;
    core::feedback f;
    f.service = service;
    f.platform = "local";
    f.user = "local:someone";
    f.rating = rating;
    f.scale = svc->scale;
    f.status = core::feedback_status::complete;
    f.created_at = f.updated_at = at;
    return storage::feedback_repository{*db}.insert(f, svc->anonymity);
  }
  /// `happy` answers of 5 and `unhappy` answers of 2, spread over the `days` after `from`.
  void seed_many(const std::string& service, int happy, int unhappy, core::timestamp from, int days = 28) {
    for (int k = 0; k < happy + unhappy; ++k)
      seed(service, k < happy ? 5 : 2, from + std::chrono::hours{1 + (24 * k * days) / (happy + unhappy)});
  }

  /// The whole reply to `/csi <text>` typed by `user`, as plain text.
  std::string reply(std::string_view user, std::string_view text) {
    return all_text(send(command(user, text)));
  }

  /// VPN with CSAT 62 % on 50 answers in the 30 days before alice adds #1 "Split tunnel", which she then
  /// moves to done (done_at = now). Returns the reply to that last step.
  std::string add_and_finish_split_tunnel() {
    seed_many("vpn", 31, 19, now - std::chrono::days{29});
    reply("alice", "improve add vpn Split tunnel --for field sales");
    reply("alice", "improve set 1 state approved");
    reply("alice", "improve set 1 state in progress");
    done_at = now;
    return reply("alice", "improve set 1 state done");
  }
  core::timestamp done_at{};

  std::optional<core::improvement> stored(std::int64_t id) {
    return storage::improvement_repository{*db}.find(id);
  }
  std::vector<core::improvement> register_of(std::string_view service) {
    return storage::improvement_repository{*db}.list(service);
  }
  /// Newest first.
  std::vector<storage::audit_entry> audit() { return storage::audit_repository{*db}.recent(20); }

  static bool has(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
  }
  static std::string field(const core::message& m, std::string_view label) {
    for (const auto& f : m.fields)
      if (f.label == label) return f.value;
    return "(no field " + std::string{label} + ")";
  }
};

}  // namespace csibot::commands::test
