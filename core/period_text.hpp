#pragma once
/// A period's bounds in words, for the footnotes under figures.
#include <string>
#include <string_view>

#include "core/period.hpp"

namespace csibot::core {

/// "2026-07-01T00:00:00+02:00 to 2026-10-01T00:00:00+02:00." in `language`, the bounds in the period's
/// zone; for "all", whose start is no date anyone chose, "All answers up to …" instead of a start in 1970.
std::string range_text(const period& p, std::string_view language);

}  // namespace csibot::core
