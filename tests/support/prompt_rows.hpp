#pragma once
/// Prompt rows as the tests of the prompt sender and the prompt loop schedule them: a ticket prompt
/// (with the person who resolved the ticket, if any) or a prompt of a pulse run, pending and due at a
/// given time. Each fixture stamps them with its own clock and schedules them in its own database.
#include <optional>
#include <string>
#include <utility>

#include "core/time.hpp"
#include "storage/prompt_repository.hpp"

namespace csibot::test {

inline storage::prompt_row ticket_prompt(std::string user, std::string ticket, core::timestamp due,
                                         core::timestamp created,
                                         std::optional<std::string> resolver = std::nullopt) {
  storage::prompt_row p;
  p.user = std::move(user);
  p.service = "vpn";
  p.kind = core::prompt_kind::ticket;
  p.ticket = std::move(ticket);
  p.due_at = due;
  p.created_at = created;
  p.resolver = std::move(resolver);
  return p;
}

inline storage::prompt_row pulse_prompt(std::string user, std::string service, std::string run,
                                        core::timestamp due, core::timestamp created) {
  storage::prompt_row p;
  p.user = std::move(user);
  p.service = std::move(service);
  p.kind = core::prompt_kind::pulse;
  p.pulse = std::move(run);
  p.due_at = due;
  p.created_at = created;
  return p;
}

}  // namespace csibot::test
