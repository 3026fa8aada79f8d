#pragma once
/// The figures commands show for a service and period, formatted for people.
#include <optional>
#include <string>

#include "core/period.hpp"
#include "core/service.hpp"
#include "insights/metrics.hpp"

namespace csibot::storage {
class database;
}

namespace csibot::commands {

/// n, mean and score of `svc` over `p`, from one aggregate query.
insights::summary figures_for(storage::database& db, const core::service& svc, const core::period& p);

/// True when the figures must be hidden: a pseudonymous or anonymous service below `min_group`
/// answers (SPEC §5, §12). Identified services always show their figures.
bool hide_figures(const core::service& svc, const insights::summary& s, int min_group);

/// "82 %" (csat5, ces7, thumbs) or "+23" (nps10).
std::string score_text(core::scale scale, const insights::summary& s);
/// "71–90 %" or "+5…+41".
std::string interval_text(core::scale scale, const insights::summary& s);
/// "4.1"
std::string mean_text(const insights::summary& s);
/// "CSAT", "NPS", "CES" or "👍".
std::string score_name(core::scale scale);

}  // namespace csibot::commands
