#include "bot/cli/common.hpp"

#include <ostream>

#include "config/loader.hpp"
#include "storage/database.hpp"
#include "storage/repositories.hpp"

namespace csibot::cli {

config::settings load_settings(const std::optional<std::filesystem::path>& flag, std::ostream& err) {
  const auto file = config::choose_config_file(flag);
  if (!file) return config::demo_settings();
  auto result = config::load_file(*file);
  std::string errors;
  for (const auto& d : result.diagnostics) {
    if (d.severity == config::severity::warning) {
      err << d.str(*file) << '\n';
    } else {
      errors += d.str(*file) + '\n';
    }
  }
  if (!result.ok()) {
    if (!errors.empty()) errors.pop_back();
    throw failure{bad_input, errors.empty() ? file->string() + ": cannot be used" : errors};
  }
  return std::move(*result.settings);
}

std::unique_ptr<storage::database> open_database(const config::settings& s, core::timestamp at) {
  try {
    auto db = std::make_unique<storage::database>(s.bot.database);
    storage::service_repository{*db}.sync_from_config(s.services, at);
    return db;
  } catch (const std::exception& e) {
    throw failure{runtime_failure, "cannot open database " + s.bot.database.string() + ": " + e.what()};
  }
}

core::timestamp now() {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

}  // namespace csibot::cli
