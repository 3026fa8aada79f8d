#include "bot/platform/slack/web_api.hpp"

#include <spdlog/spdlog.h>

#include <mutex>
#include <unordered_map>
#include <utility>

namespace csibot::platform::slack {

namespace asio = boost::asio;
using json = nlohmann::json;

namespace {

/// A result type that extends api_result, with the base filled in.
template <class T>
T extend(api_result base) {
  T out;
  static_cast<api_result&>(out) = std::move(base);
  return out;
}

/// The string at `key` of a JSON object, or "" (Slack omits fields rather than sending null).
std::string string_at(const json& object, std::string_view key) {
  if (!object.is_object()) return {};
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

// application/x-www-form-urlencoded (RFC 3986 unreserved characters kept, the rest %XX).
std::string form_encode(const std::vector<std::pair<std::string, std::string>>& args) {
  static constexpr std::string_view hex = "0123456789ABCDEF";
  std::string out;
  const auto add = [&out](std::string_view text) {
    for (const char c : text) {
      const auto u = static_cast<unsigned char>(c);
      if ((u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || c == '-' ||
          c == '_' || c == '.' || c == '~') {
        out += c;
      } else {
        out += '%';
        out += hex[u >> 4U];
        out += hex[u & 0x0FU];
      }
    }
  };
  for (const auto& [key, value] : args) {
    if (!out.empty()) out += '&';
    add(key);
    out += '=';
    add(value);
  }
  return out;
}

void read_person(user_result& out, const json& person) {
  out.id = string_at(person, "id");
  out.locale = string_at(person, "locale");
  out.tz = string_at(person, "tz");
  out.is_bot = person.value("is_bot", false);
  out.deleted = person.value("deleted", false);
  if (const auto it = person.find("tz_offset"); it != person.end() && it->is_number_integer()) {
    out.tz_offset = std::chrono::seconds{it->get<std::int64_t>()};
  }
}

}  // namespace

namespace {

class http_client_transport final : public http_transport {
 public:
  http_client_transport(asio::io_context& io, net::client_options options)
      : client_(io, std::move(options)) {}

  asio::awaitable<net::http_result> post(std::string url, net::header_map headers,
                                         std::string body) override {
    co_return co_await client_.request("POST", std::move(url), std::move(headers), std::move(body));
  }

 private:
  net::http_client client_;
};

}  // namespace

std::shared_ptr<http_transport> make_http_client_transport(asio::io_context& io,
                                                           net::client_options options) {
  return std::make_shared<http_client_transport>(io, std::move(options));
}

struct web_api::state {
  std::string api_url;
  net::header_map api_headers;      // Authorization + Content-Type, built once
  net::header_map respond_headers;  // Content-Type only: the response_url is the credential
  net::header_map form_headers;     // Authorization + the form Content-Type, for read methods
  std::shared_ptr<http_transport> transport;
  std::mutex dm_mutex;
  std::unordered_map<std::string, std::string> dm_channels;  // user id → D… channel id
  std::function<void(const std::string&, const std::string&)> dm_learned;

  /// Adds a DM unless the user has one, and tells the listener when it did.
  void learn_dm(const std::string& user, const std::string& channel) {
    {
      std::lock_guard lock{dm_mutex};
      if (!dm_channels.emplace(user, channel).second) return;
    }
    if (dm_learned) dm_learned(user, channel);
  }
};

web_api::web_api(asio::io_context& io, std::string api_url, std::string token,
                 std::shared_ptr<http_transport> transport)
    : state_(std::make_shared<state>()) {
  if (api_url.empty() || api_url.back() != '/') api_url += '/';
  state_->api_url = std::move(api_url);
  state_->api_headers.set("Authorization", "Bearer " + token);
  state_->api_headers.set("Content-Type", "application/json; charset=utf-8");
  state_->api_headers.set("Accept", "application/json");
  state_->respond_headers.set("Content-Type", "application/json; charset=utf-8");
  state_->form_headers.set("Authorization", "Bearer " + token);
  state_->form_headers.set("Content-Type", "application/x-www-form-urlencoded");
  state_->form_headers.set("Accept", "application/json");
  state_->transport = transport ? std::move(transport) : make_http_client_transport(io);
}

web_api::~web_api() = default;

asio::awaitable<api_result> web_api::call(std::string method, json args) {
  if (!args.is_object()) args = json::object();
  auto body = args.dump();  // a named local: GCC 12 and temporaries in co_await expressions
  co_return co_await call_raw(std::move(method), std::move(body));
}

asio::awaitable<api_result> web_api::call_raw(std::string method, std::string body) {
  const auto self = state_;  // outlives this frame's first suspension even if *this goes away
  auto response = co_await self->transport->post(self->api_url + method, self->api_headers, std::move(body));
  auto result = classify_api_response(response);
  if (!result.ok()) spdlog::warn("{}", describe(method, result));
  co_return result;
}

asio::awaitable<api_result> web_api::call_form(std::string method,
                                               std::vector<std::pair<std::string, std::string>> args) {
  const auto self = state_;
  auto response =
      co_await self->transport->post(self->api_url + method, self->form_headers, form_encode(args));
  auto result = classify_api_response(response);
  if (!result.ok()) spdlog::warn("{}", describe(method, result));
  co_return result;
}

asio::awaitable<auth_info> web_api::auth_test() {
  auth_info out = extend<auth_info>(co_await call("auth.test", json::object()));
  if (out.ok()) {
    out.user_id = string_at(out.body, "user_id");
    out.bot_id = string_at(out.body, "bot_id");
    out.team_id = string_at(out.body, "team_id");
    out.team = string_at(out.body, "team");
  }
  co_return out;
}

namespace {

message_result message_of(api_result result, std::string_view ts_key) {
  auto out = extend<message_result>(std::move(result));
  if (out.ok()) {
    out.channel = string_at(out.body, "channel");
    out.ts = string_at(out.body, ts_key);
  }
  return out;
}

}  // namespace

asio::awaitable<message_result> web_api::post_message(json body) {
  co_return message_of(co_await call("chat.postMessage", std::move(body)), "ts");
}

asio::awaitable<message_result> web_api::post_ephemeral(json body) {
  co_return message_of(co_await call("chat.postEphemeral", std::move(body)), "message_ts");
}

asio::awaitable<message_result> web_api::update(json body) {
  co_return message_of(co_await call("chat.update", std::move(body)), "ts");
}

std::string web_api::cached_dm(const std::string& user) const {
  std::lock_guard lock{state_->dm_mutex};
  const auto it = state_->dm_channels.find(user);
  return it == state_->dm_channels.end() ? std::string{} : it->second;
}

void web_api::remember_dm(const std::string& user, const std::string& channel) {
  state_->learn_dm(user, channel);
}

void web_api::on_dm_learned(std::function<void(const std::string&, const std::string&)> listener) {
  state_->dm_learned = std::move(listener);
}

asio::awaitable<dm_result> web_api::open_dm(std::string user) {
  const auto self = state_;
  {
    std::lock_guard lock{self->dm_mutex};
    if (const auto it = self->dm_channels.find(user); it != self->dm_channels.end()) {
      dm_result cached;
      cached.outcome = api_result::kind::ok;
      cached.channel = it->second;
      co_return cached;
    }
  }
  // GCC 12 miscompiles braced JSON initializers inside a co_await expression: build them first.
  json args{{"users", user}};
  auto out = extend<dm_result>(co_await call("conversations.open", std::move(args)));
  if (out.ok()) {
    out.channel = string_at(out.body.value("channel", json::object()), "id");
    if (out.channel.empty()) {
      out.outcome = api_result::kind::fatal;
      out.error = "invalid_response";
      spdlog::warn("{}", describe("conversations.open", out));
      co_return out;
    }
    self->learn_dm(user, out.channel);
  }
  co_return out;
}

asio::awaitable<user_result> web_api::user_info(std::string user) {
  // Form-encoded: users.info is a read method, and those do not take JSON bodies at Slack.
  std::vector<std::pair<std::string, std::string>> args{{"user", std::move(user)},
                                                        {"include_locale", "true"}};
  auto out = extend<user_result>(co_await call_form("users.info", std::move(args)));
  if (out.ok()) read_person(out, out.body.value("user", json::object()));
  co_return out;
}

asio::awaitable<user_result> web_api::lookup_by_email(std::string email) {
  std::vector<std::pair<std::string, std::string>> args{{"email", std::move(email)}};
  auto out = extend<user_result>(co_await call_form("users.lookupByEmail", std::move(args)));
  if (out.ok()) read_person(out, out.body.value("user", json::object()));
  co_return out;
}

asio::awaitable<members_page> web_api::conversation_members(std::string channel, std::string cursor,
                                                            int limit) {
  std::vector<std::pair<std::string, std::string>> args{{"channel", std::move(channel)},
                                                        {"limit", std::to_string(limit)}};
  if (!cursor.empty()) args.emplace_back("cursor", std::move(cursor));
  auto out = extend<members_page>(co_await call_form("conversations.members", std::move(args)));
  if (out.ok()) {
    if (const auto it = out.body.find("members"); it != out.body.end() && it->is_array()) {
      for (const auto& m : *it)
        if (m.is_string()) out.members.push_back(m.get<std::string>());
    }
    out.next_cursor = string_at(out.body.value("response_metadata", json::object()), "next_cursor");
  }
  co_return out;
}

asio::awaitable<api_result> web_api::respond(std::string response_url, json body) {
  auto text = body.dump();  // a named local: GCC 12 and temporaries in co_await expressions
  co_return co_await respond_raw(std::move(response_url), std::move(text));
}

asio::awaitable<api_result> web_api::respond_raw(std::string response_url, std::string body) {
  const auto self = state_;
  auto response =
      co_await self->transport->post(std::move(response_url), self->respond_headers, std::move(body));
  auto result = classify_respond_response(response);
  if (!result.ok()) spdlog::warn("{}", describe("response_url", result));
  co_return result;
}

}  // namespace csibot::platform::slack
