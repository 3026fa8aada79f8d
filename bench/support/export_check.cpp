#include "bench/support/export_check.hpp"

#include <cstdio>

namespace csibot::bench {

std::string check_exactly_once(const std::string& binary, const std::filesystem::path& config,
                               const std::map<std::string, std::size_t>& expected, const row_owner& owner,
                               const std::string& other) {
  const std::string command = "'" + binary + "' export --format json --config '" + config.string() + "'";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return "cannot run " + command;
  std::map<std::string, std::size_t> seen;
  std::size_t rows = 0, unowned = 0;
  std::string line;
  char chunk[4096];
  while (std::fgets(chunk, sizeof chunk, pipe) != nullptr) {
    line += chunk;
    if (line.empty() || line.back() != '\n') continue;  // a row longer than the chunk
    const auto row = nlohmann::json::parse(line, nullptr, false);
    line.clear();
    if (!row.is_object()) continue;
    ++rows;
    if (const auto who = owner(row))
      ++seen[*who];
    else
      ++unowned;
  }
  const int rc = pclose(pipe);
  if (rc != 0) return "csibot export failed (status " + std::to_string(rc) + ")";
  std::size_t missing = 0, extra = 0;
  for (const auto& [who, want] : expected) {
    const auto it = seen.find(who);
    const auto got = it == seen.end() ? 0 : it->second;
    if (got < want) missing += want - got;
    if (got > want) extra += got - want;
  }
  for (const auto& [who, got] : seen)
    if (!expected.contains(who)) extra += got;
  if (missing == 0 && extra == 0 && unowned == 0) return "exactly once (" + std::to_string(rows) + " rows)";
  return "MISMATCH: " + std::to_string(rows) + " rows, " + std::to_string(missing) + " missing, " +
         std::to_string(extra) + " extra, " + std::to_string(unowned) + " " + other;
}

}  // namespace csibot::bench
