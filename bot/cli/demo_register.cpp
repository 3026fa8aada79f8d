#include "bot/cli/demo_register.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

#include "commands/improvements.hpp"
#include "storage/database.hpp"
#include "storage/improvement_repository.hpp"
#include "storage/repositories.hpp"
#include "storage/sqlite.hpp"

namespace csibot::cli {
namespace {

using core::improvement_state;
using std::chrono::days;

struct move {
  improvement_state state;
  int days_ago;
};

struct demo_improvement {
  const char* service;
  const char* title;
  std::optional<std::string> business_function;
  std::optional<std::string> expected_effect;
  std::optional<std::string> theme;
  std::vector<move> moves;          ///< the first one adds it (proposed)
  const char* complaint = nullptr;  ///< link the newest answers whose reason contains this
};

// The stories of docs/demo.md: laptops improved over the last 60 days (the fix, rolled out while it
// was in progress, was done 40 days ago and its after-period is over: the check finds it verified); the
// service desk's fix is done but its after-period runs for a few more days; the VPN got worse 30 days ago and
// its fix is under way.
std::vector<demo_improvement> demo_improvements() {
  return {
      {"laptop-provisioning",
       "Image laptops before the start date",
       "onboarding",
       "New starters can work on their first day",
       std::nullopt,
       {{improvement_state::proposed, 70},
        {improvement_state::approved, 68},
        {improvement_state::in_progress, 64},
        {improvement_state::done, 40}}},
      {"service-desk",
       "Self-service password reset",
       "all departments",
       "Password resets without a ticket",
       std::nullopt,
       {{improvement_state::proposed, 52},
        {improvement_state::approved, 47},
        {improvement_state::in_progress, 41},
        {improvement_state::done, 25}}},
      {"vpn",
       "Roll back the VPN client update that drops connections",
       "field sales",
       "Field sales stay connected through a whole video call",
       "drops",
       {{improvement_state::proposed, 6},
        {improvement_state::approved, 5},
        {improvement_state::in_progress, 4}},
       "drops"},
      {"file-share",
       "Retire the old contract archive share",
       "contract archive",
       "One place fewer to look for a contract",
       std::nullopt,
       {{improvement_state::proposed, 2}}},
      // The trap SPEC §6 warns of: a process tuned for its own sake, tied to no business function and
      // to no customer's feedback. Digests call it process-only.
      {"email",
       "Write down the mailbox quota process",
       std::nullopt,
       std::nullopt,
       std::nullopt,
       {{improvement_state::proposed, 20}, {improvement_state::approved, 18}}},
  };
}

// The newest `count` answers about `service` of the last two weeks whose reason contains `needle`.
std::vector<std::int64_t> complaints(storage::database& db, std::string_view service, std::string_view needle,
                                     core::timestamp now, std::size_t count) {
  std::vector<std::int64_t> ids;
  storage::feedback_repository{db}.for_each(now - days{14}, [&](const core::feedback& f) {
    if (f.service == service && f.reason && f.reason->find(needle) != std::string::npos) ids.push_back(f.id);
  });
  if (ids.size() > count) ids.erase(ids.begin(), ids.end() - static_cast<std::ptrdiff_t>(count));
  return ids;
}

}  // namespace

std::size_t seed_demo_register(storage::database& db, const std::vector<core::service>& catalog,
                               core::timestamp now) {
  storage::improvement_repository repo{db};
  storage::transaction tx{db};
  std::size_t added = 0;
  for (const auto& d : demo_improvements()) {
    const auto* svc = core::find_service(catalog, d.service);
    if (svc == nullptr) continue;
    const std::string actor = svc->owners.empty() ? std::string{"local:admin"} : svc->owners.front();
    core::improvement i;
    i.service = svc->id;
    i.title = d.title;
    i.business_function = d.business_function;
    i.expected_effect = d.expected_effect;
    i.theme = d.theme;
    i.created_by = actor;
    i.created_at = i.updated_at = now - days{d.moves.front().days_ago};
    i.baseline = commands::measure(db, *svc, {i.created_at - commands::baseline_length, i.created_at, {}});
    if (d.complaint != nullptr) i.feedback_ids = complaints(db, svc->id, d.complaint, now, 3);
    i.id = repo.add(i);
    for (const auto& m : d.moves) {
      const auto at = now - days{m.days_ago};
      i.state = m.state;
      i.updated_at = at;
      if (m.state == improvement_state::done) i.done_at = at;
      repo.record_change({i.id, at, actor, m.state, false});
    }
    repo.update(i);
    ++added;
  }
  tx.commit();
  return added;
}

}  // namespace csibot::cli
