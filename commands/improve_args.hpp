#pragma once
/// Reading the arguments of `/csi improve …` (SPEC §6, §8): improvement numbers, the title with its
/// `--for` and `--effect` parts, free texts capped to what is kept, and feedback number lists.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "commands/context.hpp"
#include "core/improvement.hpp"

namespace csibot::commands {

/// "12" or "#12" → 12; nullopt for anything else (words, signs, zero, numbers too large).
std::optional<std::int64_t> parse_number(std::string_view text);

/// Text as kept: control characters removed, cut at `max` characters; `cut` says it was.
struct kept_text {
  std::string text;
  bool cut = false;
};
kept_text keep(std::string_view typed, std::size_t max);

/// `<title…> [--for <business function…>] [--effect <expected effect…>]` from argument `first` on,
/// the parts in any order after the title. Each part keeps the spacing it was typed with.
struct add_words {
  std::string title;
  std::optional<std::string> business_function;
  std::optional<std::string> expected_effect;
  std::string empty_flag;  ///< a flag given without words after it ("--for"), else empty
};
add_words read_add_words(const parsed_command& cmd, std::size_t first);

/// Feedback numbers from argument `first` on: "12 13", "#12, #13", "12,13". `bad` is the first word
/// that is not a number (then `ids` is incomplete).
struct number_list {
  std::vector<std::int64_t> ids;
  std::string bad;
};
number_list read_numbers(const parsed_command& cmd, std::size_t first);

/// The improvement that argument `index` numbers; nullopt with `error` set (usage, not a number,
/// no such improvement) in the person's language.
std::optional<core::improvement> find_improvement_arg(const command_env& env, std::size_t index,
                                                      std::string& error);

}  // namespace csibot::commands
