// libFuzzer entry for Mattermost rendering (bot/platform/mattermost/render.hpp): any message renders
// to posts within Mattermost's length limit whose JSON dumps (valid UTF-8), with the buttons on the
// last post only, and every button's signed context comes back through a click (decode_action) as the
// action and value it was rendered with.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

#include "bot/platform/mattermost/limits.hpp"
#include "bot/platform/mattermost/markdown.hpp"
#include "bot/platform/mattermost/render.hpp"
#include "bot/platform/mattermost/requests.hpp"
#include "core/text.hpp"
#include "fuzz/support/check.hpp"
#include "fuzz/support/fuzzed_message.hpp"

namespace {

namespace core = csibot::core;
namespace mm = csibot::platform::mattermost;
using json = nlohmann::json;

using csibot::fuzz::check;

/// `got` is `wanted` whole when it fits in `max_bytes`, else its prefix cut at most 3 bytes short.
void check_cut(const std::string& got, const std::string& wanted, std::size_t max_bytes) {
  if (wanted.size() <= max_bytes) return check(got == wanted);
  check(wanted.starts_with(got) && got.size() <= max_bytes && got.size() + 3 >= max_bytes);
}

/// A click on `action` (one of the attachment's actions) by the person the buttons were meant for.
json click(const json& action, const mm::button_target& target, std::size_t index) {
  return {{"user_id", target.user.empty() ? "u1" : target.user},
          {"channel_id", target.channel.empty() ? "c1" : target.channel},
          {"post_id", "p" + std::to_string(index)},
          {"type", "button"},
          {"context", action.at("integration").at("context")}};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in{data, size};
  mm::button_target target;
  target.actions_url = "https://bot.example.com/mattermost/actions";
  target.key = "k3y";
  target.channel = in.ConsumeBool() ? "dmchannel" : "";
  target.user = in.ConsumeBool() ? "person" : "";
  // Small posts as well as Mattermost's limit: splitting is where rendering can go wrong.
  const std::size_t max_runes =
      in.ConsumeBool() ? mm::max_post_runes : in.ConsumeIntegralInRange<std::size_t>(16, 400);
  const core::message m = csibot::fuzz::message_from(in);

  const auto posts = mm::render(m, target, max_runes);
  for (std::size_t i = 0; i < posts.size(); ++i) {
    const auto& post = posts[i];
    check(mm::rune_count(post.message) <= max_runes);
    check(core::sanitize(post.message) == post.message);
    const auto dumped =
        json{{"message", post.message}, {"props", {{"attachments", post.attachments}}}}.dump();
    check(json::parse(dumped).at("message") == post.message);
    const bool last = i + 1 == posts.size();
    check(post.attachments.is_array() && (last || post.attachments.empty()));
  }
  if (m.buttons.empty() || posts.empty()) return 0;

  const auto& actions = posts.back().attachments.at(0).at("actions");
  check(actions.size() == m.buttons.size());
  for (std::size_t i = 0; i < actions.size(); ++i) {
    const auto clicked =
        mm::decode_action(click(actions[i], target, i), target.key, "botuserid00000000000000000");
    check(clicked.event.has_value() && clicked.event->action.has_value());
    // The button as rendered (sanitized, cut on a code point) is what the click names: the whole id
    // and value when they fit, else a prefix that ends within a code point's length of the cap.
    const auto& action = *clicked.event->action;
    check_cut(action.action_id, core::sanitize(m.buttons[i].action_id), mm::max_action_id_bytes);
    check_cut(action.value, core::sanitize(m.buttons[i].value), mm::max_value_bytes);
  }
  return 0;
}
