#include "core/text.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/json_depth.hpp"

namespace csibot::core {
namespace {

using namespace std::string_literals;

const std::string replacement = "\xEF\xBF\xBD";  // U+FFFD
const std::string emoji = "\xF0\x9F\x98\x80";    // U+1F600, four bytes
const std::string e_acute = "\xC3\xA9";          // U+00E9, two bytes
const std::string euro = "\xE2\x82\xAC";         // U+20AC, three bytes

TEST(text, sanitize_removes_c0_controls_but_keeps_tab_and_newline) {
  EXPECT_EQ(sanitize("a\x01"
                     "b\tc\nd\x1b[31me\x7f"),
            "ab\tc\nd[31me");
  EXPECT_EQ(sanitize("line\r\nnext"), "line\nnext");
  EXPECT_EQ(sanitize("nul\0inside"s), "nulinside");
  EXPECT_EQ(sanitize("\x01\x02\x03"), "");
}

TEST(text, sanitize_replaces_invalid_utf8_with_replacement_character) {
  EXPECT_EQ(sanitize("a\xFF"
                     "b"),
            "a" + replacement + "b");
  EXPECT_EQ(sanitize("\xC0\xAF"), replacement + replacement);                    // overlong '/'
  EXPECT_EQ(sanitize("\xED\xA0\x80"), replacement + replacement + replacement);  // a surrogate
  EXPECT_EQ(sanitize("\xF4\x90\x80\x80").find("\xF4"), std::string::npos);       // past U+10FFFF
  EXPECT_EQ(sanitize("cut "
                     "\xE2\x82"),
            "cut " + replacement + replacement);  // truncated sequence
  EXPECT_EQ(sanitize("\x80"), replacement);       // lone continuation byte
}

TEST(text, sanitize_keeps_any_valid_unicode_markup_and_quotes_verbatim) {
  const std::string text =
      "Caf" + e_acute + " " + euro + " " + emoji +
      " <script>alert('x')</script> '; DROP TABLE feedback;-- *bold* \"quoted\" \xE2\x80\x9Ctypo\xE2\x80\x9D"
      " \xE4\xB8\xAD\xE6\x96\x87 \xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7";
  EXPECT_EQ(sanitize(text), text);
  // A family emoji is several code points joined by U+200D; every one is kept.
  const std::string family = "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7";
  EXPECT_EQ(sanitize(family), family);
}

TEST(text, sanitize_output_is_always_valid_utf8) {
  std::string all_bytes;
  for (int b = 0; b < 256; ++b)
    all_bytes += static_cast<char>(b);
  const auto clean = sanitize(all_bytes + all_bytes);
  EXPECT_EQ(sanitize(clean), clean);  // nothing left to repair
}

TEST(text, trim_removes_ascii_white_space_at_both_ends_only) {
  EXPECT_EQ(trim("  \t a b \r\n"), "a b");
  EXPECT_EQ(trim("   "), "");
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim("x"), "x");
}

TEST(text, one_line_trims_and_turns_line_breaks_and_tabs_into_spaces) {
  EXPECT_EQ(one_line("  a\nb\tc\r "), "a b c");
  EXPECT_EQ(one_line("a\r\nb"), "a  b");
}

TEST(text, ascii_lower_leaves_non_ascii_alone) {
  EXPECT_EQ(ascii_lower("VPN-Ä"), "vpn-Ä");
}

TEST(text, cap_chars_counts_code_points_not_bytes) {
  const auto c = cap_chars(e_acute + e_acute + e_acute, 2);
  EXPECT_EQ(c.text, e_acute + e_acute);
  EXPECT_TRUE(c.truncated);
}

TEST(text, cap_chars_never_splits_a_code_point) {
  const std::string mixed = "a" + emoji + euro + e_acute + "b";
  for (std::size_t max = 0; max <= 6; ++max) {
    const auto c = cap_chars(mixed, max);
    EXPECT_EQ(sanitize(c.text), c.text) << max;  // still valid UTF-8
    EXPECT_EQ(utf8_length(c.text), std::min<std::size_t>(max, 5)) << max;
    EXPECT_EQ(c.truncated, max < 5) << max;
    EXPECT_TRUE(mixed.starts_with(c.text));
  }
}

TEST(text, cap_chars_at_exact_length_is_not_truncated) {
  const auto c = cap_chars(std::string(4000, 'x'), max_answer_chars);
  EXPECT_FALSE(c.truncated);
  EXPECT_EQ(c.text.size(), 4000u);
  EXPECT_FALSE(cap_chars("", 0).truncated);
  EXPECT_TRUE(cap_chars("a", 0).truncated);
}

TEST(text, cap_chars_of_5000_emoji_keeps_4000_whole_ones) {
  std::string text;
  for (int i = 0; i < 5000; ++i)
    text += emoji;
  const auto c = cap_chars(text, max_answer_chars);
  EXPECT_TRUE(c.truncated);
  EXPECT_EQ(c.text.size(), 4000u * 4);
  EXPECT_EQ(utf8_length(c.text), 4000u);
}

// A loop over text steps by utf8_step: whole characters where the text is valid, one byte at a
// time through anything else, so it always ends.
TEST(text, utf8_step_takes_whole_characters_and_single_bad_bytes) {
  EXPECT_EQ(utf8_step(""), 0u);
  EXPECT_EQ(utf8_step("a"), 1u);
  EXPECT_EQ(utf8_step("\xC3\xA9x"), 2u);         // é
  EXPECT_EQ(utf8_step("\xE2\x80\xA6"), 3u);      // …
  EXPECT_EQ(utf8_step("\xF0\x9F\x98\x80"), 4u);  // an emoji
  EXPECT_EQ(utf8_step("\xFF\xA6"), 1u);          // not a lead byte
  EXPECT_EQ(utf8_step("\xE2\x80"), 1u);          // cut short
  EXPECT_EQ(utf8_step("\xC0\xAF"), 1u);          // overlong '/'
  EXPECT_EQ(utf8_step("\xED\xA0\x80"), 1u);      // a UTF-16 surrogate
}

TEST(text, utf8_length_counts_code_points) {
  EXPECT_EQ(utf8_length(""), 0u);
  EXPECT_EQ(utf8_length("abc"), 3u);
  EXPECT_EQ(utf8_length(e_acute + euro + emoji), 3u);
}

TEST(text, edit_distance_counts_insertions_deletions_and_substitutions) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("vpn", "vpn"), 0u);
  EXPECT_EQ(edit_distance("vpm", "vpn"), 1u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("feedback", "fedback"), 1u);
}

TEST(text, edit_distance_counts_swapped_neighbours_as_one) {
  EXPECT_EQ(edit_distance("emial", "email"), 1u);
  EXPECT_EQ(edit_distance("vnp", "vpn"), 1u);
  EXPECT_EQ(edit_distance("ab", "ba"), 1u);
  EXPECT_EQ(edit_distance("feedbakc", "feedback"), 1u);
  EXPECT_EQ(edit_distance("ca", "abc"), 3u);  // each letter edited at most once: no swap then insert
  EXPECT_EQ(edit_distance("abcd", "badc"), 2u);
}

TEST(text, edit_distance_of_long_input_is_bounded_and_large) {
  const std::string long_text(100'000, 'a');
  EXPECT_GE(edit_distance(long_text, "vpn"), 3u);
}

const std::vector<std::string> services{"vpn", "email", "service-desk", "laptop-provisioning", "hr-portal"};

TEST(text, closest_finds_a_one_letter_typo) {
  EXPECT_EQ(closest("vpm", services), "vpn");
  EXPECT_EQ(closest("emal", services), "email");
  EXPECT_EQ(closest("emial", services), "email");  // two letters swapped
}

TEST(text, closest_is_case_insensitive_and_trims) {
  EXPECT_EQ(closest("  VPM ", services), "vpn");
}

TEST(text, closest_accepts_a_prefix_of_three_letters_or_more) {
  EXPECT_EQ(closest("lap", services), "laptop-provisioning");
  EXPECT_EQ(closest("servi", services), "service-desk");
}

TEST(text, closest_finds_nothing_for_something_unrelated) {
  EXPECT_FALSE(closest("zzz", services));
  EXPECT_FALSE(closest("", services));
  EXPECT_FALSE(closest("   ", services));
  EXPECT_FALSE(closest("vpn", {}));
  EXPECT_FALSE(closest(std::string(10'000, 'v'), services));
}

// The guard the adapters run before parsing JSON from the network.
TEST(json_depth, counts_open_arrays_and_objects_but_not_brackets_inside_strings) {
  EXPECT_FALSE(json_nests_deeper_than(R"({"a":[1,{"b":2}]})", 3));
  EXPECT_TRUE(json_nests_deeper_than(R"({"a":[1,{"b":[2]}]})", 3));
  EXPECT_FALSE(json_nests_deeper_than(R"({"text":"[[[[{{{{"})", 1)) << "brackets in a string";
  EXPECT_FALSE(json_nests_deeper_than(R"({"text":"\"[[[["})", 1)) << "an escaped quote keeps the string open";
  EXPECT_TRUE(json_nests_deeper_than(std::string(60'000, '['), 16));
  EXPECT_FALSE(json_nests_deeper_than("[][][][][][]", 1)) << "siblings are not nesting";
}

}  // namespace
}  // namespace csibot::core
