// The fake calling the bot as Mattermost would (PLATFORMS.md §2.4, §2.5): slash command forms and
// button-click integration requests. Blocking: each call runs its own io_context on the caller's
// thread, so the bot under test must run elsewhere (another thread or process).

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include "bot/net/http_client.hpp"
#include "support/fake_mattermost/state.hpp"
#include "support/url_encode.hpp"

namespace csibot::testing {

namespace asio = boost::asio;
using json = nlohmann::json;

namespace {

asio::awaitable<void> exchange(net::http_client& client, std::string url, net::header_map headers,
                               std::string body, mm_webhook_reply* out) {
  auto r = co_await client.request("POST", std::move(url), std::move(headers), std::move(body));
  if (!r.ok()) {
    out->error = r.message;
    co_return;
  }
  out->status = r.status;
  out->content_type = std::string{r.headers.find("Content-Type").value_or("")};
  out->body = std::move(r.body);
}

mm_webhook_reply send_request(std::string url, net::header_map headers, std::string body) {
  asio::io_context io;
  net::client_options options;
  options.keep_alive = false;
  net::http_client client(io, options);
  mm_webhook_reply out;
  asio::co_spawn(io, exchange(client, std::move(url), std::move(headers), std::move(body), &out),
                 asio::detached);
  io.run();
  return out;
}

bool has(const mm_form& fields, std::string_view key) {
  return std::any_of(fields.begin(), fields.end(), [&](const auto& f) { return f.first == key; });
}

std::string trim_slash(std::string url) {
  while (!url.empty() && url.back() == '/')
    url.pop_back();
  return url;
}

}  // namespace

mm_webhook_reply fake_mattermost::send_slash_command(std::string bot_base_url, mm_form fields,
                                                     std::string token) {
  {
    std::lock_guard lock{state_->mutex};
    auto& s = *state_;
    const auto user_id = s.user_order.empty() ? s.make_id() : s.user_order.front();
    const auto channel_id = s.channel_order.empty() ? s.make_id() : s.channel_order.front();
    const auto user = s.users.find(user_id);
    const auto channel = s.channels.find(channel_id);
    const auto hook = s.make_id();
    s.hooks[hook] = 0;
    const mm_form defaults{
        {"channel_id", channel_id},
        {"channel_name", channel != s.channels.end() ? channel->second.name : "town-square"},
        {"command", "/csi"},
        {"response_url", s.base_url() + "/hooks/commands/" + hook},
        {"team_domain", "fake"},
        {"team_id", s.options.team_id},
        {"text", ""},
        {"token", token},
        {"trigger_id", "fake-trigger-" + hook},
        {"user_id", user_id},
        {"user_name", user != s.users.end() ? user->second.username : "someone"}};
    for (const auto& [key, value] : defaults)
      if (!has(fields, key)) fields.emplace_back(key, value);
    for (const auto& [key, value] : fields)
      if (key == "channel_id") s.hook_channels[hook] = value;
  }
  std::string body;
  for (const auto& [key, value] : fields)
    body += (body.empty() ? "" : "&") + csibot::test::url_encode(key) + "=" + csibot::test::url_encode(value);
  net::header_map headers;
  headers.set("Authorization", "Token " + token);
  headers.set("Content-Type", "application/x-www-form-urlencoded");
  headers.set("Accept", "application/json");
  return send_request(trim_slash(std::move(bot_base_url)) + "/mattermost/command", std::move(headers),
                      std::move(body));
}

mm_webhook_reply fake_mattermost::click(std::string integration_url, json context, std::string user_id,
                                        std::string channel_id, std::string post_id) {
  json body;
  {
    std::lock_guard lock{state_->mutex};
    auto& s = *state_;
    const auto& user = s.ensure_user(user_id);
    const auto& channel = s.ensure_channel(channel_id);
    body = {{"user_id", user_id},
            {"user_name", user.username},
            {"channel_id", channel_id},
            {"channel_name", channel.name},
            {"team_id", channel.team_id},
            {"team_domain", "fake"},
            {"post_id", post_id},
            {"trigger_id", "fake-trigger-" + s.make_id()},
            {"type", "button"},
            {"data_source", ""},
            {"context", std::move(context)}};
  }
  net::header_map headers;
  headers.set("Content-Type", "application/json");
  auto reply = send_request(std::move(integration_url), std::move(headers), body.dump());
  if (reply.status != 200) return reply;
  // Apply the answer as Mattermost does: `update` edits the post (props: absent or null keep, {}
  // clears, an object replaces), `ephemeral_text` goes to the clicker only.
  const auto answer = json::parse(reply.body, nullptr, false);
  if (!answer.is_object()) return reply;
  std::lock_guard lock{state_->mutex};
  auto& s = *state_;
  if (const auto update = answer.find("update"); update != answer.end() && update->is_object()) {
    if (auto* stored = s.find_post(post_id)) {
      if (const auto m = update->find("message"); m != update->end() && m->is_string())
        (*stored)["message"] = *m;
      if (const auto p = update->find("props"); p != update->end() && p->is_object()) (*stored)["props"] = *p;
      (*stored)["update_at"] = (*stored)["edit_at"] = s.now_millis();
      s.broadcast_post("post_edited", *stored);
    }
  }
  if (const auto text = answer.find("ephemeral_text");
      text != answer.end() && text->is_string() && !text->empty()) {
    json shown = json::object();
    shown["channel_id"] = channel_id;
    shown["message"] = text->get<std::string>();
    s.ephemerals.push_back({++s.seq, user_id, channel_id, std::move(shown)});
  }
  s.changed.notify_all();
  return reply;
}

}  // namespace csibot::testing
