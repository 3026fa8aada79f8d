#include "bot/cli/common.hpp"

#include <algorithm>
#include <cctype>
#include <ostream>

#include "config/loader.hpp"
#include "core/cron.hpp"
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

std::unique_ptr<storage::database> open_database(const config::settings& s) {
  try {
    return std::make_unique<storage::database>(s.bot.database);
  } catch (const std::exception& e) {
    throw failure{runtime_failure, "cannot open database " + s.bot.database.string() + ": " + e.what()};
  }
}

std::unique_ptr<storage::database> open_existing_database(const config::settings& s, schema_need need) {
  const auto& path = s.bot.database;
  std::error_code ec;
  if (path != ":memory:" && !std::filesystem::exists(path, ec))
    throw failure{bad_input, "there is no database at " + path.string() +
                                 " (bot.database); `csibot run` or `csibot migrate` creates it"};
  if (path == ":memory:") return open_database(s);
  // Never migrated here: these commands promise to change nothing, and a trial config pointed at a
  // live database of an older csibot would otherwise upgrade it under that bot, which then refuses to
  // start.
  std::unique_ptr<storage::database> db;
  try {
    db = std::make_unique<storage::database>(path, storage::open_mode::as_is);
  } catch (const std::exception& e) {
    throw failure{runtime_failure, "cannot open database " + path.string() + ": " + e.what()};
  }
  const int found = db->schema_version();
  const int wanted = storage::database::current_schema();
  if (need == schema_need::current && found != wanted) {
    throw failure{
        runtime_failure,
        "database " + path.string() + " has schema " + std::to_string(found) + ", this csibot reads " +
            std::to_string(wanted) +
            (found < wanted ? "; it belongs to an older csibot: run this command with that version, "
                              "or upgrade the database with `csibot migrate` (the older csibot then "
                              "no longer starts on it)"
                            : "; it belongs to a newer csibot: run this command with that version")};
  }
  return db;
}

std::unique_ptr<storage::database> open_and_sync_catalog(const config::settings& s, core::timestamp at) {
  auto db = open_database(s);
  try {
    storage::service_repository{*db}.sync_from_config(s.services, at);  // logged by csibot run
  } catch (const std::exception& e) {
    throw failure{runtime_failure,
                  "cannot store the catalog in " + s.bot.database.string() + ": " + e.what()};
  }
  return db;
}

namespace {

std::string id_list(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids)
    out += (out.empty() ? "" : ", ") + id;
  return out;
}

}  // namespace

std::vector<core::service> catalog_to_read(storage::database& db, const config::settings& s,
                                           std::ostream& err) {
  auto preview = storage::service_repository{db}.preview_sync(s.services);
  // Said only where a stored catalog exists: a new database has nothing to differ from.
  const std::size_t stored = preview.services.size() - preview.added.size() + preview.removed.size();
  if (preview.differs() && stored > 0) {
    std::string how;
    const auto part = [&how](std::string_view what, const std::vector<std::string>& ids) {
      if (!ids.empty()) how += std::string{how.empty() ? "" : "; "} + std::string{what} + " " + id_list(ids);
    };
    part("adds", preview.added);
    part("changes", preview.changed);
    part("removes", preview.removed);
    err << "csibot: note: the config file " << how << " compared with the database's catalog; shown here "
        << "as the file says, and stored when `csibot run` next starts\n";
  }
  return std::move(preview.services);
}

core::timestamp now() {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

core::period period_or_fail(const std::string& text, core::timestamp at, const std::string& zone) {
  auto p = core::parse_period(text, at, core::find_time_zone(zone));
  if (!p) {
    // Well formed but not begun ("2027", "since:<tomorrow>"): say so, not that the form is wrong.
    const bool dated =
        text.starts_with("since:") ||
        (text.size() >= 4 &&
         std::all_of(text.begin(), text.begin() + 4, [](char c) { return c >= '0' && c <= '9'; }) &&
         (text.size() == 4 || text[4] == '-'));
    const auto year_9999 = core::timestamp{} + std::chrono::hours{24LL * 365 * 8029};
    if (dated && core::parse_period(text, year_9999))
      throw failure{bad_input, "'" + text + "' has not begun yet; give a period that has"};
    throw failure{bad_input,
                  "'" + text + "' is not a period (7d, 30d, 12w, 2026-Q3, 2026-10, since:2026-10-01, all)"};
  }
  return std::move(*p);
}

const core::service& service_or_fail(const std::vector<core::service>& catalog, const std::string& name) {
  if (const auto* found = dialog::exact_service(catalog, name)) return *found;
  const auto match = dialog::match_service(catalog, name);
  throw failure{bad_input, "no service is called '" + name + "'" +
                               (match.suggestion ? "; did you mean '" + match.suggestion->id + "'?" : "")};
}

}  // namespace csibot::cli
