#include "bot/platform/slack/api_answer.hpp"

#include "bot/platform/slack/json_skip.hpp"

namespace csibot::platform::slack {

namespace {

bool echoed_message(std::size_t depth, std::string_view /*parent_key*/, std::string_view key) {
  return depth == 1 && key == "message";
}

}  // namespace

nlohmann::json parse_api_answer(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");  // JSON's whitespace
  if (first == std::string_view::npos || text[first] != '{') return nullptr;
  auto answer = parse_skipping(text, echoed_message);
  if (answer.is_discarded()) return nullptr;
  return answer;
}

}  // namespace csibot::platform::slack
