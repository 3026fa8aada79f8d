#include "bench/support/resource_use.hpp"

#include <malloc.h>
#include <sys/resource.h>

namespace csibot::bench {
namespace {

double mib(std::int64_t kib) {
  return static_cast<double>(kib) / 1024;
}

}  // namespace

double own_cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(u.ru_utime) + seconds(u.ru_stime);
}

void quiet_own_allocator() {
  mallopt(M_ARENA_MAX, 1);
  mallopt(M_TOP_PAD, 16 << 20);  // grow the heap 16 MiB at a time rather than 128 KiB
}

void resource_use::note_startup(const bot_process& bot) {
  startup_ms = bot.startup().count() * 1000;
}

void resource_use::note_idle(const bot_process& bot) {
  idle_rss_mib = mib(bot.rss_kib());
}

measured_part::measured_part(const bot_process& bot)
    : bot_(bot), bot_cpu_before_(bot.cpu_seconds()), own_cpu_before_(own_cpu_seconds()) {}

void measured_part::end(resource_use& use) const {
  use.bot_cpu_seconds = bot_.cpu_seconds() - bot_cpu_before_;
  use.driver_cpu_seconds = own_cpu_seconds() - own_cpu_before_;
  use.peak_rss_mib = mib(bot_.peak_rss_kib());
}

}  // namespace csibot::bench
