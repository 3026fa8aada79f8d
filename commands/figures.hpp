#pragma once
/// The figures commands show for a service and period, formatted for people.
#include <optional>
#include <string>

#include "core/period.hpp"
#include "core/service.hpp"
#include "insights/analysis.hpp"
#include "insights/metrics.hpp"

namespace csibot::storage {
class database;
}

namespace csibot::commands {

/// n, mean and score of `svc` over `p`, from one aggregate query.
insights::summary figures_for(storage::database& db, const core::service& svc, const core::period& p);

/// True when the figures must be hidden: a pseudonymous or anonymous service with some answers, but
/// fewer than `min_group` (SPEC §5, §12; insights::figures_withheld). Identified services always
/// show their figures.
bool hide_figures(const core::service& svc, const insights::summary& s, int min_group);

/// "82 %" (csat5, ces7, thumbs) or "+23" (nps10), as insights/numbers.hpp shows scores (99.6 %
/// reads 99 %, a sliver "<1 %"); it agrees with whether the service's `target` is met. No default:
/// a view that left the target out showed 84.6 % as "85 %" where the digest says "84 %, not met".
std::string score_text(core::scale scale, const insights::summary& s, std::optional<double> target);
/// "71–90 %" or "+5…+41".
std::string interval_text(core::scale scale, const insights::summary& s);
/// "4.1"
std::string mean_text(const insights::summary& s, const std::string& language);
/// "CSAT", "NPS", "CES" or "👍".
std::string score_name(core::scale scale);

/// What people use `svc` for (SPEC §3's usage step, §5's usage): "remote work (12), file shares (5)",
/// or why there is nothing to show (no answers, too few for min_group, nobody said).
std::string usage_text(const core::service& svc, const insights::service_insight& in, int min_group,
                       const std::string& language);
/// The impact mix (SPEC §5): "blocks me 10 %, slows me down 35 %, minor 40 %, no impact 15 % (of 20
/// answers that say)", or why there is nothing to show.
std::string impact_text(const core::service& svc, const insights::service_insight& in, int min_group,
                        const std::string& language);
/// "40 % (4 of 10 prompts answered)", or "n/a (no prompts sent)" (SPEC §4).
std::string response_rate_text(const insights::service_insight& in, const std::string& language);

}  // namespace csibot::commands
