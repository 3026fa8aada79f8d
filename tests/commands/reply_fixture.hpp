#pragma once
/// Owners answering feedback and reports back (SPEC §6): feedback given through the real
/// conversation (one-shot form, then the remaining steps skipped), the "Let the owner answer me"
/// click under its thanks, and what the database keeps about it. The demo catalog: alice owns vpn
/// (identified), carol service-desk (pseudonymous), erin hr-portal (anonymous); local:admin is admin.
#include <optional>
#include <string>
#include <string_view>

#include "dialog/actions.hpp"
#include "improve_fixture.hpp"
#include "storage/sqlite.hpp"

namespace csibot::commands::test {

class reply_test : public improve_test {
 protected:
  /// What a finished conversation left: the feedback's number and its thanks message.
  struct given {
    std::int64_t id = 0;
    core::message thanks;
  };

  /// `/csi feedback <service> <rating> <reason>` by `user`, the other questions skipped.
  given give(std::string_view user, std::string_view service, int rating, std::string_view reason) {
    auto out = send(command(
        user, "feedback " + std::string{service} + " " + std::to_string(rating) + " " + std::string{reason}));
    // The conversation closes with the thanks, its last message, in any language.
    for (int step = 0; step < 4; ++step) {
      if (open_conversations() == 0 && !out.empty()) return {all_feedback().back().id, out.back().body};
      out = send(dm(user, "skip"));
    }
    ADD_FAILURE() << "no thanks for " << user << ": " << all_text(out);
    return {};
  }

  /// The thanks' "Let the owner answer me" button, if it has one.
  static std::optional<core::button> consent_button(const core::message& thanks) {
    for (const auto& b : thanks.buttons)
      if (b.action_id == dialog::actions::allow_reply) return b;
    return std::nullopt;
  }

  /// `user` clicks the button of `thanks` (shown as message "msg-thanks" in their DM).
  std::vector<core::outbound> allow(std::string_view user, const core::message& thanks) {
    const auto b = consent_button(thanks);
    EXPECT_TRUE(b) << "no answer button under: " << thanks.plain_text();
    return send(click(user, dialog::actions::allow_reply, b ? b->value : "", "msg-thanks"));
  }

  /// Feedback given and answers allowed in one go.
  std::int64_t give_and_allow(std::string_view user, std::string_view service, int rating,
                              std::string_view reason) {
    const auto g = give(user, service, rating, reason);
    allow(user, g.thanks);
    return g.id;
  }

  std::int64_t count(std::string_view sql, std::int64_t id) {
    auto st = db->conn().prepare(sql);
    st.bind(1, id);
    st.step();
    return st.column_int64(0);
  }
  std::int64_t links_of(std::int64_t feedback_id) {
    return count("SELECT count(*) FROM reply_links WHERE feedback_id = ?1", feedback_id);
  }
  std::int64_t all_links() { return count("SELECT count(*) FROM reply_links WHERE ?1 = ?1", 0); }
  bool allows_replies(std::int64_t feedback_id) {
    return storage::feedback_repository{*db}.find(feedback_id)->allow_reply;
  }

  /// The outbounds of `out` of kind `kind`.
  static std::vector<core::outbound> of_kind(const std::vector<core::outbound>& out, core::delivery kind) {
    std::vector<core::outbound> picked;
    for (const auto& o : out)
      if (o.kind == kind) picked.push_back(o);
    return picked;
  }
};

}  // namespace csibot::commands::test
