#include "bot/cli/demo_data.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <limits>
#include <span>
#include <stdexcept>
#include <string_view>
#include <utility>

#include "bot/cli/demo_profiles.hpp"
#include "core/scale.hpp"

namespace csibot::cli {
namespace {

using detail::demo_profile;
using detail::phrases;
using detail::profile;

// The people: first names, made distinct per scale step ("anna", "anna.1", …).
constexpr std::array<std::string_view, demo_people> names = {
    "anna",  "ben",   "chloe", "david", "emma",  "felix", "greta",  "hannah", "ivan",   "julia",
    "karl",  "lena",  "marco", "nina",  "oscar", "paula", "quinn",  "rosa",   "sven",   "tara",
    "uwe",   "vera",  "wim",   "xenia", "yusuf", "zoe",   "amir",   "birgit", "carlos", "dana",
    "elif",  "frida", "georg", "heidi", "ines",  "jonas", "kim",    "lars",   "maja",   "nils",
    "olga",  "piet",  "rania", "sara",  "tom",   "ute",   "viktor", "wanda",  "yara",   "zeno",
    "aylin", "bruno", "clara", "dirk",  "eva",   "fynn",  "gina",   "hugo",   "ida",    "jan"};

constexpr double one_day_ms = 86'400'000.0;

// A uniform double in [0, 1) from the top 53 bits: unlike std::uniform_real_distribution it is the
// same on every standard library, so a seed means the same demo everywhere.
double unit(std::mt19937_64& rng) {
  return static_cast<double>(rng() >> 11U) * 0x1.0p-53;
}

std::size_t pick(std::mt19937_64& rng, std::size_t n) {
  return std::min(n - 1, static_cast<std::size_t>(unit(rng) * static_cast<double>(n)));
}

std::string_view pick(std::mt19937_64& rng, phrases p) {
  return p[pick(rng, p.size())];
}

// Monday peaks (the weekend's problems), Friday fades, weekends are nearly silent. Sums to 6.
double weekday_factor(std::chrono::sys_days day) {
  constexpr std::array<double, 7> by_weekday = {0.15, 1.45, 1.20, 1.10, 1.05, 0.85, 0.20};  // Sun..Sat
  return by_weekday[std::chrono::weekday{day}.c_encoding()];
}

bool near_month_end(std::chrono::sys_days day) {
  const std::chrono::year_month_day ymd{day};
  const auto last = std::chrono::year_month_day_last{ymd.year(), std::chrono::month_day_last{ymd.month()}};
  return static_cast<unsigned>(ymd.day()) <= 2 ||
         static_cast<unsigned>(last.day()) - static_cast<unsigned>(ymd.day()) < 3;
}

double quality_at(const profile& p, core::timestamp at, core::timestamp now) {
  if (p.trend_days <= 0) return p.quality;
  const double span_ms = one_day_ms * p.trend_days;
  const double before_now = static_cast<double>((now - at).count());
  if (before_now >= span_ms) return p.quality;
  return p.quality + (p.trend_to - p.quality) * (1.0 - before_now / span_ms);
}

// A rating around the latent quality: noise of about ±0.2 (a sum of three uniforms, near-normal).
int draw_rating(core::scale scale, double quality, std::mt19937_64& rng) {
  const double noise = (unit(rng) + unit(rng) + unit(rng) - 1.5) * 0.4;
  const double x = std::clamp(quality + noise, 0.0, 1.0);
  const int lo = core::scale_min(scale), hi = core::scale_max(scale);
  return lo + static_cast<int>(std::lround(x * (hi - lo)));
}

core::impact draw_impact(const profile& p, int mood, std::mt19937_64& rng) {
  // Cumulative shares of blocks, slows, minor (the rest is none), by mood: unhappy, neutral, happy.
  constexpr std::array<std::array<double, 3>, 3> shares = {
      {{0.35, 0.80, 0.95}, {0.05, 0.40, 0.85}, {0.00, 0.05, 0.30}}};
  const auto& s = p.retire ? std::array<double, 3>{0.0, 0.05, 0.25} : shares[static_cast<std::size_t>(mood)];
  const double u = unit(rng);
  if (u < s[0]) return core::impact::blocks;
  if (u < s[1]) return core::impact::slows;
  if (u < s[2]) return core::impact::minor;
  return core::impact::none;
}

core::source draw_source(const profile& p, bool has_pulse, std::mt19937_64& rng) {
  const double u = unit(rng);
  if (u < p.ticket_share) return core::source::ticket;
  const double rest = (u - p.ticket_share) / (1.0 - p.ticket_share);
  if (has_pulse && rest < 0.25) return core::source::pulse;
  return rest < 0.6 ? core::source::conversation : core::source::command;
}

// Keeps SPEC §3's rule that usage is asked at most once per person and service per 90 days.
struct usage_memory {
  static constexpr std::int64_t never = std::numeric_limits<std::int64_t>::min();
  std::size_t services;
  std::vector<std::int64_t> asked_at;  // per (person, service), in ms
  bool may_ask(std::size_t person, std::size_t service, core::timestamp at) const {
    const auto last = asked_at[person * services + service];
    return last == never || core::to_millis(at) - last >= std::int64_t{90} * 86'400'000;
  }
};

struct generator {
  const demo_request& request;
  std::mt19937_64& rng;
  const demo_sink& sink;
  std::size_t people;
  usage_memory usage;
  std::size_t rows = 0;

  void answer(const core::service& s, std::size_t index, const profile& p, bool has_pulse,
              core::timestamp at);
  void day(const core::service& s, std::size_t index, const profile& p, bool has_pulse,
           std::chrono::sys_days d);
};

void generator::answer(const core::service& s, std::size_t index, const profile& p, bool has_pulse,
                       core::timestamp at) {
  core::feedback f;
  f.service = s.id;
  f.platform = "local";
  const std::size_t person = pick(rng, people);
  f.user = "local:" + std::string{names[person % demo_people]} +
           (person < demo_people ? "" : "." + std::to_string(person / demo_people));
  f.scale = s.scale;
  f.source = draw_source(p, has_pulse, rng);
  f.created_at = at;
  const double u = unit(rng);
  f.status = u < 0.07 ? core::feedback_status::partial : core::feedback_status::complete;
  if (u >= 0.01)
    f.rating = draw_rating(s.scale, quality_at(p, at, request.now), rng);  // 1 %: left before rating
  f.allow_reply = s.anonymity != core::anonymity::anonymous && unit(rng) < 0.35;
  f.updated_at = at + std::chrono::seconds{20 + static_cast<int>(pick(rng, 160))};
  if (f.status == core::feedback_status::complete && f.rating) {
    const int mood = core::is_unhappy(s.scale, *f.rating) ? 0 : core::is_happy(s.scale, *f.rating) ? 2 : 1;
    const phrases said = mood == 0 ? p.says.unhappy : mood == 2 ? p.says.happy : p.says.neutral;
    if (unit(rng) < 0.72) f.reason = std::string{pick(rng, said)};
    f.impact = draw_impact(p, mood, rng);
    if (usage.may_ask(person, index, at) && unit(rng) < 0.6) {
      f.usage_asked = true;
      usage.asked_at[person * usage.services + index] = core::to_millis(at);
      if (unit(rng) < 0.8) f.usage = std::string{pick(rng, p.says.usage)};
    }
  }
  sink(f, s);
  ++rows;
}

void generator::day(const core::service& s, std::size_t index, const profile& p, bool has_pulse,
                    std::chrono::sys_days d) {
  const core::timestamp start = request.now - std::chrono::days{request.days};
  const core::timestamp midday = d + std::chrono::hours{12};
  // Worse service, more complaints: volume grows with the fall in quality.
  const double worse = std::max(0.0, p.quality - quality_at(p, midday, request.now));
  double expected = p.weekly * request.scale * weekday_factor(d) / 6.0 * (1.0 + 1.5 * worse);
  if (p.month_end && near_month_end(d)) expected *= 2.0;
  // Stochastic rounding of a ±20 % jittered mean keeps small services from always rounding to zero.
  const auto count = static_cast<long>(expected * (0.8 + 0.4 * unit(rng)) + unit(rng));
  for (long i = 0; i < count; ++i) {
    // Office hours: a triangle from 07:00 to 19:00 that peaks around 13:00.
    const double hours = 7.0 + 6.0 * (unit(rng) + unit(rng));
    const core::timestamp at = d + core::milliseconds{static_cast<std::int64_t>(hours * 3'600'000.0)};
    if (at < start || at >= request.now) continue;
    answer(s, index, p, has_pulse, at);
  }
}

}  // namespace

std::vector<core::service> demo_catalog(const std::vector<core::service>& configured, int scale) {
  std::vector<core::service> out = configured;
  if (scale <= 1) return out;
  constexpr std::array scales = {core::scale::csat5, core::scale::csat5, core::scale::nps10,
                                 core::scale::ces7, core::scale::thumbs};
  constexpr std::array levels = {core::criticality::low, core::criticality::medium, core::criticality::high,
                                 core::criticality::critical};
  constexpr std::array kinds = {core::anonymity::identified, core::anonymity::pseudonymous,
                                core::anonymity::anonymous};
  for (std::size_t n = 1; out.size() < demo_scaled_services; ++n) {
    core::service s;
    s.id = (n < 10 ? "svc-0" : "svc-") + std::to_string(n);
    if (std::ranges::any_of(out, [&](const core::service& c) { return c.id == s.id; })) continue;
    s.name = "Synthetic service " + std::to_string(n);
    s.description = "Generated by csibot demo --scale to fill a load-test catalog.";
    s.purpose = "Stands in for a real service in benchmarks";
    s.criticality = levels[n % levels.size()];
    s.business_functions = {"load testing"};
    s.owners = {"local:admin"};
    s.customers = {"local:general"};
    s.digest_channel = "local:csi-digests";
    s.scale = scales[n % scales.size()];
    s.target = s.scale == core::scale::nps10 ? 30.0 : 80.0;
    s.anonymity = kinds[n % kinds.size()];
    s.tags = {"synthetic"};
    out.push_back(std::move(s));
  }
  return out;
}

std::size_t generate_demo(const demo_request& request, std::mt19937_64& rng, const demo_sink& sink) {
  if (request.days < 1 || request.scale < 1) throw std::invalid_argument("demo: days and scale must be >= 1");
  const auto scale = static_cast<std::size_t>(request.scale);
  generator g{request, rng, sink, demo_people * scale,
              usage_memory{request.services.size(),
                           std::vector<std::int64_t>(demo_people * scale * request.services.size(),
                                                     usage_memory::never)}};
  std::vector<profile> profiles;
  std::vector<bool> pulsed;
  for (std::size_t i = 0; i < request.services.size(); ++i) {
    const auto& id = request.services[i].id;
    profiles.push_back(demo_profile(id, i));
    pulsed.push_back(std::ranges::find(request.pulse_services, id) != request.pulse_services.end());
  }
  const auto first = std::chrono::floor<std::chrono::days>(request.now - std::chrono::days{request.days});
  const auto last = std::chrono::floor<std::chrono::days>(request.now);
  for (auto d = first; d <= last; d += std::chrono::days{1}) {
    for (std::size_t i = 0; i < request.services.size(); ++i)
      g.day(request.services[i], i, profiles[i], pulsed[i], d);
  }
  return g.rows;
}

}  // namespace csibot::cli
