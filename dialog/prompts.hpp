#pragma once
/// The questions of the feedback conversation as platform-neutral messages.
#include <string>
#include <string_view>
#include <vector>

#include "core/message.hpp"
#include "core/service.hpp"
#include "dialog/flow_state.hpp"

namespace csibot::dialog {

/// "Which service…?" with a button and a numbered line per service.
core::message choose_service_prompt(const std::vector<core::service>& catalog, std::string_view lang);

/// The question that `s.at` waits for, with its buttons; `with_buttons = false` gives the version
/// shown after a click (the buttons replaced by the answer).
core::message question(const flow_state& s, const core::service& svc, std::string_view lang,
                       bool with_buttons = true);

/// "Thank you! Your feedback is #42…", with what anonymity means for this service. With a
/// `reply_token` (feedback_store::reply_consent_token), also the "Let the owner answer me" button.
core::message thanks(const flow_state& s, const core::service& svc, std::string_view lang,
                     std::string_view reply_token = {});

/// What the person's answers about `svc` reveal of them (identified, pseudonymous or anonymous).
std::string anonymity_note(const core::service& svc, std::string_view lang);

/// A one-line message.
core::message note(std::string text);

}  // namespace csibot::dialog
