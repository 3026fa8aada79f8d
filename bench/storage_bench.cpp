// Storage micro-benchmarks: feedback insert rate (one transaction per row vs batches of 100) on a
// file database with synchronous=FULL, the prepared-statement cache, and rating_histogram over
// 1,000,000 rows. Wall-clock time throughout: fsync waits are the cost being measured.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "storage/database.hpp"
#include "storage/repositories.hpp"
#include "storage/sqlite.hpp"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using csibot::storage::database;
using csibot::storage::feedback_repository;
using csibot::storage::transaction;

const csibot::core::timestamp t0 = csibot::core::from_millis(1'800'000'000'000);

// One folder per benchmark process, removed at exit.
struct bench_dir {
  fs::path path =
      fs::temp_directory_path() / ("csibot-storage-bench-" + std::to_string(std::random_device{}()));
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

csibot::core::feedback sample(int i, csibot::core::timestamp at) {
  csibot::core::feedback f;
  f.service = "service-" + std::to_string(i % 10);
  f.platform = "slack";
  f.user = "slack:U" + std::to_string(i % 5000);
  f.rating = i % 5 + 1;
  f.reason = "the connection drops when I switch networks";
  f.impact = csibot::core::impact::slows;
  f.status = csibot::core::feedback_status::complete;
  f.created_at = f.updated_at = at;
  return f;
}

void insert_one_per_transaction(benchmark::State& state) {
  database db(dir() / "one_per_tx.db");
  feedback_repository repo(db);
  int i = 0;
  for (auto _ : state) {
    transaction tx(db);
    repo.insert(sample(i, t0 + i * 1s), csibot::core::anonymity::identified);
    tx.commit();
    ++i;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(insert_one_per_transaction)->UseRealTime()->Unit(benchmark::kMicrosecond);

void insert_batched_100_per_transaction(benchmark::State& state) {
  database db(dir() / "batched.db");
  feedback_repository repo(db);
  const auto a = static_cast<csibot::core::anonymity>(state.range(0));
  int i = 0;
  for (auto _ : state) {
    transaction tx(db);
    for (int row = 0; row < 100; ++row, ++i)
      repo.insert(sample(i, t0 + i * 1s), a);
    tx.commit();
  }
  state.SetItemsProcessed(state.iterations() * 100);
  state.SetLabel(std::string(csibot::core::to_string(a)));
}
BENCHMARK(insert_batched_100_per_transaction)
    ->Arg(static_cast<int>(csibot::core::anonymity::identified))
    ->Arg(static_cast<int>(csibot::core::anonymity::pseudonymous))
    ->UseRealTime()
    ->Unit(benchmark::kMicrosecond);

// The statement cache on its own: the same INSERT prepared per row vs taken from the cache.
constexpr std::string_view raw_insert_sql =
    "INSERT INTO feedback (service, platform, user, rating, scale, source, status, created_at, updated_at) "
    "VALUES (?1, 'slack', ?2, ?3, 'csat5', 'command', 'complete', ?4, ?4)";

void bind_and_run(csibot::storage::statement& st, std::int64_t i) {
  st.bind(1, "vpn").bind(2, "slack:U1").bind(3, 4).bind(4, i).run();
}

void raw_insert_prepared_per_row(benchmark::State& state) {
  database db(":memory:");
  std::int64_t i = 0;
  for (auto _ : state) {
    transaction tx(db);
    for (int row = 0; row < 100; ++row, ++i) {
      csibot::storage::statement st = db.conn().prepare(raw_insert_sql);
      bind_and_run(st, i);
    }
    tx.commit();
  }
  state.SetItemsProcessed(state.iterations() * 100);
}
BENCHMARK(raw_insert_prepared_per_row)->UseRealTime();

void raw_insert_cached(benchmark::State& state) {
  database db(":memory:");
  std::int64_t i = 0;
  for (auto _ : state) {
    transaction tx(db);
    for (int row = 0; row < 100; ++row, ++i)
      bind_and_run(*db.conn().cached(raw_insert_sql), i);
    tx.commit();
  }
  state.SetItemsProcessed(state.iterations() * 100);
}
BENCHMARK(raw_insert_cached)->UseRealTime();

// 1,000,000 rows over a year across 10 services, built once (batched) and reused.
database& million_rows() {
  static const auto db = [] {
    const fs::path path = dir() / "million.db";
    auto d = std::make_unique<database>(path);
    feedback_repository repo(*d);
    constexpr int rows = 1'000'000;
    constexpr auto step = std::chrono::milliseconds(365LL * 24 * 3600 * 1000 / rows);
    for (int i = 0; i < rows;) {
      transaction tx(*d);
      for (int row = 0; row < 10'000; ++row, ++i)
        repo.insert(sample(i, t0 + i * step), csibot::core::anonymity::identified);
      tx.commit();
    }
    return d;
  }();
  return *db;
}

void rating_histogram_1m_rows(benchmark::State& state) {
  database& db = million_rows();
  feedback_repository repo(db);
  const auto days = std::chrono::days(state.range(0));
  const auto to = t0 + std::chrono::days(365);
  std::int64_t counted = 0;
  for (auto _ : state) {
    counted = 0;
    for (const auto& bucket : repo.rating_histogram("service-3", to - days, to))
      counted += bucket.count;
    benchmark::DoNotOptimize(counted);
  }
  state.counters["rows_counted"] = static_cast<double>(counted);
}
BENCHMARK(rating_histogram_1m_rows)->Arg(30)->Arg(365)->UseRealTime()->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
