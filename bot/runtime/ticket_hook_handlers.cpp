// What the ticket webhooks do once a call is signed and its body parsed: ticket-resolved schedules a
// ticket prompt (or says why not), ticket-reopened cancels it. Each writes an audit row in the same
// transaction.
#include "bot/runtime/ticket_hook_handlers.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

#include "bot/runtime/hook_fields.hpp"
#include "config/settings.hpp"
#include "core/prompt.hpp"
#include "core/text.hpp"
#include "storage/database.hpp"
#include "storage/prompt_repository.hpp"
#include "storage/repositories.hpp"

namespace csibot::runtime::detail {
namespace {

using json = nlohmann::json;
using net::response;

// Ticket keys of Jira, ServiceNow, GLPI and Zammad are short; the cap keeps logs and rows sane.
constexpr std::size_t max_ticket_length = 200;

// service and ticket, common to both hooks; the service must exist in the catalog (404 otherwise).
std::pair<std::string, std::string> service_and_ticket(const json& body, storage::database& db) {
  auto service = *string_field(body, "service", true);
  auto ticket = *string_field(body, "ticket", true);
  // Both are written to the log: no control characters, so that no one can forge log lines.
  if (has_control(service)) throw rejection{400, "field 'service' contains control characters"};
  if (has_control(ticket)) throw rejection{400, "field 'ticket' contains control characters"};
  // Characters, as docs/webhooks.md says: a key in another script is not cut short by its bytes.
  if (core::utf8_length(ticket) > max_ticket_length)
    throw rejection{400, "field 'ticket' is longer than 200 characters"};
  if (!storage::service_repository(db).find(service))
    throw rejection{404, "unknown service '" + service + "'"};
  return {std::move(service), std::move(ticket)};
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

}  // namespace

std::string dump(const json& j) {
  // The reasons quote caller-supplied text; replace rather than throw on anything not UTF-8.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

namespace {

// When the prompt is due: the resolution time the tool gave (never later than now: a tool whose clock
// runs ahead must not stretch the delay), or now, plus the configured delay.
core::timestamp due_time(const hook_context& ctx, const json& body, core::timestamp now) {
  std::optional<core::timestamp> resolved_at;
  if (const auto text = string_field(body, "resolved_at", false)) {
    resolved_at = core::parse_iso8601(*text);
    if (!resolved_at) throw rejection{400, "field 'resolved_at' is not an ISO 8601 time"};
  }
  const core::timestamp base = resolved_at ? std::min(*resolved_at, now) : now;
  return base + ctx.hooks.ticket_delay;
}

// What one accepted ticket-resolved call did, for the audit, the log and the answer.
struct resolution {
  std::string service, ticket, user;
  std::optional<std::string> resolver;
  core::timestamp due_at;
  storage::schedule_result result;
  prompt_outcome outcome;
};

// Schedules the prompt (or finds the one the ticket already has) and audits the call, in one
// transaction.
void schedule_prompt(hook_context& ctx, resolution& r, core::timestamp now) {
  storage::prompt_repository prompts(ctx.db);
  storage::transaction tx(ctx.db);
  storage::prompt_row row;
  row.user = r.user;
  row.service = r.service;
  row.kind = core::prompt_kind::ticket;
  row.ticket = r.ticket;
  row.due_at = r.due_at;
  row.created_at = now;
  row.resolver = r.resolver;  // the sender applies "never the resolver" again once e-mails are resolved
  r.result = prompts.schedule(row);
  r.outcome = r.result.created ? new_ticket(ctx, prompts, r.result.id, r.user, r.resolver)
                               : known_ticket(prompts, r.result.id);
  storage::audit_repository(ctx.db).append(
      {0, now, "hooks", "ticket.resolved", r.service + "/" + r.ticket,
       dump(json{{"prompt", r.result.id},
                 {"created", r.result.created},
                 {"user", r.user},
                 {"resolver", r.resolver ? json(*r.resolver) : json(nullptr)},
                 {"due_at", core::to_iso8601(r.due_at)},
                 {"scheduled", r.outcome.scheduled},
                 {"reason", r.outcome.reason}})});
  tx.commit();
}

void log_resolution(const resolution& r) {
  if (r.outcome.reason == platform_not_configured && r.result.created) {
    // The operator's to fix (a platform missing from the config, or an ITSM field mapped wrongly):
    // a warning, naming the platform, where every other acceptance is an info line.
    spdlog::warn(
        "hooks: ticket-resolved {}/{} accepted but not prompted: {} is on {}, which is not "
        "configured here (prompt {} skipped)",
        loggable(r.service), loggable(r.ticket), loggable(r.user),
        loggable(r.user.substr(0, r.user.find(':'))), r.result.id);
    return;
  }
  const auto what = fmt::format("{}{}", r.result.created ? "" : "already known, ",
                                r.outcome.scheduled ? "pending" : "not scheduled (" + r.outcome.reason + ")");
  spdlog::info("hooks: ticket-resolved {}/{} accepted: prompt {} for {} {}, due {}", loggable(r.service),
               loggable(r.ticket), r.result.id, loggable(r.user), what, core::to_iso8601(r.due_at));
}

}  // namespace

response on_resolved(hook_context& ctx, const json& body, core::timestamp now) {
  resolution r;
  std::tie(r.service, r.ticket) = service_and_ticket(body, ctx.db);
  r.user = *person_field(body, "user", true);
  r.resolver = person_field(body, "resolver", false);
  r.due_at = due_time(ctx, body, now);
  if (!ticket_sampled(r.service, r.ticket, ctx.hooks.ticket_sample)) {
    spdlog::info("hooks: ticket-resolved {}/{} accepted, not in the {} sample: no prompt",
                 loggable(r.service), loggable(r.ticket), ctx.hooks.ticket_sample);
    return response::json(202, dump(answer({false, "not_sampled"})));
  }
  schedule_prompt(ctx, r, now);
  log_resolution(r);
  auto j = answer(r.outcome);
  j["prompt"] = r.result.id;
  j["created"] = r.result.created;
  j["due_at"] = core::to_iso8601(r.due_at);
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

}  // namespace csibot::runtime::detail
