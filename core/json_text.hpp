#pragma once
/// JSON text written straight into a string. Building an nlohmann::json tree only to dump it costs an
/// allocation or more per member; the hot paths (a stored reply, a conversation's state, a Block Kit
/// body) write their JSON with these instead. Pure.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace csibot::core {

/// Appends `text` as a JSON string literal, quotes included. `"` and `\` are escaped, and the control
/// characters U+0000–U+001F (the short forms \b \f \n \r \t where JSON has them, \u00XX otherwise);
/// valid UTF-8 is copied as it is; a byte that is not part of valid UTF-8 becomes U+FFFD, as
/// nlohmann's dump with error_handler_t::replace does, so that the result is always valid JSON.
void append_json_string(std::string& out, std::string_view text);

/// Writes the members of one JSON object into a string, commas included. Keys are the caller's
/// literals and are written as they are, without escaping.
class json_writer {
 public:
  explicit json_writer(std::string& out) : out_(out) {}

  /// `"k":` — the value follows through the caller (array(), object()).
  void key(std::string_view k);
  /// A string member, also when empty.
  void member(std::string_view k, std::string_view value);
  /// A string member, left out when empty.
  void text(std::string_view k, std::string_view value) {
    if (!value.empty()) member(k, value);
  }
  void number(std::string_view k, std::int64_t value);
  void boolean(std::string_view k, bool value);
  /// `[each(item), …]` as a value (after key()).
  template <class Items, class Each>
  void array(const Items& items, Each&& each) {
    out_ += '[';
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i > 0) out_ += ',';
      each(items[i]);
    }
    out_ += ']';
  }
  /// `["…", …]` as a value (after key()).
  void strings(const std::vector<std::string>& items);
  /// `{…}` as a value (after key(), in an array, or as the whole text), with the members that `body`
  /// writes through the writer it is given.
  template <class Body>
  void object(Body&& body) {
    json_writer inner{out_};
    out_ += '{';
    body(inner);
    out_ += '}';
  }

 private:
  std::string& out_;
  bool first_ = true;
};

}  // namespace csibot::core
