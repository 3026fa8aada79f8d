#pragma once
/// The ITSM ticket webhooks (SPEC §4, §11, §12; contract and examples in docs/webhooks.md):
///
///   POST /hooks/ticket-resolved  {service, user, ticket, resolved_at?, resolver?}  → schedules a
///                                ticket prompt due at (resolved_at or arrival) + hooks.ticket_delay
///   POST /hooks/ticket-reopened  {service, ticket}  → cancels that ticket's prompt if not sent yet
///
/// Both are signed: X-Csibot-Timestamp (Unix seconds) and X-Csibot-Signature = "sha256=" + lowercase
/// hex HMAC-SHA256(hooks.secret, timestamp + "." + raw body). Order of checks, each answering at once:
/// body over max_hook_body → 413; signature or timestamp missing, malformed, wrong or more than 300 s
/// away from now → 401; body not valid → 400 with a reason; unknown service → 404; else 202.
/// Nothing is parsed before the signature has been verified over the raw bytes.
#include <array>
#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "core/time.hpp"

namespace csibot::config {
struct settings;
}
namespace csibot::net {
class http_server;
}
namespace csibot::storage {
class database;
}

namespace csibot::runtime {

/// Webhook bodies larger than this get 413: the real ones are a few hundred bytes, and the HMAC
/// must not be computed over megabytes an unauthenticated sender chose.
inline constexpr std::size_t max_hook_body = 64 * 1024;
/// The replay window, both ways (a request stamped in the future could be replayed until then).
inline constexpr std::chrono::seconds max_hook_skew{300};

/// The two hooks, as named in paths and in the `hook` label of /metrics.
inline constexpr std::array<std::string_view, 2> ticket_hook_names{"ticket-resolved", "ticket-reopened"};

/// How a webhook call ended, one per call: the `outcome` label of csibot_webhook_requests_total.
enum class hook_outcome {
  accepted,         ///< 202
  unauthorized,     ///< 401: signature or timestamp
  bad_request,      ///< 400: the body
  unknown_service,  ///< 404: a service not in the catalog
  not_configured,   ///< 404: no [hooks] secret
  too_large,        ///< 413
  error,            ///< 500: storage failed (the server answers and logs it)
};
inline constexpr std::array<hook_outcome, 7> all_hook_outcomes{
    hook_outcome::accepted,       hook_outcome::unauthorized,
    hook_outcome::bad_request,    hook_outcome::unknown_service,
    hook_outcome::not_configured, hook_outcome::too_large,
    hook_outcome::error};
std::string_view to_string(hook_outcome o);

/// What the hooks need from the running bot. Every member may be left empty in tests except `now`.
struct ticket_hook_wiring {
  /// The clock (injected by tests).
  std::function<core::timestamp()> now;
  /// Whether the chat platform `platform` ("slack", "local", …) runs in this process. A ticket for a
  /// person on a platform that does not is accepted but skipped at once (reason
  /// platform_not_configured): nothing here could ever send its prompt. Empty = every platform runs.
  std::function<bool(std::string_view platform)> platform_running;
  /// Told once per call which hook was called and how it ended (for /metrics).
  std::function<void(std::string_view hook, hook_outcome outcome)> count;
};

/// Registers POST /hooks/ticket-resolved and POST /hooks/ticket-reopened on `server` (call before
/// server.start()). Without a `[hooks]` section (or with an empty secret) the routes are still
/// installed but answer 404 "ticket webhooks are not configured", with a warning in the log, so that
/// an operator sees why an ITSM tool's calls go nowhere.
/// `db`, `cfg` and the server must outlive the server's handlers. Handlers run on the server's strand
/// and use `db` synchronously; csibot runs everything on one io thread.
void install_ticket_hooks(net::http_server& server, storage::database& db, const config::settings& cfg,
                          ticket_hook_wiring wiring);

/// "sha256=" + 64 lowercase hex digits: the X-Csibot-Signature value for `timestamp` and `raw_body`.
/// For relays and tests; the server compares in constant time.
std::string sign_ticket_hook(std::string_view secret, std::string_view timestamp, std::string_view raw_body);

/// Whether a ticket falls in the sample `share` (0.0 … 1.0). Deterministic in (service, ticket), so a
/// retried webhook makes the same choice; ≥ 1.0 always, ≤ 0.0 never.
bool ticket_sampled(std::string_view service, std::string_view ticket, double share);

}  // namespace csibot::runtime
