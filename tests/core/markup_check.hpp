#pragma once
/// For tests of messages that carry a name someone chose (a service's name, a channel, a person):
/// such a name is no markup, so it must enter the message's neutral markup through core::literal
/// (core/markup.hpp) to show as typed. Header only, so that every test folder can use it.
#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <string_view>

#include "core/markup.hpp"
#include "core/message.hpp"

namespace csibot::test {

/// Every part of `m` that a renderer reads as neutral markup, one per line: header, text, fields,
/// table and context. Buttons are left out: their values are data, and the local web chat shows their
/// labels as they are.
inline std::string markup_of(const core::message& m) {
  std::string out = m.header + "\n" + m.text;
  for (const auto& f : m.fields)
    out += "\n" + f.label + "\n" + f.value;
  if (m.table) {
    for (const auto& c : m.table->columns)
      out += "\n" + c;
    for (const auto& row : m.table->rows)
      for (const auto& cell : row)
        out += "\n" + cell;
  }
  return out + "\n" + m.context;
}

inline std::size_t count_of(std::string_view text, std::string_view part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string_view::npos; at = text.find(part, at + part.size()))
    ++n;
  return n;
}

/// Whether `neutral` shows `typed` at least once, and every time as typed: each appearance is
/// core::literal(typed), none is the bare text that a renderer would turn into bold or italics.
inline ::testing::AssertionResult shown_as_typed(std::string_view neutral, std::string_view typed) {
  const std::size_t escaped = count_of(neutral, core::literal(typed));
  const std::size_t shown = count_of(core::without_escapes(neutral), typed);
  if (escaped == 0) return ::testing::AssertionFailure() << "no escaped \"" << typed << "\" in: " << neutral;
  if (shown != escaped) {
    return ::testing::AssertionFailure() << (shown - escaped) << " unescaped \"" << typed << "\" next to "
                                         << escaped << " escaped in: " << neutral;
  }
  return ::testing::AssertionSuccess();
}

inline ::testing::AssertionResult shown_as_typed(const core::message& m, std::string_view typed) {
  return shown_as_typed(markup_of(m), typed);
}

}  // namespace csibot::test
