#include "e2e/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace csibot::e2e {
namespace {

using clock = std::chrono::steady_clock;

exit_status decode(int raw) {
  exit_status s;
  if (WIFEXITED(raw)) {
    s.exited = true;
    s.code = WEXITSTATUS(raw);
  } else if (WIFSIGNALED(raw)) {
    s.signal = WTERMSIG(raw);
  }
  return s;
}

[[noreturn]] void fail(const std::string& what, int error) {
  throw std::runtime_error(what + ": " + std::strerror(error));
}

// RAII for the two posix_spawn attribute objects, so that an error path cannot leak them.
struct spawn_setup {
  posix_spawn_file_actions_t actions{};
  posix_spawnattr_t attr{};
  spawn_setup() {
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attr);
  }
  ~spawn_setup() {
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
  }
  spawn_setup(const spawn_setup&) = delete;
  spawn_setup& operator=(const spawn_setup&) = delete;
};

}  // namespace

std::string exit_status::describe() const {
  if (exited) return "exit " + std::to_string(code);
  if (signal != 0) return "signal " + std::to_string(signal) + " (" + strsignal(signal) + ")";
  return "unknown";
}

child_process::child_process(spawn_options options) : options_(std::move(options)) {
  if (options_.argv.empty()) throw std::invalid_argument("child_process: empty argv");
  spawn_setup setup;
  constexpr int out_flags = O_WRONLY | O_CREAT | O_TRUNC;  // no O_CLOEXEC: these are the child's fds
  posix_spawn_file_actions_addopen(&setup.actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&setup.actions, 1, options_.stdout_file.c_str(), out_flags, 0644);
  posix_spawn_file_actions_addopen(&setup.actions, 2, options_.stderr_file.c_str(), out_flags, 0644);

  // The child starts with default dispositions and nothing blocked, whatever the test runner's
  // threads did: csibot must see SIGTERM, and a blocked signal would be inherited across exec.
  sigset_t none;
  sigemptyset(&none);
  sigset_t defaults;
  sigemptyset(&defaults);
  for (int s : {SIGTERM, SIGINT, SIGPIPE, SIGCHLD, SIGHUP})
    sigaddset(&defaults, s);
  posix_spawnattr_setsigmask(&setup.attr, &none);
  posix_spawnattr_setsigdefault(&setup.attr, &defaults);
  short flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
  if (options_.own_process_group) {
    flags |= POSIX_SPAWN_SETPGROUP;
    posix_spawnattr_setpgroup(&setup.attr, 0);
  }
  posix_spawnattr_setflags(&setup.attr, flags);

  std::vector<char*> argv;
  for (auto& a : options_.argv)
    argv.push_back(a.data());
  argv.push_back(nullptr);
  if (const int rc = posix_spawn(&pid_, argv[0], &setup.actions, &setup.attr, argv.data(), environ);
      rc != 0) {
    pid_ = -1;
    fail("posix_spawn " + options_.argv[0], rc);
  }
  // A child that already exited is a zombie until reaped, so the pidfd can still be opened.
  // Through syscall(): glibc 2.36's <sys/pidfd.h> lacks extern "C", so its wrapper does not link
  // from C++.
  pidfd_ = static_cast<int>(::syscall(SYS_pidfd_open, pid_, 0U));
  if (pidfd_ < 0) {
    const int error = errno;
    kill();
    fail("pidfd_open", error);
  }
}

child_process::~child_process() {
  kill();
  if (pidfd_ >= 0) ::close(pidfd_);
}

std::optional<exit_status> child_process::reap(bool block) {
  if (status_ || pid_ < 0) return status_;
  int raw = 0;
  pid_t r = 0;
  do {
    r = ::waitpid(pid_, &raw, block ? 0 : WNOHANG);
  } while (r < 0 && errno == EINTR);
  if (r == pid_) status_ = decode(raw);
  return status_;
}

bool child_process::running() {
  return !reap(false).has_value();
}

std::optional<exit_status> child_process::wait_for(std::chrono::milliseconds deadline) {
  const auto end = clock::now() + deadline;
  while (!reap(false)) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - clock::now());
    if (left.count() <= 0) return std::nullopt;
    // The pidfd becomes readable when the child exits: no sleeping, no missed wake-up.
    pollfd p{pidfd_, POLLIN, 0};
    ::poll(&p, 1, static_cast<int>(left.count()) + 1);
  }
  return status_;
}

bool child_process::wait_exited(std::chrono::milliseconds deadline) {
  if (status_) return true;
  const auto end = clock::now() + deadline;
  while (true) {
    pollfd p{pidfd_, POLLIN, 0};
    if (::poll(&p, 1, 0) > 0) return true;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - clock::now());
    if (left.count() <= 0) return false;
    ::poll(&p, 1, static_cast<int>(left.count()) + 1);
  }
}

void child_process::signal(int sig) {
  if (pid_ < 0 || status_) return;
  ::kill(options_.own_process_group ? -pid_ : pid_, sig);
}

std::optional<exit_status> child_process::stop(std::chrono::milliseconds grace) {
  if (status_) return status_;
  signal(SIGTERM);
  if (auto s = wait_for(grace)) return s;
  kill();
  return std::nullopt;
}

void child_process::kill() {
  if (pid_ < 0) return;
  signal(SIGKILL);
  reap(true);
}

std::string child_process::stdout_text() const {
  return read_file(options_.stdout_file);
}

std::string child_process::stderr_text() const {
  return read_file(options_.stderr_file);
}

completed run_to_completion(std::vector<std::string> argv, const std::filesystem::path& log_dir,
                            std::chrono::milliseconds deadline) {
  static int serial = 0;
  const auto stem = log_dir / ("run-" + std::to_string(++serial));
  child_process child({std::move(argv), std::filesystem::path{stem.string() + ".out"},
                       std::filesystem::path{stem.string() + ".err"}});
  completed result;
  if (auto s = child.wait_for(deadline)) {
    result.status = *s;
  } else {
    child.kill();
    result.err = "(killed after the deadline)\n";
  }
  result.out = child.stdout_text();
  result.err += child.stderr_text();
  return result;
}

std::string sanitizer_finding(const std::string& log) {
  static constexpr std::array<std::string_view, 4> markers{"ERROR: AddressSanitizer", "ERROR: LeakSanitizer",
                                                           "runtime error:", "WARNING: ThreadSanitizer"};
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    for (const auto m : markers) {
      if (line.find(m) != std::string::npos) return line;
    }
  }
  return {};
}

std::size_t lines_containing(const std::string& log, std::string_view needle) {
  std::istringstream in{log};
  std::size_t n = 0;
  for (std::string line; std::getline(in, line);)
    n += line.find(needle) != std::string::npos ? 1U : 0U;
  return n;
}

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace csibot::e2e
