// Proactive prompts (docs/PERFORMANCE.md "Prompts and pulses"):
//   decide         dialog::decide_prompt alone: policy decisions per second (pure, no I/O);
//   pulse_10000    a pulse over 10,000 members in a file database (synchronous=FULL, WAL): record the
//                  run, sample, spread, schedule 10,000 prompts and estimate what the policy holds
//                  back, in one transaction, as pulse_runner does at a slot; time and peak memory;
//   sender_batch   commands::prompt_sender on 100 due prompts: load each person, decide, open the
//                  conversation (mark sent, conversation row, DM message), one transaction.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "commands/prompt_sender.hpp"
#include "commands/pulse_runs.hpp"
#include "config/loader.hpp"
#include "dialog/prompt_policy.hpp"
#include "storage/database.hpp"
#include "storage/prompt_repository.hpp"
#include "storage/repositories.hpp"

namespace {

namespace fs = std::filesystem;
namespace core = csibot::core;
namespace commands = csibot::commands;
namespace dialog = csibot::dialog;
namespace storage = csibot::storage;
using namespace std::chrono_literals;

const core::timestamp monday_10 = core::from_millis(1'796'029'200'000);  // 2026-11-30T09:00:00Z

struct bench_dir {
  fs::path path =
      fs::temp_directory_path() / ("csibot-prompt-bench-" + std::to_string(std::random_device{}()));
  bench_dir() { fs::create_directories(path); }
  ~bench_dir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

double max_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// A mix of what the sender meets: a pulse with some history, a ticket, a reminder, someone in quiet
// hours in their own zone, someone whose budget is used up.
void decide(benchmark::State& state) {
  const csibot::config::policy_settings policy;
  std::vector<std::pair<dialog::prompt_request, dialog::person_state>> cases;
  for (int i = 0; i < 5; ++i) {
    dialog::prompt_request rq;
    rq.user = "slack:U" + std::to_string(i);
    rq.service = "vpn";
    rq.kind = i == 1   ? core::prompt_kind::ticket
              : i == 2 ? core::prompt_kind::reminder
                       : core::prompt_kind::pulse;
    if (i == 2)
      rq.original = core::prompt_record{"vpn", core::prompt_kind::pulse, monday_10 - 72h, false, false};
    dialog::person_state p;
    p.time_zone = i == 3 ? "America/Los_Angeles" : "Europe/Berlin";
    for (int h = 0; h < (i == 4 ? 2 : 1); ++h)
      p.history.push_back(
          {"email", core::prompt_kind::pulse, monday_10 - std::chrono::days{2 + h}, h == 0, false});
    cases.emplace_back(std::move(rq), std::move(p));
  }
  std::size_t n = 0;
  for (auto _ : state) {
    const auto& [rq, p] = cases[n++ % cases.size()];
    benchmark::DoNotOptimize(dialog::decide_prompt(rq, p, policy, "Europe/Berlin", monday_10));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(decide);

std::vector<std::string> members(int n) {
  std::vector<std::string> out;
  out.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i)
    out.push_back("slack:U" + std::to_string(100'000 + i));
  return out;
}

void pulse_10000(benchmark::State& state) {
  auto settings = csibot::config::demo_settings();
  csibot::config::pulse_settings p;
  p.service = "vpn";
  p.schedule = "0 10 * * MON";
  p.audience = {"slack:C0CUSTOMERS"};
  p.sample = 1.0;
  const auto people = members(static_cast<int>(state.range(0)));
  std::int64_t scheduled = 0;
  for (auto _ : state) {
    state.PauseTiming();
    bench_dir dir;
    storage::database db{dir.path / "csibot.db"};
    storage::service_repository{db}.sync_from_config(settings.services, monday_10);
    state.ResumeTiming();
    storage::transaction tx{db};
    const auto run = commands::run_pulse(db, settings, p, monday_10, people, monday_10);
    tx.commit();
    scheduled = run ? run->scheduled : 0;
  }
  state.counters["scheduled"] = static_cast<double>(scheduled);
  state.counters["max_rss_mb"] = max_rss_mb();
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(pulse_10000)->Arg(10'000)->UseRealTime()->Unit(benchmark::kMillisecond)->Iterations(3);

void sender_batch(benchmark::State& state) {
  auto settings = csibot::config::demo_settings();
  bench_dir dir;
  storage::database db{dir.path / "csibot.db"};
  storage::service_repository{db}.sync_from_config(settings.services, monday_10);
  const auto catalog = storage::service_repository{db}.list();
  commands::prompt_sender sender{db, settings};
  int round = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<commands::prompt_job> jobs;
    storage::prompt_repository prompts{db};
    for (int i = 0; i < 100; ++i) {
      storage::prompt_row row;
      row.user = "local:u" + std::to_string(round) + "-" + std::to_string(i);
      row.service = "vpn";
      row.kind = core::prompt_kind::pulse;
      row.pulse = "pulse#" + std::to_string(round);
      row.due_at = row.created_at = monday_10;
      jobs.push_back({.id = prompts.schedule(row).id});
    }
    ++round;
    state.ResumeTiming();
    const auto r = sender.run(jobs, catalog, monday_10);
    if (r.asked != jobs.size()) state.SkipWithError("not every prompt was sent");
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * 100);
}
BENCHMARK(sender_batch)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
