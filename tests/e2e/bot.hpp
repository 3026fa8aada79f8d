#pragma once
/// The real csibot binary under test: a temp folder with a config, `csibot run` as a child process,
/// and `csibot export` for what the bot stored.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "e2e/process.hpp"
#include "storage/temp_dir.hpp"

namespace csibot::e2e {

using json = nlohmann::json;

/// $CSIBOT_BINARY_DIR/bot/csibot; fails the test (and throws) when the variable or the file is missing.
std::filesystem::path csibot_binary();
/// $CSIBOT_SOURCE_DIR, or the empty path.
std::filesystem::path source_dir();

/// A minimal catalog for the flows: vpn and email (identified, csat5) and hr-portal (anonymous),
/// the local chat only, the database `csibot.db` next to the config. `extra` is appended verbatim.
std::string minimal_config_toml(std::string_view extra = {});
/// config/demo.toml with `database` pointed at `csibot.db` next to the written copy.
std::string demo_config_toml();

/// A temp folder holding one config and its database; removed with everything in it afterwards.
class bot_home {
 public:
  explicit bot_home(const std::string& toml = minimal_config_toml());
  [[nodiscard]] const std::filesystem::path& dir() const { return dir_.path(); }
  [[nodiscard]] std::filesystem::path config() const { return dir_ / "csibot.toml"; }
  [[nodiscard]] std::filesystem::path operator/(std::string_view name) const { return dir_ / name; }

  /// `csibot <args…> --config <config>` to completion. Sanitizer findings in its stderr fail the test.
  completed csibot(std::vector<std::string> args) const;
  /// Every row of `csibot export --format json`, in order; fails the test on a non-zero exit.
  std::vector<json> export_rows() const;

 private:
  storage::test::temp_dir dir_;
};

/// `csibot run --config … --listen 127.0.0.1:0 --port-file …`, waited for until it listens.
class running_bot {
 public:
  /// Starts the bot and waits (with a deadline) for the port file; throws when it does not come up,
  /// with the bot's stderr in the message.
  explicit running_bot(const bot_home& home);
  /// Stops the bot if the test did not, and fails the test on any sanitizer finding in its stderr.
  ~running_bot();
  running_bot(const running_bot&) = delete;
  running_bot& operator=(const running_bot&) = delete;

  [[nodiscard]] std::uint16_t port() const noexcept { return port_; }
  [[nodiscard]] std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  [[nodiscard]] bool running() { return process_->running(); }
  /// SIGTERM and wait; nullopt when it had to be killed after the grace period.
  std::optional<exit_status> stop();
  /// SIGKILL and reap: the process ends where it is, as in a crash or an OOM kill.
  void kill();
  [[nodiscard]] std::string log() const { return process_->stderr_text(); }

 private:
  void check_log();

  std::unique_ptr<child_process> process_;
  std::uint16_t port_ = 0;
  bool checked_ = false;
};

/// The one-shot command the platform tests type (`/csi feedback …`): vpn rated 2 with a reason.
inline constexpr std::string_view one_shot_feedback = "feedback vpn 2 drops hourly";

/// Checks the export after `one_shot_feedback`: exactly one row, `user` on `platform` with its rating
/// and reason and source "command", and `confirmation` (what the person was shown) names its id.
void expect_one_shot_feedback_exported(const std::vector<json>& rows, const std::string& platform,
                                       const std::string& user, const std::string& confirmation);

/// How long a child gets to start, answer or stop. Generous for sanitizer builds on a busy machine;
/// a healthy run takes well under a second for each step.
inline constexpr std::chrono::seconds child_deadline{20};

}  // namespace csibot::e2e
