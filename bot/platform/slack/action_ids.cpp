// The action ids of buttons on the wire (blocks.hpp): unique within a message, and decoded back.
#include <algorithm>

#include "bot/platform/slack/blocks.hpp"
#include "bot/platform/slack/mrkdwn.hpp"

namespace csibot::platform::slack {

std::string unique_action_id(std::string_view action_id, std::size_t index) {
  const std::string suffix = "#" + std::to_string(index);
  // Slack's limit counts an emoji outside the Basic Multilingual Plane twice (slack_length).
  return std::string(slack_prefix(action_id, max_action_id_chars - suffix.size())) + suffix;
}

std::string_view base_action_id(std::string_view wire_id) {
  const std::size_t hash = wire_id.rfind('#');
  if (hash == std::string_view::npos || hash + 1 == wire_id.size()) return wire_id;
  const std::string_view digits = wire_id.substr(hash + 1);
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) return wire_id;
  return wire_id.substr(0, hash);
}

}  // namespace csibot::platform::slack
