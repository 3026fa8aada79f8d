// The dispatcher's events in, replies out: batches, transactions and savepoints, redeliveries,
// failures and what the observer hears. Where each kind of event goes is in dispatch_routes.cpp.
#include "commands/dispatch.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "commands/dispatch_detail.hpp"
#include "commands/registry.hpp"
#include "core/i18n.hpp"
#include "core/log_context.hpp"
#include "storage/database.hpp"
#include "storage/repositories.hpp"
#include "storage/sqlite.hpp"

namespace csibot::commands {

using detail::reply_to;

dispatcher::dispatcher(storage::database& db, const config::settings& settings)
    : db_(db), settings_(settings), talks_(db, settings.bot.conversation_timeout, settings.bot.command) {
  reload_catalog();
}

void dispatcher::reload_catalog() {
  catalog_ = storage::service_repository{db_}.list();
}

std::vector<core::outbound> dispatcher::dispatch(const core::inbound& in, core::timestamp now) {
  auto out = dispatch_batch(std::span{&in, 1}, now);
  return std::move(out.front());
}

std::vector<std::vector<core::outbound>> dispatcher::dispatch_batch(std::span<const core::inbound> events,
                                                                    core::timestamp now,
                                                                    const batch_callback& in_transaction) {
  std::vector<std::vector<core::outbound>> replies(events.size());
  outcomes_.assign(events.size(), outcome::failed);
  committed_ = true;
  if (events.empty()) return replies;
  batch_run run{events, {}, now, in_transaction, replies};
  run.request_ids.reserve(events.size());
  for (const auto& in : events)
    run.request_ids.push_back(in.event_id.empty() ? "r" + std::to_string(++requests_) : in.event_id);

  try {
    if (!run_together(run)) {
      storage::transaction batch{db_};
      run_events(run, true);
      batch.commit();
    }
  } catch (const std::exception& e) {
    fail_batch(events, run.request_ids, run.reported, run.started, e.what(), replies);
  }
  if (catalog_dirty_) {
    catalog_dirty_ = false;
    try {
      reload_catalog();
    } catch (const std::exception& e) {
      spdlog::error("dispatch: reading the catalog again failed: {}", e.what());
    }
  }
  last_ = outcomes_.back();
  if (observer_ != nullptr) observer_->finished(events.back(), last_);
  if (spdlog::should_log(spdlog::level::debug)) log_outcomes(events, run.request_ids);
  return replies;
}

// One debug line per event once its batch is over (a batch that ran twice logs each event once),
// with its request id. No text and no person: the line must not tie anyone to an anonymous answer.
void dispatcher::log_outcomes(std::span<const core::inbound> events,
                              const std::vector<std::string>& ids) const {
  static constexpr std::array<std::string_view, 3> names{"handled", "duplicate", "failed"};
  for (std::size_t i = 0; i < events.size(); ++i) {
    const core::request_scope request{ids[i]};
    spdlog::debug("dispatch: {} {} {}", events[i].platform, what(events[i]),
                  names.at(static_cast<std::size_t>(outcomes_[i])));
  }
}

// What kind of event it was, for the log: the command's name (only a known one: the words after it
// may be anyone's comment), a button's action id (the bot's own), or a message.
std::string dispatcher::what(const core::inbound& in) {
  if (in.action) {
    // The bot's own action ids are short words; anything else came from a client and could forge a
    // log line.
    const auto& id = in.action->action_id;
    const bool plain = !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' || c == '.' || c == ':';
    });
    return plain ? "click " + id : "click (unknown action)";
  }
  if (!in.command) return in.is_dm ? "direct message" : "message";
  const auto name = parse_command(in.text).name;
  if (name.empty()) return "command help";
  return find_command(name) != nullptr ? "command " + name : "unknown command";
}

// The common case, fast: every event straight in the batch's transaction. A savepoint per event
// would make SQLite copy each page the event changes into a statement journal (a 4 KiB page in 1 KiB
// chunks, a dozen pages for a one-shot command) only to drop the copy when the event goes well,
// which nearly every event does: a quarter of the batch's CPU (docs/PERFORMANCE.md, seventh
// session). False when an event failed: then all of it is rolled back, and dispatch_batch runs the
// batch again with a savepoint per event.
bool dispatcher::run_together(batch_run& run) {
  storage::transaction batch{db_};
  try {
    run_events(run, false);
  } catch (const std::exception& e) {
    spdlog::debug(
        "dispatch: an event of a batch of {} failed ({}); running the batch again, each event in "
        "a savepoint of its own",
        run.events.size(), e.what());
    return false;
  }
  batch.commit();  // when the COMMIT fails, it throws: every event failed, as in the second run
  return true;
}

// The events in order, in the open transaction. The observer hears of each event once however many
// times it runs: a second run starts with the event the first one failed on, which was started and
// not finished, and the others run again to the same end as before.
void dispatcher::run_events(batch_run& run, bool isolated) {
  const std::size_t last = run.events.size() - 1;
  for (std::size_t i = 0; i < run.events.size(); ++i) {
    const auto& in = run.events[i];
    if (i == run.started) {
      if (observer_ != nullptr) observer_->started(in);
      ++run.started;
    }
    const core::request_scope request{run.request_ids[i]};  // every log line meanwhile names it
    run.replies[i] = isolated ? handle(in, i, run.request_ids[i], run.now, run.in_transaction)
                              : handle_unguarded(in, i, run.now, run.in_transaction);
    if (i != last && i == run.reported) {
      if (observer_ != nullptr) observer_->finished(in, outcomes_[i]);
      ++run.reported;
    }
  }
}

// One event in its own savepoint. Throws only when the batch as a whole cannot go on.
std::vector<core::outbound> dispatcher::handle(const core::inbound& in, std::size_t index,
                                               const std::string& request_id, core::timestamp now,
                                               const batch_callback& in_transaction) {
  try {
    storage::transaction event{db_};
    auto out = handle_unguarded(in, index, now, in_transaction);
    event.commit();
    return out;
  } catch (const std::exception& e) {
    // SQLite may have rolled back the whole transaction (disk full, I/O error): nothing after this
    // could be committed with it, so the batch fails as one.
    if (!db_.conn().in_transaction()) throw;
    spdlog::error("dispatch: {} from {}:{} failed: {}", what(in), in.platform, in.user, e.what());
    outcomes_[index] = outcome::failed;
  }
  std::vector<core::outbound> out{internal_error(in, request_id)};
  if (in_transaction) {
    storage::transaction reply{db_};
    in_transaction(index, out);
    reply.commit();
  }
  return out;
}

// One event, remembered by its id with what it did; whatever fails throws to the caller.
std::vector<core::outbound> dispatcher::handle_unguarded(const core::inbound& in, std::size_t index,
                                                         core::timestamp now,
                                                         const batch_callback& in_transaction) {
  std::vector<core::outbound> out;
  if (!in.event_id.empty() &&
      !storage::event_repository{db_}.first_seen(in.platform, in.event_id, now, event_ttl)) {
    spdlog::debug("dispatch: {} event {} was already handled; ignoring the redelivery", in.platform,
                  in.event_id);
    outcomes_[index] = outcome::duplicate;
  } else {
    out = route(in, now);
    outcomes_[index] = outcome::handled;
  }
  if (in_transaction) in_transaction(index, out);
  return out;
}

core::outbound dispatcher::internal_error(const core::inbound& in, const std::string& request_id) const {
  core::message m;
  m.text = core::tr(settings_.bot.language, "error.internal", {{"request", request_id}});
  return reply_to(in, std::move(m));
}

// The transaction could not begin or commit: every event is rolled back, so every event failed, and
// the observer hears it for those it was already told about.
void dispatcher::fail_batch(std::span<const core::inbound> events,
                            const std::vector<std::string>& request_ids, std::size_t reported,
                            std::size_t started, const char* why,
                            std::vector<std::vector<core::outbound>>& replies) {
  constexpr std::size_t ids_logged = 8;
  std::string ids;
  for (std::size_t i = 0; i < request_ids.size() && i < ids_logged; ++i)
    ids += (i == 0 ? "" : ", ") + request_ids[i];
  if (request_ids.size() > ids_logged) ids += ", …";
  spdlog::error("dispatch: a batch of {} event(s) was rolled back: {} (requests {})", events.size(), why,
                ids);
  committed_ = false;
  const std::size_t last = events.size() - 1;
  for (std::size_t i = 0; i < events.size(); ++i) {
    outcomes_[i] = outcome::failed;
    replies[i] = {internal_error(events[i], request_ids[i])};
    if (observer_ == nullptr) continue;
    if (i < reported) {
      observer_->commit_failed(events[i]);
    } else if (i != last) {
      if (i >= started) observer_->started(events[i]);
      observer_->finished(events[i], outcome::failed);
    } else if (i >= started) {
      observer_->started(events[i]);  // its finished() follows in dispatch_batch
    }
  }
}

std::size_t dispatcher::expire_conversations(core::timestamp now) {
  storage::transaction tx{db_};
  const auto n = talks_.expire(now);
  tx.commit();
  return n;
}

}  // namespace csibot::commands
