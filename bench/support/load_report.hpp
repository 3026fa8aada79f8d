#pragma once
/// The report both platform load tools print: a block per run as it ends, then all runs again as one
/// Markdown table for docs/PERFORMANCE.md, and an exit status that says whether every run was ok.
/// Each tool prints its own counts first; the lines after them are laid out here so they stay alike.
#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <exception>
#include <initializer_list>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "bench/support/resource_use.hpp"

namespace csibot::bench {

/// What every run reports, whatever the platform; a tool's result derives from it and adds its counts.
struct run_summary {
  std::size_t in_flight = 0;
  double seconds = 0;  ///< the measured part, as the tool bounds it
  resource_use use;
  std::string stored;  ///< "exactly once (N rows)", or what is wrong
  bool ok = false;
};

/// One latency distribution of a run in milliseconds, with its label in the block ("ack latency").
struct latency_series {
  const char* label;
  std::span<const double> ms;
};

/// The value at rank p (0 to 1) of the sorted values, rounding the rank down; 0 for none.
double percentile(std::span<const double> values, double p);

/// The block's lines after the tool's own: total time and rate, a line per latency, the CPU per
/// `unit` ("command"), RSS, start-up and stored, and a blank line. `done` counts the finished units.
void print_run(const run_summary& r, std::size_t done, const char* unit,
               std::initializer_list<latency_series> latencies);

/// One table row: in flight, rate, p50 / p99 per latency, csibot CPU per unit, RSS, stored.
void print_row(const run_summary& r, std::size_t done,
               std::initializer_list<std::span<const double>> latencies);

/// Runs `run(k)` for each in-flight figure k (at least 1) and shows each result with `print` as soon
/// as it is there; a run that throws is reported as "FAILED: …" instead of ending the series.
template <class Run, class Print>
auto run_each(const std::vector<std::size_t>& in_flight, Run run, Print print) {
  using result = std::invoke_result_t<Run&, std::size_t>;
  std::vector<result> results;
  for (const auto k : in_flight) {
    try {
      results.push_back(run(std::max<std::size_t>(k, 1)));
    } catch (const std::exception& e) {
      result failed;
      failed.in_flight = k;
      failed.stored = std::string{"FAILED: "} + e.what();
      results.push_back(std::move(failed));
    }
    print(results.back());
  }
  return results;
}

/// Prints `head` (the table's header and separator lines) and `row(r)` for each run. Returns the exit
/// status: 0 when every run was ok, else 1, after `failure` on stderr.
template <class Result, class Row>
int print_table(const std::vector<Result>& results, const char* head, Row row, const char* failure) {
  std::fputs(head, stdout);
  bool all_ok = true;
  for (const auto& r : results) {
    all_ok = all_ok && r.ok;
    row(r);
  }
  if (!all_ok) std::fprintf(stderr, "\n*** %s ***\n", failure);
  return all_ok ? 0 : 1;
}

}  // namespace csibot::bench
