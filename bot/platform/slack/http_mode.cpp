// Slack's HTTP mode (PLATFORMS.md §1.3–§1.6): Events API, slash commands and interactivity POSTed to
// the bot's one HTTP port. Every request is checked before anything reads it: size, then the v0
// signature over the raw body with the real clock. Slack wants 2xx within 3 s, so the answer is an
// empty 200 at once and the work goes through the dispatch queue, as in Socket Mode.
#include <spdlog/spdlog.h>

#include <optional>

#include "bot/net/http_server.hpp"
#include "bot/platform/slack/adapter_state.hpp"
#include "bot/platform/slack/form.hpp"
#include "bot/platform/slack/signature.hpp"

namespace csibot::platform::slack {
namespace {

enum class endpoint { events, commands, interactivity };

std::chrono::sys_seconds now_seconds(const slack_platform::impl& self) {
  if (self.opts.signature_clock) return self.opts.signature_clock();
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

std::string_view header(const net::request& req, std::string_view name) {
  return req.headers.find(name).value_or(std::string_view{});
}

// Nothing after a refusal looks at the body: no parsing, no log of it (it may hold anything).
std::optional<net::response> refuse(slack_platform::impl& self, const net::request& req) {
  if (req.body.size() > self.opts.max_body) {
    ++self.refused;
    spdlog::warn("slack {}: refused a body of {} bytes (limit {})", req.target, req.body.size(),
                 self.opts.max_body);
    return net::response::text(413, "request too large\n");
  }
  const auto v = verify_signature(self.settings.signing_secret, header(req, "X-Slack-Request-Timestamp"),
                                  header(req, "X-Slack-Signature"), req.body, now_seconds(self));
  if (v.ok()) return std::nullopt;
  ++self.refused;
  spdlog::warn("slack {} from {}: refused, signature {}: {}", req.target, req.remote_address,
               to_string(v.result), v.reason);
  return net::response::text(401, "invalid signature\n");
}

net::response handle(slack_platform::impl& self, const net::request& req, endpoint kind) {
  if (auto refusal = refuse(self, req)) return std::move(*refusal);
  const std::string source = "POST " + req.target;
  // A signed body that does not parse is Slack's problem or a bug here: log it, answer 200 anyway so
  // that Slack does not redeliver the same unreadable request three times.
  parsed body;
  switch (kind) {
    case endpoint::events:
      body = parse_json(req.body);
      break;
    case endpoint::commands:
      body = parse_form(req.body);
      break;
    case endpoint::interactivity:
      body = parse_interactive_form(req.body);
      break;
  }
  if (!body.ok()) {
    spdlog::warn("slack {}: unreadable body skipped: {}", source, body.error);
    return net::response::text(200, "");
  }
  decoded d;
  switch (kind) {
    case endpoint::events:
      d = decode_events_api(body.value, self.bot_user_id);
      if (!d.challenge.empty())
        return net::response::json(200, nlohmann::json{{"challenge", d.challenge}}.dump());
      break;
    case endpoint::commands:
      d = decode_slash_command(body.value);
      break;
    case endpoint::interactivity:
      d = decode_interactive(body.value);
      break;
  }
  self.accept(std::move(d), source);
  return net::response::text(200, "");
}

}  // namespace

void slack_platform::install_routes(net::http_server& server) {
  if (impl_->settings.mode != "http") return;
  const std::weak_ptr<impl> weak = impl_;
  const auto route = [&server, weak](const char* path, endpoint kind) {
    server.add_route("POST", path, [weak, kind](const net::request& req) {
      const auto self = weak.lock();
      if (!self || self->stopped) return net::response::text(503, "shutting down\n");
      return handle(*self, req, kind);
    });
  };
  route("/slack/events", endpoint::events);
  route("/slack/commands", endpoint::commands);
  route("/slack/interactivity", endpoint::interactivity);
}

}  // namespace csibot::platform::slack
