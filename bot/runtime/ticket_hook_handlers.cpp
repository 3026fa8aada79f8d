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

}  // namespace csibot::runtime::detail
