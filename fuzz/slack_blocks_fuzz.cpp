// libFuzzer entry for Block Kit rendering (bot/platform/slack/blocks.hpp): any message, however
// long, odd or broken its text, renders to bodies Slack accepts. Each body is valid JSON (UTF-8
// included), within every Block Kit limit csibot promises to respect, and together the bodies keep
// every button; the response_url forms are valid JSON too.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "bot/platform/slack/blocks.hpp"
#include "bot/platform/slack/mrkdwn.hpp"
#include "fuzz/support/check.hpp"
#include "fuzz/support/fuzzed_message.hpp"

namespace {

namespace core = csibot::core;
namespace slack = csibot::platform::slack;
using json = nlohmann::json;

using csibot::fuzz::check;

/// The text of a text object, checked against `limit` characters as Slack counts them.
void check_text(const json& object, std::size_t limit) {
  check(object.is_object() && object.at("text").is_string());
  check(slack::slack_length(object.at("text").get<std::string>()) <= limit);
}

/// One body's blocks: within the limits. Returns the buttons it holds.
std::size_t check_blocks(const json& blocks) {
  check(blocks.is_array() && blocks.size() <= slack::max_blocks);
  std::size_t buttons = 0;
  std::set<std::string> action_ids;
  for (const auto& block : blocks) {
    const auto type = block.at("type").get<std::string>();
    if (type == "header") {
      check_text(block.at("text"), slack::max_header_chars);
    } else if (type == "section") {
      if (block.contains("text")) check_text(block.at("text"), slack::max_section_chars);
      if (block.contains("fields")) {
        check(block.at("fields").size() <= slack::max_fields);
        for (const auto& f : block.at("fields"))
          check_text(f, slack::max_field_chars);
      }
    } else if (type == "actions") {
      check(block.at("elements").size() <= slack::max_actions);
      for (const auto& b : block.at("elements")) {
        check_text(b.at("text"), slack::max_button_chars);
        const auto id = b.at("action_id").get<std::string>();
        check(slack::slack_length(id) <= slack::max_action_id_chars);
        check(action_ids.insert(id).second);  // Slack refuses a message whose action_ids repeat
        if (b.contains("value"))
          check(slack::slack_length(b.at("value").get<std::string>()) <= slack::max_value_chars);
        ++buttons;
      }
    } else if (type == "context") {
      check(block.at("elements").size() <= slack::max_context_elements);
      for (const auto& e : block.at("elements"))
        check_text(e, slack::max_section_chars);
    } else {
      check(false);  // a block type Slack would not expect from csibot
    }
  }
  return buttons;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in{data, size};
  const core::message m = csibot::fuzz::message_from(in);

  std::size_t buttons = 0;
  for (const auto& body : slack::render(m)) {
    // json::parse throws on invalid JSON or UTF-8: libFuzzer reports that as a crash.
    const auto object = json::parse(slack::to_json(body));
    check(slack::slack_length(object.at("text").get<std::string>()) <= slack::max_fallback_chars);
    buttons += check_blocks(object.at("blocks"));
  }
  check(buttons == m.buttons.size());

  for (const auto kind : {slack::response_kind::ephemeral, slack::response_kind::in_channel,
                          slack::response_kind::replace_original}) {
    bool first = true;
    for (const auto& body : slack::render_response(m, kind)) {
      const auto object = json::parse(body);
      check(object.is_object() && object.contains("text") && object.contains("blocks"));
      if (kind == slack::response_kind::replace_original) check(object.at("replace_original") == first);
      first = false;
    }
  }
  return 0;
}
