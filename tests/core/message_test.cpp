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
