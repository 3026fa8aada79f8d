#pragma once
/// How `/csi improve list|show` and `/csi service` show the register (SPEC §2, §6): one line per
/// improvement, the whole of one, and the service view's "how we get there" / "did we get there".
#include <string>
#include <vector>

#include "commands/context.hpp"
#include "core/improvement.hpp"

namespace csibot::commands {

/// The improvement's service from the catalog, or a stand-in named by its id when it was removed.
core::service service_of(const command_env& env, const core::improvement& i);

/// "*#3* Split tunnel for Teams — Remote access VPN, in progress · for field sales · _process-only_"
std::string list_line(const command_env& env, const core::improvement& i);

/// Everything about one improvement: why, state, baseline, after figures, verification, links, history.
core::message show_message(const command_env& env, const core::improvement& i);

/// "How we get there": the service's open improvements (at most a few, then how to see the rest), or
/// that there are none.
std::string open_improvements_text(const command_env& env, const core::service& svc,
                                   const std::vector<core::improvement>& items);
/// "Did we get there?": the service's verified improvements, then the done ones with what their
/// figures said so far, or that there are none.
std::string finished_improvements_text(const command_env& env, const core::service& svc,
                                       const std::vector<core::improvement>& items);

}  // namespace csibot::commands
