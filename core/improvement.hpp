#pragma once
/// An entry of the CSI register (SPEC §6): an improvement of one service, why it matters, where it
/// stands, and whether the figures say it worked. Value types and the state rules only; storage and
/// the verification arithmetic live elsewhere (storage/improvement_repository, insights/verification).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"

namespace csibot::core {

/// proposed → approved → in_progress → done → verified, and rejected from any open state.
enum class improvement_state { proposed, approved, in_progress, done, verified, rejected };
std::string_view to_string(improvement_state s);
/// "in_progress", also "in-progress" and "inprogress", any letter case; nullopt for anything else.
std::optional<improvement_state> parse_improvement_state(std::string_view text);
/// Every state, in the order of the chain.
std::vector<improvement_state> all_improvement_states();

/// The states a person may move an improvement to from `from`, in the chain's order. `verified` is
/// never among them: csibot sets it itself, when the figures after `done` show the improvement.
std::vector<improvement_state> next_states(improvement_state from);
/// True when a person may move an improvement from `from` to `to`.
bool may_move(improvement_state from, improvement_state to);
/// Proposed, approved or in progress: work still to do ("how we get there").
bool is_open(improvement_state s);
/// Listing order: open ones first (in the chain's order), then done, verified, rejected.
int listing_rank(improvement_state s);

/// What the figures after `done` said. `no_effect` is a flag on a `done` improvement ("no measurable
/// effect"); a verified improvement is in state `verified`.
enum class verification { pending, verified, no_effect };
std::string_view to_string(verification v);
std::optional<verification> parse_verification(std::string_view text);

/// A service's figures over a period, on its scale: the score (CSAT % and the like, NPS points), the
/// happy answers and all answers. What a baseline and an after-period keep.
struct measurement {
  double score = 0;
  std::int64_t happy = 0;
  std::int64_t n = 0;
  timestamp from{};
  timestamp to{};
  friend bool operator==(const measurement&, const measurement&) = default;
};

/// Longest title kept, in characters; longer ones are cut and the person is told.
inline constexpr std::size_t max_improvement_title_chars = 200;
/// Longest business function or theme kept, in characters.
inline constexpr std::size_t max_improvement_label_chars = 200;
/// Longest expected effect kept: the same cap as a feedback reason (SPEC §12).
inline constexpr std::size_t max_improvement_text_chars = 4000;

struct improvement {
  std::int64_t id = 0;  ///< 0 until stored
  std::string service;  ///< service id
  std::string title;
  std::optional<std::string> business_function;  ///< which business function it serves
  std::optional<std::string> expected_effect;    ///< "field sales can connect in under a minute"
  std::optional<std::string> theme;              ///< a feedback theme it answers ("slow", "login")
  improvement_state state = improvement_state::proposed;
  std::string created_by;  ///< "platform:id"
  timestamp created_at{};
  timestamp updated_at{};
  measurement baseline;  ///< the period before `add`
  std::optional<timestamp> done_at;
  core::verification verification = verification::pending;
  std::optional<measurement> after;        ///< figures from done_at, as last checked
  std::optional<timestamp> checked_at;     ///< when the after figures were last read
  std::vector<std::int64_t> feedback_ids;  ///< linked feedback, ascending

  /// States its why: a business function or an expected effect.
  bool has_why() const { return business_function.has_value() || expected_effect.has_value(); }
  /// Linked to neither a business function nor customer feedback (ids or a theme): the
  /// continual-process-improvement trap SPEC §6 asks digests to point out.
  bool process_only() const { return !business_function && feedback_ids.empty() && !theme; }
  friend bool operator==(const improvement&, const improvement&) = default;
};

/// One move in an improvement's history: it entered `state` (or, with `no_effect`, a `done` one was
/// found to have no measurable effect). Digests report the moves of their period.
struct improvement_change {
  std::int64_t improvement_id = 0;
  timestamp at{};
  std::string actor;  ///< "platform:id", or "csibot" for automatic verification
  improvement_state state = improvement_state::proposed;
  bool no_effect = false;
  friend bool operator==(const improvement_change&, const improvement_change&) = default;
};

}  // namespace csibot::core
