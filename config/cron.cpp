#include "config/cron.hpp"

#include <variant>

#include "core/cron.hpp"

namespace csibot::config::detail {

// One cron parser for the whole program: config reports exactly what core::cron_schedule rejects.
std::optional<std::string> cron_problem(std::string_view expression) {
  auto parsed = core::cron_schedule::parse(expression);
  if (auto* error = std::get_if<core::cron_error>(&parsed)) return std::move(error->message);
  return std::nullopt;
}

}  // namespace csibot::config::detail
