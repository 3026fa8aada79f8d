#pragma once
/// Object members written straight into a string, for the Block Kit bodies csibot sends on every
/// command (blocks.hpp). Building them as nlohmann::json trees cost about 200 allocations a command,
/// a quarter of all the bot made under load; appending the text costs a handful. Strings are written
/// by core::append_json_string (core/json_text.hpp). Pure.
#include <string>
#include <string_view>

namespace csibot::platform::slack {

/// Appends `"key":"value",` to `members`: an object member to be written in front of others
/// (see to_json in blocks.hpp). Key and value as core::append_json_string takes them.
void add_text_member(std::string& members, std::string_view key, std::string_view value);

/// Appends `"key":true,` or `"key":false,` to `members`.
void add_flag_member(std::string& members, std::string_view key, bool value);

}  // namespace csibot::platform::slack
