#pragma once
/// Child processes for end-to-end tests: the real csibot binary and headless Chromium.
///
/// A child's stdout and stderr go to files (not pipes), so a chatty child can never block on a full
/// pipe while the test waits for something else, and the logs can be read at any time and printed
/// when a test fails. Waiting uses a pidfd with poll(), so a test wakes the moment the child exits
/// and gives up at a deadline instead of sleeping.
#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace csibot::e2e {

/// How a child ended.
struct exit_status {
  bool exited = false;  ///< true: exit() with `code`; false: killed by `signal`
  int code = -1;
  int signal = 0;

  [[nodiscard]] bool ok() const noexcept { return exited && code == 0; }
  /// "exit 0", "exit 2", "signal 9 (Killed)".
  [[nodiscard]] std::string describe() const;
};

struct spawn_options {
  std::vector<std::string> argv;  ///< argv[0] is the executable's path (no PATH search)
  std::filesystem::path stdout_file;
  std::filesystem::path stderr_file;
  /// Puts the child into a new process group of its own, so that stop()/kill() reach everything it
  /// starts as well (Chromium's zygote and renderers).
  bool own_process_group = false;
};

/// One running child. The destructor kills it (SIGKILL) and reaps it if it is still there, so a
/// failing test never leaves a bot or a browser behind.
class child_process {
 public:
  /// Starts the child with posix_spawn; throws std::runtime_error when it cannot be started.
  explicit child_process(spawn_options options);
  ~child_process();
  child_process(const child_process&) = delete;
  child_process& operator=(const child_process&) = delete;

  [[nodiscard]] pid_t pid() const noexcept { return pid_; }
  /// True while the child has not exited (reaps it when it has).
  [[nodiscard]] bool running();
  /// Waits until the child exits or `deadline` passes; nullopt on deadline (the child keeps running).
  std::optional<exit_status> wait_for(std::chrono::milliseconds deadline);
  /// Waits until the child has exited without reaping it, so its pid and process group id stay
  /// reserved (no other process can get them) while the caller signals the group's leftovers.
  bool wait_exited(std::chrono::milliseconds deadline);
  /// Sends `signal` (to the whole group with own_process_group); a no-op once the child is reaped,
  /// because its pid (and group id) may then belong to someone else.
  void signal(int sig);
  /// SIGTERM, then waits up to `grace`; on the deadline SIGKILL and reaps. nullopt when the child
  /// had to be killed, i.e. it did not stop gracefully.
  std::optional<exit_status> stop(std::chrono::milliseconds grace = std::chrono::seconds{10});
  /// SIGKILL and reap (a no-op when already reaped).
  void kill();

  [[nodiscard]] std::string stdout_text() const;
  [[nodiscard]] std::string stderr_text() const;
  [[nodiscard]] const spawn_options& options() const noexcept { return options_; }

 private:
  std::optional<exit_status> reap(bool block);

  spawn_options options_;
  pid_t pid_ = -1;
  int pidfd_ = -1;
  std::optional<exit_status> status_;
};

/// Runs a command to completion (stdout/stderr into `log_dir`) and returns its status and output.
struct completed {
  exit_status status;
  std::string out;
  std::string err;
};
completed run_to_completion(std::vector<std::string> argv, const std::filesystem::path& log_dir,
                            std::chrono::milliseconds deadline = std::chrono::seconds{30});

/// The first line of `log` that reports a sanitizer finding (AddressSanitizer, LeakSanitizer,
/// UndefinedBehaviorSanitizer's "runtime error:"), or empty. A sanitizer build of csibot must make
/// the end-to-end tests fail even when the finding does not change the exit code.
std::string sanitizer_finding(const std::string& log);

/// How many lines of `log` contain `needle`: "said once" checks on a child's stderr.
std::size_t lines_containing(const std::string& log, std::string_view needle);

/// Reads a whole file; empty when it does not exist.
std::string read_file(const std::filesystem::path& file);

}  // namespace csibot::e2e
