#pragma once
/// "Did it work?" (SPEC §6): when csibot decides an improvement's verification, each owner of its
/// service hears the verdict — the promise the report-back DM to respondents makes ("… and tells the
/// owners").
#include <functional>
#include <string>
#include <vector>

#include "config/settings.hpp"
#include "core/events.hpp"
#include "core/improvement.hpp"
#include "core/ref.hpp"
#include "core/service.hpp"

namespace csibot::commands {

/// The language to write to an owner in where it is known, "" where not (command_env::language_for).
using owner_language = std::function<std::string(const core::ref& owner)>;

/// One direct message per owner of `svc` ("platform:user") on a platform this bot runs, saying which
/// improvement `i` it is, its before/after figures and the verdict `i` carries (verified or no
/// measurable effect), dates local to bot.timezone. Written in the owner's language where
/// `language_for` knows it (it may be empty), else bot.language. Owners that are no reference or are
/// on a platform not running here are skipped. Pure.
std::vector<core::outbound> verdict_messages(const config::settings& settings, const core::service& svc,
                                             const core::improvement& i, const owner_language& language_for);

}  // namespace csibot::commands
