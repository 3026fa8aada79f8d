#pragma once
// A core::message made from libFuzzer's input, for the targets that render messages (Slack's Block
// Kit, Mattermost's posts): every part present or not, text of any bytes, sometimes very long.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/message.hpp"

namespace csibot::fuzz {

/// A string from the input, once or (when the byte after it is above 200) 201-255 times: Block
/// Kit's limits (3,000 characters a section, 50 blocks a message) need far longer text than
/// libFuzzer's inputs hold.
inline std::string text(FuzzedDataProvider& in, std::size_t max_bytes = 64) {
  const auto piece = in.ConsumeRandomLengthString(max_bytes);
  const auto times = in.ConsumeIntegral<std::uint8_t>();
  std::string out;
  for (unsigned i = 0; i < (times > 200 ? times : 1U); ++i)
    out += piece;
  return out;
}

inline core::message message_from(FuzzedDataProvider& in) {
  core::message m;
  m.header = text(in);
  m.text = text(in);
  for (auto n = in.ConsumeIntegralInRange<int>(0, 24); n > 0; --n)
    m.fields.push_back({text(in, 16), text(in)});
  if (in.ConsumeBool()) {
    core::table t;
    for (auto n = in.ConsumeIntegralInRange<int>(0, 6); n > 0; --n)
      t.columns.push_back(text(in, 8));  // a very wide column: the code block still splits by rows
    for (auto r = in.ConsumeIntegralInRange<int>(0, 60); r > 0; --r) {
      std::vector<std::string> row;
      for (auto n = in.ConsumeIntegralInRange<int>(0, 7); n > 0; --n)
        row.push_back(in.ConsumeRandomLengthString(24));  // rows add up; one long cell is enough
      t.rows.push_back(std::move(row));
    }
    m.table = std::move(t);
  }
  for (auto n = in.ConsumeIntegralInRange<int>(0, 60); n > 0; --n) {
    core::button b;
    b.label = text(in, 16);
    b.action_id = text(in, 16);
    b.value = text(in, 16);
    b.style = static_cast<core::button_style>(in.ConsumeIntegralInRange<int>(0, 2));
    m.buttons.push_back(std::move(b));
  }
  m.context = text(in);
  return m;
}

}  // namespace csibot::fuzz
