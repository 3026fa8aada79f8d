#pragma once
/// Proactive prompts (SPEC §4) as plain values shared by dialog/prompt_policy (which decides) and
/// storage/prompt_repository (which remembers). Kept in core so that neither depends on the other.
#include <optional>
#include <string>
#include <string_view>

#include "core/time.hpp"

namespace csibot::core {

/// Why the bot wants to ask someone. `reminder` is a second nudge about a prompt already sent; it
/// is never a stored prompt of its own (the prompt row records that it was reminded).
enum class prompt_kind { ticket, pulse, reminder };

constexpr std::string_view to_string(prompt_kind k) {
  switch (k) {
    case prompt_kind::ticket:
      return "ticket";
    case prompt_kind::pulse:
      return "pulse";
    case prompt_kind::reminder:
      break;
  }
  return "reminder";
}

constexpr std::optional<prompt_kind> parse_prompt_kind(std::string_view text) {
  if (text == "ticket") return prompt_kind::ticket;
  if (text == "pulse") return prompt_kind::pulse;
  if (text == "reminder") return prompt_kind::reminder;
  return std::nullopt;
}

/// One prompt that went out to a person: what the policy needs to know about the past.
/// storage::prompt_repository::history fills these from the prompts table (sent rows only).
struct prompt_record {
  std::string service;                    ///< service id
  prompt_kind kind = prompt_kind::pulse;  ///< ticket or pulse
  timestamp sent_at{};
  bool answered = false;
  bool reminded = false;

  friend bool operator==(const prompt_record&, const prompt_record&) = default;
};

}  // namespace csibot::core
