#pragma once
/// What every `csibot` subcommand shares: finding and loading the config, opening the database,
/// and the exit codes of SPEC §11 (0 success, 1 bad input or config, 2 runtime failure).
#include <filesystem>
#include <iosfwd>
#include <memory>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>

#include "config/settings.hpp"
#include "core/period.hpp"
#include "core/service.hpp"
#include "core/time.hpp"

namespace csibot::storage {
class database;
}

namespace csibot::cli {

enum exit_code : int { ok = 0, bad_input = 1, runtime_failure = 2 };

/// A failure that ends the command with `code` after printing `what()` on stderr.
struct failure : std::runtime_error {
  failure(exit_code c, const std::string& message) : std::runtime_error(message), code(c) {}
  exit_code code;
};

/// Loads the config SPEC §12 chooses (`--config`, $CSIBOT_CONFIG, ./csibot.toml, else the built-in
/// demo). Warnings go to `err`; errors throw failure{bad_input} listing every problem.
config::settings load_settings(const std::optional<std::filesystem::path>& flag, std::ostream& err);

/// Opens (and migrates) the configured database. One that cannot be opened throws
/// failure{runtime_failure}.
std::unique_ptr<storage::database> open_database(const config::settings& s);

/// What a reading command needs of the database's schema.
enum class schema_need {
  current,  ///< it reads tables: exactly this csibot's schema
  any,      ///< it copies pages (backup): whatever schema the file has
};

/// For the commands that only read (stats, digest, export, backup, catalog export): opens the file
/// without migrating it (storage::open_mode::as_is). A database file that does not exist throws
/// failure{bad_input} instead of being created empty, so a mistyped bot.database fails the script
/// rather than exporting or backing up nothing; with schema_need::current a schema older or newer
/// than this csibot's throws failure{runtime_failure} naming both and what to do.
std::unique_ptr<storage::database> open_existing_database(const config::settings& s,
                                                          schema_need need = schema_need::current);

/// open_database, then syncs the catalog from the config file into it, as `csibot run` does at start:
/// for the commands that write (migrate, demo).
std::unique_ptr<storage::database> open_and_sync_catalog(const config::settings& s, core::timestamp now);

/// The catalog as the config file makes it (storage::service_repository::preview_sync), for the
/// commands that only read: they never change the database they are pointed at. When the stored
/// catalog differs, a note on `err` says how and that `csibot run` will store it.
std::vector<core::service> catalog_to_read(storage::database& db, const config::settings& s,
                                           std::ostream& err);

/// The current time (the CLI is the edge where the real clock is read).
core::timestamp now();

/// `text` read as a period (SPEC §5), calendar periods in the IANA `zone` (bot.timezone), or
/// failure{bad_input} listing the forms that work.
core::period period_or_fail(const std::string& text, core::timestamp now, const std::string& zone);
/// The service of `catalog` whose id or name is `name`, or failure{bad_input} with the closest one.
const core::service& service_or_fail(const std::vector<core::service>& catalog, const std::string& name);

/// Runs a subcommand's body and turns failures into the exit codes of SPEC §11 with one line on
/// stderr: a `failure` gives its own code, any other exception is a runtime failure.
template <class Body>
int guarded(std::ostream& err, Body&& body) {
  try {
    return body();
  } catch (const failure& f) {
    err << "csibot: " << f.what() << '\n';
    return f.code;
  } catch (const std::exception& e) {
    err << "csibot: " << e.what() << '\n';
    return runtime_failure;
  }
}

}  // namespace csibot::cli
