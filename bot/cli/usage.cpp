#include "bot/cli/usage.hpp"

#include "core/text.hpp"

namespace csibot::cli {
namespace {

std::string program(std::string_view parent) {
  std::string out = "csibot";
  if (!parent.empty()) out.append(" ").append(parent);
  return out;
}

std::string listed(const std::vector<std::string>& known) {
  std::string out;
  for (const auto& name : known) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

// The typed word as it may be shown: printable, and short enough for one line.
std::string shown(std::string_view typed) {
  constexpr std::size_t max_chars = 40;
  auto capped = core::cap_chars(core::sanitize(typed), max_chars);
  std::string out;
  for (const char c : capped.text) {
    if (c != '\n' && c != '\t') out += c;
  }
  if (capped.truncated) out += "\xE2\x80\xA6";  // "…"
  return out;
}

}  // namespace

std::string unknown_command(std::string_view parent, std::string_view typed,
                            const std::vector<std::string>& known) {
  std::string out = program(parent) + ": unknown command '" + shown(typed) + "'";
  if (typed == "help") {
    out += " (did you mean '--help'?)";  // what many tools spell as a command
  } else if (const auto near = core::closest(typed, known)) {
    out += " (did you mean '" + *near + "'?)";
  }
  out += ". Commands: " + listed(known) + ". See " + program(parent) + " --help.\n";
  return out;
}

std::string missing_command(std::string_view parent, const std::vector<std::string>& known) {
  return program(parent) + ": say which command to run: " + listed(known) + ". See " + program(parent) +
         " --help.\n";
}

}  // namespace csibot::cli
