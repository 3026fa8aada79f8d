#pragma once
/// Builds a digest from the database: the glue between storage (rows, aggregates) and insights
/// (figures, words) described in insights/README.md. Used by `/csi digest`, the digest scheduler and
/// `csibot digest`, so the three always say the same thing.
#include <string>
#include <vector>

#include "commands/verdict_notice.hpp"
#include "config/settings.hpp"
#include "core/period.hpp"
#include "core/service.hpp"
#include "insights/analysis.hpp"
#include "insights/digest.hpp"

namespace csibot::storage {
class database;
}

namespace csibot::commands {

/// The figures, words, usage and priorities of `services` over `p` (insights/analysis.hpp): what a
/// digest is composed from. One catalog-wide walk over the period's answers (or one index range when
/// there is a single service) plus one histogram per service for the previous period. The weekly
/// scores end at the earlier of p.to and `now`. Throws storage::error when the database fails.
insights::catalog_insight analyse_services(storage::database& db, const config::settings& settings,
                                           const std::vector<core::service>& services, const core::period& p,
                                           core::timestamp now);

/// The digest of `services` over `p`, in `language` (analyse_services, composed), with the improvements
/// that moved in `p`. One catalog-wide walk over the period's answers (or one index range when there is
/// a single service) plus one histogram per service for the previous period. Runs the improvements'
/// verification pass at `now` first (check_improvements, telling owners in the language
/// `language_for` knows for them), so that a verdict due by now is in it. Throws storage::error when
/// the database fails.
insights::digest build_digest(storage::database& db, const config::settings& settings,
                              const std::vector<core::service>& services, const core::period& p,
                              const std::string& language, core::timestamp now,
                              const owner_language& language_for = {});

/// A digest's buttons that invite feedback: at most this many, one per service in the digest's order.
/// A catalog-wide digest of a large catalog would otherwise end in a wall of buttons; `/csi feedback`
/// reaches the rest.
inline constexpr std::size_t digest_feedback_buttons = 10;

/// The digest as a chat message (insights::to_message) with a "Give feedback on …" button per service
/// (up to digest_feedback_buttons). A click starts the feedback conversation about that service in
/// the clicker's DM (SPEC §12: feedback started by a button in a digest is `conversation`).
core::message digest_message(const insights::digest& d);

/// The services a subscription names: every service for {"*"}, else those ids that exist (in catalog
/// order). Unknown ids are skipped: a service removed after subscribing must not stop the digest.
std::vector<core::service> select_services(const std::vector<core::service>& catalog,
                                           const std::vector<std::string>& ids);

}  // namespace csibot::commands
