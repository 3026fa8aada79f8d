#pragma once
/// The CSI register (SPEC §6): improvements, the feedback they answer, and the history of their
/// moves. Prepared statements only; methods throw storage::error on SQLite failure.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/improvement.hpp"
#include "core/time.hpp"

namespace csibot::storage {

class database;

/// A move of the history with the improvement it moved (as it is now).
struct improvement_move_row {
  core::improvement_change change;
  core::improvement item;
};

class improvement_repository {
 public:
  explicit improvement_repository(database& db) : db_(db) {}

  /// Stores a new improvement with its feedback links and returns its id. Records no history:
  /// the caller does (record_change), with the actor.
  std::int64_t add(const core::improvement& i);
  /// Writes every column of row `i.id` but id, service, created_by and created_at; links are
  /// changed with link_feedback only. Throws storage::error when there is no such row.
  void update(const core::improvement& i);
  std::optional<core::improvement> find(std::int64_t id) const;
  /// Every improvement, or those of `service`, by id.
  std::vector<core::improvement> list(std::optional<std::string_view> service = std::nullopt) const;
  /// Done improvements whose verification is pending and that were done at or before `done_by`.
  std::vector<core::improvement> awaiting_verification(core::timestamp done_by) const;

  /// Links feedback `feedback_ids` to improvement `id` (a link made before is kept as it is).
  /// Returns how many links are new. The ids must exist (a foreign key).
  std::size_t link_feedback(std::int64_t id, const std::vector<std::int64_t>& feedback_ids);

  /// Appends a move to the history.
  void record_change(const core::improvement_change& c);
  /// The moves made in [from, to), oldest first, each with its improvement.
  std::vector<improvement_move_row> moves(core::timestamp from, core::timestamp to) const;
  /// Every move of improvement `id`, oldest first.
  std::vector<core::improvement_change> history(std::int64_t id) const;

 private:
  std::vector<std::int64_t> linked_feedback(std::int64_t id) const;
  database& db_;
};

}  // namespace csibot::storage
