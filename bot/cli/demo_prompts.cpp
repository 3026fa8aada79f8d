#include "bot/cli/demo_prompts.hpp"

#include <chrono>
#include <functional>
#include <string>

#include "storage/prompt_repository.hpp"

namespace csibot::cli {
namespace {

double unit(std::mt19937_64& rng) {
  return std::uniform_real_distribution<double>{0.0, 1.0}(rng);
}

core::milliseconds minutes(double m) {
  return core::milliseconds{static_cast<std::int64_t>(m * 60'000.0)};
}

}  // namespace

double demo_response_rate(std::string_view service_id) {
  // std::hash of a string is not the same everywhere; a tiny FNV-1a is, so the demo is too.
  std::uint64_t h = 14695981039346656037ULL;
  for (const char c : service_id)
    h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  return 0.35 + 0.4 * static_cast<double>(h % 1000) / 1000.0;
}

std::size_t demo_prompts::add(const core::feedback& f, core::anonymity a) {
  if (f.source != core::source::pulse && f.source != core::source::ticket) return 0;
  storage::prompt_repository prompts{db_};
  const double rate = demo_response_rate(f.service);
  std::size_t written = 0;
  // The answered prompt first, then as many unanswered ones as the rate implies on average: each
  // further one with probability 1 - rate gives (1 - rate) / rate of them per answer.
  for (bool answered = true; answered || unit(rng_) >= rate; answered = false) {
    storage::prompt_row p;
    p.user = f.user.value_or("local:someone");
    p.service = f.service;
    p.kind = f.source == core::source::ticket ? core::prompt_kind::ticket : core::prompt_kind::pulse;
    const std::string n = std::to_string(++next_);
    if (p.kind == core::prompt_kind::ticket) {
      p.ticket = "DEMO-" + n;
    } else {
      p.pulse = "demo-" + n;
    }
    // Sent between 2 minutes and 3 hours before the answer came (or, unanswered, around then).
    const auto sent = f.created_at - minutes(2.0 + 178.0 * unit(rng_));
    p.due_at = p.created_at = sent;
    const auto row = prompts.schedule(p);
    if (!row.created || !prompts.mark_sent(row.id, sent)) continue;
    ++written;
    // An anonymous answer's prompt keeps no time that could be matched with the answer's (SPEC §2).
    if (answered)
      prompts.mark_answered(row.id,
                            a == core::anonymity::anonymous ? std::nullopt : std::optional{f.created_at});
  }
  return written;
}

}  // namespace csibot::cli
