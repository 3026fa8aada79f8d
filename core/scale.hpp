#pragma once
/// Rating scales a service can ask on, and what counts as a happy or unhappy answer on each.
#include <optional>
#include <string_view>
#include <vector>

namespace csibot::core {

/// csat5: 1–5 satisfaction (default); nps10: 0–10 likelihood to recommend;
/// ces7: 1–7 "it was easy" agreement (higher is easier); thumbs: 0 = down, 1 = up.
enum class scale { csat5, nps10, ces7, thumbs };

std::string_view to_string(scale s);
std::optional<scale> parse_scale(std::string_view text);

int scale_min(scale s);
int scale_max(scale s);
inline bool in_range(scale s, int rating) {
  return rating >= scale_min(s) && rating <= scale_max(s);
}

/// Every valid rating, lowest first (what rating buttons offer).
std::vector<int> scale_values(scale s);

/// Happy: CSAT's top two (4–5), NPS promoters (9–10), CES 6–7, thumbs up.
bool is_happy(scale s, int rating);

/// Unhappy: CSAT 1–2, NPS detractors (0–6), CES 1–3, thumbs down. The rest is neutral.
bool is_unhappy(scale s, int rating);

}  // namespace csibot::core
