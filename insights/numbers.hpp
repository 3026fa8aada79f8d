#pragma once
/// Scores and shares as people read them: rounded, but never onto a mark the value has not reached.
/// Only everyone is 100 (99.6 % reads 99), only no one 0 (0.3 % reads "<1"), NPS never reads "-0" or
/// "+0" ("+<1"), and beside a target a score below it is cut, not rounded up to it (84.6 % reads 84
/// next to "target 85 not met"), nor a score that meets it shown below it. The same text in every
/// language.
#include <optional>
#include <string>

#include "core/scale.hpp"

namespace csibot::insights {

/// Decimals a target is given with that a score beside it gets, at most this many: with fewer, 1 of 3
/// (33.33… %) beside target 33.333 read "33.33 %, met". A target finer still (no one's) gets a score
/// rounded towards its verdict, so that the two never disagree.
inline constexpr int max_target_decimals = 6;

/// Decimals a score needs beside `target` so that the two agree: 0 for 85, 1 for 85.5, 3 for 33.333
/// (max_target_decimals at most).
int target_decimals(std::optional<double> target);

/// A share in % (0…100) without the sign: "0", "<1", "1" … "99", "100", to `decimals`; below
/// `target`, never shown at or above it.
std::string share_text(double percent, int decimals = 0, std::optional<double> target = std::nullopt);
/// NPS points (−100…+100), signed: "-100", "-99", "-7", "-<1", "0", "+<1", "+23", "+99", "+100".
std::string nps_text(double points, int decimals = 0, std::optional<double> target = std::nullopt);
/// share_text, or nps_text on the NPS scale.
std::string score_number(core::scale s, double value, int decimals = 0,
                         std::optional<double> target = std::nullopt);
/// A target as configured: "85", "85.5", "+30", "0".
std::string target_number(core::scale s, double target);
/// A change in points, signed: "+12", "-9", "+<1", "0".
std::string delta_text(double points);
/// A 95 % interval's bounds, rounded: "71–91" (shares) or "-51…+85" (NPS, never "-0"); the caller
/// adds the unit.
std::string interval_number(core::scale s, double low, double high);
/// One bound of such an interval: "71", "-51", "+85", "0".
std::string bound_number(core::scale s, double bound);
/// A number of the scale with its unit: "84 %" for shares, "+23" for NPS (points have none).
std::string with_unit(core::scale s, const std::string& number);

}  // namespace csibot::insights
