#include "bot/platform/mattermost/rest_api.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>
#include <utility>

namespace csibot::platform::mattermost {

namespace asio = boost::asio;
using json = nlohmann::json;

namespace {

constexpr unsigned max_per_page = 200;  // PLATFORMS.md §2.1 paging

template <class T>
T extend(rest_result base) {
  T out;
  static_cast<rest_result&>(out) = std::move(base);
  return out;
}

std::string string_at(const json& object, std::string_view key) {
  if (!object.is_object()) return {};
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

std::int64_t int_at(const json& object, std::string_view key) {
  if (!object.is_object()) return 0;
  const auto it = object.find(key);
  return it != object.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

/// Percent-encodes one path segment: ids are [a-z0-9], but an e-mail address may hold '+' or '%'.
std::string path_segment(std::string_view text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '.' || c == '_' || c == '~' || c == '@') {
      out += c;
    } else {
      out += '%';
      out += hex[u >> 4U];
      out += hex[u & 0xFU];
    }
  }
  return out;
}

/// `<server>/api/v4` from config mattermost.url, with or without a trailing '/' or "/api/v4".
std::string base_of(std::string url) {
  while (!url.empty() && url.back() == '/')
    url.pop_back();
  constexpr std::string_view suffix = "/api/v4";
  if (!url.ends_with(suffix)) url += suffix;
  return url;
}

/// Marks an ok answer that lacks what the caller needs: Mattermost did not speak (a proxy page).
template <class T>
void require(T& out, bool present, std::string_view call) {
  if (!out.ok() || present) return;
  out.outcome = rest_result::kind::fatal;
  out.error = "invalid_response";
  spdlog::warn("{}", describe(call, out));
}

user_result user_of(rest_result result, std::string_view call) {
  auto out = extend<user_result>(std::move(result));
  if (!out.ok()) return out;
  out.id = string_at(out.body, "id");
  out.username = string_at(out.body, "username");
  out.email = string_at(out.body, "email");
  out.locale = string_at(out.body, "locale");
  const auto bot = out.body.is_object() ? out.body.find("is_bot") : out.body.end();
  out.is_bot = bot != out.body.end() && bot->is_boolean() && bot->get<bool>();
  // Mattermost's timezone is {"useAutomaticTimezone":"true","automaticTimezone":…,"manualTimezone":…}
  // with string booleans; the zone in effect is the one the user chose to use.
  const auto zone = out.body.is_object() ? out.body.find("timezone") : out.body.end();
  const auto tz = zone != out.body.end() ? *zone : json::object();
  const bool automatic = string_at(tz, "useAutomaticTimezone") != "false";
  out.timezone = string_at(tz, automatic ? "automaticTimezone" : "manualTimezone");
  if (out.timezone.empty()) out.timezone = string_at(tz, automatic ? "manualTimezone" : "automaticTimezone");
  require(out, !out.id.empty(), call);
  return out;
}

post_result post_of(rest_result result, std::string_view call) {
  auto out = extend<post_result>(std::move(result));
  if (!out.ok()) return out;
  out.post_id = string_at(out.body, "id");
  out.channel_id = string_at(out.body, "channel_id");
  out.create_at = int_at(out.body, "create_at");
  require(out, !out.post_id.empty(), call);
  return out;
}

}  // namespace

struct rest_api::state {
  state(asio::io_context& io, net::client_options options) : http(io, std::move(options)) {}

  net::http_client http;
  std::string base;
  std::string token;
  net::header_map api_headers;   // Authorization, Content-Type, Accept: built once
  net::header_map hook_headers;  // no Authorization: the response_url is the credential
  mutable std::mutex mutex;
  std::map<std::pair<std::string, std::string>, std::string> direct_channels;  // (bot, user) → id
  std::optional<rate_window> rate;
};

rest_api::rest_api(asio::io_context& io, std::string server_url, std::string token,
                   net::client_options options)
    : state_(std::make_shared<state>(io, std::move(options))) {
  state_->base = base_of(std::move(server_url));
  state_->api_headers.set("Authorization", "Bearer " + token);
  state_->api_headers.set("Content-Type", "application/json");
  state_->api_headers.set("Accept", "application/json");
  state_->hook_headers.set("Content-Type", "application/json");
  state_->hook_headers.set("Accept", "application/json");
  state_->token = std::move(token);
}

rest_api::~rest_api() = default;

const std::string& rest_api::base_url() const noexcept {
  return state_->base;
}

asio::awaitable<rest_result> rest_api::call(std::string method, std::string path, json body,
                                            std::string name) {
  const auto self = state_;  // outlives this frame's first suspension even if *this goes away
  auto payload = body.is_null() ? std::string{} : body.dump();
  auto response = co_await self->http.request(std::move(method), self->base + path, self->api_headers,
                                              std::move(payload));
  auto result = classify_response(response, self->token);
  if (result.rate) {
    std::lock_guard lock{self->mutex};
    self->rate = result.rate;
  }
  if (!result.ok()) spdlog::warn("{}", describe(name, result));
  co_return result;
}

asio::awaitable<user_result> rest_api::users_me() {
  co_return user_of(co_await call("GET", "/users/me", nullptr, "users/me"), "users/me");
}

asio::awaitable<user_result> rest_api::user(std::string user_id) {
  co_return user_of(co_await call("GET", "/users/" + path_segment(user_id), nullptr, "users/{id}"),
                    "users/{id}");
}

asio::awaitable<user_result> rest_api::user_by_email(std::string email) {
  auto path = "/users/email/" + path_segment(email);  // the address stays out of logs
  co_return user_of(co_await call("GET", std::move(path), nullptr, "users/email"), "users/email");
}

asio::awaitable<channel_result> rest_api::direct_channel(std::string bot_id, std::string user_id) {
  const auto self = state_;
  auto key = std::make_pair(bot_id, user_id);
  {
    std::lock_guard lock{self->mutex};
    if (const auto it = self->direct_channels.find(key); it != self->direct_channels.end()) {
      channel_result cached;
      cached.outcome = rest_result::kind::ok;
      cached.channel_id = it->second;
      co_return cached;
    }
  }
  json members = json::array({bot_id, user_id});  // not inside co_await: GCC 12 bug
  auto out = extend<channel_result>(
      co_await call("POST", "/channels/direct", std::move(members), "channels/direct"));
  if (out.ok()) out.channel_id = string_at(out.body, "id");
  require(out, !out.channel_id.empty(), "channels/direct");
  if (out.ok()) {
    std::lock_guard lock{self->mutex};
    self->direct_channels.emplace(std::move(key), out.channel_id);
  }
  co_return out;
}

asio::awaitable<post_result> rest_api::create_post(json body) {
  co_return post_of(co_await call("POST", "/posts", std::move(body), "posts"), "posts");
}

asio::awaitable<post_result> rest_api::patch_post(std::string post_id, json body) {
  auto path = "/posts/" + path_segment(post_id) + "/patch";
  co_return post_of(co_await call("PUT", std::move(path), std::move(body), "posts/patch"), "posts/patch");
}

asio::awaitable<post_result> rest_api::ephemeral_post(std::string user_id, json post) {
  json body{{"user_id", std::move(user_id)}, {"post", std::move(post)}};
  co_return post_of(co_await call("POST", "/posts/ephemeral", std::move(body), "posts/ephemeral"),
                    "posts/ephemeral");
}

asio::awaitable<posts_result> rest_api::posts_since(std::string channel_id, std::int64_t since_ms) {
  auto path = "/channels/" + path_segment(channel_id) + "/posts?since=" + std::to_string(since_ms);
  auto out = extend<posts_result>(co_await call("GET", std::move(path), nullptr, "channels/posts"));
  if (!out.ok()) co_return out;
  // A PostList: {"order":[ids, newest first],"posts":{id:Post}}. The map also holds thread roots
  // that did not change; order alone says what is new, but both are kept: a root may be missed too.
  const auto posts = out.body.is_object() ? out.body.value("posts", json::object()) : json{};
  require(out, posts.is_object(), "channels/posts");
  if (!out.ok()) co_return out;
  for (const auto& [id, post] : posts.items())
    if (post.is_object()) out.posts.push_back(post);
  std::stable_sort(out.posts.begin(), out.posts.end(), [](const json& a, const json& b) {
    return int_at(a, "create_at") < int_at(b, "create_at");
  });
  co_return out;
}

asio::awaitable<members_result> rest_api::channel_members(std::string channel_id, unsigned page,
                                                          unsigned per_page) {
  per_page = std::clamp(per_page, 1U, max_per_page);
  auto path = "/channels/" + path_segment(channel_id) + "/members?page=" + std::to_string(page) +
              "&per_page=" + std::to_string(per_page);
  auto out = extend<members_result>(co_await call("GET", std::move(path), nullptr, "channels/members"));
  require(out, out.body.is_array(), "channels/members");
  if (!out.ok()) co_return out;
  for (const auto& member : out.body) {
    auto id = string_at(member, "user_id");
    if (!id.empty()) out.user_ids.push_back(std::move(id));
  }
  out.more = out.body.size() >= per_page;
  co_return out;
}

asio::awaitable<rest_result> rest_api::post_to_response_url(std::string url, json body) {
  const auto self = state_;
  auto response = co_await self->http.request("POST", std::move(url), self->hook_headers, body.dump());
  auto result = classify_response(response, self->token);
  if (!result.ok()) spdlog::warn("{}", describe("response_url", result));
  co_return result;
}

std::optional<rate_window> rest_api::last_rate_window() const {
  std::lock_guard lock{state_->mutex};
  return state_->rate;
}

}  // namespace csibot::platform::mattermost
