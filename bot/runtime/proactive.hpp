#pragma once
/// Proactive prompts in `csibot run` (SPEC §4): one coroutine that, on each pass, runs the pulse
/// runner (due `[[pulse]]` slots, `/csi ask` audiences) and then the prompt loop (due prompts and
/// reminders → policy → DMs). It wakes at the next due prompt or pulse slot, when a platform's prompt
/// budget refills, and at least every `poll` (so that prompts written by a webhook or a command are
/// picked up). Kept out of app.cpp: the app only hands it its hooks.
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "bot/runtime/prompt_loop.hpp"

namespace csibot::runtime {

class proactive {
 public:
  using clock = std::function<core::timestamp()>;

  /// Borrows `io`, `db` and `settings`; they must outlive the running coroutine (stop() it and let
  /// `io` run out of work before destroying them).
  proactive(boost::asio::io_context& io, storage::database& db, const config::settings& settings,
            proactive_hooks hooks, clock now, std::chrono::milliseconds poll = std::chrono::seconds{5});
  ~proactive();
  proactive(const proactive&) = delete;
  proactive& operator=(const proactive&) = delete;

  /// Registers the config's pulses and starts the loop.
  void start();
  /// Ends the loop at its next wait (a pass in progress finishes first).
  void stop();

  struct state;

 private:
  std::shared_ptr<state> state_;
};

/// The people directories of the platforms running here, by platform name ("local", "slack", …).
using directory_map = std::map<std::string, std::shared_ptr<people_directory>, std::less<>>;

/// `csibot run`'s wiring: the directories and the app's hooks joined to a proactive loop, started.
std::unique_ptr<proactive> start_proactive(boost::asio::io_context& io, storage::database& db,
                                           const config::settings& settings, directory_map directories,
                                           proactive::clock now, catalog_fn catalog, stage_fn stage,
                                           publish_fn publish);

}  // namespace csibot::runtime
