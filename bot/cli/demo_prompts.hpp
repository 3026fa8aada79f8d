#pragma once
/// The prompts behind the demo's answers: every pulse or ticket answer was asked for, and some people
/// were asked and never answered, so that the demo's response rates are figures rather than "n/a:
/// no feedback prompts were sent".
#include <cstddef>
#include <cstdint>
#include <random>
#include <string_view>

#include "core/feedback.hpp"
#include "core/service.hpp"

namespace csibot::storage {
class database;
}

namespace csibot::cli {

/// Writes into the caller's transaction, through the prompt repository as the runtime's sender does.
class demo_prompts {
 public:
  demo_prompts(storage::database& db, std::uint64_t seed) : db_(db), rng_(seed) {}

  /// The prompt `f` answered (when it came from a pulse or a ticket) and the unanswered prompts sent
  /// around the same time; returns how many prompts it wrote.
  std::size_t add(const core::feedback& f, core::anonymity a);

 private:
  storage::database& db_;
  std::mt19937_64 rng_;
  std::uint64_t next_ = 0;  ///< numbers the demo's tickets and pulse tags, so none repeats
};

/// The share of a service's prompts that get an answer in the demo, 0.35-0.75, fixed per service id so
/// that each service tells its own story from one run to the next.
double demo_response_rate(std::string_view service_id);

}  // namespace csibot::cli
