#pragma once
/// The CSI register in words (SPEC §6), shared by `/csi improve`, `/csi service` and digests so that
/// each says the same thing: state names, figures, the verification outcome and a digest's line.
/// Pure; all wording comes from the message catalog.
#include <string>

#include "core/improvement.hpp"
#include "core/service.hpp"

namespace date {
class time_zone;
}

namespace csibot::insights {

/// A move of an improvement in a digest's period, with its service.
struct improvement_move {
  core::improvement item;
  core::service service;
  core::improvement_change change;
};

/// "proposed", "in progress", … in `language`.
std::string state_words(core::improvement_state s, const std::string& language);

/// Figures may be shown: an identified service always, others from `min_group` answers (SPEC §12).
bool may_show(const core::service& svc, const core::measurement& m, int min_group);

/// "CSAT 62 % (n=41, 30d)"; "no answers (30d)"; "too few answers (30d)" when may_show says no.
std::string measurement_words(const core::service& svc, const core::measurement& m, int min_group,
                              const std::string& language);

/// What the figures after done said: "verified: CSAT 62 % → 81 % (n 41 → 37)", "no measurable effect:
/// …", "no measurable effect: the baseline had too few answers to compare with", "pending: …"; empty
/// for an improvement that is not done. A date in it is the local date in `tz` (nullptr = UTC).
std::string outcome_words(const core::improvement& i, const core::service& svc, int min_group,
                          const std::string& language, const date::time_zone* tz);

/// One line of a digest's "Improvements moved / verified":
/// "*Remote access VPN* #3 “Split tunnel for Teams”: in progress — _process-only_". Dates as
/// outcome_words.
std::string move_line(const improvement_move& m, int min_group, const std::string& language,
                      const date::time_zone* tz);

}  // namespace csibot::insights
