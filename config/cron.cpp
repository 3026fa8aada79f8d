#include "config/cron.hpp"

#include <variant>

#include "core/cron.hpp"

namespace csibot::config::detail {

// One cron parser for the whole program: config reports exactly what core::cron_schedule rejects.
std::optional<std::string> cron_problem(std::string_view expression) {
  auto parsed = core::cron_schedule::parse(expression);
  if (auto* error = std::get_if<core::cron_error>(&parsed)) return std::move(error->message);
  // It parses, but the scheduler would wait for it for ever without a word: say so now.
  if (!std::get<core::cron_schedule>(parsed).can_fire())
    return "it never fires, as none of its months has any of its days of the month (like 30 February "
           "or 31 April)";
  return std::nullopt;
}

}  // namespace csibot::config::detail
