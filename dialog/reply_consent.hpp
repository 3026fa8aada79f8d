#pragma once
/// "Let the owner answer me" (SPEC §6: the respondent chooses at submission time whether replies may
/// reach them): the button under the thanks, its value, and the thanks as it reads once answers are
/// allowed. Pure; the click itself is handled in commands/reply_consent.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/message.hpp"
#include "core/service.hpp"

namespace csibot::dialog {

/// Adds the button for feedback `feedback_id` of `svc` to the thanks `m`, its value carrying
/// `token`. For a pseudonymous or anonymous service the button and the small print say that
/// csibot then keeps a link to the person, and that the owner still will not see who they are.
void offer_reply_consent(core::message& m, std::int64_t feedback_id, std::string_view token,
                         const core::service& svc, std::string_view lang);

/// A click's value read back.
struct reply_consent_value {
  std::int64_t feedback_id = 0;
  std::string token;
};
/// Nullopt unless `value` is "<feedback id>:<token>" with a positive id and a token.
std::optional<reply_consent_value> parse_reply_consent(std::string_view value);

/// The thanks for feedback `feedback_id` on `service_name` (as stored: it shows as typed) once its
/// author allowed answers: the button gone, a confirmation in its place. `link_kept`: csibot now
/// keeps a link to them (a pseudonymous or anonymous answer), which the confirmation says, with how
/// to remove it.
core::message reply_consent_given(std::int64_t feedback_id, std::string_view service_name, bool link_kept,
                                  std::string_view lang, std::string_view command);

}  // namespace csibot::dialog
