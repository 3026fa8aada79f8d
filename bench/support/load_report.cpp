#include "bench/support/load_report.hpp"

namespace csibot::bench {
namespace {

double per_second(std::size_t done, double seconds) {
  return static_cast<double>(done) / std::max(seconds, 1e-9);
}

double ms_each(double seconds, std::size_t done) {
  return seconds * 1000 / static_cast<double>(std::max<std::size_t>(1, done));
}

}  // namespace

double percentile(std::span<const double> values, double p) {
  if (values.empty()) return 0;
  std::vector<double> v{values.begin(), values.end()};
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

void print_run(const run_summary& r, std::size_t done, const char* unit,
               std::initializer_list<latency_series> latencies) {
  std::printf("total time         %.2f s (%.0f %ss/s)\n", r.seconds, per_second(done, r.seconds), unit);
  for (const auto& l : latencies)
    std::printf("%-18s p50 %.2f ms, p99 %.2f ms, max %.2f ms\n", l.label, percentile(l.ms, 0.5),
                percentile(l.ms, 0.99), percentile(l.ms, 1.0));
  std::printf("csibot CPU         %.2f s (%.3f ms per %s)\n", r.use.bot_cpu_seconds,
              ms_each(r.use.bot_cpu_seconds, done), unit);
  std::printf("fake + driver CPU  %.2f s (%.3f ms per %s)\n", r.use.driver_cpu_seconds,
              ms_each(r.use.driver_cpu_seconds, done), unit);
  std::printf("csibot RSS         idle %.1f MiB, peak %.1f MiB\n", r.use.idle_rss_mib, r.use.peak_rss_mib);
  std::printf("start-up           %.0f ms to listening\n", r.use.startup_ms);
  std::printf("stored             %s\n\n", r.stored.c_str());
  std::fflush(stdout);
}

void print_row(const run_summary& r, std::size_t done,
               std::initializer_list<std::span<const double>> latencies) {
  std::printf("| %zu | %.0f |", r.in_flight, per_second(done, r.seconds));
  for (const auto& ms : latencies)
    std::printf(" %.2f / %.2f ms |", percentile(ms, 0.5), percentile(ms, 0.99));
  std::printf(" %.3f ms | %.1f / %.1f MiB | %s |\n", ms_each(r.use.bot_cpu_seconds, done), r.use.idle_rss_mib,
              r.use.peak_rss_mib, r.stored.c_str());
}

}  // namespace csibot::bench
