#pragma once
/// Weekly sparklines: one character per week of the period, oldest first.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/scale.hpp"
#include "insights/metrics.hpp"

namespace csibot::insights {

/// At most this many of the period's most recent weeks are drawn (a year-long period stays short).
inline constexpr int sparkline_weeks = 12;

/// What a sparkline draws: each week's *score* (the same score as the table: CSAT/CES/👍 share in %,
/// NPS points), not its answer count, because it sits next to the score and shows where quality went.
/// Values are placed on the scale's fixed range (0…100 %, NPS −100…+100), not stretched between the
/// week's own minimum and maximum, so that 90 % against 92 % does not look like a collapse.
/// nullopt marks a week with no answers, or with fewer than `min_answers` (drawn as "·").
std::vector<std::optional<double>> weekly_scores(core::scale s,
                                                 const std::vector<std::vector<rating_bucket>>& weeks,
                                                 std::int64_t min_answers = 1);

/// "▁▂▃▄▅▆▇█" characters for values in [low, high] (clamped); "·" for nullopt.
std::string sparkline(const std::vector<std::optional<double>>& values, double low, double high);

/// The sparkline of weekly scores on scale `s`'s fixed range.
std::string score_sparkline(core::scale s, const std::vector<std::optional<double>>& scores);

}  // namespace csibot::insights
