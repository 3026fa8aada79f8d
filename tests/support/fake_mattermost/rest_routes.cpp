// The fake's HTTP answers (PLATFORMS.md §2.1, §2.3, §2.4): routing, the token check, faults, and the
// REST endpoints csibot uses, with Mattermost's status codes and AppError bodies.

#include <algorithm>
#include <charconv>

#include "support/fake_mattermost/rest_answers.hpp"
#include "support/fake_mattermost/state.hpp"

namespace csibot::testing {

using json = nlohmann::json;

namespace {

struct route {
  std::string endpoint = "unknown";
  std::string param;  // the id (or e-mail) in the path
};

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  while (!path.empty()) {
    const auto slash = path.find('/');
    if (slash != 0) out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

route match(std::string_view method, std::string_view path) {
  const auto s = segments(path);
  const auto is = [&](std::size_t n, std::string_view m) { return s.size() == n && method == m; };
  if (s.size() >= 3 && s[0] == "hooks" && s[1] == "commands" && is(3, "POST"))
    return {"hooks.command", std::string{s[2]}};
  if (s.size() < 3 || s[0] != "api" || s[1] != "v4") return {};
  if (s[2] == "users") {
    if (is(4, "GET") && s[3] == "me") return {"users.me", {}};
    if (is(5, "GET") && s[3] == "email") return {"users.email", percent_decode(s[4])};
    if (is(4, "GET")) return {"users.get", std::string{s[3]}};
  } else if (s[2] == "channels") {
    if (is(4, "POST") && s[3] == "direct") return {"channels.direct", {}};
    if (is(5, "GET") && s[4] == "posts") return {"channels.posts", std::string{s[3]}};
    if (is(5, "GET") && s[4] == "members") return {"channels.members", std::string{s[3]}};
  } else if (s[2] == "posts") {
    if (is(3, "POST")) return {"posts.create", {}};
    if (is(4, "POST") && s[3] == "ephemeral") return {"posts.ephemeral", {}};
    if (is(5, "PUT") && s[4] == "patch") return {"posts.patch", std::string{s[3]}};
  }
  return {};
}

std::optional<std::int64_t> query_int(std::string_view query, std::string_view key) {
  for (auto rest = query; !rest.empty();) {
    const auto amp = rest.find('&');
    const auto pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
    if (pair.size() <= key.size() || pair.substr(0, key.size()) != key || pair[key.size()] != '=') continue;
    const auto text = pair.substr(key.size() + 1);
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec == std::errc{} && end == text.data() + text.size()) return value;
  }
  return std::nullopt;
}

std::string string_at(const json& object, std::string_view key) {
  if (!object.is_object()) return {};
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

answer channels_direct(fake_mattermost::state& s, const json& body) {
  if (!body.is_array() || body.size() != 2 || !body[0].is_string() || !body[1].is_string())
    return app_error(400, "api.context.invalid_body_param.app_error",
                     "Invalid or missing user_ids in request body.");
  auto a = body[0].get<std::string>(), b = body[1].get<std::string>();
  if (a != s.options.bot.id && b != s.options.bot.id)
    return app_error(403, "api.context.permissions.app_error",
                     "You do not have the appropriate permissions.");
  if (!s.users.contains(a) || !s.users.contains(b))
    return app_error(400, "api.channel.create_direct_channel.invalid_user.app_error", "Invalid user ID.");
  return json_answer(201, s.channel_json(s.open_direct(std::move(a), std::move(b))));
}

// Mattermost's create_post: any account of the team may post in a public channel
// (create_post_public); other channels take membership.
bool may_post(const fake_mattermost::state& s, const mm_channel& c) {
  if (c.type == "O") return true;
  return std::find(c.members.begin(), c.members.end(), s.options.bot.id) != c.members.end();
}

answer posts_create(fake_mattermost::state& s, const json& body) {
  const auto channel = string_at(body, "channel_id");
  if (channel.empty())
    return app_error(400, "api.context.invalid_body_param.app_error",
                     "Invalid or missing post in request body.");
  // As createPost checks: the permission first (403), then whether the channel is archived (400).
  const auto c = s.channels.find(channel);
  if (c == s.channels.end() || !may_post(s, c->second))
    return app_error(403, "api.context.permissions.app_error",
                     "You do not have the appropriate permissions.");
  if (c->second.delete_at != 0)
    return app_error(400, "api.post.create_post.can_not_post_to_deleted.error",
                     "Can not post to deleted channel.");
  auto message = string_at(body, "message");
  if (utf8_length(message) > max_post_runes)
    return app_error(400, "model.post.is_valid.message_length.app_error", "Invalid Message property length.");
  auto root = string_at(body, "root_id");
  if (!root.empty() && !s.find_post(root))
    return app_error(400, "api.post.create_post.root_id.app_error", "Invalid RootId parameter.");
  auto& post =
      s.add_post(s.options.bot.id, channel, std::move(message), std::move(root), body.value("props", json{}));
  auto out = json_answer(201, post);
  if (s.echo_own_posts) s.broadcast_post("posted", post);  // Mattermost echoes the bot's own posts
  return out;
}

answer posts_patch(fake_mattermost::state& s, const std::string& id, const json& body) {
  auto* post = s.find_post(id);
  if (!post) return app_error(404, "app.post.get.app_error", "Unable to get the post.");
  if (!body.is_object())
    return app_error(400, "api.context.invalid_body_param.app_error",
                     "Invalid or missing patch in request body.");
  if (const auto m = body.find("message"); m != body.end() && m->is_string()) (*post)["message"] = *m;
  if (const auto p = body.find("props"); p != body.end() && p->is_object()) (*post)["props"] = *p;
  (*post)["update_at"] = (*post)["edit_at"] = s.now_millis();
  auto out = json_answer(200, *post);
  if (s.echo_own_posts) s.broadcast_post("post_edited", *post);
  return out;
}

answer posts_ephemeral(fake_mattermost::state& s, const json& body) {
  if (!s.allow_ephemeral)
    return app_error(403, "api.context.permissions.app_error",
                     "You do not have the appropriate permissions.");
  const auto user = string_at(body, "user_id");
  const auto post = body.is_object() ? body.value("post", json{}) : json{};
  const auto channel = string_at(post, "channel_id");
  if (user.empty() || channel.empty())
    return app_error(400, "api.context.invalid_body_param.app_error", "Invalid or missing user_id or post.");
  const auto at = s.now_millis();
  json out{{"id", s.make_id()},
           {"create_at", at},
           {"update_at", at},
           {"user_id", s.options.bot.id},
           {"channel_id", channel},
           {"root_id", string_at(post, "root_id")},
           {"message", string_at(post, "message")},
           {"type", "system_ephemeral"},
           {"props", post.value("props", json::object())}};
  s.ephemerals.push_back({++s.seq, user, channel, out});
  return json_answer(201, out);
}

answer channels_posts(fake_mattermost::state& s, const std::string& id, std::string_view query) {
  if (!s.channels.contains(id))
    return app_error(403, "api.context.permissions.app_error",
                     "You do not have the appropriate permissions.");
  // ?since=: what changed after that time (UpdateAt > since, as Mattermost's store asks); without it,
  // the newest page. Either way newest first in "order".
  const auto since = query_int(query, "since");
  json list{{"order", json::array()},
            {"posts", json::object()},
            {"next_post_id", ""},
            {"prev_post_id", ""},
            {"has_next", false}};
  std::size_t taken = 0;
  for (auto it = s.posts.rbegin(); it != s.posts.rend() && (since || taken < 60); ++it) {
    if ((*it)["channel_id"] != id) continue;
    if (since && (*it)["update_at"].get<std::int64_t>() <= *since) continue;
    list["order"].push_back((*it)["id"]);
    list["posts"][(*it)["id"].get<std::string>()] = *it;
    ++taken;
  }
  return json_answer(200, list);
}

answer channels_members(fake_mattermost::state& s, const std::string& id, std::string_view query) {
  const auto c = s.channels.find(id);
  if (c == s.channels.end())
    return app_error(403, "api.context.permissions.app_error",
                     "You do not have the appropriate permissions.");
  const auto page = std::max<std::int64_t>(query_int(query, "page").value_or(0), 0);
  const auto per_page = std::clamp<std::int64_t>(query_int(query, "per_page").value_or(60), 1, 200);
  json out = json::array();
  const auto& members = c->second.members;
  for (auto i = page * per_page; i < (page + 1) * per_page && i < static_cast<std::int64_t>(members.size());
       ++i) {
    out.push_back({{"channel_id", id},
                   {"user_id", members[static_cast<std::size_t>(i)]},
                   {"roles", "channel_user"},
                   {"last_viewed_at", 0},
                   {"msg_count", 0},
                   {"mention_count", 0},
                   {"notify_props", json::object()},
                   {"last_update_at", 0},
                   {"scheme_user", true},
                   {"scheme_admin", false}});
  }
  return json_answer(200, out);
}

answer hooks_command(fake_mattermost::state& s, const std::string& id, const json& body, std::string raw,
                     std::string_view authorization) {
  const auto hook = s.hooks.find(id);
  if (hook == s.hooks.end())
    return app_error(404, "web.command_webhook.invalid.app_error", "Unable to find the webhook.");
  // A response_url serves 5 posts (TryUse(hook.Id, 5)); the lifetime of 30 minutes is not modelled.
  if (++hook->second > 5)
    return app_error(400, "app.command_webhook.try_use.invalid", "The webhook has been used too many times.");
  if (!body.is_object())
    return app_error(400, "web.command_webhook.parse.app_error", "Unable to parse incoming data.");
  const auto channel = s.hook_channels.find(id);
  s.responses.push_back({++s.seq, id, body, std::move(raw), std::string{authorization},
                         channel == s.hook_channels.end() ? std::string{} : channel->second});
  return json_answer(200, {{"status", "OK"}});
}

answer dispatch(fake_mattermost::state& s, const route& r, std::string_view query, const json& body) {
  if (r.endpoint == "users.me") return json_answer(200, s.user_json(s.users.at(s.options.bot.id)));
  if (r.endpoint == "users.get" || r.endpoint == "users.email") {
    for (const auto& [id, u] : s.users)
      if (r.endpoint == "users.get" ? id == r.param : u.email == r.param)
        return json_answer(200, s.user_json(u));
    return app_error(404, "app.user.missing_account.const", "Unable to find the user.");
  }
  if (r.endpoint == "channels.direct") return channels_direct(s, body);
  if (r.endpoint == "channels.posts") return channels_posts(s, r.param, query);
  if (r.endpoint == "channels.members") return channels_members(s, r.param, query);
  if (r.endpoint == "posts.create") return posts_create(s, body);
  if (r.endpoint == "posts.patch") return posts_patch(s, r.param, body);
  if (r.endpoint == "posts.ephemeral") return posts_ephemeral(s, body);
  return app_error(404, "api.context.404.app_error", "Sorry, we could not find the page.");
}

}  // namespace

mm_http_reply fake_mattermost::state::handle_http(std::string_view method, std::string_view target,
                                                  std::string_view authorization,
                                                  std::string_view content_type, std::string body) {
  const auto q = target.find('?');
  const auto path = target.substr(0, q);
  const auto query = q == std::string_view::npos ? std::string_view{} : target.substr(q + 1);
  const auto r = match(method, path);
  auto parsed = body.empty() ? json{} : json::parse(body, nullptr, false);
  if (parsed.is_discarded()) parsed = nullptr;
  const bool hook = r.endpoint == "hooks.command";

  std::lock_guard lock{mutex};
  mm_call call{0,
               r.endpoint,
               std::string{method},
               std::string{path},
               std::string{query},
               std::string{authorization},
               std::string{content_type},
               parsed,
               0,
               {}};
  answer a;
  if (!hook && !token_ok(authorization)) {
    a = app_error(401, "api.context.session_expired.app_error",
                  "Invalid or expired session, please login again.");
  } else if (auto& queue = faults[r.endpoint]; !queue.empty() && queue.front().what != mm_fault::kind::pass) {
    a = faulted(queue.front(), rate_limit);
    queue.pop_front();
  } else {
    if (!queue.empty()) queue.pop_front();  // a pass
    a = hook ? hooks_command(*this, r.param, parsed, body, authorization) : dispatch(*this, r, query, parsed);
  }
  if (!hook && rate_limit > 0 && a.reply.status != 429)
    add_rate_headers(a.reply, rate_limit, rate_remaining, 1);
  call.status = a.reply.close ? 0 : a.reply.status;
  call.error_id = std::move(a.error_id);
  record(std::move(call));
  return std::move(a.reply);
}

}  // namespace csibot::testing
