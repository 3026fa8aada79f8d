#include "core/markup.hpp"

#include <gtest/gtest.h>

#include "core/markdown.hpp"
#include "core/service.hpp"

namespace csibot::core {
namespace {

TEST(core_markup, literal_escapes_exactly_the_neutral_markup_characters) {
  EXPECT_EQ(literal("*payslips* are _late_, see `x` or C:\\tmp"),
            "\\*payslips\\* are \\_late\\_, see \\`x\\` or C:\\\\tmp");
  EXPECT_EQ(literal("plain [text] <b> ~ # 1."), "plain [text] <b> ~ # 1.");  // renderers' own business
  EXPECT_EQ(literal(""), "");
}

TEST(core_markup, without_escapes_undoes_literal_and_keeps_the_markup) {
  for (const char* typed : {"*a*", "\\", "\\\\*", "a\\b", "`x`_y_", "ends with \\", "über*"})
    EXPECT_EQ(without_escapes(literal(typed)), typed) << typed;
  EXPECT_EQ(without_escapes("*bold* and \\*not\\*"), "*bold* and *not*");
  EXPECT_EQ(without_escapes("C:\\temp \\"), "C:\\temp \\");  // a backslash before anything else stays
}

TEST(core_markup, echo_cleans_caps_and_escapes_what_was_typed) {
  EXPECT_EQ(echo("*vpn*\x01", 40), "\\*vpn\\*");
  EXPECT_EQ(echo("abcdef_", 3), "abc");
  EXPECT_EQ(echo("ab_cdef", 3), "ab\\_");  // the cap counts what was typed, not the escapes
}

// What the escapes are for: text people typed, quoted inside the bot's own markup, renders as typed.
TEST(core_markup, literal_text_inside_bot_markup_renders_as_typed_in_markdown) {
  EXPECT_EQ(to_markdown("You said *" + literal("*payslips* _late_") + "*"),
            "You said **\\*payslips\\* \\_late\\_**");
}

// A service's name is chosen by an admin and is no markup: in a message it shows as typed.
TEST(core_markup, markup_name_is_the_literal_name_or_else_the_id) {
  service s;
  s.id = "sap_hr";
  s.name = "SAP_HR *prod*";
  EXPECT_EQ(markup_name(s), "SAP\\_HR \\*prod\\*");
  EXPECT_EQ(to_markdown("*" + markup_name(s) + "*"), "**SAP\\_HR \\*prod\\***");
  s.name.clear();
  EXPECT_EQ(markup_name(s), "sap\\_hr");
}

}  // namespace
}  // namespace csibot::core
