#pragma once
/// The single entry from every platform into csibot's behaviour: an inbound event in, the replies out.
/// Each event is handled in one database transaction that also records its event id, so an event
/// is either fully processed and remembered, or not at all — and a redelivery does nothing.
#include <chrono>
#include <cstdint>
#include <memory>
#include <vector>

#include "commands/conversations.hpp"
#include "config/settings.hpp"
#include "core/events.hpp"
#include "core/service.hpp"

namespace csibot::storage {
class database;
}

namespace csibot::commands {

/// How the last event ended, for metrics.
enum class outcome { handled, duplicate, failed };

/// Told about every event, for metrics. Implemented at the edge (the runtime), which owns the clocks.
class dispatch_observer {
 public:
  virtual ~dispatch_observer() = default;
  virtual void started(const core::inbound& in) = 0;
  virtual void finished(const core::inbound& in, outcome result) = 0;
};

class dispatcher {
 public:
  /// Borrows `db` and `settings`; both must outlive the dispatcher. Loads the catalog from the
  /// database (sync it from config first). Single-threaded: call from one thread.
  dispatcher(storage::database& db, const config::settings& settings);

  /// Handles one event. Never throws: a failure is logged with a request id, rolled back, and
  /// answered with an "internal error" message naming that id.
  std::vector<core::outbound> dispatch(const core::inbound& in, core::timestamp now);

  /// Closes conversations that have been unanswered for `bot.conversation_timeout`.
  std::size_t expire_conversations(core::timestamp now);

  /// Installs an observer (not owned; nullptr removes it).
  void set_observer(dispatch_observer* observer) { observer_ = observer; }

  /// How the last dispatch() ended.
  commands::outcome last_outcome() const { return last_; }

  /// The catalog as last loaded.
  const std::vector<core::service>& catalog() const { return catalog_; }
  /// Re-reads the catalog after a change made elsewhere.
  void reload_catalog();

  /// How long processed event ids are remembered to recognise redeliveries.
  static constexpr std::chrono::hours event_ttl{24};

 private:
  std::vector<core::outbound> handle(const core::inbound& in, core::timestamp now);
  std::vector<core::outbound> route(const core::inbound& in, core::timestamp now);
  std::vector<core::outbound> on_command(const core::inbound& in, core::timestamp now);
  std::vector<core::outbound> on_direct_text(const core::inbound& in, core::timestamp now);
  std::vector<core::outbound> on_action(const core::inbound& in, core::timestamp now);

  storage::database& db_;
  const config::settings& settings_;
  std::vector<core::service> catalog_;
  commands::conversations talks_;
  std::uint64_t requests_ = 0;
  commands::outcome last_ = commands::outcome::handled;
  dispatch_observer* observer_ = nullptr;
};

}  // namespace csibot::commands
