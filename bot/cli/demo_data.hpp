#pragma once
/// The synthetic feedback behind `csibot demo` (SPEC §10): a pure, deterministic generator. It reads
/// no clock and no global random state: `now` and the random engine are passed in, so one seed and one
/// `now` always give the same rows (on the same standard library).
///
/// Shapes it draws for the demo catalog (config/demo.toml): weekly seasonality (Monday peaks, quiet
/// weekends), month-end peaks for hr-portal, vpn getting worse over the last 30 days, laptop-provisioning
/// improving over the last 60, file-share a retire candidate (low volume, mostly "no impact", rarely
/// used) and the rest stable at different levels. Any other service gets a stable generic profile.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "core/feedback.hpp"
#include "core/service.hpp"
#include "core/time.hpp"

namespace csibot::cli {

/// How many services a scaled demo (scale > 1) covers: the configured catalog padded with synthetic
/// "svc-NN" services, so that `--scale` builds the 50-service benchmark catalog.
constexpr std::size_t demo_scaled_services = 50;

/// How many distinct people answer at scale 1; `scale` multiplies it ("local:anna", "local:anna.1" …).
constexpr std::size_t demo_people = 60;

/// What to generate.
struct demo_request {
  std::vector<core::service> services;      ///< what to cover, usually demo_catalog(…)
  std::vector<std::string> pulse_services;  ///< ids that have a [[pulse]]: some answers come from it
  int days = 90;                            ///< length of the history, ending at `now` (≥ 1)
  int scale = 1;                            ///< volume multiplier (≥ 1)
  core::timestamp now{};
};

/// Receives each answer with its service; the service's anonymity decides what storage keeps.
/// `f.user` holds the real "local:<name>" (storage pseudonymises or drops it).
using demo_sink = std::function<void(const core::feedback& f, const core::service& s)>;

/// The services a demo of `scale` covers: `configured` as it is for scale 1; for scale > 1 padded with
/// synthetic services "svc-01", "svc-02" … (mixed scales, criticality and anonymity) up to
/// demo_scaled_services. A configured catalog that is already that large is left as it is.
std::vector<core::service> demo_catalog(const std::vector<core::service>& configured, int scale);

/// Generates every answer of the request, day by day (oldest first), and hands each to `sink`.
/// Roughly 25–60 answers per service per week at scale 1 (file-share ~10), times `scale`; about
/// 26,800 × scale rows over 90 days for a 50-service catalog. Returns the number of rows generated.
/// Throws std::invalid_argument for days < 1 or scale < 1.
std::size_t generate_demo(const demo_request& request, std::mt19937_64& rng, const demo_sink& sink);

}  // namespace csibot::cli
