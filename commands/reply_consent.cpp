#include "commands/reply_consent.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "core/i18n.hpp"
#include "dialog/reply_consent.hpp"
#include "storage/reply_repository.hpp"
#include "storage/repositories.hpp"

namespace csibot::commands {
namespace {

// Clicks come from the person's DM; anywhere else the answer is for the clicker only.
core::outbound note_to(const core::inbound& in, std::string text) {
  core::message m;
  m.text = std::move(text);
  const auto kind = in.is_dm ? core::delivery::direct : core::delivery::ephemeral;
  return core::outbound{kind, in.platform, in.channel, in.user, {}, std::move(m)};
}

std::string service_name(const std::vector<core::service>& catalog, const std::string& id) {
  const auto* svc = core::find_service(catalog, id);
  return svc == nullptr ? id : svc->name;
}

}  // namespace

std::vector<core::outbound> accept_reply_consent(const core::inbound& in, storage::database& db,
                                                 const config::settings& settings,
                                                 const std::vector<core::service>& catalog,
                                                 const std::string& language) {
  const auto person = in.user_ref();
  const auto value = dialog::parse_reply_consent(in.action->value);
  storage::reply_repository replies{db};
  // Only a token made for this person and this feedback: a forged or forwarded click must not link
  // somebody else to an anonymous answer, nor let them read the owner's answer to it.
  if (!value || !replies.token_matches(value->feedback_id, person, value->token)) {
    spdlog::warn("consent: refused a click on an answer button that was not given to the clicker");
    return {note_to(in, core::tr(language, "consent.not_yours"))};
  }
  const auto id = std::to_string(value->feedback_id);
  const auto f = storage::feedback_repository{db}.find(value->feedback_id);
  if (!f || !f->reason) return {note_to(in, core::tr(language, "consent.nothing", {{"id", id}}))};

  // An identified answer names its author, so an answer reaches them without a link of its own.
  const bool keep_link = !(f->user && core::parse_ref(*f->user));
  replies.consent(f->id, person, keep_link);
  auto confirmed = dialog::reply_consent_given(f->id, service_name(catalog, f->service), keep_link, language,
                                               settings.bot.command);
  if (in.is_dm && !in.action->message_id.empty()) {
    return {core::outbound{core::delivery::update, in.platform, in.channel, in.user, in.action->message_id,
                           std::move(confirmed)}};
  }
  // No message to replace (the platform did not say which): the confirmation on its own.
  return {note_to(in, std::move(confirmed.context))};
}

}  // namespace csibot::commands
