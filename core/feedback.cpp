#include "core/feedback.hpp"

namespace csibot::core {

std::string_view to_string(impact i) {
  switch (i) {
    case impact::blocks:
      return "blocks";
    case impact::slows:
      return "slows";
    case impact::minor:
      return "minor";
    case impact::none:
      return "none";
  }
  return "none";
}

std::optional<impact> parse_impact(std::string_view text) {
  for (auto i : {impact::blocks, impact::slows, impact::minor, impact::none}) {
    if (to_string(i) == text) return i;
  }
  return std::nullopt;
}

double impact_weight(impact i) {
  switch (i) {
    case impact::blocks:
      return 3.0;
    case impact::slows:
      return 2.0;
    case impact::minor:
      return 1.0;
    case impact::none:
      return 0.0;
  }
  return 0.0;
}

std::string_view to_string(source s) {
  switch (s) {
    case source::command:
      return "command";
    case source::conversation:
      return "conversation";
    case source::pulse:
      return "pulse";
    case source::ticket:
      return "ticket";
  }
  return "command";
}

std::optional<source> parse_source(std::string_view text) {
  for (auto s : {source::command, source::conversation, source::pulse, source::ticket}) {
    if (to_string(s) == text) return s;
  }
  return std::nullopt;
}

std::string_view to_string(feedback_status s) {
  return s == feedback_status::complete ? "complete" : "partial";
}

std::optional<feedback_status> parse_feedback_status(std::string_view text) {
  if (text == "complete") return feedback_status::complete;
  if (text == "partial") return feedback_status::partial;
  return std::nullopt;
}

}  // namespace csibot::core
