#include "core/period_text.hpp"

#include "core/i18n.hpp"

namespace csibot::core {

std::string range_text(const period& p, std::string_view language) {
  if (p.open_start()) return tr(language, "period.up_to", {{"to", p.local_iso8601(p.to)}});
  return tr(language, "period.range", {{"from", p.local_iso8601(p.from)}, {"to", p.local_iso8601(p.to)}});
}

}  // namespace csibot::core
