#include "bot/runtime/logging.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <stdexcept>
#include <string_view>

#include "core/log_context.hpp"

namespace csibot::runtime {
namespace {

// The message as a JSON string body: quotes, backslashes and control characters escaped, so that
// every log line stays one valid JSON object whatever a message contains.
void append_json_escaped(std::string_view text, spdlog::memory_buf_t& dest) {
  static constexpr char hex[] = "0123456789abcdef";
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      dest.push_back('\\');
      dest.push_back(c);
    } else if (u < 0x20) {
      const char esc[] = {'\\', 'u', '0', '0', hex[u >> 4], hex[u & 0xF]};
      dest.append(esc, esc + sizeof esc);
    } else {
      dest.push_back(c);
    }
  }
}

class json_message_flag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&, spdlog::memory_buf_t& dest) override {
    append_json_escaped({msg.payload.data(), msg.payload.size()}, dest);
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<json_message_flag>();
  }
};

// The request the line was written for (core::request_scope), when there is one: a field of its own
// in JSON lines, a suffix in text ones. A platform's event id is not trusted to be printable.
class request_flag final : public spdlog::custom_flag_formatter {
 public:
  explicit request_flag(bool json) : json_(json) {}
  void format(const spdlog::details::log_msg&, const std::tm&, spdlog::memory_buf_t& dest) override {
    const auto id = core::current_request();
    if (id.empty()) return;
    const std::string_view open = json_ ? R"(,"request":")" : " [request ";
    dest.append(open.data(), open.data() + open.size());
    append_json_escaped(id.substr(0, 128), dest);
    dest.push_back(json_ ? '"' : ']');
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<request_flag>(json_);
  }

 private:
  bool json_;
};

}  // namespace

void setup_logging(const std::string& level, const std::string& format) {
  const auto lvl = spdlog::level::from_str(level);
  // from_str answers "off" for anything it does not know; only a real "off" may mean that.
  if (lvl == spdlog::level::off && level != "off")
    throw std::invalid_argument("unknown log level '" + level + "'");
  if (format != "text" && format != "json")
    throw std::invalid_argument("unknown log format '" + format + "'");
  auto logger = std::make_shared<spdlog::logger>("csibot", std::make_shared<spdlog::sinks::stderr_sink_mt>());
  auto formatter = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
  formatter->add_flag<request_flag>('R', format == "json");
  if (format == "json") {
    formatter->add_flag<json_message_flag>('*').set_pattern(
        R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","msg":"%*"%R})");
  } else {
    formatter->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %^%-5l%$ %v%R");
  }
  logger->set_formatter(std::move(formatter));
  logger->set_level(lvl);
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(std::move(logger));
}

}  // namespace csibot::runtime
