#pragma once
/// JSON text written straight into a string, for the Block Kit bodies csibot sends on every command
/// (blocks.hpp). Building them as nlohmann::json trees cost about 200 allocations a command, a
/// quarter of all the bot made under load; appending the text costs a handful. Pure.
#include <string>
#include <string_view>

namespace csibot::platform::slack {

/// Appends `text` as a JSON string literal, quotes included: `"`, `\` and the control characters
/// U+0000–U+001F are escaped (the short forms \n, \t, \r, \b, \f where JSON has them, \u00XX
/// otherwise); every other byte is copied. `text` must be valid UTF-8, as core::sanitize makes it.
void append_quoted(std::string& out, std::string_view text);

/// Appends `"key":"value",` to `members`: an object member to be written in front of others
/// (see to_json in blocks.hpp). Key and value as append_quoted takes them.
void add_text_member(std::string& members, std::string_view key, std::string_view value);

/// Appends `"key":true,` or `"key":false,` to `members`.
void add_flag_member(std::string& members, std::string_view key, bool value);

}  // namespace csibot::platform::slack
