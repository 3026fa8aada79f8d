#pragma once
/// The questions of the feedback conversation as platform-neutral messages.
#include <string>
#include <string_view>
#include <vector>

#include "core/message.hpp"
#include "core/service.hpp"
#include "dialog/flow_state.hpp"

namespace csibot::dialog {

/// "Which service…?" with a button and a numbered line per service; `key` is the question's
/// (dialog/question_key.hpp), which every button's value ends with when given.
core::message choose_service_prompt(const std::vector<core::service>& catalog, std::string_view lang,
                                    std::string_view key = {});

/// The question that `s.at` waits for, with its buttons (their values end with the question's key,
/// dialog/question_key.hpp); `with_buttons = false` gives the version shown after a click (the
/// buttons replaced by the answer).
core::message question(const flow_state& s, const core::service& svc, std::string_view lang,
                       bool with_buttons = true, std::string_view platform = {});

/// Whether the person will hear of a change their feedback leads to.
struct thanks_news {
  bool opted_out = false;    ///< they opted out: no news, so none is promised
  std::string_view command;  ///< the root command, to name `optin` with
};

/// "Thank you! Your feedback is #42…", with what anonymity means for this service. With a
/// `reply_token` (feedback_store::reply_consent_token), also the "Let the owner answer me" button.
core::message thanks(const flow_state& s, const core::service& svc, std::string_view lang,
                     std::string_view reply_token = {}, std::string_view platform = {},
                     const thanks_news& news = {});

/// What the person's answers about `svc` reveal of them (identified, pseudonymous or anonymous). On
/// the built-in web chat (`platform` "local") a pseudonymous or anonymous note adds that the chat
/// itself keeps the conversation as its history: csibot stores that, under the person's name.
std::string anonymity_note(const core::service& svc, std::string_view lang, std::string_view platform = {});

/// A one-line message.
core::message note(std::string text);

}  // namespace csibot::dialog
