#include "core/scale.hpp"

namespace csibot::core {

std::string_view to_string(scale s) {
  switch (s) {
    case scale::csat5:
      return "csat5";
    case scale::nps10:
      return "nps10";
    case scale::ces7:
      return "ces7";
    case scale::thumbs:
      return "thumbs";
  }
  return "csat5";
}

std::optional<scale> parse_scale(std::string_view text) {
  for (auto s : {scale::csat5, scale::nps10, scale::ces7, scale::thumbs}) {
    if (to_string(s) == text) return s;
  }
  return std::nullopt;
}

int scale_min(scale s) {
  return s == scale::csat5 || s == scale::ces7 ? 1 : 0;
}

int scale_max(scale s) {
  switch (s) {
    case scale::csat5:
      return 5;
    case scale::nps10:
      return 10;
    case scale::ces7:
      return 7;
    case scale::thumbs:
      return 1;
  }
  return 5;
}

std::vector<int> scale_values(scale s) {
  std::vector<int> out;
  for (int r = scale_min(s); r <= scale_max(s); ++r)
    out.push_back(r);
  return out;
}

bool is_happy(scale s, int rating) {
  switch (s) {
    case scale::csat5:
      return rating >= 4;
    case scale::nps10:
      return rating >= 9;
    case scale::ces7:
      return rating >= 6;
    case scale::thumbs:
      return rating == 1;
  }
  return false;
}

bool is_unhappy(scale s, int rating) {
  switch (s) {
    case scale::csat5:
      return rating <= 2;
    case scale::nps10:
      return rating <= 6;
    case scale::ces7:
      return rating <= 3;
    case scale::thumbs:
      return rating == 0;
  }
  return false;
}

}  // namespace csibot::core
