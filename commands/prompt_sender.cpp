#include "commands/prompt_sender.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "commands/prompt_people.hpp"
#include "core/i18n.hpp"
#include "core/ref.hpp"
#include "dialog/prompt_message.hpp"
#include "dialog/prompt_policy.hpp"
#include "storage/database.hpp"
#include "storage/prompt_repository.hpp"
#include "storage/sqlite.hpp"

namespace csibot::commands {
namespace {

std::string_view verdict_name(dialog::prompt_verdict v) {
  switch (v) {
    case dialog::prompt_verdict::ask:
      return "ask";
    case dialog::prompt_verdict::wait:
      return "wait";
    case dialog::prompt_verdict::never:
      break;
  }
  return "never";
}

dialog::prompt_origin origin_of(const storage::prompt_row& row, bool reminder) {
  dialog::prompt_origin o;
  o.kind = row.kind;
  o.ticket = row.ticket.value_or("");
  o.asked_by_owner = row.pulse && row.pulse->starts_with("ask#");
  o.reminder = reminder;
  return o;
}

void log_decision(const storage::prompt_row& row, std::string_view what, const std::string& user,
                  const dialog::prompt_decision& d) {
  spdlog::debug("prompts: #{} {} {} for {} about {}: {} ({}): {}", row.id, core::to_string(row.kind), what,
                user, row.service, verdict_name(d.verdict), dialog::to_string(d.reason), d.text);
}

}  // namespace

struct prompt_sender::job_outcome {
  std::vector<core::outbound> messages;
  std::size_t asked = 0, reminded = 0, waiting = 0, skipped = 0;
  std::string platform;
};

prompt_sender::prompt_sender(storage::database& db, const config::settings& settings)
    : db_(db), settings_(settings), talks_(db, settings.bot.conversation_timeout, settings.bot.command) {}

batch_result prompt_sender::run(const std::vector<prompt_job>& jobs,
                                const std::vector<core::service>& catalog, core::timestamp now,
                                const stage_fn& stage) {
  batch_result r;
  if (jobs.empty()) return r;
  try {
    storage::transaction batch{db_};
    for (const auto& job : jobs) {
      job_outcome out;
      try {
        storage::transaction one{db_};
        if (job.reminder) {
          remind(job, catalog, now, out);
        } else {
          prompt(job, catalog, now, out);
        }
        one.commit();
      } catch (const std::exception& e) {
        // The whole transaction is gone (disk full, I/O error): nothing after this could commit.
        if (!db_.conn().in_transaction()) throw;
        spdlog::error("prompts: prompt #{} failed and is tried again later: {}", job.id, e.what());
        continue;
      }
      r.asked += out.asked;
      r.reminded += out.reminded;
      r.waiting += out.waiting;
      r.skipped += out.skipped;
      if (!out.messages.empty()) ++r.sent_by_platform[out.platform];
      r.messages.insert(r.messages.end(), std::make_move_iterator(out.messages.begin()),
                        std::make_move_iterator(out.messages.end()));
    }
    if (stage && !r.messages.empty()) stage(r.messages);
    batch.commit();
  } catch (const std::exception& e) {
    spdlog::error("prompts: a batch of {} prompt(s) was rolled back and is tried again later: {}",
                  jobs.size(), e.what());
    return batch_result{{}, 0, 0, 0, 0, {}, false};
  }
  return r;
}

// What `/csi feedback <service>` does to open the conversation in the DM, started as a ticket or
// pulse conversation (the feedback's source), its first question preceded by why the person is asked.
std::vector<core::outbound> prompt_sender::open_conversation(const storage::prompt_row& row,
                                                             const core::ref& who, const core::service& svc,
                                                             const std::string& locale, bool reminder,
                                                             const std::vector<core::service>& catalog,
                                                             core::timestamp now) {
  const std::string language{core::language_of(locale.empty() ? settings_.bot.language : locale)};
  core::inbound in;
  in.platform = who.platform;
  in.user = who.id;
  in.locale = locale;
  const dialog::start_request req{
      row.kind == core::prompt_kind::ticket ? core::source::ticket : core::source::pulse, svc.id, {}, {}, {}};
  auto messages = talks_.run(in, catalog, language, now,
                             [&](const dialog::flow_context& ctx) { return dialog::start(req, ctx); });
  if (!messages.empty()) {
    messages.front().body =
        dialog::opening_message(std::move(messages.front().body), origin_of(row, reminder), svc, language,
                                settings_.bot.command, who.platform);
  }
  return messages;
}

// A due prompt: resolved user, then the policy, then sent (the conversation opens) or held or dropped.
void prompt_sender::prompt(const prompt_job& job, const std::vector<core::service>& catalog,
                           core::timestamp now, job_outcome& out) {
  storage::prompt_repository prompts{db_};
  const auto row = prompts.find(job.id);
  // Cancelled (ticket reopened), skipped (opted out) or sent since it was read: nothing to do.
  if (!row || row->state != storage::prompt_state::pending) return;
  if (!job.skip.empty() || job.retry_at) {
    if (job.retry_at) {
      prompts.reschedule(row->id, *job.retry_at, lookup_failed);
      ++out.waiting;
    } else {
      prompts.mark_skipped(row->id, job.skip);
      ++out.skipped;
    }
    spdlog::debug("prompts: #{} {} for {} about {}: {}", row->id, core::to_string(row->kind), row->user,
                  row->service, job.retry_at ? std::string{lookup_failed} : job.skip);
    return;
  }
  const std::string user = job.user.empty() ? row->user : job.user;
  if (user != row->user) prompts.set_user(row->id, user);
  const auto* svc = core::find_service(catalog, row->service);
  const auto ref = core::parse_ref(user);
  if (svc == nullptr || !ref) {
    prompts.mark_skipped(row->id, svc == nullptr ? unknown_service : no_person);
    ++out.skipped;
    return;
  }

  dialog::prompt_request rq;
  rq.user = user;
  rq.service = row->service;
  rq.kind = row->kind;
  rq.resolver = job.resolver.empty() && row->resolver && core::parse_ref(*row->resolver) ? *row->resolver
                                                                                         : job.resolver;
  if (row->kind == core::prompt_kind::pulse) rq.pulse_started_at = row->created_at;
  const auto d = dialog::decide_prompt(rq, load_person(db_, settings_, user, job.time_zone, now),
                                       settings_.policy, settings_.bot.timezone, now);
  log_decision(*row, "prompt", user, d);
  switch (d.verdict) {
    case dialog::prompt_verdict::ask: {
      if (!prompts.mark_sent(row->id, now)) return;
      out.messages = open_conversation(*row, *ref, *svc, job.locale, false, catalog, now);
      out.platform = ref->platform;
      ++out.asked;
      return;
    }
    case dialog::prompt_verdict::wait:
      prompts.reschedule(row->id, d.wait_until, dialog::to_string(d.reason));
      ++out.waiting;
      return;
    case dialog::prompt_verdict::never:
      prompts.mark_skipped(row->id, dialog::to_string(d.reason));
      ++out.skipped;
      return;
  }
}

// The one reminder of a sent, unanswered prompt: the same policy (kind reminder), the question again.
void prompt_sender::remind(const prompt_job& job, const std::vector<core::service>& catalog,
                           core::timestamp now, job_outcome& out) {
  storage::prompt_repository prompts{db_};
  const auto row = prompts.find(job.id);
  if (!row || row->state != storage::prompt_state::sent || row->reminded_at ||
      !row->reminder_reason.empty() || !row->sent_at) {
    return;
  }
  if (job.retry_at) {
    prompts.defer_reminder(row->id, *job.retry_at, lookup_failed);
    ++out.waiting;
    return;
  }
  const auto* svc = core::find_service(catalog, row->service);
  const auto ref = core::parse_ref(row->user);
  if (!job.skip.empty() || svc == nullptr || !ref) {
    prompts.skip_reminder(row->id, !job.skip.empty() ? std::string_view{job.skip}
                                   : svc == nullptr  ? unknown_service
                                                     : no_person);
    ++out.skipped;
    return;
  }
  dialog::prompt_request rq;
  rq.user = row->user;
  rq.service = row->service;
  rq.kind = core::prompt_kind::reminder;
  rq.original = core::prompt_record{row->service, row->kind, *row->sent_at, false, false};
  const auto d = dialog::decide_prompt(rq, load_person(db_, settings_, row->user, job.time_zone, now),
                                       settings_.policy, settings_.bot.timezone, now);
  log_decision(*row, "reminder", row->user, d);
  switch (d.verdict) {
    case dialog::prompt_verdict::ask: {
      if (!prompts.mark_reminded(row->id, now)) return;
      out.messages = open_conversation(*row, *ref, *svc, job.locale, true, catalog, now);
      out.platform = ref->platform;
      ++out.reminded;
      return;
    }
    case dialog::prompt_verdict::wait:
      prompts.defer_reminder(row->id, d.wait_until, dialog::to_string(d.reason));
      ++out.waiting;
      return;
    case dialog::prompt_verdict::never:
      prompts.skip_reminder(row->id, dialog::to_string(d.reason));
      ++out.skipped;
      return;
  }
}

}  // namespace csibot::commands
