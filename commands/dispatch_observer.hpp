#pragma once
/// What the dispatcher tells the edge about each event it handles, for metrics.
#include "core/events.hpp"

namespace csibot::commands {

/// How the last event ended, for metrics.
enum class outcome { handled, duplicate, failed };

/// Told about every event, for metrics. Implemented at the edge (the runtime), which owns the clocks.
/// started() and finished() come in pairs, one event at a time, once per event even when its batch
/// runs twice (see dispatcher::dispatch_batch). In a batch, finished() comes when the event is handled,
/// except for the batch's last event, whose finished() follows the COMMIT (so that dispatch(), a batch of
/// one, reports exactly as before).
class dispatch_observer {
 public:
  virtual ~dispatch_observer() = default;
  virtual void started(const core::inbound& in) = 0;
  virtual void finished(const core::inbound& in, outcome result) = 0;
  /// The batch's COMMIT failed after finished() had reported `in`: it was rolled back and answered
  /// with an internal error after all, so count it as failed. Not called for the last event (above).
  virtual void commit_failed(const core::inbound& in) { (void)in; }
};

}  // namespace csibot::commands
