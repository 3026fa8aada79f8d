#pragma once
/// What a button says about the question it was sent with, so that a click on an old message (an
/// earlier question, an earlier conversation) is told from a click on the open question. A button's
/// value is its payload ("vpn:4", dialog/actions.hpp), then '@', then the question's key: the step and
/// a tag of the conversation ("vpn:4@rating.1x2y3z"). Buttons sent before keys existed have no '@'.
#include <string>
#include <string_view>

#include "dialog/flow_state.hpp"

namespace csibot::dialog {

/// "<step>.<conversation tag>" for the question `s.at` of conversation `s` (told apart by its
/// `started_at`); at most 15 characters.
std::string question_key(const flow_state& s);

/// `payload` with the key of `s`'s open question appended.
std::string keyed_value(std::string_view payload, const flow_state& s);

/// A button value split at its last '@'; `key` is empty for a value sent before keys existed.
struct button_value {
  std::string_view payload;
  std::string_view key;
};
button_value split_button_value(std::string_view value);

}  // namespace csibot::dialog
