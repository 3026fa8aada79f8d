#include "core/improvement.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace csibot::core {

std::string_view to_string(improvement_state s) {
  switch (s) {
    case improvement_state::proposed:
      return "proposed";
    case improvement_state::approved:
      return "approved";
    case improvement_state::in_progress:
      return "in_progress";
    case improvement_state::done:
      return "done";
    case improvement_state::verified:
      return "verified";
    case improvement_state::rejected:
      return "rejected";
  }
  return "proposed";
}

std::vector<improvement_state> all_improvement_states() {
  return {improvement_state::proposed, improvement_state::approved, improvement_state::in_progress,
          improvement_state::done,     improvement_state::verified, improvement_state::rejected};
}

std::optional<improvement_state> parse_improvement_state(std::string_view text) {
  // People type "in progress" states as they say them; the stored name has an underscore.
  // The bot itself shows it as "in progress": spaces count as the underscore too.
  std::string word;
  for (const char c : ascii_lower(trim(text))) {
    const char w = (c == '-' || c == ' ' || c == '\t') ? '_' : c;
    if (w != '_' || word.empty() || word.back() != '_') word += w;
  }
  if (word == "inprogress") word = "in_progress";
  for (const auto s : all_improvement_states())
    if (to_string(s) == word) return s;
  return std::nullopt;
}

std::vector<improvement_state> next_states(improvement_state from) {
  using enum improvement_state;
  switch (from) {
    case proposed:
      return {approved, rejected};
    case approved:
      return {in_progress, rejected};
    case in_progress:
      return {done, rejected};
    case done:  // verified comes from the figures, never from a person
    case verified:
    case rejected:
      return {};
  }
  return {};
}

bool may_move(improvement_state from, improvement_state to) {
  const auto next = next_states(from);
  return std::find(next.begin(), next.end(), to) != next.end();
}

bool is_open(improvement_state s) {
  return s == improvement_state::proposed || s == improvement_state::approved ||
         s == improvement_state::in_progress;
}

int listing_rank(improvement_state s) {
  return static_cast<int>(s);  // the enum is declared in listing order
}

std::string_view to_string(verification v) {
  switch (v) {
    case verification::pending:
      return "pending";
    case verification::verified:
      return "verified";
    case verification::no_effect:
      return "no_effect";
  }
  return "pending";
}

std::optional<verification> parse_verification(std::string_view text) {
  for (const auto v : {verification::pending, verification::verified, verification::no_effect})
    if (to_string(v) == text) return v;
  return std::nullopt;
}

}  // namespace csibot::core
