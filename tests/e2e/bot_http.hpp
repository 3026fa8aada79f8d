#pragma once
/// Plain HTTP requests to a running bot (its /healthz, /metrics and webhook endpoints), each on an
/// io_context of its own so that a test needs no event loop of its own.
#include <chrono>
#include <string>
#include <string_view>

#include "e2e/bot.hpp"

namespace csibot::e2e {

/// GET `path` from the running bot; the body, or "" when it did not answer 200.
std::string http_get(const running_bot& bot, const std::string& path);

/// GET `path` every 20 ms until its body contains `needle` or `deadline` passes; the last body.
/// For figures the bot updates just after what a test waits for (a reply reaches the fake Slack
/// before the bot has read the answer and marked its outbox row sent).
std::string http_get_until(const running_bot& bot, const std::string& path, std::string_view needle,
                           std::chrono::milliseconds deadline);

}  // namespace csibot::e2e
