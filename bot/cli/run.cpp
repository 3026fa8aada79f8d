#include "bot/cli/run.hpp"

#include <ostream>

#include "bot/cli/common.hpp"
#include "bot/runtime/app.hpp"
#include "bot/runtime/logging.hpp"
#include "config/loader.hpp"

namespace csibot::cli {

int run(const config_flag& config, const run_flags& flags, std::ostream& err) {
  config::settings settings;
  try {
    // A mistyped flag is bad input (exit 1), found before anything starts, as in the config file.
    if (flags.listen) {
      if (auto problem = config::listen_problem(*flags.listen))
        throw failure{bad_input, "--listen " + *flags.listen + ": " + *problem};
    }
    settings = load_settings(config, err);
    runtime::setup_logging(flags.log_level.value_or(settings.bot.log_level),
                           flags.log_format.value_or(settings.bot.log_format));
  } catch (const failure& f) {
    err << "csibot: " << f.what() << '\n';
    return f.code;
  } catch (const std::exception& e) {
    err << "csibot: " << e.what() << '\n';
    return bad_input;
  }
  if (flags.listen) {
    // The flag stands for bot.listen everywhere it is read (the local chat's accepted Host names, the
    // default public_url), not only for the socket the server binds.
    if (settings.bot.public_url == "http://" + settings.bot.listen)
      settings.bot.public_url = "http://" + *flags.listen;
    settings.bot.listen = *flags.listen;
  }
  runtime::run_options options;
  options.listen = flags.listen;
  if (flags.port_file) options.port_file = std::filesystem::path{*flags.port_file};
  return runtime::run_bot(settings, options);
}

}  // namespace csibot::cli
