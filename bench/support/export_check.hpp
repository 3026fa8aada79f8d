#pragma once
/// Whether a load run left in the database exactly what it sent: read back with `csibot export`, the
/// way an operator would, so that the check covers the export path too.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace csibot::bench {

/// Who a row counts for, or nothing for a row the run should not have stored.
using row_owner = std::function<std::optional<std::string>(const nlohmann::json& row)>;

/// Runs `binary export --format json --config config` on a stopped bot's database, counts the rows per
/// owner and compares with `expected` (rows per owner). Returns "exactly once (N rows)", else
/// "MISMATCH: …" naming the rows without an owner `other`, or why the export could not run.
std::string check_exactly_once(const std::string& binary, const std::filesystem::path& config,
                               const std::map<std::string, std::size_t>& expected, const row_owner& owner,
                               const std::string& other);

}  // namespace csibot::bench
