#include "bot/cli/common.hpp"

#include <ostream>

#include "config/loader.hpp"
#include "dialog/answers.hpp"
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
    storage::service_repository{*db}.sync_from_config(s.services, at);  // logged by csibot run
    return db;
  } catch (const std::exception& e) {
    throw failure{runtime_failure, "cannot open database " + s.bot.database.string() + ": " + e.what()};
  }
}

core::timestamp now() {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

core::period period_or_fail(const std::string& text, core::timestamp at) {
  auto p = core::parse_period(text, at);
  if (!p)
    throw failure{bad_input,
                  "'" + text + "' is not a period (7d, 30d, 12w, 2026-Q3, 2026-10, since:2026-10-01, all)"};
  return std::move(*p);
}

const core::service& service_or_fail(const std::vector<core::service>& catalog, const std::string& name) {
  if (const auto* found = dialog::exact_service(catalog, name)) return *found;
  const auto match = dialog::match_service(catalog, name);
  throw failure{bad_input, "no service is called '" + name + "'" +
                               (match.suggestion ? "; did you mean '" + match.suggestion->id + "'?" : "")};
}

}  // namespace csibot::cli
