// The fake's HTTP answers: /api/<method> (PLATFORMS.md §1.7 shapes, §5 rules) and /respond/<id>.
// Parsing happens outside the lock; recording and answering under it.

#include <algorithm>
#include <cstdio>

#include "support/fake_slack/state.hpp"

namespace csibot::testing {

using json = nlohmann::json;

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string form_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
               hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

/// The Node SDK sends forms (object args JSON-stringified inside), csibot and Python send JSON: the
/// fake takes both. Returns the args object, or a Slack error code.
std::pair<json, std::string> parse_args(std::string_view content_type, const std::string& body) {
  if (content_type.starts_with("application/json")) {
    auto args = json::parse(body, nullptr, false);
    if (args.is_discarded()) return {json::object(), "invalid_json"};
    if (!args.is_object()) return {json::object(), "json_not_object"};
    return {std::move(args), {}};
  }
  json args = json::object();
  std::string_view rest = body;
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const auto pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    args[form_decode(pair.substr(0, eq))] =
        eq == std::string_view::npos ? "" : form_decode(pair.substr(eq + 1));
  }
  return {std::move(args), {}};
}

std::string string_at(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

/// Slack's DM channel ids start with D; the fake derives one per user so that it is stable.
std::string dm_for(const std::string& user) {
  return "D" + (user.size() > 1 && (user[0] == 'U' || user[0] == 'W') ? user.substr(1) : user);
}

struct answer {
  http_reply reply;
  std::string error;
};

answer ok(json body) {
  body["ok"] = true;
  return {{200, "application/json; charset=utf-8", body.dump(), {}}, {}};
}

answer slack_error(std::string error) {
  return {{200, "application/json; charset=utf-8", json{{"ok", false}, {"error", error}}.dump(), {}},
          std::move(error)};
}

answer faulted(const fault& f) {
  switch (f.what) {
    case fault::kind::rate_limited:
      return {{429, "application/json; charset=utf-8", R"({"ok":false,"error":"ratelimited"})",
               std::to_string(f.retry_after.count())},
              "ratelimited"};
    case fault::kind::http_error:
      return {{f.status, "text/html", "<html>upstream failure</html>", {}},
              "http_" + std::to_string(f.status)};
    case fault::kind::slack_error:
    case fault::kind::pass:  // taken off the queue before: the call is answered as usual
      break;
  }
  return slack_error(f.error);
}

std::string next_ts(fake_slack::state& s) {
  const auto n = s.next_ts++;
  char text[32];
  std::snprintf(text, sizeof text, "%llu.%06llu", 1'700'000'000ULL + n / 1'000'000ULL, n % 1'000'000ULL);
  return text;
}

/// The error chat.postMessage answers for `channel`, "" when the bot may post there.
std::string refusal_in(const fake_slack::state& s, const std::string& channel) {
  const auto it = s.access.find(channel);
  if (it == s.access.end()) return {};
  switch (it->second) {
    case channel_access::member:
      return {};
    case channel_access::not_member:
      return "not_in_channel";
    case channel_access::hidden:
      return "channel_not_found";
    case channel_access::archived:
      return "is_archived";
  }
  return {};
}

answer post_message(fake_slack::state& s, const json& args) {
  auto channel = string_at(args, "channel");
  if (channel.empty()) return slack_error("channel_not_found");
  if (auto refused = refusal_in(s, channel); !refused.empty()) return slack_error(std::move(refused));
  if (!args.contains("text") && !args.contains("blocks")) return slack_error("no_text");
  if (channel[0] == 'U' || channel[0] == 'W') channel = dm_for(channel);  // a user id posts to the DM
  const auto ts = next_ts(s);
  s.messages.push_back(s.options.record_bodies ? args : json{});
  s.message_ts.push_back(ts);
  return ok({{"channel", channel},
             {"ts", ts},
             {"message",
              {{"type", "message"},
               {"text", args.value("text", json{""})},
               {"user", s.options.bot_user_id},
               {"bot_id", s.options.bot_id},
               {"ts", ts}}}});
}

answer user_info(fake_slack::state& s, const json& args) {
  const auto user = string_at(args, "user");
  if (user.empty()) return slack_error("user_not_found");
  fake_slack::state::person p{"en-US", "UTC", 0};
  if (const auto it = s.people.find(user); it != s.people.end()) p = it->second;
  return ok({{"user",
              {{"id", user},
               {"team_id", s.options.team_id},
               {"name", "user-" + user},
               {"real_name", "User " + user},
               {"deleted", false},
               {"is_bot", false},
               {"tz", p.tz},
               {"tz_offset", p.tz_offset},
               {"locale", p.locale},
               {"profile", {{"display_name", "user-" + user}, {"real_name", "User " + user}}}}}});
}

answer lookup_by_email(fake_slack::state& s, const json& args) {
  auto email = string_at(args, "email");
  for (auto& c : email)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  const auto it = s.emails.find(email);
  if (it == s.emails.end()) return slack_error("users_not_found");
  json found = json::parse(user_info(s, json{{"user", it->second}}).reply.body)["user"];
  return ok({{"user", std::move(found)}});
}

// Paged like Slack: `limit` per page (default 100), the cursor is the offset as text, and
// response_metadata.next_cursor is "" on the last page.
answer conversation_members(fake_slack::state& s, const json& args) {
  const auto it = s.channel_members.find(string_at(args, "channel"));
  if (it == s.channel_members.end()) return slack_error("channel_not_found");
  const auto limit_text = string_at(args, "limit");
  const std::size_t limit = limit_text.empty() ? 100 : std::max<std::size_t>(1, std::stoul(limit_text));
  const auto cursor = string_at(args, "cursor");
  const std::size_t from = cursor.empty() ? 0 : std::stoul(cursor);
  const auto& all = it->second;
  json page = json::array();
  for (std::size_t i = from; i < all.size() && i < from + limit; ++i)
    page.push_back(all[i]);
  const std::string next = from + limit < all.size() ? std::to_string(from + limit) : std::string{};
  return ok({{"members", std::move(page)}, {"response_metadata", {{"next_cursor", next}}}});
}

answer method(fake_slack::state& s, const std::string& name, const json& args) {
  const auto& o = s.options;
  if (name == "auth.test") {
    return ok({{"url", "https://fake.slack.com/"},
               {"team", o.team},
               {"user", "csibot"},
               {"team_id", o.team_id},
               {"user_id", o.bot_user_id},
               {"bot_id", o.bot_id},
               {"is_enterprise_install", false}});
  }
  if (name == "apps.connections.open") {
    const auto ticket = "ticket-" + std::to_string(++s.next_ticket);
    s.tickets.insert(ticket);
    return ok({{"url", "ws://127.0.0.1:" + std::to_string(s.port) + "/link/?ticket=" + ticket +
                           "&app_id=" + o.app_id}});
  }
  if (name == "chat.postMessage") return post_message(s, args);
  if (name == "chat.postEphemeral") {
    if (string_at(args, "channel").empty()) return slack_error("channel_not_found");
    if (string_at(args, "user").empty()) return slack_error("user_not_found");
    return ok({{"message_ts", next_ts(s)}});
  }
  if (name == "chat.update") {
    if (string_at(args, "channel").empty()) return slack_error("channel_not_found");
    if (string_at(args, "ts").empty()) return slack_error("message_not_found");
    return ok({{"channel", string_at(args, "channel")},
               {"ts", string_at(args, "ts")},
               {"text", args.value("text", json{""})}});
  }
  if (name == "conversations.open") {
    auto users = string_at(args, "users");
    if (users.empty()) return slack_error("users_list_not_supplied");
    users = users.substr(0, users.find(','));
    return ok({{"no_op", false}, {"already_open", false}, {"channel", {{"id", dm_for(users)}}}});
  }
  if (name == "users.info") return user_info(s, args);
  if (name == "users.lookupByEmail") return lookup_by_email(s, args);
  if (name == "conversations.members") return conversation_members(s, args);
  if (name == "views.open") return ok({{"view", {{"id", "V0001"}}}});
  return slack_error("unknown_method");
}

std::string bearer(std::string_view authorization) {
  constexpr std::string_view prefix = "Bearer ";
  return authorization.starts_with(prefix) ? std::string{authorization.substr(prefix.size())} : std::string{};
}

}  // namespace

http_reply fake_slack::state::handle_http(std::string_view /*method*/, std::string_view target,
                                          std::string_view authorization, std::string_view content_type,
                                          std::string body) {
  const auto path = target.substr(0, target.find('?'));
  if (path.starts_with("/respond/")) {
    auto parsed = options.record_bodies ? json::parse(body, nullptr, false) : json{};
    if (!options.record_bodies) body = std::string{};  // frees it: clear() would keep the capacity
    bool wake = false;
    {
      std::lock_guard lock{mutex};
      if (auto& queue = faults["respond"]; !queue.empty()) {
        const auto f = queue.front();
        queue.pop_front();
        if (f.what != fault::kind::pass) return faulted(f).reply;
      }
      std::string id{path.substr(9)};
      const auto channel = response_channels.find(id);
      responses.push_back({++seq, std::move(id), parsed.is_discarded() ? json{} : std::move(parsed),
                           std::move(body), std::string{authorization}, std::chrono::steady_clock::now(),
                           channel == response_channels.end() ? std::string{} : channel->second});
      wake = !responses_awaited.empty() && responses.size() >= *responses_awaited.begin();
    }
    // After unlocking, so that the woken waiter does not block on the mutex at once.
    if (wake) responses_changed.notify_all();
    return {200, "text/html", "ok", {}};
  }
  if (!path.starts_with("/api/")) return {404, "text/plain", "not found", {}};

  const std::string name{path.substr(5)};
  auto [args, parse_error] = parse_args(content_type, body);
  auto token = bearer(authorization);
  if (token.empty()) token = string_at(args, "token");

  std::lock_guard lock{mutex};
  const auto& expected = name == "apps.connections.open" ? options.app_token : options.bot_token;
  const auto& other = name == "apps.connections.open" ? options.bot_token : options.app_token;
  answer a;
  if (!parse_error.empty()) {
    a = slack_error(parse_error);
  } else if (token.empty()) {
    a = slack_error("not_authed");
  } else if (token != expected) {
    a = slack_error(token == other ? "not_allowed_token_type" : "invalid_auth");
  } else if (auto& queue = faults[name]; !queue.empty() && queue.front().what != fault::kind::pass) {
    a = faulted(queue.front());
    queue.pop_front();
  } else {
    if (!queue.empty()) queue.pop_front();  // a pass
    a = method(*this, name, args);
  }
  if (!options.record_bodies) args = json{};
  calls.push_back({++seq, name, std::move(args), std::string{authorization}, std::string{content_type},
                   a.reply.status, a.error});
  changed.notify_all();
  return std::move(a.reply);
}

}  // namespace csibot::testing
