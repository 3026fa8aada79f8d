#pragma once
/// Owners answering feedback (SPEC §6, docs/improvements.md): the person's consent to answers, the
/// one link from a pseudonymous or anonymous answer to its author that this consent allows, and how
/// many answers were relayed. Prepared statements only; methods throw storage::error.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/feedback.hpp"
#include "core/ref.hpp"
#include "core/time.hpp"

namespace csibot::storage {

class database;

/// How an answer reaches the person who gave a piece of feedback.
struct reply_recipient {
  core::ref person;
  /// Reached through the link they allowed (a pseudonymous or anonymous answer), not a stored id.
  bool through_link = false;
};

class reply_repository {
 public:
  explicit reply_repository(database& db) : db_(db) {}

  /// What the "Let the owner answer me" button under feedback `feedback_id` carries when shown to
  /// `person`: a keyed hash of both (with the installation's pseudonym key, 32 hex characters). A
  /// click that brings it back proves the button was given to the clicker, so nothing needs to be
  /// stored about them before they consent.
  std::string consent_token(std::int64_t feedback_id, const core::ref& person) const;
  /// True when `token` is consent_token(feedback_id, person).
  bool token_matches(std::int64_t feedback_id, const core::ref& person, std::string_view token) const;

  /// Records that `person` lets owners answer feedback `feedback_id`: allow_reply is set and, with
  /// `keep_link`, the link to them is stored (never replacing another's). Nothing is recorded for
  /// feedback without a reason (nothing to answer; data retention relies on it). Returns false when
  /// nothing changed (they had consented before, or there is no reason).
  bool consent(std::int64_t feedback_id, const core::ref& person, bool keep_link);

  /// Who gave `f` and how to reach them: the stored id of an identified answer; for any other, the
  /// link its author allowed. Nullopt when there is neither (never allowed, forgotten, or erased).
  std::optional<reply_recipient> recipient(const core::feedback& f) const;

  /// How many answers were relayed to feedback `feedback_id`.
  std::int64_t replies_sent(std::int64_t feedback_id) const;
  /// Counts one more answer to feedback `feedback_id`, by `by` ("platform:id") at `at`; not its text.
  void record_reply(std::int64_t feedback_id, std::string_view by, core::timestamp at);

 private:
  database& db_;
};

}  // namespace csibot::storage
