#pragma once
/// The single entry from every platform into csibot's behaviour: an inbound event in, the replies out.
/// Each event is handled in its own (nested) transaction that also records its event id, so an event
/// is either fully processed and remembered, or not at all — and a redelivery does nothing. Events
/// that arrive together share one outer transaction (group commit: one disk flush for the batch).
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "commands/context.hpp"
#include "commands/conversations.hpp"
#include "commands/dispatch_observer.hpp"
#include "config/settings.hpp"
#include "core/events.hpp"
#include "core/service.hpp"

namespace csibot::storage {
class database;
}

namespace csibot::commands {

class operations;

class dispatcher {
 public:
  /// Borrows `db` and `settings`; both must outlive the dispatcher. Loads the catalog from the
  /// database (sync it from config first). Single-threaded: call from one thread.
  dispatcher(storage::database& db, const config::settings& settings);

  /// Handles one event. Never throws: a failure is logged with a request id, rolled back, and
  /// answered with an "internal error" message naming that id. The same as a batch of one.
  std::vector<core::outbound> dispatch(const core::inbound& in, core::timestamp now);

  /// Called inside the batch's transaction with each event's replies (empty for a duplicate), so that
  /// the caller can write them (the outbox) atomically with the event. If it throws, the event is
  /// rolled back and answered with an internal error, which is passed to it again in a savepoint of
  /// its own; if that throws too, the whole batch fails. It may be called more than once for an
  /// index (the batch runs again after a failure, see dispatch_batch): the last call holds what
  /// stays, and what the earlier ones wrote was rolled back.
  using batch_callback = std::function<void(std::size_t index, const std::vector<core::outbound>& replies)>;

  /// Handles `events` in order in ONE transaction (one COMMIT, one disk flush), each event with
  /// dispatch()'s semantics: a redelivered event id does nothing (also within the same batch), a
  /// failing event is rolled back alone and answered with an internal error, the others commit.
  /// Returns the replies per event, in order. Never throws. When the transaction cannot begin or the
  /// COMMIT fails, every event is rolled back and failed: its replies are the internal error, and
  /// whatever `in_transaction` wrote is gone. last_outcomes() says how each event ended.
  /// The events first run without a savepoint each, which is much cheaper; only when one fails is
  /// the whole batch rolled back and run again with a savepoint per event, so that the failing one
  /// can be undone alone. That is sound because memory and database cannot disagree after a rollback:
  /// the dispatcher keeps no per-event state in memory (conversations are read from the database
  /// inside each event's run). Keep it so.
  std::vector<std::vector<core::outbound>> dispatch_batch(std::span<const core::inbound> events,
                                                          core::timestamp now,
                                                          const batch_callback& in_transaction = {});

  /// Closes conversations that have been unanswered for `bot.conversation_timeout`.
  std::size_t expire_conversations(core::timestamp now);

  /// Installs an observer (not owned; nullptr removes it).
  void set_observer(dispatch_observer* observer) { observer_ = observer; }
  /// Installs what `/csi admin` reads of the running bot (not owned; nullptr removes it).
  void set_operations(commands::operations* ops) { operations_ = ops; }
  /// Installs what the bot knows of people's languages, for messages to someone other than the one
  /// whose event it is (an owner's answer, a report back). Without it they are in bot.language.
  void set_language_lookup(language_lookup languages) { languages_ = std::move(languages); }

  /// How the last dispatch() ended (the last event of the last batch).
  commands::outcome last_outcome() const { return last_; }
  /// How each event of the last dispatch_batch() ended, in order.
  std::span<const commands::outcome> last_outcomes() const { return outcomes_; }
  /// Whether the last dispatch_batch() committed. False: every event was rolled back, including what
  /// its `in_transaction` wrote, and every reply is the internal error.
  bool last_batch_committed() const { return committed_; }

  /// The catalog as last loaded.
  const std::vector<core::service>& catalog() const { return catalog_; }
  /// Re-reads the catalog after a change made elsewhere.
  void reload_catalog();
  /// Answers from `catalog` instead of the stored one: the CLI's read-only commands show the catalog
  /// as the config file makes it without writing that into the database.
  void use_catalog(std::vector<core::service> catalog) { catalog_ = std::move(catalog); }

  /// How long processed event ids are remembered to recognise redeliveries.
  static constexpr std::chrono::hours event_ttl{24};

 private:
  /// One dispatch_batch call: its events and where its observer calls stand (started() and
  /// finished() made so far), which a second run of the batch carries on from.
  struct batch_run {
    std::span<const core::inbound> events;
    std::vector<std::string> request_ids;
    core::timestamp now;
    const batch_callback& in_transaction;
    std::vector<std::vector<core::outbound>>& replies;
    std::size_t started = 0;
    std::size_t reported = 0;
  };
  bool run_together(batch_run& run);
  void run_events(batch_run& run, bool isolated);
  std::vector<core::outbound> handle(const core::inbound& in, std::size_t index,
                                     const std::string& request_id, core::timestamp now,
                                     const batch_callback& in_transaction);
  std::vector<core::outbound> handle_unguarded(const core::inbound& in, std::size_t index,
                                               core::timestamp now, const batch_callback& in_transaction);
  core::outbound internal_error(const core::inbound& in, const std::string& request_id) const;
  void log_outcomes(std::span<const core::inbound> events, const std::vector<std::string>& ids) const;
  static std::string what(const core::inbound& in);
  void fail_batch(std::span<const core::inbound> events, const std::vector<std::string>& request_ids,
                  std::size_t reported, std::size_t started, const char* why,
                  std::vector<std::vector<core::outbound>>& replies);
  std::vector<core::outbound> route(const core::inbound& in, core::timestamp now);
  std::vector<core::outbound> on_command(const core::inbound& in, core::timestamp now);
  std::string reply_language(const core::inbound& in, const std::string& conversation) const;
  std::vector<core::outbound> on_direct_text(const core::inbound& in, core::timestamp now);
  std::vector<core::outbound> on_action(const core::inbound& in, core::timestamp now);
  std::vector<core::outbound> on_give_feedback(const core::inbound& in, core::timestamp now);

  storage::database& db_;
  const config::settings& settings_;
  std::vector<core::service> catalog_;
  bool catalog_dirty_ = false;  // a command of this batch changed the catalog
  commands::conversations talks_;
  std::uint64_t requests_ = 0;
  commands::outcome last_ = commands::outcome::handled;
  std::vector<commands::outcome> outcomes_;
  bool committed_ = true;
  dispatch_observer* observer_ = nullptr;
  commands::operations* operations_ = nullptr;
  language_lookup languages_;
};

}  // namespace csibot::commands
