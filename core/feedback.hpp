#pragma once
/// One piece of feedback about one service, as stored and exported (SPEC §11).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/scale.hpp"
#include "core/time.hpp"

namespace csibot::core {

/// "How does this affect your work?"
enum class impact { blocks, slows, minor, none };
std::string_view to_string(impact i);
std::optional<impact> parse_impact(std::string_view text);
/// Weight of an impact in the priority score: blocks 3, slows 2, minor 1, none 0.
double impact_weight(impact i);

/// What started the feedback: `/csi feedback`, a DM or button, a pulse prompt, a ticket prompt.
enum class source { command, conversation, pulse, ticket };
std::string_view to_string(source s);
std::optional<source> parse_source(std::string_view text);

enum class feedback_status { complete, partial };
std::string_view to_string(feedback_status s);
std::optional<feedback_status> parse_feedback_status(std::string_view text);

struct feedback {
  std::int64_t id = 0;  ///< 0 until stored
  std::string service;  ///< service id
  std::string platform;
  /// Before storage: the real "platform:id". As stored and read back: "platform:id" (identified),
  /// "pseudo:<hash>" (pseudonymous) or nullopt (anonymous).
  std::optional<std::string> user;
  std::optional<int> rating;
  core::scale scale = scale::csat5;
  std::optional<std::string> reason;  ///< nullopt when skipped or not yet given
  std::optional<core::impact> impact;
  std::optional<std::string> usage;
  bool usage_asked = false;  ///< the usage question was put (answered or skipped): not again for 90 days
  core::source source = source::command;
  feedback_status status = feedback_status::partial;
  bool allow_reply = false;  ///< the person agreed that owners may answer through the bot
  timestamp created_at{};
  timestamp updated_at{};
};

}  // namespace csibot::core
