#pragma once
/// What a load run costs: the bot's start-up, RSS and CPU, and the CPU of this process (the fake and
/// the driver) alongside, which shows whether the load generator rather than csibot was the limit.
#include "bench/support/bot_process.hpp"

namespace csibot::bench {

/// This process's user + system CPU seconds, all threads (the driver and the fake's server threads).
double own_cpu_seconds();

/// Call first thing in a load tool's main, before any thread starts: keeps this process's allocations
/// on glibc's main heap, which grows in padded steps. The fake's server thread keeps every record it
/// sees, and on a heap of its own glibc grows that heap one page per mprotect call, about two calls
/// per command: CPU the tool then takes from the same two cores that csibot runs on.
void quiet_own_allocator();

struct resource_use {
  double startup_ms = 0;          ///< spawn → listening
  double idle_rss_mib = 0;        ///< connected and quiet, before the measured part
  double peak_rss_mib = 0;        ///< VmHWM at the end of the measured part
  double bot_cpu_seconds = 0;     ///< csibot user + sys during the measured part
  double driver_cpu_seconds = 0;  ///< this process (the fake and the driver) during the same part

  /// Right after the bot started.
  void note_startup(const bot_process& bot);
  /// Once the bot is connected and has settled, before any load.
  void note_idle(const bot_process& bot);
};

/// Brackets the measured part of a run: construct it right before the load, `end` it right after.
class measured_part {
 public:
  explicit measured_part(const bot_process& bot);
  /// The CPU both processes spent since construction, and the bot's peak RSS, into `use`.
  void end(resource_use& use) const;

 private:
  const bot_process& bot_;
  double bot_cpu_before_;
  double own_cpu_before_;
};

}  // namespace csibot::bench
