#pragma once
/// Headless Chromium driven through the Chrome DevTools Protocol (CDP) over csibot's own
/// net::ws_client: no npm, no WebDriver, nothing downloaded. One browser process per test, in its
/// own process group and its own temp profile, killed with everything it started in teardown.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "e2e/client.hpp"
#include "e2e/process.hpp"

namespace csibot::e2e {

/// Where the browser comes from: Debian's chromium package (scripts/install-deps --browser).
inline constexpr const char* chromium_path = "/usr/bin/chromium";

/// Where browser tests leave their screenshots: $CSIBOT_BINARY_DIR/e2e-screenshots/.
std::filesystem::path screenshot_dir();

/// One CDP WebSocket. Commands are matched to their answers by id; `session` routes a command to
/// an attached page (Target.attachToTarget with flatten).
class cdp_connection {
 public:
  cdp_connection(client& c, const std::string& ws_url);
  ~cdp_connection();
  cdp_connection(const cdp_connection&) = delete;
  cdp_connection& operator=(const cdp_connection&) = delete;

  /// Sends a command and waits for its answer; throws std::runtime_error with the protocol's error
  /// message, or when no answer comes within the deadline or the socket closed.
  json call(const std::string& method, json params = json::object(), const std::string& session = {});

 private:
  std::shared_ptr<net::ws_session> session_;
  struct state {
    std::mutex mutex;
    std::condition_variable changed;
    std::map<std::int64_t, json> answers;
    bool closed = false;
    std::string why;  ///< how the socket ended, for the failure message
  };
  std::shared_ptr<state> state_ = std::make_shared<state>();
  std::int64_t next_id_ = 1;
};

/// A headless Chromium process with one page.
class browser {
 public:
  /// Starts Chromium with a fresh profile under `dir` and attaches to a new page. Throws when the
  /// browser is missing (with the command that installs it) or does not come up.
  browser(client& c, const std::filesystem::path& dir);
  /// Closes the browser (Browser.close), then SIGTERM/SIGKILL to its whole process group, and reaps
  /// every process of the group (the test process is their subreaper).
  ~browser();
  browser(const browser&) = delete;
  browser& operator=(const browser&) = delete;

  /// Navigates the page and waits for the load to be committed.
  void navigate(const std::string& url);
  /// Evaluates `expression` in the page and returns its value (returnByValue); throws on a
  /// JavaScript exception.
  json evaluate(const std::string& expression);
  /// Evaluates `expression` every 20 ms until it is `true` or the deadline passes; returns whether it
  /// became true.
  bool wait_until(const std::string& expression,
                  std::chrono::milliseconds deadline = std::chrono::seconds{15});
  /// A PNG screenshot of the page (the decoded bytes).
  std::string screenshot();
  /// Chromium's stderr so far (for failure messages).
  [[nodiscard]] std::string log() const { return process_ ? process_->stderr_text() : std::string{}; }

 private:
  std::unique_ptr<child_process> process_;
  std::unique_ptr<cdp_connection> cdp_;
  std::string page_session_;
};

/// Decodes standard base64 (CDP's binary encoding); throws on a character outside the alphabet.
std::string base64_decode(std::string_view text);

}  // namespace csibot::e2e
