// The insight pass end to end: 50 services over 1,000,000 feedback rows in a file database
// (synchronous=FULL, WAL), as the digest runs it: per service, stream the period's answers into a
// service_accumulator, add the previous period's rating histogram, then analyse the catalog and
// compose and render the digest. Target (issue "Insights and digests"): under 1 s and 200 MB.
// The database is built once per process (batched inserts, one transaction per 10,000 rows).
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "insights/analysis.hpp"
#include "insights/digest.hpp"
#include "storage/database.hpp"
#include "storage/insight_queries.hpp"
#include "storage/repositories.hpp"

namespace {

namespace fs = std::filesystem;
namespace core = csibot::core;
namespace insights = csibot::insights;
namespace storage = csibot::storage;

constexpr int service_count = 50;
constexpr int row_count = 1'000'000;
const core::timestamp now = core::from_millis(1'800'000'000'000);
constexpr auto span = std::chrono::days{365};  // rows are spread evenly over the last year

struct bench_dir {
  fs::path path =
      fs::temp_directory_path() / ("csibot-insights-bench-" + std::to_string(std::random_device{}()));
  bench_dir() { fs::create_directories(path); }
  ~bench_dir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

std::vector<core::service> catalog() {
  std::vector<core::service> out;
  for (int i = 0; i < service_count; ++i) {
    core::service s;
    s.id = "service-" + std::to_string(i);
    s.name = "Service " + std::to_string(i);
    s.criticality = static_cast<core::criticality>(i % 4);
    s.anonymity = static_cast<core::anonymity>(i % 3);
    s.scale = i % 5 == 4 ? core::scale::nps10 : core::scale::csat5;
    s.target = 80;
    out.push_back(std::move(s));
  }
  return out;
}

// Reasons from a small vocabulary, so that themes have something to find; unhappy ratings pick
// from the complaints more often.
core::feedback sample(std::mt19937& rng, const core::service& svc, core::timestamp at) {
  static constexpr std::array<const char*, 8> complaints = {
      "the connection drops every hour",  "VPN keeps dropping when I switch networks",
      "so sluggish in the morning",       "login fails after the update",
      "Die Verbindung bricht ständig ab", "password reset is broken again",
      "very slow to load large files",    "crashes when I open the shared calendar"};
  static constexpr std::array<const char*, 6> praise = {
      "works fine",         "fast and reliable", "quick login, no issues",
      "great support team", "läuft stabil",      "easy to use"};
  static constexpr std::array<const char*, 4> uses = {"remote work", "customer calls", "monthly reporting",
                                                      "sharing files with partners"};
  core::feedback f;
  f.service = svc.id;
  f.platform = "slack";
  f.user = "slack:U" + std::to_string(rng() % 5000);
  f.scale = svc.scale;
  const int top = core::scale_max(svc.scale);
  f.rating = core::scale_min(svc.scale) +
             static_cast<int>(rng() % static_cast<unsigned>(top + 1 - core::scale_min(svc.scale)));
  const bool unhappy = core::is_unhappy(svc.scale, *f.rating);
  if (rng() % 4 != 0)
    f.reason = unhappy ? complaints[rng() % complaints.size()] : praise[rng() % praise.size()];
  if (rng() % 5 != 0) f.impact = static_cast<core::impact>(rng() % 4);
  if (rng() % 10 == 0) f.usage = uses[rng() % uses.size()];
  f.status = core::feedback_status::complete;
  f.created_at = f.updated_at = at;
  return f;
}

// CSIBOT_INSIGHTS_BENCH_DB=<file> keeps the database between runs (built when missing), so that a
// profile shows the pass rather than the million inserts.
const fs::path& database_file() {
  static const bench_dir dir;
  static const fs::path file = [] {
    const char* keep = std::getenv("CSIBOT_INSIGHTS_BENCH_DB");
    const fs::path p = keep ? fs::path{keep} : dir.path / "insights.db";
    if (keep && fs::exists(p)) return p;
    storage::database db(p);
    storage::feedback_repository repo(db);
    const auto services = catalog();
    std::mt19937 rng(42);
    const auto step = std::chrono::duration_cast<core::milliseconds>(span) / row_count;
    for (int i = 0; i < row_count;) {
      storage::transaction tx(db);
      for (int k = 0; k < 10'000 && i < row_count; ++k, ++i)
        repo.insert(sample(rng, services[rng() % service_count], now - span + i * step),
                    core::anonymity::identified);
      tx.commit();
    }
    return p;
  }();
  return file;
}

// What commands/ will do for a digest: the glue between storage and insights. `catalog_wide` streams
// every service's answers in one walk of the table; otherwise one walk per service.
insights::digest digest_pass(storage::database& db, const std::vector<core::service>& services,
                             const core::period& p, bool catalog_wide) {
  const storage::insight_queries queries(db);
  const storage::feedback_repository feedback(db);
  const insights::text_rules rules({{"slow", {"sluggish", "lag", "langsam"}}, {"crash", {"freeze", "hang"}}});
  const core::period before = p.previous();
  std::vector<insights::service_accumulator> accs;
  std::unordered_map<std::string, std::size_t> index;
  for (const auto& svc : services) {
    index.emplace(svc.id, accs.size());
    accs.emplace_back(svc, p, rules);
  }
  auto feed = [&](insights::service_accumulator& acc, const storage::answer_row& r) {
    acc.add({r.created_at, r.rating, r.reason ? *r.reason : std::string_view{}, r.impact,
             r.usage ? *r.usage : std::string_view{}});
  };
  if (catalog_wide) {
    queries.for_each_answer(p.from, p.to, [&](const storage::answer_row& r) {
      if (const auto it = index.find(r.service); it != index.end()) feed(accs[it->second], r);
    });
  }
  std::vector<insights::service_input> inputs;
  for (std::size_t i = 0; i < services.size(); ++i) {
    if (!catalog_wide)
      queries.for_each_answer(services[i].id, p.from, p.to,
                              [&](const storage::answer_row& r) { feed(accs[i], r); });
    for (const auto& c : feedback.rating_histogram(services[i].id, before.from, before.to))
      accs[i].add_previous(c.rating, c.count);
    inputs.push_back(std::move(accs[i]).finish());
  }
  return insights::compose_digest(insights::analyse(inputs, {}), {.language = "en", .period = p});
}

void record_memory(benchmark::State& state) {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  state.counters["max_rss_mb"] = static_cast<double>(usage.ru_maxrss) / 1024.0;
}

void full_digest(benchmark::State& state) {
  const auto days = std::chrono::days{state.range(0)};
  storage::database db(database_file());
  const auto services = catalog();
  const core::period p{now - days, now, std::to_string(days.count()) + "d"};
  std::int64_t rows = 0;
  for (auto _ : state) {
    const auto d = digest_pass(db, services, p, state.range(1) != 0);
    const auto md = insights::to_markdown(d);
    const auto json = insights::to_json(d);
    benchmark::DoNotOptimize(md.data());
    benchmark::DoNotOptimize(json.data());
    rows = 0;
    for (const auto& s : d.data.services)
      rows += s.figures.n;
  }
  state.counters["rows_in_period"] = static_cast<double>(rows);
  record_memory(state);
}
// Args: period in days, catalog-wide stream (1) or one stream per service (0). 30 days is a monthly
// digest (~82,000 rows in the period); 365 days reads every one of the 1,000,000 rows.
BENCHMARK(full_digest)
    ->Args({30, 0})
    ->Args({30, 1})
    ->Args({365, 0})
    ->Args({365, 1})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

// The SQLite share of the pass: the catalog-wide stream into a callback that does nothing.
void stream_only(benchmark::State& state) {
  storage::database db(database_file());
  const storage::insight_queries queries(db);
  const auto days = std::chrono::days{state.range(0)};
  for (auto _ : state) {
    std::int64_t rows = 0;
    queries.for_each_answer(now - days, now, [&](const storage::answer_row&) { ++rows; });
    benchmark::DoNotOptimize(rows);
  }
  record_memory(state);
}
BENCHMARK(stream_only)->Arg(365)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
