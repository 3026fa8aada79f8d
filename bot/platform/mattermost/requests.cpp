#include "bot/platform/mattermost/requests.hpp"

#include <initializer_list>

#include "bot/platform/common/crypto.hpp"
#include "bot/platform/mattermost/limits.hpp"

namespace csibot::platform::mattermost {
namespace {

using json = nlohmann::json;

constexpr std::size_t mattermost_id_chars = 26;

// A direct channel is named after its two members' ids: "<id>__<id>" (PLATFORMS §2.2).
bool is_direct_channel_name(std::string_view name) {
  return name.size() == 2 * mattermost_id_chars + 2 && name.substr(mattermost_id_chars, 2) == "__";
}

// A direct channel's name is its two members' ids; only a DM one of whose members is the bot is the
// bot's. A command typed in a DM between two people (or in someone's DM with themselves) names that
// channel, where the bot cannot post: it is answered like a command in any channel.
bool is_bots_direct_channel(std::string_view name, std::string_view bot_user_id) {
  if (!is_direct_channel_name(name) || bot_user_id.empty()) return false;
  return name.substr(0, mattermost_id_chars) == bot_user_id ||
         name.substr(mattermost_id_chars + 2) == bot_user_id;
}

// A stable id for a delivery that came without a trigger_id: length-prefixed fields, hashed.
std::string hashed_event_id(std::initializer_list<std::string_view> fields) {
  std::string canonical;
  for (const auto f : fields) {
    canonical += std::to_string(f.size());
    canonical += ':';
    canonical += f;
  }
  return "h" + crypto::to_hex(crypto::sha256(canonical)).substr(0, 32);
}

std::vector<mention> pair_up(const payload_reader& r, const char* names_key, const char* ids_key) {
  const std::vector<std::string> names = r.list(names_key, max_name_bytes);
  const std::vector<std::string> ids = r.list(ids_key, max_id_bytes);
  std::vector<mention> out;
  if (names.size() != ids.size()) return out;
  for (std::size_t i = 0; i < names.size(); ++i)
    out.push_back({names[i], ids[i]});
  return out;
}

}  // namespace

parsed parse_command_form(std::string_view body) {
  return parse_form(body, repeated_names::collect);
}

command_request decode_command(const json& fields, std::string_view bot_user_id) {
  command_request out;
  if (!fields.is_object()) {
    out.ignored = "slash command: not a JSON object";
    return out;
  }
  std::string problem;
  const payload_reader r(fields, problem);
  core::inbound in;
  in.platform = platform_name;
  in.command = r.need("command", max_name_bytes);
  in.text = r.get("text", max_message_bytes);
  in.user = r.need("user_id", max_id_bytes);
  in.user_name = r.get("user_name", max_name_bytes);
  in.channel = r.need("channel_id", max_id_bytes);
  in.team = r.get("team_id", max_id_bytes);
  const std::string channel_name = r.get("channel_name", max_name_bytes);
  const std::string trigger = r.get("trigger_id", max_name_bytes);
  out.token = r.get("token", max_name_bytes);
  out.response_url = r.get("response_url", max_url_bytes);
  // Mentions only help; a malformed list must not cost the person their command.
  std::string mention_problem;
  const payload_reader m(fields, mention_problem);
  out.user_mentions = pair_up(m, "user_mentions", "user_mentions_ids");
  out.channel_mentions = pair_up(m, "channel_mentions", "channel_mentions_ids");
  if (problem.empty() && !in.command->starts_with('/')) problem = "command does not start with '/'";
  if (!problem.empty()) {
    out.ignored = "slash command: " + problem;
    return out;
  }
  in.is_dm = is_bots_direct_channel(channel_name, bot_user_id);
  // `/csi ask vpn @bob ~ops` needs ids; the server resolved the names it recognised.
  for (const auto& u : out.user_mentions)
    in.mentions.emplace_back("@" + u.name, u.id);
  for (const auto& c : out.channel_mentions)
    in.mentions.emplace_back("~" + c.name, c.id);
  // Mattermost does not retry commands; the id only has to be unique per invocation and stable.
  in.event_id = !trigger.empty()
                    ? trigger
                    : hashed_event_id({*in.command, in.text, in.user, in.channel, in.team, out.response_url});
  out.event = std::move(in);
  return out;
}

bool command_token_ok(std::string_view authorization_header, std::string_view token_field,
                      std::string_view expected) {
  if (expected.empty()) return false;
  if (!authorization_header.empty()) {
    // Comparing the whole header against the whole expected value keeps the scheme check constant-time
    // as well, and "Token " is exactly what the server sends (§2.4).
    const std::string wanted = "Token " + std::string(expected);
    return crypto::constant_time_equal(authorization_header, wanted);
  }
  return !token_field.empty() && crypto::constant_time_equal(token_field, expected);
}

action_request decode_action(const json& body, std::string_view key, std::string_view bot_user_id) {
  action_request out;
  if (!body.is_object()) {
    out.ignored = "action: not a JSON object";
    return out;
  }
  std::string problem;
  const payload_reader r(body, problem);
  core::inbound in;
  in.platform = platform_name;
  in.user = r.need("user_id", max_id_bytes);
  in.user_name = r.get("user_name", max_name_bytes);
  in.channel = r.need("channel_id", max_id_bytes);
  in.team = r.get("team_id", max_id_bytes);
  const std::string channel_name = r.get("channel_name", max_name_bytes);
  const std::string post_id = r.need("post_id", max_id_bytes);
  const std::string trigger = r.get("trigger_id", max_name_bytes);
  const std::string type = r.get("type", max_name_bytes);
  r.child("context");  // notes a context that is not an object
  if (!problem.empty()) {
    out.ignored = "action: " + problem;
    return out;
  }
  if (!type.empty() && type != "button") {
    out.ignored = "action: type " + type + " is not handled (csibot renders buttons only)";
    return out;
  }
  const auto ctx = body.find("context");
  context_verification v = verify_context(ctx == body.end() ? json() : *ctx, key, in.channel, in.user);
  out.check = v.result;
  if (!v.ok()) {
    out.ignored = "action: " + std::string(v.reason);
    return out;
  }
  in.is_dm = is_bots_direct_channel(channel_name, bot_user_id);
  in.event_id =
      !trigger.empty() ? trigger : hashed_event_id({post_id, in.user, v.context.action_id, v.context.value});
  in.action = core::action{std::move(v.context.action_id), std::move(v.context.value), post_id};
  out.event = std::move(in);
  return out;
}

}  // namespace csibot::platform::mattermost
