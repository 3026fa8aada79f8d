#pragma once
/// The prompt sender's decisions (SPEC §4; docs/prompts.md "The sender"). The runtime reads the due
/// prompts, adds what only the platform knows (the person's time zone and locale, a user for an e-mail
/// address) and hands them here; each is weighed by dialog::decide_prompt and acted on, all in ONE
/// transaction: ask → the feedback conversation opens in the person's DM (the same start as
/// `/csi feedback <service>`, its first message saying why they are asked, how anonymous the answer
/// is and how to opt out) and the prompt is marked sent; wait → rescheduled; never → skipped. The
/// one reminder of an unanswered prompt likewise. Every decision is logged at debug with its reason.
///
/// No Asio and no clock: the runtime calls run() with the time (tests inject it).
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "commands/conversations.hpp"
#include "config/settings.hpp"
#include "core/events.hpp"
#include "core/service.hpp"
#include "core/time.hpp"

namespace csibot::storage {
class database;
struct prompt_row;
}  // namespace csibot::storage

namespace csibot::commands {

/// One due prompt (or reminder) with what the runtime learnt from the platform.
struct prompt_job {
  std::int64_t id = 0;      ///< prompts.id
  bool reminder = false;    ///< weigh the prompt's one reminder, not the prompt
  std::string user{};       ///< whom to ask, "platform:id", when it differs from the row (a resolved e-mail)
  std::string resolver{};   ///< the ticket's resolver as "platform:id" when it was resolved from an e-mail
  std::string time_zone{};  ///< IANA zone from the platform profile; "" = unknown (bot.timezone)
  std::string locale{};     ///< from the platform profile; "" = bot.language
  /// Drop it with this reason code without weighing it ("email_not_found", "no_person").
  std::string skip{};
  /// A platform lookup failed: weigh it again at this time (reason "lookup_failed").
  std::optional<core::timestamp> retry_at{};
};

struct batch_result {
  std::vector<core::outbound> messages;  ///< what the sent prompts say, staged; publish after commit
  std::size_t asked = 0;                 ///< prompts sent
  std::size_t reminded = 0;              ///< reminders sent
  std::size_t waiting = 0;               ///< rescheduled
  std::size_t skipped = 0;               ///< dropped (prompts skipped, reminders ruled out)
  std::map<std::string, std::size_t, std::less<>> sent_by_platform;  ///< prompts + reminders sent
  bool committed = true;  ///< false: the batch was rolled back (logged); nothing changed
};

class prompt_sender {
 public:
  /// Called inside the batch's transaction with every message (e.g. to write the outbox).
  using stage_fn = std::function<void(const std::vector<core::outbound>&)>;

  /// Borrows `db` and `settings`; both must outlive the sender. Single-threaded.
  prompt_sender(storage::database& db, const config::settings& settings);

  /// Weighs and acts on `jobs` in order, in one transaction (each job in a savepoint: one that fails
  /// is rolled back alone and logged). Jobs whose prompt is no longer pending (a reopened ticket,
  /// an opt-out since) do nothing. Never throws.
  batch_result run(const std::vector<prompt_job>& jobs, const std::vector<core::service>& catalog,
                   core::timestamp now, const stage_fn& stage = {});

  /// Reason codes of the sender's own (not the policy's), stored in prompts.reason.
  static constexpr std::string_view email_not_found = "email_not_found";
  static constexpr std::string_view no_person = "no_person";
  static constexpr std::string_view lookup_failed = "lookup_failed";
  static constexpr std::string_view unknown_service = "unknown_service";

 private:
  struct job_outcome;
  void prompt(const prompt_job& job, const std::vector<core::service>& catalog, core::timestamp now,
              job_outcome& out);
  void remind(const prompt_job& job, const std::vector<core::service>& catalog, core::timestamp now,
              job_outcome& out);
  std::vector<core::outbound> open_conversation(const storage::prompt_row& row, const core::ref& who,
                                                const core::service& svc, const std::string& locale,
                                                bool reminder, const std::vector<core::service>& catalog,
                                                core::timestamp now);

  storage::database& db_;
  const config::settings& settings_;
  commands::conversations talks_;
};

}  // namespace csibot::commands
