#pragma once
/// What the proactive-prompt end-to-end tests share, whichever platform they run on: a daily pulse
/// with nothing holding it back, the pulse's "first seen" time written before the bot starts (so a
/// missed slot runs at start), and signed ticket webhooks.
#include <string>
#include <string_view>

#include "bot/net/http_client.hpp"
#include "core/time.hpp"
#include "e2e/bot.hpp"

namespace csibot::e2e {

/// The wall clock, as the bot under test reads it.
core::timestamp wall_now();

/// `[policy]` with no quiet hours or weekends (the test runs whenever CI does), one daily pulse for
/// `vpn` at 06:00 sent all at once (to `audience` when given, else to the service's customers), and
/// `[hooks]` signed with `hook_secret` and sent without delay.
std::string daily_pulse_toml(std::string_view hook_secret, std::string_view audience = {});

/// Migrates the database of `home` and records its first pulse as configured at `first_seen`.
/// Three days back, the newest slot was missed and runs at start; two days ahead, none falls due.
void register_first_pulse(const bot_home& home, core::timestamp first_seen);

/// POSTs `body` to /hooks/ticket-resolved, signed with `secret` at the current time unless
/// `signature` is given; a default result when the bot did not answer.
net::http_result post_ticket_hook(const running_bot& bot, const std::string& body, std::string_view secret,
                                  const std::string& signature = {});

}  // namespace csibot::e2e
