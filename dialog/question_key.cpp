#include "dialog/question_key.hpp"

#include <cstdint>

#include "core/time.hpp"

namespace csibot::dialog {
namespace {

// The tag only has to differ between one person's conversations, which start minutes apart; mixing
// the start time keeps it short and keeps the time itself out of the platform's copy of the button.
std::string conversation_tag(core::timestamp started) {
  auto x = static_cast<std::uint64_t>(core::to_millis(started));
  x ^= x >> 33U;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33U;
  auto tag = static_cast<std::uint32_t>(x);
  constexpr std::string_view digits = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string out;
  do {
    out.insert(out.begin(), digits[tag % 36U]);
    tag /= 36U;
  } while (tag != 0);
  return out;
}

}  // namespace

std::string question_key(const flow_state& s) {
  return std::string{to_string(s.at)} + "." + conversation_tag(s.started_at);
}

std::string keyed_value(std::string_view payload, const flow_state& s) {
  std::string out{payload};
  out += '@';
  out += question_key(s);
  return out;
}

button_value split_button_value(std::string_view value) {
  // Service ids never hold '@' (core::is_valid_service_id), nor do ratings or impacts.
  const auto at = value.rfind('@');
  if (at == std::string_view::npos) return {value, {}};
  return {value.substr(0, at), value.substr(at + 1)};
}

}  // namespace csibot::dialog
