#include "e2e/bot.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "e2e/config_toml.hpp"

namespace csibot::e2e {
namespace {

std::filesystem::path from_env(const char* name) {
  const char* value = std::getenv(name);
  return value ? std::filesystem::path{value} : std::filesystem::path{};
}

// The port file is written to a temporary name and renamed (bot/runtime/app.cpp), so a complete
// number followed by a newline means the bot listens.
std::optional<std::uint16_t> read_port(const std::filesystem::path& file) {
  const auto text = read_file(file);
  if (text.empty() || text.back() != '\n') return std::nullopt;
  try {
    const auto n = std::stoul(text);
    if (n == 0 || n > 65535) return std::nullopt;
    return static_cast<std::uint16_t>(n);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

std::filesystem::path csibot_binary() {
  const auto dir = from_env("CSIBOT_BINARY_DIR");
  if (dir.empty()) throw std::runtime_error("CSIBOT_BINARY_DIR is not set; run the e2e tests through ctest");
  auto binary = dir / "bot" / "csibot";
  if (!std::filesystem::exists(binary))
    throw std::runtime_error(binary.string() + " does not exist; build the csibot target first");
  return binary;
}

std::filesystem::path source_dir() {
  return from_env("CSIBOT_SOURCE_DIR");
}

std::string minimal_config_toml(std::string_view extra) {
  std::string toml = R"([bot]
command = "/csi"
database = "csibot.db"
timezone = "Europe/Berlin"
listen = "127.0.0.1:0"
admins = ["local:admin"]
conversation_timeout = "24h"
language = "en"

[local]

)" + vpn_service_toml("local:alice") +
                     R"(
[[service]]
id = "email"
name = "Email and calendar"
purpose = "Keeps customers and colleagues in touch"
criticality = "critical"
owners = ["local:bob"]
scale = "csat5"
anonymity = "identified"

[[service]]
id = "hr-portal"
name = "HR self-service portal"
purpose = "Lets staff handle leave and payslips without paperwork"
criticality = "medium"
owners = ["local:erin"]
scale = "csat5"
anonymity = "anonymous"
)";
  toml += extra;
  return toml;
}

std::string demo_config_toml() {
  const auto demo = source_dir() / "config" / "demo.toml";
  std::istringstream in(read_file(demo));
  std::string out;
  bool replaced = false;
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("database")) {
      line = R"(database = "csibot.db")";
      replaced = true;
    }
    out += line + '\n';
  }
  if (!replaced) throw std::runtime_error("no `database` line in " + demo.string());
  return out;
}

bot_home::bot_home(const std::string& toml) {
  std::ofstream(config()) << toml;
}

completed bot_home::csibot(std::vector<std::string> args) const {
  std::vector<std::string> argv{csibot_binary().string()};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.insert(argv.end(), {"--config", config().string()});
  auto result = run_to_completion(std::move(argv), dir(), child_deadline);
  EXPECT_EQ(sanitizer_finding(result.err), "") << result.err;
  return result;
}

std::vector<json> bot_home::export_rows() const {
  const auto r = csibot({"export", "--format", "json"});
  EXPECT_TRUE(r.status.ok()) << r.status.describe() << "\n" << r.err;
  std::vector<json> rows;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    rows.push_back(json::parse(line, nullptr, false));
    EXPECT_FALSE(rows.back().is_discarded()) << "not JSON: " << line;
  }
  return rows;
}

void expect_one_shot_feedback_exported(const std::vector<json>& rows, const std::string& platform,
                                       const std::string& user, const std::string& confirmation) {
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0]["platform"], platform);
  EXPECT_EQ(rows[0]["user"], user);
  EXPECT_EQ(rows[0]["service"], "vpn");
  EXPECT_EQ(rows[0]["rating"], 2);
  EXPECT_EQ(rows[0]["reason"], "drops hourly");
  EXPECT_EQ(rows[0]["source"], "command");
  const auto number = std::to_string(rows[0]["id"].get<long>());
  EXPECT_NE(confirmation.find(number), std::string::npos)
      << "the confirmation names feedback " << number << ": " << confirmation;
}

running_bot::running_bot(const bot_home& home) {
  const auto port_file = home / "port";
  std::filesystem::remove(port_file);
  static int serial = 0;  // each start gets its own log, so a restart keeps the first one
  const auto stem = (home / ("bot-" + std::to_string(++serial))).string();
  process_ = std::make_unique<child_process>(
      spawn_options{{csibot_binary().string(), "run", "--config", home.config().string(), "--listen",
                     "127.0.0.1:0", "--port-file", port_file.string()},
                    stem + ".out",
                    stem + ".err"});
  // Polls the port file every 10 ms; the bot writes it once its socket listens.
  const auto end = std::chrono::steady_clock::now() + child_deadline;
  while (true) {
    if (const auto port = read_port(port_file)) {
      port_ = *port;
      return;
    }
    if (!process_->running() || std::chrono::steady_clock::now() > end) {
      const auto why = process_->running() ? std::string{"no port file before the deadline"}
                                           : "it ended with " + process_->wait_for({})->describe();
      process_->kill();
      throw std::runtime_error("csibot did not start: " + why + "\n" + process_->stderr_text());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds{10});
  }
}

running_bot::~running_bot() {
  if (process_->running()) stop();
  check_log();
}

std::optional<exit_status> running_bot::stop() {
  auto status = process_->stop(child_deadline);
  check_log();
  return status;
}

void running_bot::kill() {
  process_->kill();
  check_log();
}

void running_bot::check_log() {
  if (checked_ || process_->running()) return;
  checked_ = true;
  EXPECT_EQ(sanitizer_finding(log()), "") << "csibot's stderr:\n" << log();
}

}  // namespace csibot::e2e
