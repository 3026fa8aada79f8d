#include "e2e/browser.hpp"

#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace csibot::e2e {

std::filesystem::path screenshot_dir() {
  const char* dir = std::getenv("CSIBOT_BINARY_DIR");
  return std::filesystem::path{dir ? dir : "."} / "e2e-screenshots";
}

namespace {

using clock = std::chrono::steady_clock;
constexpr std::chrono::seconds cdp_deadline{15};

}  // namespace

cdp_connection::cdp_connection(client& c, const std::string& ws_url) {
  net::ws_client_options options;
  // Screenshots arrive as one base64 message of several hundred KiB.
  options.limits.max_message = 64 * 1024 * 1024;
  std::weak_ptr<state> weak = state_;
  session_ = c.open(ws_url, options, [weak](const std::shared_ptr<net::ws_session>& s) {
    s->on_message([weak](std::string_view text) {
      auto st = weak.lock();
      if (!st) return;
      auto frame = json::parse(text, nullptr, false);
      // Events (no id) are not needed: the test asks the page for what it wants to know.
      if (!frame.is_object() || !frame.contains("id") || !frame["id"].is_number_integer()) return;
      const auto id = frame["id"].get<std::int64_t>();
      std::lock_guard lock(st->mutex);
      st->answers[id] = std::move(frame);
      st->changed.notify_all();
    });
    s->on_close([weak](const net::close_info& info) {
      auto st = weak.lock();
      if (!st) return;
      std::lock_guard lock(st->mutex);
      st->closed = true;
      st->why = "code " + std::to_string(info.code) + " " + info.reason + " (" + info.error.message() + ")";
      st->changed.notify_all();
    });
  });
}

cdp_connection::~cdp_connection() {
  session_->close(net::close_code::normal);
}

json cdp_connection::call(const std::string& method, json params, const std::string& session) {
  const auto id = next_id_++;
  json command{{"id", id}, {"method", method}, {"params", std::move(params)}};
  if (!session.empty()) command["sessionId"] = session;
  session_->send(command.dump());
  std::unique_lock lock(state_->mutex);
  const bool answered = state_->changed.wait_for(
      lock, cdp_deadline, [&] { return state_->answers.contains(id) || state_->closed; });
  if (!answered) throw std::runtime_error("CDP " + method + ": no answer within the deadline");
  const auto it = state_->answers.find(id);
  if (it == state_->answers.end())
    throw std::runtime_error("CDP " + method + ": the DevTools socket closed: " + state_->why);
  json answer = std::move(it->second);
  state_->answers.erase(it);
  if (answer.contains("error")) throw std::runtime_error("CDP " + method + ": " + answer["error"].dump());
  return answer.value("result", json::object());
}

browser::browser(client& c, const std::filesystem::path& dir) {
  if (::access(chromium_path, X_OK) != 0) {
    throw std::runtime_error(std::string{chromium_path} +
                             " is not installed; the browser test needs it: run `scripts/install-deps "
                             "--browser` (make test does)");
  }
  // Chromium's helpers (zygote, renderers) are re-parented to us, not to init, when the browser
  // dies, so that teardown can reap every one of them and prove none is left.
  ::prctl(PR_SET_CHILD_SUBREAPER, 1);
  const auto profile = dir / "chromium-profile";
  std::filesystem::create_directories(profile);
  process_ = std::make_unique<child_process>(spawn_options{
      {chromium_path, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
       "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
       "--no-default-browser-check", "--window-size=1280,860", "--user-data-dir=" + profile.string(),
       "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "about:blank"},
      dir / "chromium.out",
      dir / "chromium.err",
      true});

  // Chromium writes "PORT\n/devtools/browser/ID\n" into the profile once DevTools listens; polled
  // every 20 ms with a deadline.
  const auto active_port = profile / "DevToolsActivePort";
  const auto end = clock::now() + std::chrono::seconds{30};
  std::string port, path;
  while (true) {
    std::istringstream lines(read_file(active_port));
    if (std::getline(lines, port) && std::getline(lines, path) && !port.empty() &&
        path.starts_with("/devtools/"))
      break;
    if (!process_->running()) throw std::runtime_error("chromium exited at start:\n" + log());
    if (clock::now() > end) throw std::runtime_error("chromium did not open DevTools within 30 s:\n" + log());
    std::this_thread::sleep_for(std::chrono::milliseconds{20});
  }
  try {
    cdp_ = std::make_unique<cdp_connection>(c, "ws://127.0.0.1:" + port + path);
    const auto target = cdp_->call("Target.createTarget", {{"url", "about:blank"}});
    const auto attached =
        cdp_->call("Target.attachToTarget", {{"targetId", target.at("targetId")}, {"flatten", true}});
    page_session_ = attached.at("sessionId").get<std::string>();
    cdp_->call("Page.enable", json::object(), page_session_);
    cdp_->call("Emulation.setDeviceMetricsOverride",
               {{"width", 1280}, {"height", 860}, {"deviceScaleFactor", 1}, {"mobile", false}},
               page_session_);
  } catch (const std::exception& e) {
    // Chromium's own log says why it refused (flags, sandbox, DevTools origin checks).
    throw std::runtime_error(std::string{e.what()} + "\nchromium's log:\n" + log());
  }
}

browser::~browser() {
  if (cdp_) {
    try {
      cdp_->call("Browser.close");
    } catch (const std::exception&) {
      // Already gone or hanging: the signals below take care of it.
    }
    cdp_.reset();
  }
  if (!process_) return;
  const pid_t group = process_->pid();
  if (!process_->wait_exited(std::chrono::seconds{5})) {
    process_->signal(SIGTERM);
    process_->wait_exited(std::chrono::seconds{5});
  }
  // The leader is not reaped yet, so the group id is still ours: SIGKILL reaches every helper that
  // is left. Then reap the leader and each helper as it dies (we are their subreaper).
  process_->signal(SIGKILL);
  process_->wait_for(std::chrono::seconds{5});
  const auto end = clock::now() + std::chrono::seconds{10};
  while (clock::now() < end) {
    const pid_t r = ::waitpid(-group, nullptr, WNOHANG);
    if (r < 0 && errno == ECHILD) break;  // nobody of the group is left
    if (r == 0) std::this_thread::sleep_for(std::chrono::milliseconds{10});
  }
}

void browser::navigate(const std::string& url) {
  const auto r = cdp_->call("Page.navigate", {{"url", url}}, page_session_);
  if (r.contains("errorText")) throw std::runtime_error("navigate " + url + ": " + r["errorText"].dump());
}

json browser::evaluate(const std::string& expression) {
  const auto r =
      cdp_->call("Runtime.evaluate", {{"expression", expression}, {"returnByValue", true}}, page_session_);
  if (r.contains("exceptionDetails"))
    throw std::runtime_error("JavaScript exception in `" + expression + "`: " + r["exceptionDetails"].dump());
  return r.at("result").value("value", json{});
}

bool browser::wait_until(const std::string& expression, std::chrono::milliseconds deadline) {
  const auto end = clock::now() + deadline;
  while (true) {
    if (evaluate(expression) == json(true)) return true;
    if (clock::now() > end) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds{20});
  }
}

std::string browser::screenshot() {
  const auto r = cdp_->call("Page.captureScreenshot", {{"format", "png"}}, page_session_);
  return base64_decode(r.at("data").get<std::string>());
}

std::string base64_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size() / 4 * 3);
  std::uint32_t bits = 0;
  int count = 0;
  for (const char c : text) {
    std::uint32_t v = 0;
    if (c >= 'A' && c <= 'Z') {
      v = static_cast<std::uint32_t>(c - 'A');
    } else if (c >= 'a' && c <= 'z') {
      v = static_cast<std::uint32_t>(c - 'a' + 26);
    } else if (c >= '0' && c <= '9') {
      v = static_cast<std::uint32_t>(c - '0' + 52);
    } else if (c == '+') {
      v = 62;
    } else if (c == '/') {
      v = 63;
    } else if (c == '=') {
      break;
    } else {
      throw std::invalid_argument("not base64");
    }
    bits = (bits << 6) | v;
    if (++count == 4) {
      out.push_back(static_cast<char>((bits >> 16) & 0xFF));
      out.push_back(static_cast<char>((bits >> 8) & 0xFF));
      out.push_back(static_cast<char>(bits & 0xFF));
      bits = 0;
      count = 0;
    }
  }
  if (count == 3) {
    out.push_back(static_cast<char>((bits >> 10) & 0xFF));
    out.push_back(static_cast<char>((bits >> 2) & 0xFF));
  } else if (count == 2) {
    out.push_back(static_cast<char>((bits >> 4) & 0xFF));
  }
  return out;
}

}  // namespace csibot::e2e
