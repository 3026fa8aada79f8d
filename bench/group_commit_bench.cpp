// Group commit (ARCHITECTURE §6): one-shot `/csi feedback vpn 4 slow` commands — each a new person, so
// each stores feedback, opens a conversation and records its event id — through
// commands::dispatcher::dispatch_batch on a database file with csibot's pragmas (WAL, synchronous=FULL).
// Arguments: events per batch (= per COMMIT, = per fsync), and whether the replies are also written to
// the outbox inside the transaction, as runtime::dispatch_queue does.
//   group_commit/dispatch_batch/<batch>/<outbox>   events/s (wall) and CPU µs per event (this thread)
//   group_commit/dispatch_queue/<batch>            the same through runtime::dispatch_queue on an
//                                                  io_context: submit, drain, outbox rows, completions
//   group_commit/no_fsync/<batch>                  dispatch_batch + outbox with synchronous=OFF: the
//                                                  CPU cost alone, the disk taken out
//   group_commit/outbox_send/<rows>                runtime::outbox sending <rows> pending replies through a
//                                                  sender that accepts at once: load, decode, mark_sent
#include <benchmark/benchmark.h>
#include <time.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "bot/runtime/dispatch_queue.hpp"
#include "bot/runtime/outbox.hpp"
#include "commands/dispatch.hpp"
#include "config/loader.hpp"
#include "storage/database.hpp"
#include "storage/outbox_repository.hpp"
#include "storage/repositories.hpp"
#include "storage/sqlite.hpp"

namespace {

namespace core = csibot::core;
namespace fs = std::filesystem;

// 2026-11-30T09:42:15Z; time is passed in, never read from the clock.
constexpr core::timestamp start_time = core::from_millis(1'796'031'735'000);

struct bench_dir {
  fs::path path = fs::temp_directory_path() / ("csibot-group-commit-bench-" + std::to_string(::getpid()));
  bench_dir() { fs::create_directories(path); }
  ~bench_dir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

const fs::path& dir() {
  static const bench_dir d;
  return d.path;
}

std::chrono::nanoseconds thread_cpu() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return std::chrono::seconds{ts.tv_sec} + std::chrono::nanoseconds{ts.tv_nsec};
}

/// A fresh database file and dispatcher per benchmark run, with the demo catalog.
struct fixture {
  explicit fixture(const std::string& name, bool fsync = true)
      : settings(settings_for(dir() / (name + ".db"))), db(settings.bot.database) {
    if (!fsync) db.conn().exec("PRAGMA synchronous = OFF");
    csibot::storage::service_repository{db}.sync_from_config(settings.services, start_time);
    bot = std::make_unique<csibot::commands::dispatcher>(db, settings);
  }

  static csibot::config::settings settings_for(const fs::path& file) {
    fs::remove(file);
    auto s = csibot::config::demo_settings();
    s.bot.database = file;
    return s;
  }

  /// The next one-shot command, from a person who has not given feedback yet.
  core::inbound next_event() {
    const auto n = ++events;
    core::inbound in;
    in.platform = "slack";
    in.user = "U" + std::to_string(n);
    in.channel = "C" + std::to_string(n % 50);
    in.command = "/csi";
    in.text = "feedback vpn 4 slow";
    in.event_id = "Ev" + std::to_string(n);
    return in;
  }

  csibot::config::settings settings;
  csibot::storage::database db;
  std::unique_ptr<csibot::commands::dispatcher> bot;
  std::uint64_t events = 0;
};

void report(benchmark::State& state, std::int64_t batch, std::chrono::nanoseconds cpu) {
  const auto events = static_cast<double>(state.iterations() * batch);
  state.SetItemsProcessed(state.iterations() * batch);
  state.counters["cpu_us_per_event"] = std::chrono::duration<double, std::micro>(cpu).count() / events;
  state.counters["batch"] = static_cast<double>(batch);
}

void run_batches(benchmark::State& state, fixture& f, bool outbox) {
  const auto batch = state.range(0);
  csibot::storage::outbox_repository box{f.db};
  std::vector<core::inbound> events(static_cast<std::size_t>(batch));
  std::size_t replies = 0;
  csibot::commands::dispatcher::batch_callback write;
  if (outbox) {
    write = [&](std::size_t, const std::vector<core::outbound>& out) {
      for (const auto& o : out)
        box.enqueue(o, "https://hooks.slack.com/commands/T1/1/x", start_time);
    };
  }
  const auto cpu0 = thread_cpu();
  for (auto _ : state) {
    for (auto& e : events)
      e = f.next_event();
    const auto out = f.bot->dispatch_batch(events, start_time, write);
    if (!f.bot->last_batch_committed()) {
      state.SkipWithError("the batch did not commit");
      break;
    }
    replies += out.back().size();
  }
  benchmark::DoNotOptimize(replies);
  report(state, batch, thread_cpu() - cpu0);
}

void dispatch_batch(benchmark::State& state) {
  fixture f{"batch"};
  run_batches(state, f, state.range(1) != 0);
}
BENCHMARK(dispatch_batch)
    ->Name("group_commit/dispatch_batch")
    ->ArgsProduct({{1, 16, 256}, {0, 1}})
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();

void no_fsync(benchmark::State& state) {
  fixture f{"no_fsync", false};
  run_batches(state, f, true);
}
BENCHMARK(no_fsync)
    ->Name("group_commit/no_fsync")
    ->Arg(1)
    ->Arg(256)
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();

void dispatch_queue(benchmark::State& state) {
  fixture f{"queue"};
  boost::asio::io_context io;
  csibot::runtime::dispatch_queue queue{
      io, *f.bot, f.db, [] { return start_time; }, {}, {static_cast<std::size_t>(state.range(0))}};
  const auto batch = state.range(0);
  std::int64_t done = 0;
  const auto cpu0 = thread_cpu();
  for (auto _ : state) {
    for (std::int64_t i = 0; i < batch; ++i)
      queue.submit(f.next_event(), [&](csibot::runtime::dispatch_result r) { done += r.queued ? 1 : 0; });
    io.restart();
    io.run();  // one drain: every submit above is in the same turn
  }
  if (done != state.iterations() * batch) state.SkipWithError("some replies were not queued");
  report(state, batch, thread_cpu() - cpu0);
}
BENCHMARK(dispatch_queue)
    ->Name("group_commit/dispatch_queue")
    ->Arg(1)
    ->Arg(16)
    ->Arg(256)
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();

// The replies of `/csi feedback vpn 4 slow` (a note, the confirmation, the impact question) as the
// queue writes them, sent by an outbox whose platform accepts every message at once.
void outbox_send(benchmark::State& state) {
  fixture f{"outbox"};
  const auto rows = state.range(0);
  std::vector<core::outbound> replies;  // of 256 people: as many ordering keys as in real traffic
  for (int i = 0; i < 256; ++i) {
    auto out = f.bot->dispatch(f.next_event(), start_time);
    replies.insert(replies.end(), out.begin(), out.end());
  }
  boost::asio::io_context io;
  csibot::runtime::outbox box{io, f.db, [] { return start_time; }};
  std::int64_t sent = 0;
  box.add_sender("slack",
                 [&sent](const csibot::storage::outbox_entry& e)
                     -> boost::asio::awaitable<csibot::runtime::send_result> {
                   ++sent;
                   co_return csibot::runtime::send_result::sent(std::to_string(e.id));
                 });
  box.start();
  std::chrono::nanoseconds cpu{0};
  for (auto _ : state) {
    state.PauseTiming();  // writing the rows is dispatch_queue's cost, measured above
    {
      csibot::storage::transaction tx{f.db};
      csibot::storage::outbox_repository out{f.db};
      for (std::int64_t i = 0; i < rows; ++i)
        out.enqueue(replies[static_cast<std::size_t>(i) % replies.size()], "https://hooks/x", start_time);
      tx.commit();
    }
    const auto target = sent + rows;
    state.ResumeTiming();
    const auto cpu0 = thread_cpu();
    box.notify();
    while (sent < target || box.stats().in_flight > 0)
      io.run_one();
    io.poll();  // the last outcomes' flush
    cpu += thread_cpu() - cpu0;
  }
  report(state, rows, cpu);
}
BENCHMARK(outbox_send)
    ->Name("group_commit/outbox_send")
    ->Arg(768)
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
