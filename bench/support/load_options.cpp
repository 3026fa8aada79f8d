#include "bench/support/load_options.hpp"

namespace csibot::bench {

void add_load_options(CLI::App& app, load_options& o, const load_wording& words) {
  app.add_option("--binary", o.binary, "the csibot binary")->capture_default_str();
  app.add_option(words.per_run_flag, o.per_run, words.per_run_help)
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option("--in-flight", o.in_flight,
                 std::string{words.in_flight_what} + " in flight, one run each (comma-separated)")
      ->delimiter(',')
      ->capture_default_str();
  app.add_option("--fake-threads", o.fake_threads,
                 std::string{"server threads of the fake "} + words.platform)
      ->capture_default_str();
  app.add_option("--stall", o.stall_seconds, "give a run up after this many seconds without a reply")
      ->capture_default_str();
  app.add_flag("--keep", o.keep, "keep each run's folder (config, database, csibot.log)");
}

}  // namespace csibot::bench
