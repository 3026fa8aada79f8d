#pragma once
/// Private to the demo generator (demo_data.cpp, demo_profiles.cpp): how each service of the demo
/// catalog behaves over the window, and what people say about it.
#include <cstddef>
#include <span>
#include <string_view>

namespace csibot::cli::detail {

using phrases = std::span<const std::string_view>;

/// What people say about one service. The unhappy and happy lists share few words on purpose: the
/// themes insight looks for the words that separate unhappy from happy comments.
struct theme {
  phrases unhappy, neutral, happy, usage;
};

/// How one service behaves over the demo window.
struct profile {
  double weekly = 40;      ///< answers per week at scale 1
  double quality = 0.75;   ///< latent satisfaction in [0, 1] before any trend
  double trend_to = 0.75;  ///< the quality reached at `now`
  int trend_days = 0;      ///< the trend runs over the last trend_days days (0: stable)
  double ticket_share = 0.15;
  bool retire = false;     ///< mostly "no impact", rarely used: the retire candidate
  bool month_end = false;  ///< payslips and expenses: busy around the turn of the month
  theme says;
};

/// The profile of service `id`: its own for the demo catalog's services (config/demo.toml), else a
/// stable generic one whose level and volume follow its position `index` in the catalog.
profile demo_profile(std::string_view id, std::size_t index);

}  // namespace csibot::cli::detail
