#include "bot/platform/slack/payloads.hpp"

#include "bot/platform/slack/blocks.hpp"
#include "bot/platform/slack/form.hpp"
#include "bot/platform/slack/mrkdwn.hpp"
#include "core/text.hpp"

namespace csibot::platform::slack {
namespace {

using json = nlohmann::json;

decoded ignore(std::string why) {
  decoded d;
  d.ignored = std::move(why);
  return d;
}

core::inbound make_inbound() {
  core::inbound in;
  in.platform = platform_name;
  return in;
}

// The bot's own user id as Slack states it in the body itself (one authorization per delivery).
std::string authorized_user(const json& outer) {
  const auto list = outer.find("authorizations");
  if (list == outer.end() || !list->is_array() || list->empty()) return {};
  std::string unused;
  return payload_reader(list->front(), unused).get("user_id");
}

}  // namespace

decoded decode_slash_command(const json& fields, std::string_view envelope_id) {
  if (!fields.is_object()) return ignore("slash command: not a JSON object");
  std::string problem;
  payload_reader r(fields, problem);
  // Public distribution sends these to check the certificate; they carry no command (Bolt skips them).
  if (r.get("ssl_check") == "1") return ignore("slash command: ssl_check");
  auto in = make_inbound();
  in.command = r.need("command");
  in.text = unescape(r.get("text", max_text_bytes));
  in.user = r.need("user_id");
  in.user_name = r.get("user_name");
  in.channel = r.need("channel_id");
  in.team = r.get("team_id");
  const std::string trigger = r.get("trigger_id");
  decoded d;
  d.response_url = r.get("response_url", max_url_bytes);
  if (problem.empty() && !in.command->starts_with('/')) problem = "command does not start with '/'";
  if (!problem.empty()) {
    d.ignored = "slash command: " + problem;
    return d;
  }
  in.is_dm = in.channel.starts_with('D');
  // No event id exists for a command. In Socket Mode the envelope id names the delivery; over HTTP
  // the trigger id is unique per invocation (Slack does not retry commands, so either suffices).
  in.event_id = envelope_id.empty() ? trigger : std::string(envelope_id);
  d.event = std::move(in);
  return d;
}

decoded decode_events_api(const json& outer, std::string_view bot_user_id) {
  if (!outer.is_object()) return ignore("events: not a JSON object");
  std::string problem;
  payload_reader r(outer, problem);
  const std::string type = r.need("type");
  if (type == "url_verification") {
    decoded d;
    d.challenge = r.need("challenge", max_challenge_bytes);
    if (!problem.empty()) d.ignored = "url_verification: " + problem;
    return d;
  }
  if (!problem.empty()) return ignore("events: " + problem);
  if (type == "app_rate_limited") {
    auto d = ignore("events: Slack is dropping events (app_rate_limited, minute " +
                    std::to_string(outer.value("minute_rate_limited", std::int64_t{0})) + ")");
    d.events_dropped = true;
    return d;
  }
  if (type != "event_callback") return ignore("events: body type " + type + " is not handled");

  payload_reader ev = r.child("event");
  const std::string kind = ev.need("type");
  if (!problem.empty()) return ignore("events: " + problem);
  if (kind == "app_mention") return ignore("events: app_mention (csibot answers in DMs and to its command)");
  if (kind != "message") return ignore("events: event type " + kind + " is not handled");
  // Edits, deletions, joins, file shares, bot_message …: none is a person writing to the bot.
  if (ev.has("subtype")) return ignore("events: message subtype " + ev.get("subtype"));
  if (ev.has("bot_id")) return ignore("events: a bot's message");
  const std::string channel_type = ev.get("channel_type");
  if (channel_type != "im") return ignore("events: not a direct message (channel_type " + channel_type + ")");
  auto in = make_inbound();
  in.user = ev.need("user");
  const std::string self = bot_user_id.empty() ? authorized_user(outer) : std::string(bot_user_id);
  if (!self.empty() && in.user == self) return ignore("events: the bot's own message");
  in.channel = ev.need("channel");
  in.text = unescape(ev.get("text", max_text_bytes));
  in.event_id = r.need("event_id");
  in.team = ev.get("team");
  if (in.team.empty()) in.team = r.get("team_id");
  if (!problem.empty()) return ignore("events: " + problem);
  if (core::trim(in.text).empty()) return ignore("events: a message without text");
  in.is_dm = true;
  decoded d;
  d.event = std::move(in);
  return d;
}

decoded decode_interactive(const json& payload, std::string_view envelope_id) {
  if (!payload.is_object()) return ignore("interactive: not a JSON object");
  std::string problem;
  payload_reader r(payload, problem);
  const std::string type = r.need("type");
  if (!problem.empty()) return ignore("interactive: " + problem);
  if (type != "block_actions") return ignore("interactive: type " + type + " is not handled");
  payload_reader container = r.child("container");
  if (container.get("type") == "view") return ignore("interactive: an action in a modal (csibot opens none)");
  const auto actions = payload.find("actions");
  if (actions == payload.end() || !actions->is_array() || actions->empty()) {
    return ignore("interactive: block_actions without actions");
  }
  // Slack sends the one element that was clicked.
  payload_reader clicked(actions->front(), problem, "actions[0].");
  core::action a;
  a.action_id = std::string(base_action_id(clicked.need("action_id")));
  a.value = clicked.get("value", max_value_bytes);
  a.message_id = container.get("message_ts");
  if (a.message_id.empty()) a.message_id = r.child("message").get("ts");

  auto in = make_inbound();
  in.channel = container.get("channel_id");
  if (in.channel.empty()) in.channel = r.child("channel").need("id");
  payload_reader user = r.child("user");
  in.user = user.need("id");
  in.user_name = user.get("username");
  if (in.user_name.empty()) in.user_name = user.get("name");
  in.team = r.child("team").get("id");
  if (in.team.empty()) in.team = user.get("team_id");
  const std::string trigger = r.get("trigger_id");
  decoded d;
  d.response_url = r.get("response_url", max_url_bytes);
  if (!problem.empty()) {
    d.ignored = "interactive: " + problem;
    return d;
  }
  // A message csibot posted in a DM proves that DM is csibot's; an ephemeral one came through a
  // response_url, which works in any DM, also in one between two people where csibot cannot post.
  in.is_dm = in.channel.starts_with('D') && !container.flag("is_ephemeral");
  in.event_id = envelope_id.empty() ? trigger : std::string(envelope_id);
  in.action = std::move(a);
  d.event = std::move(in);
  return d;
}

decoded decode_envelope(std::string_view type, const json& payload, std::string_view envelope_id,
                        std::string_view bot_user_id) {
  if (type == "events_api") return decode_events_api(payload, bot_user_id);
  if (type == "slash_commands") return decode_slash_command(payload, envelope_id);
  if (type == "interactive") return decode_interactive(payload, envelope_id);
  return ignore("envelope type " + std::string{type} + " is not handled");
}

}  // namespace csibot::platform::slack
