#include "commands/dispatch.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "commands/registry.hpp"
#include "commands/reply_consent.hpp"
#include "core/i18n.hpp"
#include "core/log_context.hpp"
#include "core/markup.hpp"
#include "core/text.hpp"
#include "dialog/actions.hpp"
#include "dialog/answers.hpp"
#include "dialog/prompts.hpp"
#include "storage/database.hpp"
#include "storage/repositories.hpp"
#include "storage/sqlite.hpp"

namespace csibot::commands {
namespace {

core::outbound reply_to(const core::inbound& in, core::message m) {
  // A reply to a DM stays in the DM; anything else is only for the person who asked.
  const auto kind = in.is_dm ? core::delivery::direct : core::delivery::ephemeral;
  return core::outbound{kind, in.platform, in.channel, in.user, {}, std::move(m)};
}

std::vector<std::string> command_names() {
  std::vector<std::string> names;
  for (const auto& c : all_commands())
    names.emplace_back(c.name);
  return names;
}

}  // namespace

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

std::vector<core::outbound> dispatcher::route(const core::inbound& in, core::timestamp now) {
  if (in.command) return on_command(in, now);
  if (in.action) return on_action(in, now);
  if (in.is_dm) return on_direct_text(in, now);
  return {};  // csibot does not read channel conversations
}

std::vector<core::outbound> dispatcher::on_command(const core::inbound& in, core::timestamp now) {
  const auto cmd = parse_command(in.text);
  const std::string language = reply_language(in, {});
  command_env env{in, cmd, settings_, catalog_, db_, talks_, now, language};
  env.ops = operations_;
  env.languages = &languages_;
  const std::string name = cmd.name.empty() ? "help" : cmd.name;
  if (const auto* spec = find_command(name)) {
    auto out = spec->run(env);
    // The next event of the batch sees the change; dispatch_batch reads it again once the batch
    // is over, in case the batch was rolled back.
    if (env.catalog_changed) {
      reload_catalog();
      catalog_dirty_ = true;
    }
    return out;
  }
  const std::string typed = core::echo(name, 40);
  core::message m;
  if (const auto near = core::closest(name, command_names())) {
    m.text = core::tr(language, "cmd.unknown",
                      {{"typed", typed}, {"command", settings_.bot.command}, {"suggestion", *near}});
  } else {
    m.text = core::tr(language, "cmd.unknown_no_suggestion",
                      {{"typed", typed}, {"command", settings_.bot.command}});
  }
  return {env.ephemeral(std::move(m))};
}

// The person's locale where the platform sent one; else the language their open conversation speaks
// (it began with a prompt in their profile's language, and Slack and Mattermost send DMs and clicks
// without a locale); else the bot's. Commands pass no conversation.
std::string dispatcher::reply_language(const core::inbound& in, const std::string& conversation) const {
  if (!in.locale.empty()) return std::string{core::language_of(in.locale)};
  if (!conversation.empty()) return conversation;
  return std::string{core::language_of(settings_.bot.language)};
}

std::vector<core::outbound> dispatcher::on_direct_text(const core::inbound& in, core::timestamp now) {
  const auto open = talks_.find(in.user_ref(), now);
  if (open) {
    return talks_.run(in, catalog_, reply_language(in, open->language), now,
                      [&](const dialog::flow_context& ctx) { return dialog::on_text(*open, in.text, ctx); });
  }
  // A conversation that closed while the person was away: what they type now may be the answer it
  // waited for, so say first that it closed and what was kept, in the language it spoke.
  const auto gone = talks_.take_closed(in.user_ref(), now);
  const std::string language = reply_language(in, gone ? gone->language : std::string{});
  auto closed = gone ? std::optional{talks_.closed_notice(*gone, catalog_, language)} : std::nullopt;
  if (dialog::is_cancel(in.text)) {
    return {
        reply_to(in, closed ? std::move(*closed) : dialog::note(core::tr(language, "flow.no_conversation")))};
  }
  // Writing to the bot starts a conversation; a service's id or name goes straight to the rating.
  const auto* service = dialog::exact_service(catalog_, in.text);
  return talks_.run(in, catalog_, language, now, [&](const dialog::flow_context& ctx) {
    dialog::start_request req{core::source::conversation, service ? service->id : std::string{}, {}, {}, {}};
    auto r = dialog::start(req, ctx);
    if (service == nullptr) {
      r.replies.insert(r.replies.begin(),
                       dialog::note(core::tr(language, "flow.hello", {{"command", settings_.bot.command}})));
    }
    if (closed) r.replies.insert(r.replies.begin(), std::move(*closed));
    return r;
  });
}

std::vector<core::outbound> dispatcher::on_action(const core::inbound& in, core::timestamp now) {
  // "Let the owner answer me" under the thanks comes after the conversation and opens none.
  if (in.action->action_id == dialog::actions::allow_reply)
    return accept_reply_consent(in, db_, settings_, catalog_, reply_language(in, {}));
  if (!dialog::is_flow_action(*in.action)) {
    spdlog::warn("dispatch: unknown action '{}' from {}:{}", core::cap_chars(in.action->action_id, 80).text,
                 in.platform, in.user);
    return {};
  }
  // A click on a prompt with no open conversation (an old message, a digest's button) starts one.
  dialog::flow_state state;
  auto open = talks_.find(in.user_ref(), now);
  const auto gone = open ? std::nullopt : talks_.take_closed(in.user_ref(), now);
  const std::string language = reply_language(in, open   ? open->language
                                                  : gone ? gone->language
                                                         : std::string{});
  auto closed = gone ? std::optional{talks_.closed_notice(*gone, catalog_, language)} : std::nullopt;
  if (open) {
    state = std::move(*open);
  } else {
    state.started_at = now;
  }
  return talks_.run(in, catalog_, language, now, [&](const dialog::flow_context& ctx) {
    auto r = dialog::on_action(state, *in.action, ctx);
    // A stale click with nothing open must not leave an empty conversation behind. Its question was
    // not answered but closed: when its time ran out (recently) the notice says so and what was kept;
    // otherwise it was finished, cancelled, or closed long ago. A Cancel button there has nothing to
    // stop, which plain "cancel" says the same way.
    if (!open && r.state.at == dialog::step::choose_service) {
      r.finished = true;
      r.answered.reset();
      const bool cancel = in.action->action_id == dialog::actions::cancel;
      r.replies = {
          closed ? std::move(*closed)
                 : dialog::note(core::tr(language, cancel ? "flow.no_conversation" : "flow.stale.closed",
                                         {{"command", settings_.bot.command}}))};
    }
    return r;
  });
}

std::size_t dispatcher::expire_conversations(core::timestamp now) {
  storage::transaction tx{db_};
  const auto n = talks_.expire(now);
  tx.commit();
  return n;
}

}  // namespace csibot::commands
