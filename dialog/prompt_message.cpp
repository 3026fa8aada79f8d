#include "dialog/prompt_message.hpp"

#include "core/i18n.hpp"
#include "core/markup.hpp"
#include "dialog/prompts.hpp"

namespace csibot::dialog {
namespace {

std::string reason_key(const prompt_origin& o) {
  if (o.reminder)
    return o.kind == core::prompt_kind::ticket ? "prompt.open.reminder_ticket" : "prompt.open.reminder";
  if (o.kind == core::prompt_kind::ticket) return "prompt.open.ticket";
  return o.asked_by_owner ? "prompt.open.ask" : "prompt.open.pulse";
}

}  // namespace

core::message opening_message(core::message question, const prompt_origin& origin, const core::service& svc,
                              std::string_view language, std::string_view command,
                              std::string_view platform) {
  // The reason comes first: a question from a bot nobody asked to talk to must say why it writes.
  const std::string why =
      core::tr(language, reason_key(origin),
               {{"service", core::markup_name(svc)}, {"ticket", core::literal(origin.ticket)}});
  question.text = question.text.empty() ? why : why + "\n\n" + question.text;
  // Small print, every time: what the answer reveals, and how to never get such a question again.
  question.context = anonymity_note(svc, language, platform) + " " +
                     core::tr(language, "prompt.open.optout", {{"command", std::string{command}}});
  return question;
}

}  // namespace csibot::dialog
