#include "bot/runtime/ticket_hooks.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

#include "bot/net/http_server.hpp"
#include "bot/platform/common/crypto.hpp"
#include "config/settings.hpp"
#include "core/json_depth.hpp"
#include "core/prompt.hpp"
#include "core/ref.hpp"
#include "storage/database.hpp"
#include "storage/prompt_repository.hpp"
#include "storage/repositories.hpp"

namespace csibot::runtime {
namespace {

using json = nlohmann::json;
using net::request;
using net::response;

constexpr std::string_view signature_prefix = "sha256=";
constexpr std::size_t hex_digits = 64;  // SHA-256 is 32 bytes
// 11 digits reach the year 5138; more can only be an attack on the integer conversion.
constexpr std::size_t max_timestamp_digits = 11;
// Ticket keys of Jira, ServiceNow, GLPI and Zammad are short; the cap keeps logs and rows sane.
constexpr std::size_t max_ticket_length = 200;
// RFC 5321: 254 characters is the longest address that can be used in a path.
constexpr std::size_t max_email_length = 254;
constexpr std::string_view resolved_route = ticket_hook_names[0];
constexpr std::string_view reopened_route = ticket_hook_names[1];

// A webhook that is turned away: the status and a reason that is safe to show the caller and to log
// (it never contains the secret or the signature).
struct rejection {
  unsigned status;
  std::string reason;
};

// HMAC-SHA256 as 64 lowercase hex digits, or "" when OpenSSL fails.
std::string hex_hmac(std::string_view secret, std::string_view timestamp, std::string_view body) {
  std::string base;
  base.reserve(timestamp.size() + 1 + body.size());
  base.append(timestamp).append(".").append(body);
  return platform::crypto::to_hex(platform::crypto::hmac_sha256(secret, base));
}

bool is_lower_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Why the request's signature is not acceptable, or nullopt when it is. Works on the raw bytes only:
// nothing of the body is interpreted before the sender has been authenticated.
std::optional<std::string> signature_problem(std::string_view secret, const request& r, core::timestamp now) {
  const auto timestamp = r.headers.find("X-Csibot-Timestamp");
  const auto signature = r.headers.find("X-Csibot-Signature");
  if (!timestamp || timestamp->empty()) return "missing X-Csibot-Timestamp header";
  if (!signature || signature->empty()) return "missing X-Csibot-Signature header";

  std::int64_t seconds = 0;
  const auto* const end = timestamp->data() + timestamp->size();
  if (timestamp->size() > max_timestamp_digits ||
      !std::all_of(timestamp->begin(), timestamp->end(), is_digit) ||
      std::from_chars(timestamp->data(), end, seconds).ptr != end) {
    return "X-Csibot-Timestamp is not decimal Unix seconds";
  }
  const std::string_view hex = signature->substr(std::min(signature_prefix.size(), signature->size()));
  if (!signature->starts_with(signature_prefix) || hex.size() != hex_digits ||
      !std::all_of(hex.begin(), hex.end(), is_lower_hex)) {
    return "X-Csibot-Signature is not sha256= and 64 lowercase hex digits";
  }

  // Closed both ways: a request stamped in the future could otherwise be replayed until that moment
  // plus the window. Milliseconds, so that "exactly 300 s" is inside and 300.001 s is not.
  const auto skew = std::chrono::milliseconds{seconds * 1000} - now.time_since_epoch();
  if (skew < -max_hook_skew) return "X-Csibot-Timestamp is more than 300 s old";
  if (skew > max_hook_skew) return "X-Csibot-Timestamp is more than 300 s in the future";

  const std::string expected = hex_hmac(secret, *timestamp, r.body);
  // Constant time: how many leading characters match must not show in the response time.
  if (expected.size() != hex_digits || !platform::crypto::constant_time_equal(expected, hex)) {
    return "X-Csibot-Signature does not match the body";
  }
  return std::nullopt;
}

// C0 controls, DEL and C1 controls (U+0080–U+009F). Text here comes out of the JSON parser, which
// only lets valid UTF-8 through, so a C1 character is exactly the pair C2 80 … C2 9F. C1 matters as
// much as C0: U+009B alone is a terminal's CSI, the start of an escape sequence.
bool c1_at(std::string_view text, std::size_t i) {
  if (i + 1 >= text.size() || static_cast<unsigned char>(text[i]) != 0xC2) return false;
  const auto next = static_cast<unsigned char>(text[i + 1]);
  return next >= 0x80 && next <= 0x9F;
}

bool has_control(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto u = static_cast<unsigned char>(text[i]);
    if (u < 0x20 || u == 0x7F || c1_at(text, i)) return true;
  }
  return false;
}

// Caller-supplied text as it may appear in a log line. Controls are rejected before anything is
// logged, but a line separator (U+2028, U+2029) or a bidirectional override (U+202A–U+202E,
// U+2066–U+2069) is legal in a ticket key and would split a line in some log viewers or make it read
// differently from what it says: those are written as \uXXXX. Controls are escaped the same way in case
// a reason quotes text before it was checked.
std::string loggable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto u = static_cast<unsigned char>(text[i]);
    std::uint32_t escaped = 0x110000;  // none
    if (u < 0x20 || u == 0x7F) {
      escaped = u;
    } else if (c1_at(text, i)) {
      escaped = static_cast<unsigned char>(text[i + 1]);
    } else if (u == 0xE2 && i + 2 < text.size()) {
      const auto b1 = static_cast<unsigned char>(text[i + 1]);
      const auto b2 = static_cast<unsigned char>(text[i + 2]);
      const std::uint32_t cp = 0x2000U | ((b1 & 0x3FU) << 6U) | (b2 & 0x3FU);
      if ((cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) escaped = cp;
    }
    if (escaped == 0x110000) {
      out += text[i];
      continue;
    }
    out += fmt::format("\\u{:04X}", escaped);
    i += escaped < 0x80 ? 0 : escaped < 0x800 ? 1 : 2;
  }
  return out;
}

// A deliberately plain check: one '@', a dotted domain, no spaces, quotes or brackets. Quoted local
// parts and IP-literal domains are legal but never seen in ITSM tools, and the address is only used
// to look the person up on the chat platform later.
bool is_email(std::string_view text) {
  if (text.size() > max_email_length) return false;
  const auto at = text.find('@');
  if (at == std::string_view::npos || at == 0 || text.find('@', at + 1) != std::string_view::npos)
    return false;
  const auto domain = text.substr(at + 1);
  if (domain.empty() || domain.find('.') == std::string_view::npos || domain.front() == '.' ||
      domain.back() == '.' || domain.find("..") != std::string_view::npos) {
    return false;
  }
  constexpr std::string_view forbidden = " \t\"(),:;<>[\\]";
  return !has_control(text) && text.find_first_of(forbidden) == std::string_view::npos;
}

// "slack:U0123" stays as it is; an e-mail address becomes "email:<address, lower case>" for the
// runtime to resolve through the platform (users.lookupByEmail and the like), which match addresses
// case-insensitively. nullopt when it is neither.
std::optional<std::string> normalize_person(std::string_view text) {
  if (auto r = core::parse_ref(text); r && !has_control(text)) return r->str();
  if (!is_email(text)) return std::nullopt;
  std::string out = "email:";
  out.reserve(out.size() + text.size());
  for (char c : text)
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}

// A JSON field as a string. Throws rejection (400) when it is missing (and required) or not a string.
// An optional field that is null or "" counts as absent: ITSM templates render an unset value so.
std::optional<std::string> string_field(const json& body, const char* name, bool required) {
  const auto it = body.find(name);
  if (it == body.end() || it->is_null()) {
    if (required) throw rejection{400, std::string{"missing field '"} + name + "'"};
    return std::nullopt;
  }
  if (!it->is_string()) throw rejection{400, std::string{"field '"} + name + "' must be a string"};
  auto value = it->get<std::string>();
  if (value.empty()) {
    if (required) throw rejection{400, std::string{"field '"} + name + "' must not be empty"};
    return std::nullopt;
  }
  return value;
}

// A ticket is one flat object; this leaves room for whatever an ITSM tool nests beside its fields,
// and refuses "[[[[…" before the parser builds a tree level by level for it.
constexpr int max_body_depth = 32;

// The body as a JSON object. Throws rejection (400).
json parse_body(std::string_view raw) {
  // nlohmann stops at a raw NUL and would take what precedes it as the whole body.
  if (raw.find('\0') != std::string_view::npos) throw rejection{400, "body contains a NUL byte"};
  if (core::json_nests_deeper_than(raw, max_body_depth))
    throw rejection{400, "body nests deeper than " + std::to_string(max_body_depth) + " levels"};
  json body = json::parse(raw, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) throw rejection{400, "body is not valid JSON"};
  if (!body.is_object()) throw rejection{400, "body must be a JSON object"};
  return body;
}

// service and ticket, common to both hooks; the service must exist in the catalog (404 otherwise).
std::pair<std::string, std::string> service_and_ticket(const json& body, storage::database& db) {
  auto service = *string_field(body, "service", true);
  auto ticket = *string_field(body, "ticket", true);
  // Both are written to the log: no control characters, so that no one can forge log lines.
  if (has_control(service)) throw rejection{400, "field 'service' contains control characters"};
  if (has_control(ticket)) throw rejection{400, "field 'ticket' contains control characters"};
  if (ticket.size() > max_ticket_length) throw rejection{400, "field 'ticket' is longer than 200 characters"};
  if (!storage::service_repository(db).find(service))
    throw rejection{404, "unknown service '" + service + "'"};
  return {std::move(service), std::move(ticket)};
}

std::string dump(const json& j) {
  // The reasons quote caller-supplied text; replace rather than throw on anything not UTF-8.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

response error_response(const rejection& r) {
  return response::json(r.status, dump(json{{"error", r.reason}}));
}

struct hook_context {
  storage::database& db;
  const config::hooks_settings& hooks;
  ticket_hook_wiring wiring;
};

constexpr std::string_view person_forms =
    "platform:id (local, slack, mattermost, discord) nor an e-mail address";

// `user` or `resolver` in the stored form (normalize_person); nullopt when optional and absent.
// Throws rejection (400).
std::optional<std::string> person_field(const json& body, const char* name, bool required) {
  const auto text = string_field(body, name, required);
  if (!text) return std::nullopt;
  // Checked apart from the form, so that the reason says what is wrong; both reach the log.
  if (has_control(*text))
    throw rejection{400, std::string{"field '"} + name + "' contains control characters"};
  auto person = normalize_person(*text);
  if (!person)
    throw rejection{400, std::string{"field '"} + name + "' is neither " + std::string{person_forms}};
  return person;
}

// Whether a prompt for the ticket is pending once the call is done, and, when not, why (a stable
// code: the policy's and the sender's codes of docs/prompts.md, or one of the hook's own).
struct prompt_outcome {
  bool scheduled = false;
  std::string reason;  // "" exactly when scheduled
};

constexpr std::string_view platform_not_configured = "platform_not_configured";

// A ticket already known: its prompt's state answers. A retry of a ticket whose prompt still waits
// is as scheduled as the first call was.
prompt_outcome known_ticket(const storage::prompt_repository& prompts, std::int64_t id) {
  const auto p = prompts.find(id);
  if (!p) return {false, "ticket_already_asked"};  // cannot happen inside the transaction
  switch (p->state) {
    case storage::prompt_state::pending:
      return {true, ""};
    case storage::prompt_state::skipped:
      // Why the first one was skipped (resolver, opted_out, email_not_found, …) says more than
      // "known already".
      if (!p->reason.empty()) return {false, p->reason};
      break;
    case storage::prompt_state::sent:
    case storage::prompt_state::answered:
    case storage::prompt_state::cancelled:  // schedule() revives these, so not seen here
      break;
  }
  return {false, "ticket_already_asked"};
}

// A new (or revived) prompt: skipped at once where nothing later could send it.
prompt_outcome new_ticket(hook_context& ctx, storage::prompt_repository& prompts, std::int64_t id,
                          const std::string& user, const std::optional<std::string>& resolver) {
  // Where both are known in the same form, the rule "never ask the person who resolved the ticket"
  // is applied at once: the prompt is kept (one per ticket, so a retry does not bring it back) but
  // skipped with the policy's own reason code. Other forms are matched by the sender (migration 0006).
  if (resolver && *resolver == user) {
    prompts.mark_skipped(id, "resolver");
    return {false, "resolver"};
  }
  // The prompt loop reads the prompts of the platforms running here only: one for another platform
  // would wait for ever, unnoticed. E-mail users are resolved through the running platforms later.
  const auto platform = std::string_view{user}.substr(0, user.find(':'));
  if (platform != "email" && ctx.wiring.platform_running && !ctx.wiring.platform_running(platform)) {
    prompts.mark_skipped(id, platform_not_configured);
    return {false, std::string{platform_not_configured}};
  }
  return {true, ""};
}

json answer(const prompt_outcome& o) {
  json j{{"status", "accepted"}, {"scheduled", o.scheduled}};
  if (!o.scheduled) j["reason"] = o.reason;
  return j;
}

response on_resolved(hook_context& ctx, const json& body, core::timestamp now) {
  auto [service, ticket] = service_and_ticket(body, ctx.db);
  const auto user = *person_field(body, "user", true);
  const auto resolver = person_field(body, "resolver", false);
  std::optional<core::timestamp> resolved_at;
  if (const auto text = string_field(body, "resolved_at", false)) {
    resolved_at = core::parse_iso8601(*text);
    if (!resolved_at) throw rejection{400, "field 'resolved_at' is not an ISO 8601 time"};
  }

  // A resolution cannot lie in the future; a tool whose clock runs ahead must not stretch the delay.
  const core::timestamp base = resolved_at ? std::min(*resolved_at, now) : now;
  const core::timestamp due_at = base + ctx.hooks.ticket_delay;

  if (!ticket_sampled(service, ticket, ctx.hooks.ticket_sample)) {
    spdlog::info("hooks: ticket-resolved {}/{} accepted, not in the {} sample: no prompt", loggable(service),
                 loggable(ticket), ctx.hooks.ticket_sample);
    return response::json(202, dump(answer({false, "not_sampled"})));
  }

  storage::prompt_repository prompts(ctx.db);
  storage::transaction tx(ctx.db);
  storage::prompt_row row;
  row.user = user;
  row.service = service;
  row.kind = core::prompt_kind::ticket;
  row.ticket = ticket;
  row.due_at = due_at;
  row.created_at = now;
  row.resolver = resolver;  // the sender applies "never the resolver" again once e-mails are resolved
  const auto result = prompts.schedule(row);
  const auto outcome =
      result.created ? new_ticket(ctx, prompts, result.id, user, resolver) : known_ticket(prompts, result.id);
  storage::audit_repository(ctx.db).append(
      {0, now, "hooks", "ticket.resolved", service + "/" + ticket,
       dump(json{{"prompt", result.id},
                 {"created", result.created},
                 {"user", user},
                 {"resolver", resolver ? json(*resolver) : json(nullptr)},
                 {"due_at", core::to_iso8601(due_at)},
                 {"scheduled", outcome.scheduled},
                 {"reason", outcome.reason}})});
  tx.commit();

  const auto what = fmt::format("{}{}", result.created ? "" : "already known, ",
                                outcome.scheduled ? "pending" : "not scheduled (" + outcome.reason + ")");
  if (outcome.reason == platform_not_configured && result.created) {
    // The operator's to fix (a platform missing from the config, or an ITSM field mapped wrongly):
    // a warning, naming the platform, where every other acceptance is an info line.
    spdlog::warn(
        "hooks: ticket-resolved {}/{} accepted but not prompted: {} is on {}, which is not "
        "configured here (prompt {} skipped)",
        loggable(service), loggable(ticket), loggable(user), loggable(user.substr(0, user.find(':'))),
        result.id);
  } else {
    spdlog::info("hooks: ticket-resolved {}/{} accepted: prompt {} for {} {}, due {}", loggable(service),
                 loggable(ticket), result.id, loggable(user), what, core::to_iso8601(due_at));
  }
  auto j = answer(outcome);
  j["prompt"] = result.id;
  j["created"] = result.created;
  j["due_at"] = core::to_iso8601(due_at);
  return response::json(202, dump(j));
}

response on_reopened(hook_context& ctx, const json& body, core::timestamp now) {
  auto [service, ticket] = service_and_ticket(body, ctx.db);
  storage::transaction tx(ctx.db);
  // False when nothing was pending (unknown ticket, prompt already sent): still 202, the tool did
  // nothing wrong and must not retry.
  const bool cancelled = storage::prompt_repository(ctx.db).cancel_ticket(service, ticket);
  storage::audit_repository(ctx.db).append(
      {0, now, "hooks", "ticket.reopened", service + "/" + ticket, dump(json{{"cancelled", cancelled}})});
  tx.commit();
  spdlog::info("hooks: ticket-reopened {}/{} accepted: {}", loggable(service), loggable(ticket),
               cancelled ? "pending prompt cancelled" : "no pending prompt");
  return response::json(202, dump(json{{"status", "accepted"}, {"cancelled", cancelled}}));
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

std::string sign_ticket_hook(std::string_view secret, std::string_view timestamp, std::string_view raw_body) {
  return std::string{signature_prefix} + hex_hmac(secret, timestamp, raw_body);
}

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
                   [ctx](const request& r) { return handle(*ctx, resolved_route, on_resolved, r); });
  server.add_route("POST", "/hooks/ticket-reopened",
                   [ctx](const request& r) { return handle(*ctx, reopened_route, on_reopened, r); });
}

}  // namespace csibot::runtime
