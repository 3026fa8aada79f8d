// End-to-end costs of commands::dispatcher on a database file with csibot's real pragmas
// (WAL, synchronous=FULL): every event is one committed transaction, as in production.
//   dispatch/conversation_step  one step of a feedback conversation (command, click or DM), committed
//   dispatch/one_shot_feedback/N  `/csi feedback vpn 4 <reason>` with N sent prompts already stored
//   dispatch/stats_one_service  `/csi stats vpn <period>` over a table of 1,000,000 feedback rows
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "commands/dispatch.hpp"
#include "config/loader.hpp"
#include "storage/database.hpp"
#include "storage/prompt_repository.hpp"
#include "storage/repositories.hpp"

namespace {

namespace core = csibot::core;
namespace fs = std::filesystem;

// 2026-11-30T09:42:15Z; time is passed in, never read from the clock.
constexpr core::timestamp start_time = core::from_millis(1'796'031'735'000);

/// A folder of its own under the temp dir, removed at the end.
struct bench_dir {
  fs::path path = fs::temp_directory_path() / ("csibot-bench-" + std::to_string(::getpid()));
  bench_dir() { fs::create_directories(path); }
  ~bench_dir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

const bench_dir& dir() {
  static const bench_dir d;
  return d;
}

csibot::config::settings settings_for(const fs::path& db_file) {
  auto s = csibot::config::demo_settings();
  s.bot.database = db_file;
  return s;
}

core::inbound event(const std::string& user, std::string text, std::uint64_t id, bool command) {
  core::inbound in;
  in.platform = "local";
  in.user = user;
  in.channel = command ? "general" : "dm-" + user;
  in.is_dm = !command;
  if (command) in.command = "/csi";
  in.text = std::move(text);
  in.event_id = "bench-" + std::to_string(id);
  return in;
}

void conversation_step(benchmark::State& state) {
  const fs::path file = dir().path / "steps.db";
  fs::remove(file);
  const auto settings = settings_for(file);
  csibot::storage::database db(file);
  csibot::storage::service_repository{db}.sync_from_config(settings.services, start_time);
  csibot::commands::dispatcher bot(db, settings);

  // A whole conversation is five events; each person gives feedback once, so that usage is asked.
  std::uint64_t id = 0;
  std::uint64_t person = 0;
  core::timestamp now = start_time;
  std::size_t replies = 0;
  for (auto _ : state) {
    const std::string user = "u" + std::to_string(person);
    core::inbound in;
    switch (id % 5) {
      case 0:
        in = event(user, "feedback vpn", id, true);
        break;
      case 1: {
        in = event(user, "", id, false);
        in.action = core::action{"csi.rate", "vpn:" + std::to_string(1 + id % 5), "m1"};
        break;
      }
      case 2:
        in = event(user, "It drops every hour when I am on a call with a customer", id, false);
        break;
      case 3:
        in = event(user, "2", id, false);
        break;
      default:
        in = event(user, "Customer demos on the road", id, false);
        ++person;
        break;
    }
    ++id;
    now += std::chrono::seconds{1};
    replies += bot.dispatch(in, now).size();
  }
  benchmark::DoNotOptimize(replies);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.counters["conversations"] =
      benchmark::Counter(static_cast<double>(person), benchmark::Counter::kIsRate);
}
BENCHMARK(conversation_step)
    ->Name("dispatch/conversation_step")
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();

/// Stores `count` sent prompts to 5,000 people about the demo services, as a year of pulses would,
/// in batches of 10,000 per transaction.
void store_sent_prompts(csibot::storage::database& db, std::int64_t count) {
  const char* services[] = {"vpn", "email", "service-desk", "hr-portal", "file-share"};
  csibot::storage::prompt_repository repo(db);
  constexpr std::int64_t batch = 10'000;
  for (std::int64_t done = 0; done < count; done += batch) {
    csibot::storage::transaction tx(db);
    for (std::int64_t i = done; i < std::min(count, done + batch); ++i) {
      csibot::storage::prompt_row p;
      p.user = "local:p" + std::to_string(i % 5000);
      p.service = services[i % 5];
      p.kind = core::prompt_kind::pulse;
      p.pulse = "pulse#" + std::to_string(i / 5000);
      p.due_at = p.created_at = start_time - std::chrono::hours{i % 8760} - std::chrono::hours{1};
      repo.mark_sent(repo.schedule(p).id, p.due_at);
    }
    tx.commit();
  }
}

// Each iteration is a one-shot command from someone new, committed: the path a slash command takes.
// With a history of prompts it shows whether the command's statements still look up by index.
void one_shot_feedback(benchmark::State& state) {
  const fs::path file = dir().path / ("one-shot-" + std::to_string(state.range(0)) + ".db");
  fs::remove(file);
  const auto settings = settings_for(file);
  csibot::storage::database db(file);
  csibot::storage::service_repository{db}.sync_from_config(settings.services, start_time);
  store_sent_prompts(db, state.range(0));
  csibot::commands::dispatcher bot(db, settings);

  std::uint64_t id = 0;
  core::timestamp now = start_time;
  std::size_t replies = 0;
  for (auto _ : state) {
    const auto in = event("u" + std::to_string(id), "feedback vpn 4 drops when I am on a call", id, true);
    ++id;
    now += std::chrono::seconds{1};
    replies += bot.dispatch(in, now).size();
  }
  benchmark::DoNotOptimize(replies);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(one_shot_feedback)
    ->Name("dispatch/one_shot_feedback")
    ->Arg(0)
    ->Arg(100'000)
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();

constexpr std::int64_t million = 1'000'000;

/// Builds the 1,000,000-row database once per process: the vpn service gets every row, spread over the
/// last 180 days, inserted in batches of 10,000 per transaction.
const fs::path& million_rows_db() {
  static const fs::path file = [] {
    const fs::path f = dir().path / "million.db";
    const auto settings = settings_for(f);
    csibot::storage::database db(f);
    csibot::storage::service_repository{db}.sync_from_config(settings.services, start_time);
    csibot::storage::feedback_repository repo(db);
    core::feedback fb;
    fb.service = "vpn";
    fb.platform = "local";
    fb.scale = core::scale::csat5;
    fb.status = core::feedback_status::complete;
    fb.source = core::source::pulse;
    constexpr std::int64_t batch = 10'000;
    const std::int64_t span_ms = std::chrono::milliseconds{std::chrono::days{180}}.count();
    for (std::int64_t done = 0; done < million; done += batch) {
      csibot::storage::transaction tx(db);
      for (std::int64_t i = done; i < done + batch; ++i) {
        fb.user = "local:u" + std::to_string(i % 5000);
        fb.rating = static_cast<int>(1 + (i * 7919) % 5);
        fb.created_at = fb.updated_at =
            start_time - std::chrono::milliseconds{(i * 104'729) % span_ms} - std::chrono::milliseconds{1};
        repo.insert(fb, core::anonymity::identified);
      }
      tx.commit();
    }
    return f;
  }();
  return file;
}

void stats_one_service(benchmark::State& state, const char* period) {
  const fs::path& file = million_rows_db();
  const auto settings = settings_for(file);
  csibot::storage::database db(file);
  csibot::commands::dispatcher bot(db, settings);
  // The library calls this function several times on the same file: event ids must stay new.
  static std::uint64_t id = 0;
  for (auto _ : state) {
    const auto out = bot.dispatch(event("alice", std::string{"stats vpn "} + period, ++id, true), start_time);
    benchmark::DoNotOptimize(out.data());
    if (out.empty() || out[0].body.fields.empty()) {
      state.SkipWithError(
          ("stats gave no figures: " + (out.empty() ? "" : out[0].body.plain_text())).c_str());
      break;
    }
  }
  state.counters["rows"] = static_cast<double>(million);
}
BENCHMARK_CAPTURE(stats_one_service, 30d, "30d")
    ->Name("dispatch/stats_one_service/30d")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(stats_one_service, all, "all")
    ->Name("dispatch/stats_one_service/all")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
