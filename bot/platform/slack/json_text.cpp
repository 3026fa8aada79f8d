#include "bot/platform/slack/json_text.hpp"

#include "core/json_text.hpp"

namespace csibot::platform::slack {

void add_text_member(std::string& members, std::string_view key, std::string_view value) {
  core::append_json_string(members, key);
  members += ':';
  core::append_json_string(members, value);
  members += ',';
}

void add_flag_member(std::string& members, std::string_view key, bool value) {
  core::append_json_string(members, key);
  members += value ? ":true," : ":false,";
}

}  // namespace csibot::platform::slack
