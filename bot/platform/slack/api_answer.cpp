// parse_api_answer: nlohmann's SAX interface building the tree itself, so that one member can be
// skipped without ever being built (a parse callback would still build each of its keys).

#include "bot/platform/slack/api_answer.hpp"

#include <string>
#include <utility>
#include <vector>

namespace csibot::platform::slack {

using json = nlohmann::json;

namespace {

constexpr std::string_view echoed_member = "message";

class answer_builder {
 public:
  explicit answer_builder(json& root) : root_(root) {}

  bool null() { return put(nullptr); }
  bool boolean(bool value) { return put(value); }
  bool number_integer(json::number_integer_t value) { return put(value); }
  bool number_unsigned(json::number_unsigned_t value) { return put(value); }
  bool number_float(json::number_float_t value, const json::string_t& /*text*/) { return put(value); }
  bool string(json::string_t& value) { return put(value); }
  bool binary(json::binary_t& /*value*/) { return false; }  // only CBOR and the like have these, not text

  bool start_object(std::size_t /*size*/) { return open(json::object()); }
  bool start_array(std::size_t /*size*/) { return open(json::array()); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(json::string_t& name) {
    if (skipped_depth_ > 0) return true;
    // Depth 1: a member of the answer itself, not of something nested in it.
    skip_next_ = open_.size() == 1 && name == echoed_member;
    key_ = name;
    return true;
  }

  bool parse_error(std::size_t /*position*/, const std::string& /*token*/,
                   const nlohmann::detail::exception& /*error*/) {
    return false;
  }

 private:
  /// Where the next value goes: the root, the next array element, or the member named key_.
  json& slot() {
    if (open_.empty()) return root_;
    json& parent = *open_.back();
    if (parent.is_array()) return parent.emplace_back();
    return parent[key_];
  }

  /// True when the value about to be read is the skipped member (or lies inside it).
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
    if (skipping()) {
      ++skipped_depth_;
      return true;
    }
    json& made = slot();
    made = std::move(empty);
    open_.push_back(&made);
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
  std::vector<json*> open_;  // the objects and arrays being filled, innermost last
  std::string key_;          // the member the next value belongs to, when open_.back() is an object
  bool skip_next_ = false;   // the next value is the echoed message
  int skipped_depth_ = 0;    // > 0 while inside the echoed message's objects and arrays
};

}  // namespace

json parse_api_answer(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");  // JSON's whitespace
  if (first == std::string_view::npos || text[first] != '{') return nullptr;
  json root;
  answer_builder builder{root};
  if (!json::sax_parse(text, &builder)) return nullptr;
  return root;
}

}  // namespace csibot::platform::slack
