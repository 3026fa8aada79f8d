#pragma once
/// Plain HTTP requests to a running bot (its /healthz, /metrics and webhook endpoints), each on an
/// io_context of its own so that a test needs no event loop of its own.
#include <string>

#include "e2e/bot.hpp"

namespace csibot::e2e {

/// GET `path` from the running bot; the body, or "" when it did not answer 200.
std::string http_get(const running_bot& bot, const std::string& path);

}  // namespace csibot::e2e
