#include "insights/pass.hpp"

#include <algorithm>

#include "insights/sparkline.hpp"

namespace csibot::insights {
namespace {

constexpr auto one_week = std::chrono::days{7};

std::vector<rating_bucket> to_buckets(core::scale s, const std::vector<std::int64_t>& counts) {
  std::vector<rating_bucket> out;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (counts[i] > 0) out.push_back({core::scale_min(s) + static_cast<int>(i), counts[i]});
  }
  return out;
}

}  // namespace

void impact_mix::add(std::optional<core::impact> i, std::int64_t n) {
  if (!i) {
    unanswered += n;
    return;
  }
  switch (*i) {
    case core::impact::blocks:
      blocks += n;
      break;
    case core::impact::slows:
      slows += n;
      break;
    case core::impact::minor:
      minor += n;
      break;
    case core::impact::none:
      none += n;
      break;
  }
}

std::int64_t impact_mix::count(core::impact i) const {
  switch (i) {
    case core::impact::blocks:
      return blocks;
    case core::impact::slows:
      return slows;
    case core::impact::minor:
      return minor;
    case core::impact::none:
      return none;
  }
  return 0;
}

std::size_t week_count(const core::period& p) {
  return week_count(p, p.to);
}

std::size_t week_count(const core::period& p, core::timestamp now) {
  const core::timestamp end = std::min(p.to, now);
  if (end <= p.from) return 0;
  const auto weeks = (end - p.from + one_week - core::milliseconds{1}) / one_week;
  return static_cast<std::size_t>(std::min<std::int64_t>(weeks, sparkline_weeks));
}

service_accumulator::service_accumulator(core::service svc, const core::period& p, const text_rules& rules,
                                         core::timestamp now)
    : input_{.service = {},
             .ratings = {},
             .previous = {},
             .impacts = {},
             .weeks = {},
             .themes = theme_accumulator{svc.scale, rules},
             .usage = usage_accumulator{rules},
             .responses = std::nullopt},
      period_(p),
      weeks_end_(std::min(p.to, now)) {
  const auto values = static_cast<std::size_t>(core::scale_max(svc.scale) - core::scale_min(svc.scale) + 1);
  ratings_.assign(values, 0);
  weeks_.assign(week_count(p, now), std::vector<std::int64_t>(values, 0));
  // A service's own name is in the comments of the happy and the unhappy alike: never a theme, nor
  // what it is used for.
  for (const std::string* words : {&svc.name, &svc.id}) {
    input_.themes.leave_out(*words);
    input_.usage.leave_out(*words);
  }
  input_.service = std::move(svc);
}

void service_accumulator::add(const answer& a) {
  const core::scale s = input_.service.scale;
  if (!core::in_range(s, a.rating)) return;
  const auto slot = static_cast<std::size_t>(a.rating - core::scale_min(s));
  ++ratings_[slot];
  input_.impacts.add(a.impact);
  if (a.created_at < weeks_end_ && a.created_at >= period_.from) {
    const auto back =
        static_cast<std::size_t>((weeks_end_ - a.created_at - core::milliseconds{1}) / one_week);
    if (back < weeks_.size()) ++weeks_[weeks_.size() - 1 - back][slot];
  }
  if (!a.reason.empty()) input_.themes.add(a.rating, a.reason);
  if (!a.usage.empty()) input_.usage.add(a.usage);
}

void service_accumulator::add_previous(int rating, std::int64_t count) {
  input_.previous.push_back({rating, count});
}

service_input service_accumulator::finish() && {
  const core::scale s = input_.service.scale;
  input_.ratings = to_buckets(s, ratings_);
  input_.weeks.clear();
  for (const auto& w : weeks_)
    input_.weeks.push_back(to_buckets(s, w));
  return std::move(input_);
}

}  // namespace csibot::insights
