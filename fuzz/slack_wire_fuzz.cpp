// libFuzzer entry for everything csibot reads from Slack (bot/platform/slack): Socket Mode frames,
// Events API bodies, slash-command and interactivity forms, and Web API answers. Nothing may throw
// or crash, and the skipping JSON parser the socket uses must agree with nlohmann's own parser: the
// same tree (minus the members it was told to skip) or the same refusal, with parse_json's guards
// (nesting, raw NUL) on top.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "bot/platform/common/form.hpp"
#include "bot/platform/slack/api_answer.hpp"
#include "bot/platform/slack/form.hpp"
#include "bot/platform/slack/json_skip.hpp"
#include "bot/platform/slack/payloads.hpp"
#include "bot/platform/slack/socket_mode.hpp"
#include "core/json_depth.hpp"
#include "fuzz/support/check.hpp"

namespace {

namespace slack = csibot::platform::slack;
namespace platform = csibot::platform;
using json = nlohmann::json;

using csibot::fuzz::check;

bool skip_nothing(std::size_t, std::string_view, std::string_view) {
  return false;
}

bool skip_secret(std::size_t, std::string_view, std::string_view key) {
  return key == "secret";
}

/// `j` without any member named "secret", at any depth: what skip_secret should leave.
json without_secret(const json& j) {
  if (j.is_object()) {
    json out = json::object();
    for (const auto& [key, value] : j.items())
      if (key != "secret") out[key] = without_secret(value);
    return out;
  }
  if (j.is_array()) {
    json out = json::array();
    for (const auto& item : j)
      out.push_back(without_secret(item));
    return out;
  }
  return j;
}

void check_skipping_parser(std::string_view text) {
  const bool refused = text.find('\0') != std::string_view::npos ||
                       csibot::core::json_nests_deeper_than(text, platform::max_json_depth);
  const json reference = json::parse(text, nullptr, false);
  const json all = slack::parse_skipping(text, skip_nothing);
  const json some = slack::parse_skipping(text, skip_secret);
  if (refused || reference.is_discarded()) {
    check(all.is_discarded() && some.is_discarded());
    return;
  }
  check(!all.is_discarded() && all == reference);
  check(!some.is_discarded() && some == without_secret(reference));
}

void check_decoded(const slack::decoded& d) {
  check(d.response_url.size() <= slack::max_url_bytes);
  check(d.challenge.size() <= slack::max_challenge_bytes);
  if (!d.event) return;
  // An empty event_id is allowed (the dispatcher then does not dedupe the event); the platform is not.
  check(d.event->platform == "slack");
  check(d.event->text.size() <= slack::max_text_bytes);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text{reinterpret_cast<const char*>(data), size};
  check_skipping_parser(text);

  // Socket Mode: a frame, and the envelope it carries through the decoders.
  const auto frame = slack::parse_socket_frame(text, 64 * 1024);
  check(frame.what != slack::socket_frame::kind::malformed || !frame.reason.empty());
  if (frame.what == slack::socket_frame::kind::envelope) {
    check(!frame.envelope_id.empty() && frame.payload.is_object());
    check_decoded(slack::decode_envelope(frame.type, frame.payload, frame.envelope_id, "UBOT"));
    check_decoded(slack::decode_envelope(frame.type, frame.payload, frame.envelope_id, ""));
  }

  // HTTP mode: the same bytes as an Events API body, a slash command form and an interaction form.
  if (const auto body = platform::parse_json(text); body.ok()) {
    check_decoded(slack::decode_events_api(body.value, "UBOT"));
    check_decoded(slack::decode_interactive(body.value));
    check_decoded(slack::decode_slash_command(body.value));
  }
  if (const auto form = platform::parse_form(text); form.ok())
    check_decoded(slack::decode_slash_command(form.value));
  if (const auto form = slack::parse_interactive_form(text); form.ok())
    check_decoded(slack::decode_interactive(form.value));

  // A Web API answer: an object, or null when it is not one.
  const auto answer = slack::parse_api_answer(text);
  check(answer.is_null() || answer.is_object());
  return 0;
}
