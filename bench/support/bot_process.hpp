#pragma once
/// Starts the real csibot binary for a load run and reads its resource use from /proc.
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace csibot::bench {

class bot_process {
 public:
  /// Starts `binary run --config config --listen 127.0.0.1:0 --port-file <dir>/port` with its log in
  /// <dir>/csibot.log, and waits (up to 30 s) until the port file appears. Throws on failure.
  bot_process(const std::filesystem::path& binary, const std::filesystem::path& config,
              const std::filesystem::path& dir);
  /// SIGTERM, then waits for the exit.
  ~bot_process();
  bot_process(const bot_process&) = delete;
  bot_process& operator=(const bot_process&) = delete;

  std::uint16_t port() const { return port_; }
  pid_t pid() const { return pid_; }
  /// From spawn to the port file existing.
  std::chrono::duration<double> startup() const { return startup_; }

  /// Current and peak resident set size in KiB (VmRSS, VmHWM).
  std::int64_t rss_kib() const;
  std::int64_t peak_rss_kib() const;
  /// User + system CPU seconds used so far.
  double cpu_seconds() const;

 private:
  std::int64_t status_field(const std::string& name) const;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
  std::chrono::duration<double> startup_{};
};

}  // namespace csibot::bench
