#include "bot/runtime/prompt_loop.hpp"

#include <spdlog/spdlog.h>

#include "core/ref.hpp"
#include "storage/prompt_repository.hpp"

namespace csibot::runtime {
namespace asio = boost::asio;

namespace {

constexpr std::string_view email_prefix = "email:";

}  // namespace

struct prompt_loop::state {
  state(storage::database& d, const config::settings& s, proactive_hooks h, prompt_loop_options o)
      : db(d), settings(s), hooks(std::move(h)), opts(std::move(o)), sender(d, s) {}

  send_budget& budget(std::string_view platform) {
    auto it = budgets.find(platform);
    if (it == budgets.end()) {
      const auto rate = opts.per_minute.find(platform);
      it = budgets
               .emplace(std::string{platform},
                        send_budget{rate == opts.per_minute.end() ? opts.default_per_minute : rate->second,
                                    opts.burst})
               .first;
    }
    return it->second;
  }

  storage::database& db;
  const config::settings& settings;
  proactive_hooks hooks;
  prompt_loop_options opts;
  commands::prompt_sender sender;
  std::map<std::string, send_budget, std::less<>> budgets;
};

namespace {

using state_ptr = std::shared_ptr<prompt_loop::state>;

// The person's zone and locale for the policy, from the platform profile (the app's directories
// remember profiles: runtime::profile_cache). A profile that says "no such person" (deleted, a bot)
// drops the prompt; a failed lookup retries it later.
asio::awaitable<void> fill_profile(state_ptr self, people_directory* dir, std::string user,
                                   core::timestamp now, commands::prompt_job& job) {
  const auto ref = core::parse_ref(user);
  if (!ref) {
    job.skip = commands::prompt_sender::no_person;
    co_return;
  }
  const auto p = co_await dir->profile(ref->id);
  if (p.status == lookup_status::failed) {
    spdlog::warn("prompts: cannot read the profile of {}, trying again later: {}", user, p.error);
    job.retry_at = now + self->opts.retry_after;
    co_return;
  }
  if (p.status == lookup_status::not_found) {
    job.skip = commands::prompt_sender::no_person;
    co_return;
  }
  job.time_zone = p.time_zone;
  job.locale = p.locale;
}

// "email:alice@example.com" → the first running platform that knows the address.
struct email_result {
  std::string user;  // "platform:id", "" when not found
  bool failed = false;
};

asio::awaitable<email_result> find_email(state_ptr self, std::string address, std::string only_platform) {
  email_result out;
  for (const auto platform : prompt_loop::platforms) {
    if (!only_platform.empty() && platform != only_platform) continue;
    auto* dir = self->hooks.directory ? self->hooks.directory(platform) : nullptr;
    if (dir == nullptr) continue;
    auto m = co_await dir->find_by_email(address);
    if (m.status == lookup_status::found) {
      out.user = std::string{platform} + ":" + m.user;
      co_return out;
    }
    if (m.status == lookup_status::failed) out.failed = true;
  }
  co_return out;
}

// Ticket prompts whose user is an e-mail address: resolved through the platforms (and the resolver
// with them, so that "never ask the resolver" holds), then like any other prompt.
asio::awaitable<void> collect_email(state_ptr self, core::timestamp now,
                                    std::map<std::string, std::size_t>& room,
                                    std::vector<commands::prompt_job>& jobs) {
  const storage::prompt_repository prompts{self->db};
  // Named, not a temporary in the range-for: the loop body suspends (GCC 12 and coroutine temporaries).
  const auto rows = prompts.due_for("email", now, self->opts.batch);
  for (const auto& row : rows) {
    commands::prompt_job job;
    job.id = row.id;
    const auto found = co_await find_email(self, row.user.substr(email_prefix.size()), {});
    if (found.user.empty()) {
      if (found.failed) {
        job.retry_at = now + self->opts.retry_after;
      } else {
        job.skip = commands::prompt_sender::email_not_found;
      }
      jobs.push_back(std::move(job));
      continue;
    }
    const auto platform = found.user.substr(0, found.user.find(':'));
    if (room[platform] == 0) continue;  // resolved again on a later pass, when the budget allows
    --room[platform];
    job.user = found.user;
    if (row.resolver && row.resolver->starts_with(email_prefix)) {
      const auto resolver = co_await find_email(self, row.resolver->substr(email_prefix.size()), platform);
      job.resolver = resolver.user;
    }
    co_await fill_profile(self, self->hooks.directory(platform), job.user, now, job);
    jobs.push_back(std::move(job));
  }
}

asio::awaitable<void> collect(state_ptr self, core::timestamp now, std::vector<commands::prompt_job>& jobs,
                              prompt_pass& result) {
  const storage::prompt_repository prompts{self->db};
  std::map<std::string, std::size_t> room;  // prompts each running platform may still get this pass
  for (const auto platform : prompt_loop::platforms) {
    auto* dir = self->hooks.directory ? self->hooks.directory(platform) : nullptr;
    if (dir == nullptr) continue;
    auto& left = room[std::string{platform}];
    left = self->budget(platform).available(now);
    const auto want = std::min(left, self->opts.batch);
    const auto rows = prompts.due_for(platform, now, want);
    // More may be due than the budget lets through: the loop then wakes when it refills.
    if (want < self->opts.batch && rows.size() == want &&
        (want > 0 || !prompts.due_for(platform, now, 1).empty()))
      result.budget_exhausted = true;
    for (const auto& row : rows) {
      commands::prompt_job job;
      job.id = row.id;
      co_await fill_profile(self, dir, row.user, now, job);
      jobs.push_back(std::move(job));
      --left;
    }
  }
  co_await collect_email(self, now, room, jobs);
  if (self->settings.policy.reminder_after.count() <= 0) co_return;
  const auto reminders =
      prompts.reminders_due(now - self->settings.policy.reminder_after, now, self->opts.batch);
  for (const auto& row : reminders) {
    const auto it = room.find(row.platform);
    if (it == room.end() || it->second == 0) continue;  // not running here, or no budget left now
    --it->second;
    commands::prompt_job job;
    job.id = row.id;
    job.reminder = true;
    co_await fill_profile(self, self->hooks.directory(row.platform), row.user, now, job);
    jobs.push_back(std::move(job));
  }
}

}  // namespace

prompt_loop::prompt_loop(storage::database& db, const config::settings& settings, proactive_hooks hooks,
                         prompt_loop_options options)
    : state_(std::make_shared<state>(db, settings, std::move(hooks), std::move(options))) {}

asio::awaitable<prompt_pass> prompt_loop::pass(core::timestamp now) {
  const auto self = state_;
  prompt_pass result;
  std::vector<commands::prompt_job> jobs;
  try {
    co_await collect(self, now, jobs, result);
  } catch (const std::exception& e) {
    spdlog::error("prompts: cannot read the due prompts, trying again later: {}", e.what());
    co_return result;
  }
  if (jobs.empty()) co_return result;
  const auto& catalog = self->hooks.catalog ? self->hooks.catalog() : self->settings.services;
  auto r = self->sender.run(jobs, catalog, now, self->hooks.stage);
  if (!r.committed) co_return result;
  for (const auto& [platform, sent] : r.sent_by_platform)
    self->budget(platform).take(sent, now);
  if (self->hooks.publish && !r.messages.empty()) self->hooks.publish(r.messages);
  result.asked = r.asked;
  result.reminded = r.reminded;
  result.waiting = r.waiting;
  result.skipped = r.skipped;
  if (r.asked + r.reminded + r.skipped > 0) {
    spdlog::info("prompts: {} sent, {} reminder(s), {} held back, {} dropped", r.asked, r.reminded, r.waiting,
                 r.skipped);
  }
  co_return result;
}

std::optional<core::timestamp> prompt_loop::next_due() const {
  return storage::prompt_repository{state_->db}.next_due();
}

core::timestamp prompt_loop::budget_at(std::string_view platform, core::timestamp now) {
  return state_->budget(platform).next_at(now);
}

}  // namespace csibot::runtime
