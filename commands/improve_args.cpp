#include "commands/improve_args.hpp"

#include <charconv>

#include "core/i18n.hpp"
#include "core/markup.hpp"
#include "core/text.hpp"
#include "storage/improvement_repository.hpp"

namespace csibot::commands {
namespace {

enum class part { title, business_function, expected_effect };

// Chat clients turn "--" into an em or en dash as people type; all three mean the flag.
std::optional<part> flag_of(const token& t) {
  if (t.quoted) return std::nullopt;
  for (std::string_view dash : {"--", "\xE2\x80\x94", "\xE2\x80\x93"}) {
    if (!t.text.starts_with(dash)) continue;
    const auto name = core::ascii_lower(std::string_view{t.text}.substr(dash.size()));
    if (name == "for") return part::business_function;
    if (name == "effect") return part::expected_effect;
  }
  return std::nullopt;
}

// The original text of arguments [first, last): a lone quoted argument without its quotes.
std::string span_text(const parsed_command& cmd, std::size_t first, std::size_t last) {
  if (first >= last) return {};
  if (last - first == 1 && cmd.args[first].quoted) return cmd.args[first].text;
  const auto begin = cmd.args[first].begin;
  return std::string{core::trim(std::string_view{cmd.text}.substr(begin, cmd.args[last - 1].end - begin))};
}

}  // namespace

std::optional<std::int64_t> parse_number(std::string_view text) {
  if (text.starts_with('#')) text.remove_prefix(1);
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || n <= 0) return std::nullopt;
  return n;
}

kept_text keep(std::string_view typed, std::size_t max) {
  auto capped = core::cap_chars(core::sanitize(typed), max);
  return {std::string{core::trim(capped.text)}, capped.truncated};
}

add_words read_add_words(const parsed_command& cmd, std::size_t first) {
  add_words out;
  part current = part::title;
  std::size_t start = first;
  // Ends the part that began at `start` (after its flag, for --for and --effect) before `end`.
  const auto finish = [&](std::size_t end) {
    if (current != part::title && start == end && out.empty_flag.empty())
      out.empty_flag = cmd.args[start - 1].text;
    auto text = span_text(cmd, start, end);
    if (current == part::title) {
      out.title = std::move(text);
    } else {
      (current == part::business_function ? out.business_function : out.expected_effect) = std::move(text);
    }
  };
  for (std::size_t i = first; i < cmd.args.size(); ++i) {
    if (const auto flag = flag_of(cmd.args[i])) {
      finish(i);
      current = *flag;
      start = i + 1;
    }
  }
  finish(cmd.args.size());
  return out;
}

number_list read_numbers(const parsed_command& cmd, std::size_t first) {
  number_list out;
  for (std::size_t i = first; i < cmd.args.size() && out.bad.empty(); ++i) {
    std::string_view rest = cmd.args[i].text;
    while (!rest.empty()) {
      const auto comma = std::min(rest.find(','), rest.size());
      const auto word = core::trim(rest.substr(0, comma));
      rest.remove_prefix(std::min(comma + 1, rest.size()));
      if (word.empty()) continue;
      const auto n = parse_number(word);
      if (!n) {
        out.bad = std::string{word};
        break;
      }
      out.ids.push_back(*n);
    }
  }
  return out;
}

std::optional<core::improvement> find_improvement_arg(const command_env& env, std::size_t index,
                                                      std::string& error) {
  const auto typed = env.cmd.arg(index);
  if (typed.empty()) {
    error = core::tr(env.language, "improve.usage", {{"command", env.settings.bot.command}});
    return std::nullopt;
  }
  const auto id = parse_number(typed);
  if (!id) {
    error = core::tr(env.language, "improve.bad_id", {{"typed", core::echo(typed, 40)}});
    return std::nullopt;
  }
  auto found = storage::improvement_repository{env.db}.find(*id);
  if (!found) {
    error = core::tr(env.language, "improve.unknown_id",
                     {{"id", std::to_string(*id)}, {"command", env.settings.bot.command}});
  }
  return found;
}

}  // namespace csibot::commands
