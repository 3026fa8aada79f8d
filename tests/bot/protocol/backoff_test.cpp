#include "bot/protocol/backoff.hpp"

#include <gtest/gtest.h>

namespace {

using csibot::protocol::backoff;
using std::chrono::milliseconds;

/// A random source that always returns `value` (just below 1 means "the top of the range").
backoff::random_source fixed(double value) {
  return [value] { return value; };
}

constexpr double almost_one = 0.999999999;

TEST(backoff, top_of_range_doubles_until_the_cap) {
  backoff b(milliseconds{100}, milliseconds{1000}, fixed(almost_one));
  EXPECT_EQ(b.next(), milliseconds{100});
  EXPECT_EQ(b.next(), milliseconds{200});
  EXPECT_EQ(b.next(), milliseconds{400});
  EXPECT_EQ(b.next(), milliseconds{800});
  EXPECT_EQ(b.next(), milliseconds{1000});
  EXPECT_EQ(b.next(), milliseconds{1000});
  EXPECT_EQ(b.attempts(), 6U);
}

TEST(backoff, zero_random_gives_zero_delay) {
  backoff b(milliseconds{100}, milliseconds{1000}, fixed(0.0));
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(b.next(), milliseconds{0});
}

TEST(backoff, every_delay_lies_in_full_jitter_range) {
  std::uint64_t state = 42;  // a tiny LCG: deterministic, spread over [0, 1)
  backoff b(milliseconds{250}, milliseconds{30'000}, [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) / 9007199254740992.0;
  });
  for (std::uint32_t n = 0; n < 40; ++n) {
    const auto delay = b.next();
    EXPECT_GE(delay, milliseconds{0});
    EXPECT_LE(delay,
              std::min(milliseconds{30'000}, milliseconds{250 * (std::int64_t{1} << std::min(n, 20U))}))
        << n;
  }
}

TEST(backoff, reset_starts_from_base_again) {
  backoff b(milliseconds{100}, milliseconds{10'000}, fixed(almost_one));
  for (int i = 0; i < 5; ++i)
    (void)b.next();
  b.reset();
  EXPECT_EQ(b.attempts(), 0U);
  EXPECT_EQ(b.next(), milliseconds{100});
}

TEST(backoff, no_overflow_after_many_attempts) {
  backoff b(milliseconds{1000}, milliseconds{300'000}, fixed(almost_one));
  for (int i = 0; i < 100; ++i)
    (void)b.next();
  EXPECT_EQ(b.next(), milliseconds{300'000});
  EXPECT_EQ(b.ceiling(UINT32_MAX), milliseconds{300'000});
  backoff huge(milliseconds{1}, milliseconds::max(), fixed(almost_one));
  for (int i = 0; i < 100; ++i)
    EXPECT_GE(huge.next(), milliseconds{0});
}

TEST(backoff, out_of_range_random_values_are_clamped) {
  backoff above(milliseconds{100}, milliseconds{1000}, fixed(7.0));
  EXPECT_EQ(above.next(), milliseconds{100});
  backoff below(milliseconds{100}, milliseconds{1000}, fixed(-3.0));
  EXPECT_EQ(below.next(), milliseconds{0});
}

TEST(backoff, cap_below_base_is_raised_to_base) {
  backoff b(milliseconds{500}, milliseconds{100}, fixed(almost_one));
  EXPECT_EQ(b.next(), milliseconds{500});
  EXPECT_EQ(b.next(), milliseconds{500});
}

TEST(backoff, system_random_stays_in_range) {
  backoff b(milliseconds{10}, milliseconds{80}, backoff::system_random());
  for (int i = 0; i < 50; ++i)
    EXPECT_LE(b.next(), milliseconds{80});
}

}  // namespace
