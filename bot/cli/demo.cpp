#include "bot/cli/demo.hpp"

#include <algorithm>
#include <chrono>
#include <optional>
#include <ostream>
#include <random>
#include <stdexcept>

#include "bot/cli/common.hpp"
#include "bot/cli/demo_data.hpp"
#include "bot/cli/demo_prompts.hpp"
#include "bot/cli/demo_register.hpp"
#include "storage/database.hpp"
#include "storage/meta.hpp"
#include "storage/repositories.hpp"

namespace csibot::cli {
namespace {

constexpr int max_days = 3650;
constexpr int max_scale = 1000;
// "started" while seeding, "done" after: a seeding stopped part-way (Ctrl-C on a million rows) is
// told apart from a finished one when the file is opened again.
constexpr std::string_view demo_marker = "demo_seed";

// Writes rows in transactions of demo_batch_rows: one commit per row would flush the disk a million
// times; one transaction for everything would grow the WAL by the whole demo before its first checkpoint.
class batch_writer {
 public:
  batch_writer(storage::database& db, std::uint64_t seed) : db_(db), feedback_(db), prompts_(db, seed) {}

  void add(const core::feedback& f, core::anonymity a) {
    if (!tx_) tx_.emplace(db_);
    feedback_.insert(f, a);
    prompts += prompts_.add(f, a);
    if (++pending_ == demo_batch_rows) finish();
  }

  std::size_t prompts = 0;  ///< written so far

  void finish() {
    if (tx_) tx_->commit();
    tx_.reset();
    pending_ = 0;
  }

 private:
  storage::database& db_;
  storage::feedback_repository feedback_;
  demo_prompts prompts_;
  std::optional<storage::transaction> tx_;
  std::size_t pending_ = 0;
};

// The synthetic services of a scaled demo go into the catalog so that digests cover them; the
// configured ones are already there (open_database syncs them) and keep their config origin.
void upsert_synthetic(storage::database& db, const std::vector<core::service>& catalog,
                      const std::vector<core::service>& configured, core::timestamp now) {
  storage::service_repository services{db};
  storage::transaction tx{db};
  for (const auto& s : catalog) {
    const bool from_config =
        std::ranges::any_of(configured, [&](const core::service& c) { return c.id == s.id; });
    if (!from_config) services.upsert(s, now);
  }
  tx.commit();
}

}  // namespace

demo_seeded seed_demo(storage::database& db, const config::settings& settings, int days, int scale,
                      core::timestamp now, std::uint64_t rng_seed) {
  if (days < 1 || scale < 1) throw std::invalid_argument("demo: days and scale must be at least 1");
  demo_request request;
  request.services = demo_catalog(settings.services, scale);
  for (const auto& p : settings.pulses)
    request.pulse_services.push_back(p.service);
  request.days = days;
  request.scale = scale;
  request.now = now;

  demo_seeded result;
  result.services = request.services.size();
  result.existing = storage::feedback_repository{db}.count();
  if (result.existing > 0) {
    result.interrupted = storage::read_marker(db, demo_marker) == "started";
    return result;
  }

  storage::write_marker(db, demo_marker, "started");
  upsert_synthetic(db, request.services, settings.services, now);
  // The prompts draw from a generator of their own, so that the answers stay what they were.
  batch_writer writer{db, rng_seed + 1};
  std::mt19937_64 rng{rng_seed};
  result.rows = generate_demo(
      request, rng, [&](const core::feedback& f, const core::service& s) { writer.add(f, s.anonymity); });
  writer.finish();
  result.prompts = writer.prompts;
  result.improvements = seed_demo_register(db, request.services, now);
  storage::write_marker(db, demo_marker, "done");
  return result;
}

int demo(const config_flag& config, int days, int scale, std::ostream& out, std::ostream& err) {
  if (days < 1 || days > max_days || scale < 1 || scale > max_scale) {
    err << "csibot: demo: --days must be 1.." << max_days << " and --scale 1.." << max_scale << '\n';
    return bad_input;
  }
  try {
    const auto settings = load_settings(config, err);
    const auto at = now();
    const auto db = open_and_sync_catalog(settings, at);
    const auto started = std::chrono::steady_clock::now();
    const auto seeded = seed_demo(*db, settings, days, scale, at, demo_seed);
    if (seeded.interrupted) {
      err << "csibot demo: an earlier seeding of " << settings.bot.database.string() << " stopped after "
          << seeded.existing << " answers; the demo is incomplete (remove the file for a complete one)\n";
      return ok;
    }
    if (seeded.existing > 0) {
      out << "csibot demo: " << settings.bot.database.string() << " already holds " << seeded.existing
          << " answers; not seeding again (remove the file for a fresh demo)\n";
      return ok;
    }
    const auto took =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    out << "seeded " << seeded.rows << " answers over " << days << " days for " << seeded.services
        << " services, " << seeded.prompts << " prompts and " << seeded.improvements << " improvements ("
        << took.count() << " ms, " << settings.bot.database.string() << ")\n";
    return ok;
  } catch (const failure& f) {
    err << "csibot: " << f.what() << '\n';
    return f.code;
  } catch (const std::exception& e) {
    err << "csibot: demo: " << e.what() << '\n';
    return runtime_failure;
  }
}

}  // namespace csibot::cli
