#pragma once
/// The opening message of a proactive prompt (SPEC §4): the feedback flow's first question, preceded
/// by why the person is asked (a resolved ticket, a service's pulse, an owner's `/csi ask`, or the one
/// reminder) and followed, in the small print, by how anonymous the answer is and how to opt out.
#include <string>
#include <string_view>

#include "core/message.hpp"
#include "core/prompt.hpp"
#include "core/service.hpp"

namespace csibot::dialog {

/// Why this prompt is sent.
struct prompt_origin {
  core::prompt_kind kind = core::prompt_kind::pulse;  ///< ticket or pulse (what was asked first)
  std::string ticket;                                 ///< the ticket key of a ticket prompt
  bool asked_by_owner = false;                        ///< a pulse started with `/csi ask`
  bool reminder = false;                              ///< the one reminder of an unanswered prompt
};

/// `question` (dialog::question for the rating step) with the reason before its text and, as its
/// context, the service's anonymity note (for the person's `platform`) and the opt-out hint naming
/// `command` ("/csi").
core::message opening_message(core::message question, const prompt_origin& origin, const core::service& svc,
                              std::string_view language, std::string_view command, std::string_view platform);

}  // namespace csibot::dialog
