// The ticket webhooks' routes: each call's size and signature checked before its body is parsed,
// its outcome counted, and the hooks' answers when no [hooks] secret is configured.
#include "bot/runtime/ticket_hooks.hpp"

#include <spdlog/spdlog.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "bot/net/http_server.hpp"
#include "bot/platform/common/crypto.hpp"
#include "bot/runtime/hook_fields.hpp"
#include "bot/runtime/hook_signature.hpp"
#include "bot/runtime/ticket_hook_handlers.hpp"
#include "config/settings.hpp"

namespace csibot::runtime {
namespace {

using json = nlohmann::json;
using detail::hook_context;
using net::request;
using net::response;

constexpr std::string_view resolved_route = ticket_hook_names[0];
constexpr std::string_view reopened_route = ticket_hook_names[1];

response error_response(const rejection& r) {
  return response::json(r.status, detail::dump(json{{"error", r.reason}}));
}

using hook_fn = response (*)(hook_context&, const json&, core::timestamp);

hook_outcome outcome_of(const rejection& e) {
  switch (e.status) {
    case 401:
      return hook_outcome::unauthorized;
    case 404:
      return hook_outcome::unknown_service;
    case 413:
      return hook_outcome::too_large;
    default:
      return hook_outcome::bad_request;
  }
}

void count(const ticket_hook_wiring& wiring, std::string_view route, hook_outcome o) {
  if (wiring.count) wiring.count(route, o);
}

response reject(const ticket_hook_wiring& wiring, std::string_view route, const request& r,
                const rejection& e, hook_outcome o) {
  count(wiring, route, o);
  spdlog::warn("hooks: {} from {} rejected with {}: {}", route, r.remote_address, e.status,
               loggable(e.reason));
  return error_response(e);
}

// Size, signature, then the body: each step answers on its own so that nothing unauthenticated is
// parsed and nothing invalid is stored.
response handle(hook_context& ctx, std::string_view route, hook_fn fn, const request& r) {
  const auto now = ctx.wiring.now();
  try {
    if (r.body.size() > max_hook_body) throw rejection{413, "body larger than 65536 bytes"};
    if (auto problem = signature_problem(ctx.hooks.secret, r, now)) throw rejection{401, std::move(*problem)};
    auto accepted = fn(ctx, parse_body(r.body), now);
    count(ctx.wiring, route, hook_outcome::accepted);
    return accepted;
  } catch (const rejection& e) {
    return reject(ctx.wiring, route, r, e, outcome_of(e));
  } catch (...) {
    // The server answers 500 and logs it once; counted here, so that an alert on errors sees it.
    count(ctx.wiring, route, hook_outcome::error);
    throw;
  }
}

}  // namespace

bool ticket_sampled(std::string_view service, std::string_view ticket, double share) {
  if (share >= 1.0) return true;
  if (!(share > 0.0)) return false;  // also NaN
  // SHA-256 rather than std::hash: the choice must be the same across restarts, builds and
  // platforms. The NUL separates the two so that ("ab", "c") and ("a", "bc") differ.
  std::string key;
  key.reserve(service.size() + 1 + ticket.size());
  key.append(service).push_back('\0');
  key.append(ticket);
  const std::string digest = platform::crypto::sha256(key);
  if (digest.size() < 8) {
    return true;  // cannot happen with SHA-256; asking is the safer failure than silently never asking
  }
  std::uint64_t bits = 0;
  for (std::size_t i = 0; i < 8; ++i)
    bits = (bits << 8U) | static_cast<unsigned char>(digest[i]);
  // The top 53 bits as a uniform double in [0, 1).
  const double point = static_cast<double>(bits >> 11U) / 9007199254740992.0;
  return point < share;
}

std::string_view to_string(hook_outcome o) {
  switch (o) {
    case hook_outcome::accepted:
      return "accepted";
    case hook_outcome::unauthorized:
      return "unauthorized";
    case hook_outcome::bad_request:
      return "bad_request";
    case hook_outcome::unknown_service:
      return "unknown_service";
    case hook_outcome::not_configured:
      return "not_configured";
    case hook_outcome::too_large:
      return "too_large";
    case hook_outcome::error:
      return "error";
  }
  return "error";
}

void install_ticket_hooks(net::http_server& server, storage::database& db, const config::settings& cfg,
                          ticket_hook_wiring wiring) {
  if (!cfg.hooks || cfg.hooks->secret.empty()) {
    // Installed anyway, so that a misdirected ITSM tool gets a reason and the operator a warn line per
    // call. Debug at start, not info: most installations use no ITSM webhook, and a start-up line
    // about a feature they never configured is noise (and `csibot run` promises one line on failure).
    spdlog::debug("hooks: no [hooks] secret configured; /hooks/ticket-* answer 404");
    for (const auto route : {resolved_route, reopened_route}) {
      server.add_route("POST", "/hooks/" + std::string{route}, [route, wiring](const request& r) {
        const rejection e{404, "ticket webhooks are not configured (no [hooks] secret)"};
        return reject(wiring, route, r, e, hook_outcome::not_configured);
      });
    }
    return;
  }
  auto ctx = std::make_shared<hook_context>(hook_context{db, *cfg.hooks, std::move(wiring)});
  server.add_route("POST", "/hooks/ticket-resolved",
                   [ctx](const request& r) { return handle(*ctx, resolved_route, detail::on_resolved, r); });
  server.add_route("POST", "/hooks/ticket-reopened",
                   [ctx](const request& r) { return handle(*ctx, reopened_route, detail::on_reopened, r); });
}

}  // namespace csibot::runtime
