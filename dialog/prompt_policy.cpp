#include "dialog/prompt_policy.hpp"

#include <date/tz.h>

#include <algorithm>
#include <array>

#include "core/cron.hpp"
#include "core/i18n.hpp"

namespace csibot::dialog {
namespace {

using namespace std::chrono_literals;
using core::timestamp;

// A week, as in "weekly budget": rolling, so that a Monday does not reset it (seven prompts in
// eight days would otherwise be possible).
constexpr std::chrono::days budget_window{7};

constexpr std::array<std::string_view, 13> reason_names = {"allowed",
                                                           "opted_out",
                                                           "resolver",
                                                           "ticket_already_asked",
                                                           "joined_after_pulse",
                                                           "prompt_answered",
                                                           "already_reminded",
                                                           "conversation_open",
                                                           "ticket_first",
                                                           "cooldown",
                                                           "weekly_budget",
                                                           "quiet_hours",
                                                           "weekend"};

static_assert(reason_names.size() == static_cast<std::size_t>(prompt_reason::weekend) + 1,
              "one name per prompt_reason");

std::optional<std::chrono::minutes> parse_hh_mm(std::string_view t) {
  if (t.size() != 5 || t[2] != ':') return std::nullopt;
  for (const std::size_t i : {0u, 1u, 3u, 4u})
    if (t[i] < '0' || t[i] > '9') return std::nullopt;
  const int h = (t[0] - '0') * 10 + (t[1] - '0');
  const int m = (t[3] - '0') * 10 + (t[4] - '0');
  if (h > 23 || m > 59) return std::nullopt;
  return std::chrono::hours{h} + std::chrono::minutes{m};
}

// The person's wall clock. Quiet hours and weekends are about their evening and their Saturday, not
// the server's: a New York colleague must not be asked at 03:00 because it is 09:00 in Berlin.
class person_clock {
 public:
  person_clock(const date::time_zone* tz, std::optional<quiet_range> quiet, bool skip_weekends)
      : tz_(tz), quiet_(quiet), skip_weekends_(skip_weekends) {}

  bool weekend_at(timestamp t) const {
    if (!skip_weekends_) return false;
    const date::weekday wd{std::chrono::floor<date::days>(local(t))};
    return wd == date::Saturday || wd == date::Sunday;
  }

  bool quiet_at(timestamp t) const {
    if (!quiet_) return false;
    const auto l = local(t);
    const auto tod = l - std::chrono::floor<date::days>(l);
    if (quiet_->start < quiet_->end) return tod >= quiet_->start && tod < quiet_->end;
    return tod >= quiet_->start || tod < quiet_->end;  // wraps midnight: "18:00-08:00"
  }

  /// The first instant at or after `t` that is neither quiet nor weekend. A few steps are enough:
  /// each one jumps to the end of a quiet period or to Monday, and those cannot chain for long.
  timestamp first_open(timestamp t) const {
    for (int step = 0; step < 16; ++step) {
      const auto l = local(t);
      const auto day = std::chrono::floor<date::days>(l);
      if (weekend_at(t)) {
        const date::weekday wd{day};
        t = later_than(t, day + (wd == date::Saturday ? date::days{2} : date::days{1}));
      } else if (quiet_at(t)) {
        const auto tod = l - day;
        const bool after_start = quiet_->start > quiet_->end && tod >= quiet_->start;
        t = later_than(t, (after_start ? day + date::days{1} : day) + quiet_->end);
      } else {
        return t;
      }
    }
    return t;
  }

  const date::time_zone* zone() const { return tz_; }

 private:
  date::local_time<std::chrono::milliseconds> local(timestamp t) const {
    if (tz_ == nullptr) return date::local_time<std::chrono::milliseconds>{t.time_since_epoch()};
    return tz_->to_local(t);
  }

  // The instant of local time `l`. A time skipped by a spring-forward change maps to the end of the
  // gap (08:00 does not exist? then the first instant after the gap); a repeated one to its first
  // occurrence, or the second when the first is not after `t` (we never go back in time).
  timestamp later_than(timestamp t, date::local_time<std::chrono::milliseconds> l) const {
    if (tz_ == nullptr) return std::max(t, timestamp{l.time_since_epoch()});
    timestamp next =
        std::chrono::time_point_cast<std::chrono::milliseconds>(tz_->to_sys(l, date::choose::earliest));
    if (next <= t)
      next = std::chrono::time_point_cast<std::chrono::milliseconds>(tz_->to_sys(l, date::choose::latest));
    return std::max(t, next);
  }

  const date::time_zone* tz_;
  std::optional<quiet_range> quiet_;
  bool skip_weekends_;
};

// When the per-service cooldown lets the person be asked about `service` again (≤ now: already).
timestamp cooldown_end(const person_state& p, std::string_view service, std::chrono::milliseconds cooldown,
                       timestamp now) {
  timestamp end = now;
  for (const auto& r : p.history)
    if (r.service == service) end = std::max(end, r.sent_at + cooldown);
  return end;
}

// When the rolling 7-day budget has room for one more prompt (nullopt: never, the budget is 0).
std::optional<timestamp> budget_free(const person_state& p, int budget, timestamp now) {
  if (budget <= 0) return std::nullopt;
  std::vector<timestamp> recent;
  for (const auto& r : p.history)
    if (r.sent_at > now - budget_window && r.sent_at <= now) recent.push_back(r.sent_at);
  if (recent.size() < static_cast<std::size_t>(budget)) return now;
  // Room appears when all but budget−1 of them have aged out of the window.
  std::sort(recent.begin(), recent.end());
  return recent[recent.size() - static_cast<std::size_t>(budget)] + budget_window;
}

// The rules that end the matter whatever the time (checked before anything else).
std::optional<prompt_reason> never_reason(const prompt_request& rq, const person_state& p) {
  // Opting out is a person's explicit wish: it beats every other rule and every kind of prompt.
  if (p.opted_out) return prompt_reason::opted_out;
  switch (rq.kind) {
    case core::prompt_kind::ticket:
      // Asking the engineer who closed the ticket to rate their own work measures nothing.
      if (!rq.resolver.empty() && rq.resolver == rq.user) return prompt_reason::resolver;
      // Webhooks are retried and tools send "resolved" twice: one ticket, one question.
      if (rq.ticket_already_prompted) return prompt_reason::ticket_already_asked;
      break;
    case core::prompt_kind::pulse:
      // A pulse is a snapshot of the audience at its start; chasing late joiners skews the sample
      // towards people who barely used the service yet.
      if (rq.pulse_started_at && rq.joined_at && *rq.joined_at > *rq.pulse_started_at)
        return prompt_reason::joined_after_pulse;
      break;
    case core::prompt_kind::reminder:
      // One nudge is a courtesy, two are nagging; an answered prompt needs none.
      if (!rq.original || rq.original->answered) return prompt_reason::prompt_answered;
      if (rq.original->reminded) return prompt_reason::already_reminded;
      break;
  }
  return std::nullopt;
}

prompt_decision make(prompt_verdict v, prompt_reason r, timestamp at, const prompt_request& rq,
                     const date::time_zone* tz, std::string_view language) {
  prompt_decision d{v, r, at, {}};
  // Cooldown and budget can end in a wait or a drop; the sentence must say which.
  const bool dropped =
      v == prompt_verdict::never && (r == prompt_reason::cooldown || r == prompt_reason::weekly_budget);
  d.text = core::tr(language, (dropped ? "prompt.never." : "prompt.reason.") + std::string{to_string(r)},
                    {{"user", rq.user}, {"service", rq.service}, {"until", core::local_time_text(at, tz)}});
  return d;
}

}  // namespace

std::string_view to_string(prompt_reason r) {
  return reason_names.at(static_cast<std::size_t>(r));
}

std::optional<quiet_range> parse_quiet_hours(std::string_view text) {
  if (text.size() != 11 || text[5] != '-') return std::nullopt;
  const auto start = parse_hh_mm(text.substr(0, 5));
  const auto end = parse_hh_mm(text.substr(6));
  if (!start || !end || *start == *end) return std::nullopt;
  return quiet_range{*start, *end};
}

prompt_decision decide_prompt(const prompt_request& rq, const person_state& p,
                              const config::policy_settings& policy, std::string_view bot_time_zone,
                              timestamp now, std::string_view language) {
  const auto* tz = core::find_time_zone(p.time_zone.empty() ? bot_time_zone : p.time_zone);
  if (tz == nullptr) tz = core::find_time_zone(bot_time_zone);
  const person_clock clock{tz, parse_quiet_hours(policy.quiet_hours), policy.skip_weekends};
  const auto decide = [&](prompt_verdict v, prompt_reason r, timestamp at) {
    return make(v, r, at, rq, tz, language);
  };

  if (const auto r = never_reason(rq, p)) return decide(prompt_verdict::never, *r, now);

  // Each rule below yields the earliest time it allows; the prompt goes out at the latest of them,
  // moved out of quiet hours and weekends. The reason given is the first rule that blocks now.
  std::vector<std::pair<prompt_reason, timestamp>> holds;
  // Answering one feedback conversation at a time: a prompt in the middle of one would be read as
  // the next question. The conversation's expiry is the latest it can end.
  if (p.conversation_until && *p.conversation_until > now)
    holds.emplace_back(prompt_reason::conversation_open, *p.conversation_until);
  // Ticket prompts are about something that just happened to this person and fade fast; a pulse
  // can wait, and must not use up the budget or the cooldown a ticket prompt needs.
  if (rq.kind == core::prompt_kind::pulse && p.pending_ticket_due)
    holds.emplace_back(prompt_reason::ticket_first,
                       std::max(*p.pending_ticket_due, now + ticket_first_pause));
  // A reminder belongs to a prompt already sent (and counted): cooldown and budget do not apply.
  if (rq.kind != core::prompt_kind::reminder) {
    // Cooldown per person and service: a month between questions about the same service keeps the
    // answers meaningful. Other services are not affected.
    const auto cool = cooldown_end(p, rq.service, policy.cooldown, now);
    // The weekly budget across all services: a person in many audiences is still asked rarely.
    const auto budget = budget_free(p, policy.weekly_budget, now);
    if (!budget) return decide(prompt_verdict::never, prompt_reason::weekly_budget, now);
    if (cool - now > max_prompt_delay) return decide(prompt_verdict::never, prompt_reason::cooldown, now);
    if (*budget - now > max_prompt_delay)
      return decide(prompt_verdict::never, prompt_reason::weekly_budget, now);
    if (cool > now) holds.emplace_back(prompt_reason::cooldown, cool);
    if (*budget > now) holds.emplace_back(prompt_reason::weekly_budget, *budget);
  }

  timestamp at = now;
  for (const auto& h : holds)
    at = std::max(at, h.second);
  at = clock.first_open(at);
  if (at <= now) return decide(prompt_verdict::ask, prompt_reason::allowed, now);
  if (!holds.empty()) return decide(prompt_verdict::wait, holds.front().first, at);
  // Nothing but the clock blocks: say which part of it. A Saturday night is a weekend.
  return decide(prompt_verdict::wait,
                clock.weekend_at(now) ? prompt_reason::weekend : prompt_reason::quiet_hours, at);
}

}  // namespace csibot::dialog
