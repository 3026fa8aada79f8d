#include "bot/platform/common/form.hpp"

#include <cstdint>
#include <optional>
#include <utility>

#include "core/json_depth.hpp"

namespace csibot::platform {
namespace {

using json = nlohmann::json;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes one name or value; nullopt on a bad escape.
std::optional<std::string> url_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] != '%') {
      out += s[i];
    } else {
      if (i + 2 >= s.size()) return std::nullopt;
      const int hi = hex_value(s[i + 1]);
      const int lo = hex_value(s[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    }
  }
  return out;
}

// Well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF): a form field ends up
// in a JSON string, which must be UTF-8 to be dumped again.
bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    std::size_t len = 1;
    std::uint32_t cp = b0;
    if (b0 >= 0xF0U && b0 <= 0xF4U) {
      len = 4, cp = b0 & 0x07U;
    } else if (b0 >= 0xE0U) {
      len = 3, cp = b0 & 0x0FU;
    } else if (b0 >= 0xC2U && b0 <= 0xDFU) {
      len = 2, cp = b0 & 0x1FU;
    } else if (b0 >= 0x80U) {
      return false;  // a continuation byte, C0/C1 (always overlong) or F5..FF
    }
    if (len > s.size() - i || (len == 3 && b0 > 0xEFU)) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      if ((b & 0xC0U) != 0x80U) return false;
      cp = (cp << 6U) | (b & 0x3FU);
    }
    if ((len == 3 && cp < 0x800U) || (len == 4 && (cp < 0x10000U || cp > 0x10FFFFU))) return false;
    if (cp >= 0xD800U && cp <= 0xDFFFU) return false;
    i += len;
  }
  return true;
}

const json& empty_object() {
  static const json empty = json::object();
  return empty;
}

}  // namespace

json parse_json_value(std::string_view text) {
  if (core::json_nests_deeper_than(text, max_json_depth) || text.find('\0') != std::string_view::npos)
    return json(json::value_t::discarded);
  return json::parse(text, nullptr, false);
}

parsed parse_json(std::string_view text) {
  if (core::json_nests_deeper_than(text, max_json_depth)) return {{}, "the JSON nests too deeply"};
  // nlohmann stops at a raw NUL as if the input ended there; valid JSON never holds one.
  if (text.find('\0') != std::string_view::npos) return {{}, "the body holds a NUL byte"};
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded()) return {{}, "not valid JSON (UTF-8)"};
  if (!j.is_object()) return {{}, "not a JSON object"};
  return {std::move(j), {}};
}

parsed parse_form(std::string_view body, repeated_names repeats) {
  json fields = json::object();
  while (!body.empty()) {
    const std::size_t amp = body.find('&');
    const std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
    if (pair.empty()) continue;
    const std::size_t eq = pair.find('=');
    const auto name = url_decode(pair.substr(0, eq));
    auto value = url_decode(eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1));
    if (!name || !value) return {{}, "a bad %-escape in the form"};
    if (!valid_utf8(*name) || !valid_utf8(*value)) return {{}, "the form does not decode to UTF-8"};
    if (name->empty()) continue;
    auto it = fields.find(*name);
    if (it == fields.end() || repeats == repeated_names::keep_last) {
      fields[*name] = std::move(*value);
    } else {
      // The second occurrence turns the string into a list; later ones append to it.
      if (it->is_string()) *it = json::array({std::move(*it)});
      it->push_back(std::move(*value));
    }
  }
  return {std::move(fields), {}};
}

payload_reader::payload_reader(const json& object, std::string& problem, std::string path)
    : object_(object.is_object() ? &object : &empty_object()), problem_(&problem), path_(std::move(path)) {}

std::string payload_reader::get(const char* key, std::size_t max_bytes) const {
  const auto it = object_->find(key);
  if (it == object_->end() || it->is_null()) return {};
  if (!it->is_string()) {
    note(path_ + key + " is not a string");
    return {};
  }
  const auto& s = it->get_ref<const std::string&>();
  if (s.size() > max_bytes) {
    note(path_ + key + " is longer than " + std::to_string(max_bytes) + " bytes");
    return {};
  }
  return s;
}

std::string payload_reader::need(const char* key, std::size_t max_bytes) const {
  std::string s = get(key, max_bytes);
  if (s.empty()) note("missing " + path_ + key);
  return s;
}

std::vector<std::string> payload_reader::list(const char* key, std::size_t max_bytes) const {
  const auto it = object_->find(key);
  if (it == object_->end() || it->is_null()) return {};
  if (it->is_string()) return {get(key, max_bytes)};
  if (!it->is_array()) {
    note(path_ + key + " is neither a string nor a list");
    return {};
  }
  if (it->size() > max_list_items) {
    note(path_ + key + " has more than " + std::to_string(max_list_items) + " items");
    return {};
  }
  std::vector<std::string> items;
  for (const auto& item : *it) {
    if (!item.is_string() || item.get_ref<const std::string&>().size() > max_bytes) {
      note(path_ + key + " holds an item that is not a string of at most " + std::to_string(max_bytes) +
           " bytes");
      return {};
    }
    items.push_back(item.get<std::string>());
  }
  return items;
}

bool payload_reader::has(const char* key) const {
  const auto it = object_->find(key);
  return it != object_->end() && !it->is_null();
}

bool payload_reader::flag(const char* key) const {
  const auto it = object_->find(key);
  return it != object_->end() && it->is_boolean() && it->get<bool>();
}

payload_reader payload_reader::child(const char* key) const {
  const auto it = object_->find(key);
  if (it != object_->end() && !it->is_null() && !it->is_object()) note(path_ + key + " is not an object");
  return payload_reader(it == object_->end() ? empty_object() : *it, *problem_, path_ + key + ".");
}

void payload_reader::note(std::string what) const {
  // The first problem is the one worth reporting; later ones often follow from it.
  if (problem_->empty()) *problem_ = std::move(what);
}

}  // namespace csibot::platform
