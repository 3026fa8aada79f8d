#pragma once
/// The runtime half of the prompt sender (SPEC §4; docs/prompts.md "The sender"): each pass reads the
/// due prompts and reminders of every platform running here, asks the platform what the policy needs
/// and only it knows (the person's time zone and locale; the user behind an e-mail address and the
/// ticket's resolver), and hands them to commands::prompt_sender, which decides and writes in one
/// transaction. Sent prompts are staged (the outbox) inside it and published after it.
///
/// Pacing: at most `per_minute` prompts per platform (send_budget); the rest stay due for the next
/// pass. Restart-safe: nothing is kept in memory that the database does not also hold (the
/// directories' profile cache only saves calls), so a prompt is sent once however often the process
/// restarts.
#include <array>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/runtime/people_directory.hpp"
#include "bot/runtime/send_budget.hpp"
#include "commands/prompt_sender.hpp"
#include "config/settings.hpp"
#include "core/events.hpp"
#include "core/service.hpp"

namespace csibot::storage {
class database;
}

namespace csibot::runtime {

/// The platform's people directory, or nullptr when that platform does not run in this process.
using directory_fn = std::function<people_directory*(std::string_view platform)>;
using catalog_fn = std::function<const std::vector<core::service>&()>;
/// Inside the transaction that marks prompts sent (e.g. the outbox).
using stage_fn = std::function<void(const std::vector<core::outbound>&)>;
/// After that transaction committed (e.g. the local chat's delivery).
using publish_fn = std::function<void(const std::vector<core::outbound>&)>;

struct proactive_hooks {
  catalog_fn catalog;
  directory_fn directory;
  stage_fn stage;
  publish_fn publish;
};

struct prompt_loop_options {
  std::size_t batch = 100;  ///< prompts read per platform and pass
  /// Prompts per minute and platform; platforms not listed get `default_per_minute`.
  std::map<std::string, double, std::less<>> per_minute{
      {"slack", 40.0}, {"mattermost", 60.0}, {"local", 600.0}};
  double default_per_minute = 60.0;
  double burst = 10.0;                                             ///< prompts a platform may get at once
  std::chrono::milliseconds retry_after{std::chrono::minutes{5}};  ///< after a failed platform lookup
};

/// What one pass did.
struct prompt_pass {
  std::size_t asked = 0, reminded = 0, waiting = 0, skipped = 0;
  /// True when some platform had more due than its budget allowed: pass again when it refills.
  bool budget_exhausted = false;
};

class prompt_loop {
 public:
  /// Borrows `db` and `settings` (they must outlive it).
  prompt_loop(storage::database& db, const config::settings& settings, proactive_hooks hooks,
              prompt_loop_options options = {});

  /// One pass at `now`. Never throws (failures are logged; what failed is tried again).
  [[nodiscard]] boost::asio::awaitable<prompt_pass> pass(core::timestamp now);

  /// When the earliest pending prompt falls due (nullopt: none pending).
  [[nodiscard]] std::optional<core::timestamp> next_due() const;
  /// When `platform`'s budget allows the next prompt.
  [[nodiscard]] core::timestamp budget_at(std::string_view platform, core::timestamp now);

  /// The platforms whose prompts this loop sends (their directories decide whether they run).
  static constexpr std::array<std::string_view, 4> platforms{"slack", "mattermost", "local", "discord"};

  struct state;

 private:
  std::shared_ptr<state> state_;
};

}  // namespace csibot::runtime
