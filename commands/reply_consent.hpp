#pragma once
/// A click on "Let the owner answer me" under the thanks of a feedback conversation (SPEC §6,
/// dialog/reply_consent.hpp): the person who gave the feedback allows its owners to answer it.
#include <string>
#include <vector>

#include "config/settings.hpp"
#include "core/events.hpp"
#include "core/service.hpp"

namespace csibot::storage {
class database;
}

namespace csibot::commands {

/// Handles the click `in` (action dialog::actions::allow_reply), in the caller's transaction. Only the
/// person the button was shown to may use it (its token says who): anyone else is told so and nothing
/// changes. Their consent sets the feedback's allow_reply and, for an answer that does not name them
/// (pseudonymous, anonymous), stores the link by which an answer can reach them. The clicked thanks
/// is replaced with a confirmation. A second click changes nothing and confirms again. Feedback
/// without its words any more (forgotten, or erased by retention) has nothing to answer: refused.
std::vector<core::outbound> accept_reply_consent(const core::inbound& in, storage::database& db,
                                                 const config::settings& settings,
                                                 const std::vector<core::service>& catalog,
                                                 const std::string& language);

}  // namespace csibot::commands
