#pragma once
/// Action ids of the conversation's buttons. Values carry the service id so that a click on an old
/// or pulse prompt still says which service it is about: "vpn" / "vpn:4" / "vpn:slows"; then '@' and
/// the key of the question they were sent with (dialog/question_key.hpp): "vpn:4@rating.1x2y3z".
#include <string_view>

namespace csibot::dialog::actions {

inline constexpr std::string_view choose_service = "csi.service";  ///< value: service id
inline constexpr std::string_view rate = "csi.rate";               ///< value: "service:rating"
inline constexpr std::string_view impact = "csi.impact";           ///< value: "service:impact"
inline constexpr std::string_view skip = "csi.skip";               ///< value: "service"
inline constexpr std::string_view cancel = "csi.cancel";           ///< value: ""
/// "Give feedback on X" under a digest: starts a conversation about X as `/csi feedback X` does,
/// whatever is open. No question's button, so no key. (Digests sent before it used choose_service.)
inline constexpr std::string_view give_feedback = "csi.feedback";  ///< value: service id
/// "Let the owner answer me" under the thanks (dialog/reply_consent.hpp); not a step of the flow.
inline constexpr std::string_view allow_reply = "csi.allow_reply";  ///< value: "feedback id:token"

}  // namespace csibot::dialog::actions
