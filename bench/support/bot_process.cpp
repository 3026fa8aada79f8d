#include "bench/support/bot_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace csibot::bench {

bot_process::bot_process(const std::filesystem::path& binary, const std::filesystem::path& config,
                         const std::filesystem::path& dir) {
  const auto port_file = dir / "port";
  std::filesystem::remove(port_file);
  const std::string log = (dir / "csibot.log").string();
  std::vector<std::string> args{binary.string(), "run",         "--config",    config.string(),
                                "--listen",      "127.0.0.1:0", "--port-file", port_file.string(),
                                "--log-level",   "warn"};
  std::vector<char*> argv;
  for (auto& a : args)
    argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 2, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  const auto started = std::chrono::steady_clock::now();
  const int rc = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start " + binary.string());
  // Polling the port file is the start-up signal; 2 ms steps keep the measured time honest.
  while (!std::filesystem::exists(port_file)) {
    if (std::chrono::steady_clock::now() - started > std::chrono::seconds{30}) {
      throw std::runtime_error("csibot did not start within 30 s; see " + log);
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_)
      throw std::runtime_error("csibot exited at start; see " + log);
    std::this_thread::sleep_for(std::chrono::milliseconds{2});
  }
  startup_ = std::chrono::steady_clock::now() - started;
  std::ifstream in{port_file};
  int port = 0;
  in >> port;
  port_ = static_cast<std::uint16_t>(port);
}

bot_process::~bot_process() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
}

std::int64_t bot_process::status_field(const std::string& name) const {
  std::ifstream in{"/proc/" + std::to_string(pid_) + "/status"};
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(name + ":", 0) == 0) {
      std::istringstream fields{line.substr(name.size() + 1)};
      std::int64_t kib = 0;
      fields >> kib;
      return kib;
    }
  }
  return -1;
}

std::int64_t bot_process::rss_kib() const {
  return status_field("VmRSS");
}
std::int64_t bot_process::peak_rss_kib() const {
  return status_field("VmHWM");
}

double bot_process::cpu_seconds() const {
  std::ifstream in{"/proc/" + std::to_string(pid_) + "/stat"};
  std::string stat;
  std::getline(in, stat);
  // Fields after the command name (which may hold spaces) start after the last ')'.
  std::istringstream fields{stat.substr(stat.rfind(')') + 2)};
  std::string field;
  double ticks = 0;
  for (int i = 3; i <= 15 && fields >> field; ++i) {
    if (i == 14 || i == 15) ticks += std::stod(field);
  }
  return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

}  // namespace csibot::bench
