#include "commands/improvements.hpp"

#include <algorithm>

#include "commands/figures.hpp"
#include "insights/verification.hpp"
#include "storage/database.hpp"
#include "storage/improvement_repository.hpp"
#include "storage/outbox_repository.hpp"
#include "storage/repositories.hpp"
#include "storage/sqlite.hpp"

namespace csibot::commands {
namespace {

// The after figures: over the after-period; when that had too few answers, everything since done,
// so that an improvement waits for enough answers instead of never being judged.
insights::summary after_figures(storage::database& db, const core::service& svc, const core::improvement& i,
                                core::timestamp now, std::int64_t min_answers, core::measurement& measured) {
  core::period window = insights::after_period(*i.done_at, i.baseline);
  auto s = figures_for(db, svc, window);
  if (s.n < min_answers && now > window.to) {
    window.to = now;
    s = figures_for(db, svc, window);
  }
  measured = {s.score, s.happy, s.n, window.from, window.to};
  return s;
}

std::string verdict_detail(const core::improvement& i) {
  const auto& a = *i.after;
  return std::string{core::to_string(i.verification)} + ": baseline " + std::to_string(i.baseline.happy) +
         "/" + std::to_string(i.baseline.n) + " happy, after " + std::to_string(a.happy) + "/" +
         std::to_string(a.n);
}

}  // namespace

core::measurement measure(storage::database& db, const core::service& svc, const core::period& p) {
  const auto s = figures_for(db, svc, p);
  return {s.score, s.happy, s.n, p.from, p.to};
}

void record_move(storage::database& db, const core::improvement& i, const core::improvement_change& change,
                 std::string_view action, std::string detail) {
  storage::improvement_repository{db}.record_change(change);
  storage::audit_repository{db}.append(
      {0, change.at, change.actor, std::string{action}, "#" + std::to_string(i.id), std::move(detail)});
}

std::vector<core::improvement> check_improvements(storage::database& db, const config::settings& settings,
                                                  const std::vector<core::service>& services,
                                                  core::timestamp now, const owner_language& language_for) {
  storage::improvement_repository repo{db};
  const auto over = [&](const core::improvement& i) {
    return now >= insights::after_period(*i.done_at, i.baseline).to;
  };
  std::vector<core::improvement> decided;
  // The common case: nothing due, no write, no savepoint.
  if (std::ranges::none_of(repo.awaiting_verification(now), over)) return decided;
  const insights::verification_rule rule{.min_answers = settings.bot.min_group};
  storage::transaction tx{db};
  // Read again under the write lock (the outermost transaction is BEGIN IMMEDIATE): another process
  // (`csibot digest` beside the bot) may have decided one since, and an owner must hear it only once.
  auto due = repo.awaiting_verification(now);
  std::erase_if(due, [&](const auto& i) { return !over(i); });
  storage::outbox_repository outbox{db};
  for (auto& i : due) {
    const auto* svc = core::find_service(services, i.service);
    if (svc == nullptr) continue;
    core::measurement measured;
    const auto after = after_figures(db, *svc, i, now, rule.min_answers, measured);
    const auto result = insights::verify(i.baseline, after, *i.done_at, now, rule);
    if (result.verdict == insights::verification_verdict::not_due) continue;
    i.after = measured;
    i.checked_at = now;
    if (result.verdict == insights::verification_verdict::too_few) {
      repo.update(i);  // the figures so far; no verdict, so nothing to record
      continue;
    }
    const bool verified = result.verdict == insights::verification_verdict::verified;
    i.verification = verified ? core::verification::verified : core::verification::no_effect;
    if (verified) i.state = core::improvement_state::verified;
    i.updated_at = now;
    repo.update(i);
    // The history dates the verdict when its evidence was complete (the after-period's end, or now
    // when it had to wait for answers), not when somebody first looked: a digest of the period in
    // which the after-period ended reports it even if nobody read the register before it was posted.
    repo.record_change({i.id, std::min(now, measured.to), std::string{automatic_actor}, i.state, !verified});
    storage::audit_repository{db}.append({0, now, std::string{automatic_actor}, "improvement.verify",
                                          "#" + std::to_string(i.id), verdict_detail(i)});
    // "… and tells the owners" (the report-back's promise), in the transaction that records the verdict.
    for (const auto& m : verdict_messages(settings, *svc, i, language_for))
      outbox.enqueue(m, "", now, "improvement:" + std::to_string(i.id));
    decided.push_back(i);
  }
  tx.commit();
  return decided;
}

std::vector<insights::improvement_move> improvement_moves(storage::database& db,
                                                          const std::vector<core::service>& services,
                                                          const core::period& p) {
  std::vector<insights::improvement_move> out;
  for (auto& row : storage::improvement_repository{db}.moves(p.from, p.to)) {
    if (const auto* svc = core::find_service(services, row.item.service))
      out.push_back({std::move(row.item), *svc, std::move(row.change)});
  }
  return out;
}

}  // namespace csibot::commands
