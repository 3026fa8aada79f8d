#pragma once
/// Keeps feedback conversations in the database and turns the flow's results into messages, so that
/// a conversation survives a restart and every step is committed with the input that caused it.
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/events.hpp"
#include "core/service.hpp"
#include "dialog/feedback_flow.hpp"

namespace csibot::storage {
class database;
}

namespace csibot::commands {

class conversations {
 public:
  /// `command` is the root command ("/csi") the conversation's texts tell people to type.
  conversations(storage::database& db, std::chrono::milliseconds timeout, std::string command);

  /// The person's open conversation; nullopt when there is none or it has expired (an expired one
  /// is closed here, its feedback kept as partial).
  std::optional<dialog::flow_state> find(const core::ref& user, core::timestamp now);

  /// Runs `step` (a dialog function) with a context for this person and stores its outcome:
  /// the new state, speaking `language` from now on, or nothing when the conversation finished.
  /// Returns the messages to send.
  template <typename Step>
  std::vector<core::outbound> run(const core::inbound& in, const std::vector<core::service>& catalog,
                                  std::string_view language, core::timestamp now, Step&& step);

  /// Closes every conversation whose time ran out; their feedback stays partial. A closed one keeps
  /// only its service and feedback number, for take_closed, for `closed_notice_window`; then it is
  /// purged. Returns how many were closed.
  std::size_t expire(core::timestamp now);

  /// The person's last conversation when it closed because its time ran out (and was not purged yet),
  /// cut down to its service, feedback number and language; it is forgotten here, so that
  /// closed_notice is given once. Nullopt when there is none or the conversation is still open.
  std::optional<dialog::flow_state> take_closed(const core::ref& user, core::timestamp now);

  /// What take_closed returned, told to the person: it closed after the timeout, and what was kept.
  core::message closed_notice(const dialog::flow_state& closed, const std::vector<core::service>& catalog,
                              std::string_view language) const;

  /// Told when a new conversation replaces `replaced`, which was still open (`/csi feedback`, a
  /// digest's feedback button): it is closed, and its feedback number if something was kept.
  core::message replaced_notice(const dialog::flow_state& replaced, const std::vector<core::service>& catalog,
                                std::string_view language) const;

  /// How long a closed conversation waits for the person's next message.
  static constexpr std::chrono::days closed_notice_window{7};

 private:
  std::vector<core::outbound> apply(const core::inbound& in, dialog::flow_result r, core::timestamp now);
  dialog::feedback_store& store_for(const core::ref& user);

  storage::database& db_;
  std::chrono::milliseconds timeout_;
  std::string command_;
  class storage_store;
  std::shared_ptr<storage_store> store_;
};

template <typename Step>
std::vector<core::outbound> conversations::run(const core::inbound& in,
                                               const std::vector<core::service>& catalog,
                                               std::string_view language, core::timestamp now, Step&& step) {
  const core::ref user = in.user_ref();
  const dialog::flow_context ctx{catalog, language, user, now, store_for(user), command_};
  auto r = step(ctx);
  r.state.language = std::string{language};
  return apply(in, std::move(r), now);
}

}  // namespace csibot::commands
