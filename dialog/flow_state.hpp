#pragma once
/// The state of one feedback conversation (SPEC §3), small enough to store as a row and to resume
/// after a restart.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/feedback.hpp"

namespace csibot::dialog {

/// Where the conversation stands: the question that was asked last and waits for an answer.
enum class step { choose_service, rating, reason, impact, usage, done };
std::string_view to_string(step s);

struct flow_state {
  step at = step::choose_service;
  core::source source = core::source::conversation;
  std::string service;           ///< chosen service id; empty while choosing
  std::string suggested;         ///< a "did you mean" candidate that "yes" accepts
  std::int64_t feedback_id = 0;  ///< 0 until the rating was stored
  std::optional<int> rating;
  std::optional<std::string> reason;
  std::optional<core::impact> impact;
  std::optional<std::string> usage;
  bool usage_asked = false;  ///< the usage question was put to the person in this conversation
  /// The open question's message also carries the one-shot form's "Recorded as feedback #N" line
  /// (they go as one DM), so the copy that replaces it once answered must carry it too.
  bool recorded_in_question = false;
  /// The open question's buttons end with its key (dialog/question_key.hpp), so a click without one
  /// comes from an older message. False in states written before keys existed: their open question
  /// was sent with unkeyed buttons, which must still work.
  bool keyed = false;
  /// What the one-shot form gave after a mistyped service, applied once the service is settled.
  std::string pending_rating;
  std::string pending_reason;
  std::string pending_comment;
  core::timestamp started_at{};
  /// The language the conversation speaks ("de", "en"): a reply that arrives without a locale (a
  /// Slack or Mattermost DM) continues in it. Empty in states written before it was kept.
  std::string language;

  friend bool operator==(const flow_state&, const flow_state&) = default;
};

/// Compact JSON for the conversations table.
std::string encode(const flow_state& s);
/// Nullopt for text that is not a state this version wrote (the conversation is then dropped).
std::optional<flow_state> decode(std::string_view text);

}  // namespace csibot::dialog
