#include "bot/cli/commands.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <ostream>
#include <system_error>

#include "bot/cli/catalog_export.hpp"
#include "bot/cli/common.hpp"
#include "bot/cli/export.hpp"
#include "commands/dispatch.hpp"
#include "config/loader.hpp"
#include "core/cron.hpp"
#include "storage/database.hpp"
#include "storage/repositories.hpp"

namespace csibot::cli {
namespace {

// A backup holds every answer, so it is made 0600 (as /csi admin backup's are) before SQLite opens
// it: SQLite would create it 0644 less the umask, and gives its journal the database file's mode, so
// no part of the copy is ever readable by others. O_EXCL: never write into a file someone else made.
void create_private_file(const std::filesystem::path& file) {
  std::error_code ignored;  // a folder that cannot be made shows as open's error below
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ignored);
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR);
  if (fd >= 0) {
    ::close(fd);
    return;
  }
  const int error = errno;
  if (error == EEXIST) throw failure{bad_input, file.string() + " exists; choose a new file"};
  throw failure{runtime_failure,
                "cannot create " + file.string() + ": " + std::generic_category().message(error)};
}

}  // namespace

int check_config(const config_flag& flag, std::ostream& out, std::ostream& err) {
  const auto chosen = config::choose_config_file(flag);
  if (!chosen) {
    err << "csibot: no config file to check: give one (check-config FILE), set $CSIBOT_CONFIG or "
           "create ./csibot.toml; without one csibot runs its built-in demo config\n";
    return bad_input;
  }
  const auto& file = *chosen;
  const auto result = config::load_file(file);
  std::size_t errors = 0, warnings = 0;
  for (const auto& d : result.diagnostics) {
    err << d.str(file) << '\n';
    (d.severity == config::severity::error ? errors : warnings)++;
  }
  out << file.string() << ": " << errors << " error(s), " << warnings << " warning(s)";
  if (result.ok()) out << "; " << result.settings->services.size() << " service(s)";
  out << '\n';
  return result.ok() ? ok : bad_input;
}

int migrate(const config_flag& config, std::ostream& out, std::ostream& err) {
  return guarded(err, [&] {
    const auto settings = load_settings(config, err);
    const auto db = open_and_sync_catalog(settings, now());
    out << settings.bot.database.string() << ": schema version " << db->schema_version() << '\n';
    return ok;
  });
}

int export_data(const config_flag& config, const std::string& format, const std::string& since,
                std::ostream& out, std::ostream& err) {
  return guarded(err, [&] {
    const auto settings = load_settings(config, err);
    const auto db = open_existing_database(settings);
    export_feedback(*db, format, since, core::find_time_zone(settings.bot.timezone), out);
    return ok;
  });
}

int backup(const config_flag& config, const std::filesystem::path& target, std::ostream& out,
           std::ostream& err) {
  return guarded(err, [&] {
    if (std::filesystem::exists(target))
      throw failure{bad_input, target.string() + " exists; choose a new file"};
    const auto settings = load_settings(config, err);
    // Any schema: a backup before upgrading an older csibot's database is what an operator wants.
    const auto db = open_existing_database(settings, schema_need::any);
    create_private_file(target);
    try {
      db->backup_to(target);
    } catch (...) {
      std::error_code ignored;  // what is left of a failed copy is no backup
      std::filesystem::remove(target, ignored);
      throw;
    }
    out << "backed up " << settings.bot.database.string() << " to " << target.string()
        << " (the copy passed SQLite's quick_check)\n";
    return ok;
  });
}

int catalog_export(const config_flag& config, std::ostream& out, std::ostream& err) {
  return guarded(err, [&] {
    const auto settings = load_settings(config, err);
    const auto db = open_existing_database(settings);
    out << catalog_toml(catalog_to_read(*db, settings, err));
    return ok;
  });
}

int stats(const config_flag& config, const std::string& service, const std::string& period, std::ostream& out,
          std::ostream& err) {
  return guarded(err, [&] {
    const auto settings = load_settings(config, err);
    const auto t = now();
    // Checked here, not left to the command's reply: a script must see exit code 1 (SPEC §11).
    if (!period.empty()) period_or_fail(period, t, settings.bot.timezone);
    const auto db = open_existing_database(settings);
    auto catalog = catalog_to_read(*db, settings, err);
    if (!service.empty()) service_or_fail(catalog, service);
    commands::dispatcher dispatcher{*db, settings};
    dispatcher.use_catalog(std::move(catalog));
    core::inbound in;
    in.platform = "cli";
    in.user = "cli";
    in.command = settings.bot.command;
    // Quoted, so that a service given by its name ("Remote access VPN") stays one argument.
    in.text = "stats " + (service.empty() ? std::string{} : '"' + service + '"') + " " + period;
    const auto replies = dispatcher.dispatch(in, t);
    for (const auto& r : replies)
      out << r.body.plain_text() << '\n';
    return ok;
  });
}

}  // namespace csibot::cli
