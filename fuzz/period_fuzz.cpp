// libFuzzer entry for the period, date and duration parsers: any bytes are read or refused without a
// crash, and whatever is read is consistent (non-empty periods, exact duration round trips).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/period.hpp"
#include "core/time.hpp"
#include "fuzz/support/check.hpp"

namespace {

using csibot::core::timestamp;
using csibot::fuzz::check;

// 2026-11-30T09:42:15Z: a fixed "now", so that a finding reproduces.
constexpr timestamp now = csibot::core::from_millis(1'796'031'735'000);

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text{reinterpret_cast<const char*>(data), size};
  namespace core = csibot::core;

  if (const auto p = core::parse_period(text, now)) {
    check(p->from < p->to);
    check(p->label == text);
    const auto before = p->previous();
    check(before.to == p->from && before.from < before.to);
    // Rolling periods compare with a span of equal length; calendar ones with the months before.
    if (p->calendar_months == 0) check(before.to - before.from == p->to - p->from);
  }

  if (const auto d = core::parse_duration(text)) {
    check(d->count() >= 0);
    check(core::parse_duration(core::format_duration(*d)) == *d);
  }

  if (const auto t = core::parse_iso8601(text)) {
    // Within the years to_iso8601 writes with four digits, the written form reads back to the second.
    const timestamp first = csibot::core::from_millis(0);
    const timestamp last = csibot::core::from_millis(253'370'764'800'000);  // 9999-01-01
    if (*t >= first && *t < last) {
      check(core::parse_iso8601(core::to_iso8601(*t)) == std::chrono::floor<std::chrono::seconds>(*t));
    }
  }
  return 0;
}
