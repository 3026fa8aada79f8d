#include "core/message.hpp"

#include <gtest/gtest.h>

namespace csibot::core {
namespace {

TEST(message, plain_text_lists_header_text_fields_buttons_and_context_in_order) {
  message m;
  m.header = "Remote access VPN";
  m.text = "How satisfied are you?";
  m.fields = {{"Owners", "local:alice"}, {"Criticality", "high"}};
  m.buttons = {{"1/5", "csi.rate", "vpn:1"}, {"5/5", "csi.rate", "vpn:5"}};
  m.context = "small print";
  EXPECT_EQ(m.plain_text(),
            "Remote access VPN\nHow satisfied are you?\nOwners: local:alice\nCriticality: high\n[1/5] "
            "[5/5]\nsmall print");
}

TEST(message, plain_text_shows_escaped_markup_as_typed_and_keeps_table_columns_aligned) {
  message m;
  m.text = "You said: \\*payslips\\* are late";
  m.table = table{{"service", "n"}, {{"a\\_b", "1"}, {"abcd", "2"}}};
  m.buttons = {{"Feedback on \\_x\\_", "csi.feedback", "x"}};
  EXPECT_EQ(m.plain_text(),
            "You said: *payslips* are late\nservice  n\na_b      1\nabcd     2\n[Feedback on _x_]");
}

// What a renderer writes into JSON: every string of the message, table and buttons included, made
// valid UTF-8 without control characters; the structure and the button styles stay as they were.
TEST(message, sanitized_cleans_every_string_and_keeps_the_structure) {
  // A control character and a byte that is not UTF-8 (apart: "\x01b" would be one escape).
  const std::string bad = std::string{"a\x01"} + "b\xff";
  const std::string clean = "ab\xEF\xBF\xBD";  // the control character dropped, U+FFFD for the byte
  message m;
  m.header = bad;
  m.text = bad + "\n\tok";
  m.fields = {{bad, bad}};
  m.table = table{{bad, "plain"}, {{bad, "x"}, {"y", bad}}};
  m.buttons = {{bad, bad, bad, button_style::danger}};
  m.context = bad;

  const message c = sanitized(m);
  EXPECT_EQ(c.header, clean);
  EXPECT_EQ(c.text, clean + "\n\tok");
  EXPECT_EQ(c.fields, (std::vector<field>{{clean, clean}}));
  ASSERT_TRUE(c.table.has_value());
  EXPECT_EQ(c.table->columns, (std::vector<std::string>{clean, "plain"}));
  EXPECT_EQ(c.table->rows, (std::vector<std::vector<std::string>>{{clean, "x"}, {"y", clean}}));
  EXPECT_EQ(c.buttons, (std::vector<button>{{clean, clean, clean, button_style::danger}}));
  EXPECT_EQ(c.context, clean);
  EXPECT_FALSE(sanitized(message{}).table.has_value());
}

TEST(message, plain_text_skips_empty_parts) {
  message m;
  m.text = "only text";
  EXPECT_EQ(m.plain_text(), "only text");
  EXPECT_EQ(message{}.plain_text(), "");
}

TEST(message, plain_text_aligns_table_columns) {
  message m;
  m.table = table{{"id", "n", "score"}, {{"vpn", "12", "83 %"}, {"hr-portal", "3", "-"}}};
  EXPECT_EQ(m.plain_text(),
            "id         n   score\n"
            "vpn        12  83 %\n"
            "hr-portal  3   -");
}

TEST(message, plain_text_table_tolerates_short_rows) {
  message m;
  m.table = table{{"a", "b"}, {{"x"}}};
  EXPECT_EQ(m.plain_text(), "a  b\nx");
}

// Tables carry non-ASCII cells ("–" for no figures, "Café", "👍"); columns line up by character, not by
// byte, or `csibot stats` prints a ragged table.
TEST(message, plain_text_aligns_table_columns_with_non_ascii_cells) {
  message m;
  m.table = table{{"name", "score", "n"}, {{"Caf\xC3\xA9", "\xE2\x80\x93", "1"}, {"vpn", "83 %", "2"}}};
  EXPECT_EQ(m.plain_text(),
            "name  score  n\n"
            "Caf\xC3\xA9  \xE2\x80\x93      1\n"
            "vpn   83 %   2");
}

TEST(message, equality_compares_every_part) {
  message a;
  a.text = "x";
  message b = a;
  EXPECT_EQ(a, b);
  b.buttons.push_back({"ok", "id", "v"});
  EXPECT_NE(a, b);
}

}  // namespace
}  // namespace csibot::core
