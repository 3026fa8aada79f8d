#pragma once
/// Slack's interactivity form (PLATFORMS.md §1.6). The generic body readers (parse_json, parse_form,
/// payload_reader) live in bot/platform/common/form.hpp, shared with Mattermost; their names are
/// found from this namespace as members of the enclosing csibot::platform.
#include <string_view>

#include "bot/platform/common/form.hpp"

namespace csibot::platform::slack {

/// Interactivity over HTTP: a form whose `payload` field is the JSON object of the interaction.
/// A missing field, or one that parse_json refuses, is an error.
parsed parse_interactive_form(std::string_view body);

}  // namespace csibot::platform::slack
