#pragma once
/// The feedback conversation of SPEC §3 as a state machine: (state, input, now) → (state', replies).
/// Pure: no I/O. Storing the feedback goes through the `feedback_store` seam, which the commands layer
/// implements over the database (and tests over the real database too).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/events.hpp"
#include "core/message.hpp"
#include "core/service.hpp"
#include "dialog/flow_state.hpp"

namespace csibot::dialog {

/// Where the flow keeps what the person said. Implementations must commit nothing themselves that
/// the caller cannot roll back (the caller wraps one input in one transaction).
class feedback_store {
 public:
  virtual ~feedback_store() = default;
  /// Stores new feedback (status partial) and returns its number.
  virtual std::int64_t create(const core::feedback& f, core::anonymity a) = 0;
  /// Saves the current answers of feedback `f.id`.
  virtual void update(const core::feedback& f) = 0;
  /// Whether this person answered the usage question for `service` in the last 90 days.
  virtual bool usage_known(const core::service& s, core::timestamp now) = 0;
  /// The token the "Let the owner answer me" button under the thanks for feedback `feedback_id`
  /// carries: proof, when it is clicked, that the button was shown to this person.
  virtual std::string reply_consent_token(std::int64_t feedback_id) = 0;
  /// Whether this person opted out (`/csi optout`): nothing reaches them unasked then, news of a
  /// change their feedback led to included, so the thanks must not promise it.
  virtual bool opted_out() = 0;
};

/// Everything a step may look at besides the state.
struct flow_context {
  const std::vector<core::service>& catalog;
  std::string_view language;
  core::ref user;
  core::timestamp now;
  feedback_store& store;
  std::string_view command;  ///< the root command ("/csi"), for texts that say what to type
};

struct flow_result {
  flow_state state;
  std::vector<core::message> replies;  ///< for the DM, in order
  /// When the input was a button click: the prompt re-rendered without buttons, showing the choice
  /// (adapters replace the clicked message with it).
  std::optional<core::message> answered;
  bool finished = false;  ///< the conversation is over (thanks given, cancelled, or nothing to keep)
};

/// What `/csi feedback [service] [rating] [reason…]` gave, still as typed.
struct start_request {
  core::source source = core::source::command;
  std::string service;  ///< may be empty, an id, a name, a list number or a typo
  std::string rating;   ///< may be empty
  std::string reason;   ///< the rest of the line after the rating, verbatim; may be empty
  /// Everything after the service, verbatim, the rating word included ("great service"): the reason
  /// when that word is no rating at all, so that a comment typed without a rating is not lost.
  std::string comment;
};

/// Starts a conversation, consuming whatever the one-shot form already gave.
flow_result start(const start_request& req, const flow_context& ctx);

/// A typed answer to the current question ("cancel" and "skip" included).
flow_result on_text(const flow_state& s, std::string_view text, const flow_context& ctx);

/// A button click (action ids in dialog/actions.hpp).
flow_result on_action(const flow_state& s, const core::action& a, const flow_context& ctx);

/// Ends the conversation at the person's request; what was given is kept as partial.
flow_result cancel(const flow_state& s, const flow_context& ctx);

/// True when `a` is one of this flow's buttons.
bool is_flow_action(const core::action& a);

}  // namespace csibot::dialog
