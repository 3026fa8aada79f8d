#pragma once
/// A cheap guard before parsing untrusted JSON: no honest payload nests deeper than a few levels, and
/// "[[[[…" from a hostile peer would still make the parser build a deep tree for nothing. Shared by
/// every adapter that parses JSON from the network.
#include <string_view>

namespace csibot::core {

/// True when `text` opens more than `max_depth` arrays or objects at once. Brackets inside strings
/// (escapes included) do not count. Text that is not JSON at all is left for the parser to refuse.
bool json_nests_deeper_than(std::string_view text, int max_depth);

}  // namespace csibot::core
