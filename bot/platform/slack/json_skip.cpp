// parse_skipping: nlohmann's SAX interface building the tree itself, so that a member can be left
// out without ever being built (a parse callback would still build each of its keys).

#include "bot/platform/slack/json_skip.hpp"

#include <string>
#include <utility>
#include <vector>

namespace csibot::platform::slack {

using json = nlohmann::json;

namespace {

class skipping_builder {
 public:
  skipping_builder(json& root, member_filter skip) : root_(root), skip_(skip) {}

  bool null() { return put(nullptr); }
  bool boolean(bool value) { return put(value); }
  bool number_integer(json::number_integer_t value) { return put(value); }
  bool number_unsigned(json::number_unsigned_t value) { return put(value); }
  bool number_float(json::number_float_t value, const json::string_t& /*text*/) { return put(value); }
  // Taken, not copied (measured: fewer allocations than a copy per string, though the lexer then
  // grows a new buffer). Keys are copied instead (key()), into a buffer that is reused.
  bool string(json::string_t& value) { return put(std::move(value)); }
  bool binary(json::binary_t& /*value*/) { return false; }  // only CBOR and the like have these, not text

  bool start_object(std::size_t /*size*/) { return open(json::object()); }
  bool start_array(std::size_t /*size*/) { return open(json::array()); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(json::string_t& name) {
    if (skipped_depth_ > 0) return true;
    skip_next_ = skip_(open_.size(), open_.back().key, name);
    key_ = name;  // a copy into key_'s own buffer: taking the lexer's would make it allocate anew
    return true;
  }

  bool parse_error(std::size_t /*position*/, const std::string& /*token*/,
                   const nlohmann::detail::exception& /*error*/) {
    return false;
  }

 private:
  struct container {
    json* value;      // stays valid: its parent gets no new element while it is open
    std::string key;  // the key it sits under in its parent object; "" for the root and array items
  };

  /// Where the next value goes: the root, the next array element, or the member named key_.
  json& slot() {
    if (open_.empty()) return root_;
    json& parent = *open_.back().value;
    if (parent.is_array()) return parent.emplace_back();
    return parent[key_];
  }

  /// True when the value about to be read is a skipped member (or lies inside one).
  bool skipping() {
    if (skipped_depth_ > 0) return true;
    return std::exchange(skip_next_, false);
  }

  template <class Value>
  bool put(Value&& value) {
    if (skipping()) return true;
    slot() = json(std::forward<Value>(value));
    return true;
  }

  bool open(json empty) {
    // Counted before anything is built, skipped members included (they nest as deeply in the text).
    if (open_.size() + static_cast<std::size_t>(skipped_depth_) >= static_cast<std::size_t>(max_json_depth))
      return false;
    if (skipping()) {
      ++skipped_depth_;
      return true;
    }
    const bool in_object = !open_.empty() && open_.back().value->is_object();
    json& made = slot();
    made = std::move(empty);
    open_.push_back({&made, in_object ? key_ : std::string{}});
    return true;
  }

  bool close() {
    if (skipped_depth_ > 0) {
      --skipped_depth_;
      return true;
    }
    open_.pop_back();
    return true;
  }

  json& root_;
  member_filter skip_;
  std::vector<container> open_;  // the objects and arrays being filled, innermost last
  std::string key_;              // the member the next value belongs to, when open_.back() is an object
  bool skip_next_ = false;       // the next value is a skipped member
  int skipped_depth_ = 0;        // > 0 while inside a skipped member's objects and arrays
};

}  // namespace

json parse_skipping(std::string_view text, member_filter skip) {
  if (text.find('\0') != std::string_view::npos) return json(json::value_t::discarded);
  json root;
  skipping_builder builder{root, skip};
  if (!json::sax_parse(text, &builder)) return json(json::value_t::discarded);
  return root;
}

}  // namespace csibot::platform::slack
