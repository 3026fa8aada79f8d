#include "bot/platform/mattermost/events.hpp"

#include <cstdint>
#include <limits>

#include "bot/platform/common/form.hpp"
#include "bot/platform/mattermost/limits.hpp"
#include "core/text.hpp"

namespace csibot::platform::mattermost {
namespace {

using json = nlohmann::json;

// The post travels as a JSON string inside the event; besides the message it holds metadata
// (embeds, files, reactions), so its cap is far above the message's.
constexpr std::size_t max_post_json_bytes = 4U << 20U;
constexpr std::size_t max_error_bytes = 4'096;

server_frame bad(std::optional<std::int64_t> seq, std::string problem) {
  return {seq, malformed{std::move(problem)}};
}

// A non-negative integer that fits int64, or nullopt (a float, a string, a negative or a huge number).
std::optional<std::int64_t> non_negative(const json& v) {
  if (v.is_number_unsigned()) {
    const auto u = v.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return std::nullopt;
    return static_cast<std::int64_t>(u);
  }
  if (v.is_number_integer() && v.get<std::int64_t>() >= 0) return v.get<std::int64_t>();
  return std::nullopt;
}

// The member `key` of an object, or nullptr when `j` is not an object or has no such member.
const json* member(const json& j, const char* key) {
  if (!j.is_object()) return nullptr;
  const auto it = j.find(key);
  return it == j.end() ? nullptr : &*it;
}

// Mattermost marks integration posts with the string "true"; a boolean is accepted too.
bool flag(const json& props, const char* key) {
  const json* v = member(props, key);
  return v != nullptr && ((v->is_string() && *v == "true") || (v->is_boolean() && v->get<bool>()));
}

server_frame read_reply(const json& j) {
  const auto seq_reply = non_negative(j.at("seq_reply"));  // present: read_frame checked
  if (!seq_reply) return bad(std::nullopt, "seq_reply is not a non-negative integer");
  std::string problem;
  const payload_reader r(j, problem);
  reply out;
  out.seq_reply = *seq_reply;
  const std::string status = r.need("status", max_name_bytes);
  const payload_reader error = r.child("error");
  out.error_id = error.get("id", max_name_bytes);
  out.error_message = error.get("message", max_error_bytes);
  if (const auto data = j.find("data"); data != j.end() && !data->is_null()) {
    if (!data->is_object()) return bad(std::nullopt, "data is not an object");
    out.data = *data;
  }
  if (problem.empty() && status != "OK" && status != "FAIL") problem = "status is neither OK nor FAIL";
  if (!problem.empty()) return bad(std::nullopt, "reply: " + problem);
  out.ok = status == "OK";
  return {std::nullopt, std::move(out)};
}

server_frame read_hello(const json& j, std::optional<std::int64_t> seq) {
  std::string problem;
  const payload_reader r(j, problem);
  const payload_reader data = r.child("data");
  hello h;
  h.connection_id = data.need("connection_id", max_id_bytes);
  h.server_version = data.get("server_version", max_name_bytes);
  h.server_hostname = data.get("server_hostname", max_name_bytes);
  h.bot_user_id = r.child("broadcast").get("user_id", max_id_bytes);
  if (!problem.empty()) return bad(seq, "hello: " + problem);
  return {seq, std::move(h)};
}

server_frame read_posted(const json& j, std::optional<std::int64_t> seq, std::string_view bot_user_id) {
  std::string problem;
  const payload_reader data = payload_reader(j, problem).child("data");
  if (!problem.empty()) return bad(seq, "posted: " + problem);
  const json* post_text = member(j, "data");
  post_text = post_text == nullptr ? nullptr : member(*post_text, "post");
  // The server sends the post as a JSON string to be parsed again (PLATFORMS §2.2), never an object.
  if (post_text == nullptr || !post_text->is_string())
    return bad(seq, "posted: data.post is not a JSON string");
  const std::string channel_type = data.get("channel_type", max_name_bytes);
  const std::string sender = data.get("sender_name", max_name_bytes);
  const std::string team = data.get("team_id", max_id_bytes);
  const auto& post_json = post_text->get_ref<const std::string&>();
  if (post_json.size() > max_post_json_bytes) return bad(seq, "posted: data.post is too long");
  const parsed post = parse_json(post_json);
  if (!post.ok()) return bad(seq, "posted: data.post: " + post.error);

  const payload_reader p(post.value, problem, "post.");
  posted out;
  core::inbound& in = out.event;
  in.platform = platform_name;
  in.event_id = p.need("id", max_id_bytes);
  in.user = p.need("user_id", max_id_bytes);
  in.channel = p.need("channel_id", max_id_bytes);
  in.text = p.get("message", max_message_bytes);
  out.root_id = p.get("root_id", max_id_bytes);
  const std::string type = p.get("type", max_name_bytes);
  p.child("props");  // only to note a props that is not an object
  std::int64_t created = 0;
  if (const auto at = post.value.find("create_at"); at != post.value.end() && !at->is_null()) {
    const auto ms = non_negative(*at);
    if (!ms) problem = problem.empty() ? "post.create_at is not a non-negative integer" : problem;
    created = ms.value_or(0);
  }
  if (!problem.empty()) return bad(seq, "posted: " + problem);

  const auto ignore = [&](std::string why) { return server_frame{seq, ignored{"posted", std::move(why)}}; };
  if (type.starts_with("system_")) return ignore("a system message (" + type + ")");
  if (!type.empty()) return ignore("a post of type " + type + " (only ordinary posts are read)");
  if (!bot_user_id.empty() && in.user == bot_user_id) return ignore("the bot's own post");
  const json* props = member(post.value, "props");
  if (props != nullptr && (flag(*props, "from_bot") || flag(*props, "from_webhook")))
    return ignore("a post by a bot or a webhook");
  if (channel_type != "D") return ignore("not a direct message (channel_type " + channel_type + ")");
  if (core::trim(in.text).empty()) return ignore("a post without text");
  in.is_dm = true;
  in.team = team;
  in.user_name = sender.starts_with('@') ? sender.substr(1) : sender;
  out.created_at = core::from_millis(created);
  return {seq, std::move(out)};
}

server_frame read_frame(std::string_view text, std::string_view bot_user_id) {
  const parsed p = parse_json(text);
  if (!p.ok()) return bad(std::nullopt, p.error);
  const json& j = p.value;
  std::optional<std::int64_t> seq;
  if (const auto it = j.find("seq"); it != j.end() && !it->is_null()) {
    seq = non_negative(*it);
    if (!seq) return bad(std::nullopt, "seq is not a non-negative integer");
  }
  std::string problem;
  const std::string event = payload_reader(j, problem).get("event", max_name_bytes);
  if (!problem.empty()) return bad(seq, problem);
  if (event.empty()) {
    if (j.contains("seq_reply")) return read_reply(j);
    return bad(seq, "a frame with neither an event nor a seq_reply");
  }
  if (event == "hello") return read_hello(j, seq);
  if (event == "posted") return read_posted(j, seq, bot_user_id);
  return {seq, ignored{event, "event " + event + " is not handled"}};
}

std::string dump(const json& j) {
  // The token comes from configuration; a stray invalid byte must not throw here.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

server_frame decode_frame(std::string_view text, std::string_view bot_user_id) noexcept {
  try {
    return read_frame(text, bot_user_id);
  } catch (const std::exception&) {
    // Only allocation failure gets here; the read loop must still get an answer, not a crash.
    return bad(std::nullopt, "the frame could not be read");
  }
}

std::string authentication_challenge(std::int64_t seq, std::string_view token) {
  return dump({{"seq", seq}, {"action", "authentication_challenge"}, {"data", {{"token", token}}}});
}

std::string ping(std::int64_t seq) {
  return dump({{"seq", seq}, {"action", "ping"}});
}

}  // namespace csibot::platform::mattermost
