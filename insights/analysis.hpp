#pragma once
/// The insight pass proper (SPEC §5): figures, change, sparkline, themes, priority and retire
/// candidates for each service of a catalog, from plain inputs. Pure: no database, no clock.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/service.hpp"
#include "insights/metrics.hpp"
#include "insights/pass.hpp"
#include "insights/themes.hpp"
#include "insights/trend.hpp"

namespace csibot::insights {

struct analysis_options {
  int min_group = 5;                  ///< bot.min_group: smallest group shown for (pseudo)anonymous services
  std::size_t themes = 3;             ///< themes kept per service
  std::size_t usage = 3;              ///< usage themes kept per service
  std::int64_t min_theme_count = 2;   ///< answers a theme needs
  core::criticality_weights weights;  ///< `[criticality]`: each criticality's weight in the priority
  /// n of every service of the catalog that has answers in the period and shows them (not
  /// figures_withheld), when the inputs are only some of them (a digest of one service): "rarely
  /// used" is relative to the whole catalog, and a service compared with itself alone would always be
  /// at the median. Empty: the inputs are the catalog.
  std::vector<std::int64_t> catalog_volumes;
};

/// Share of the answers that state an impact which must say "no impact" for a retire candidate.
inline constexpr double retire_no_impact_share = 0.6;

struct service_insight {
  core::service service;
  summary figures;   ///< n, mean, score with its 95 % interval, happy and unhappy counts
  summary previous;  ///< the previous equal period (empty when previous_withheld)
  /// The previous period had answers, but fewer than min_group of a pseudonymous or anonymous
  /// service: nothing of it is kept, and the change reads "too few answers to tell".
  bool previous_withheld = false;
  /// Figures are withheld: a pseudonymous or anonymous service with 1 to min_group − 1 answers
  /// (SPEC §12, figures_withheld). Then only `service` and `figures.n` may be shown, and nothing else
  /// is filled in. Without answers a service is not hidden: it has no figures to withhold.
  bool hidden = false;
  trend change;
  double happy_pct = 0;    ///< CSAT 4–5, NPS promoters, CES 6–7, thumbs up, in % of n
  double unhappy_pct = 0;  ///< CSAT 1–2, NPS detractors, CES 1–3, thumbs down, in % of n
  impact_mix impacts;
  /// Mean core::impact_weight over answers that state an impact (blocks 3, slows 2, minor 1,
  /// none 0); 1 (as "minor") when nobody stated one, so that unstated impact neither zeroes nor
  /// inflates the priority.
  double impact_weight = 1;
  std::vector<std::optional<double>> weekly_scores;  ///< oldest first, see sparkline.hpp
  std::string sparkline;
  /// Weekly scores are withheld (weekly_scores and sparkline empty): a pseudonymous or anonymous
  /// service had a week, or answers before the drawn weeks, with fewer than min_group answers. Such a
  /// group cannot merely be blanked: the period's n and score minus the other weeks would give it back.
  bool weeks_withheld = false;
  /// An anonymous or pseudonymous service where fewer than min_group answers state an impact: the
  /// impact mix and the share hurt are those few people's choices, so no text shows them (SPEC §5).
  /// Then `impacts`, `no_impact_pct` and `hurt_pct` stay empty and `impact_weight` is 1, as if nobody
  /// had stated one, so that the priority does not give the withheld weight back either.
  bool impacts_withheld = false;
  std::vector<theme> themes;
  std::vector<usage_theme> usage;
  std::optional<response_counts> responses;
  std::optional<double> response_rate;  ///< answered / sent in %, only when prompts were sent
  std::optional<bool> target_met;       ///< score ≥ target; nullopt without a target or answers
  double priority = 0;
  bool retire = false;
  double no_impact_pct = 0;  ///< "no impact" among answers that state an impact, in %
  /// "blocks me" or "slows me down" among answers that state an impact, in %: what makes the
  /// impact weight of the priority high, so the digest names it as the priority's reason.
  double hurt_pct = 0;
};

struct catalog_insight {
  std::vector<service_insight> services;  ///< in input order
  std::vector<std::size_t> priorities;    ///< indices into services with priority > 0, highest first
  std::vector<std::size_t> retire;        ///< indices of retire candidates, in input order
  /// Median n over the services whose figures are shown and have answers. A hidden service's n is
  /// left out: printed beside the shown n, a median that counted it would let a reader solve for it.
  double median_n = 0;
  int min_group = 5;
};

/// A pseudonymous or anonymous service's figures over `n` answers are withheld (SPEC §12): 1 to
/// min_group − 1 answers are a group small enough to single people out. Identified services always
/// show theirs, and no answers at all is no group: it reads "no answers", as everywhere.
bool figures_withheld(const core::service& svc, std::int64_t n, int min_group);

/// Priority, "where improvement buys the most":
///   criticality weight (1/2/3/5 by default) × unhappy share (0…1) × impact weight (0…3) × log(1 + n).
/// Volume is damped with log(1 + n) so that a busy service counts more than a quiet one without
/// drowning it: 100 answers weigh 4.6, 1,000 weigh 6.9, 10 weigh 2.4.
double priority_score(double criticality_weight, double unhappy_share, double impact_weight, std::int64_t n);

/// Retire rule (SPEC §5, "mostly no impact and rarely used"): at least min_group answers state an
/// impact, at least retire_no_impact_share of those say "no impact", and the service has no more
/// answers than the median service of the catalog (rarely used, relative to the rest; the median of
/// the services whose figures are shown, catalog_insight::median_n).
bool is_retire_candidate(const impact_mix& impacts, std::int64_t n, double median_n, int min_group);

/// Figures for one service; priority is filled in, retire is left to analyse() (it needs the
/// catalog's median).
service_insight analyse_service(const service_input& in, const analysis_options& o);

/// The whole pass: each service, then the catalog ranked by priority and the retire candidates.
/// Hidden services are in neither list.
catalog_insight analyse(const std::vector<service_input>& inputs, const analysis_options& o);

}  // namespace csibot::insights
