#include "core/json_text.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace {

using csibot::core::append_json_string;
using csibot::core::json_writer;
using json = nlohmann::json;

std::string as_json_string(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

TEST(json_text, quotes_what_json_requires_and_copies_the_rest) {
  EXPECT_EQ(as_json_string("a\"b\\c\n\t\r\b\f\x01\x1F\x7F \xC3\xA9 /"),
            "\"a\\\"b\\\\c\\n\\t\\r\\b\\f\\u0001\\u001f\x7F \xC3\xA9 /\"");
  EXPECT_EQ(json::parse(as_json_string(std::string_view("x\0y", 3))), std::string("x\0y", 3));
  for (int c = 0; c < 0x20; ++c) {  // every control character round-trips through a JSON parser
    const std::string text = "<" + std::string(1, static_cast<char>(c)) + ">";
    EXPECT_EQ(json::parse(as_json_string(text)), text) << c;
  }
  // Four-byte characters (emoji) and the edges of the valid ranges are copied as they are.
  EXPECT_EQ(as_json_string("\xF0\x9F\x98\x80 \xEF\xBF\xBF \xF4\x8F\xBF\xBF"),
            "\"\xF0\x9F\x98\x80 \xEF\xBF\xBF \xF4\x8F\xBF\xBF\"");
}

// What is not UTF-8 never makes the text invalid JSON: each stray byte becomes U+FFFD, exactly as
// nlohmann's dump with the replace handler writes it (the conversations table held those before).
TEST(json_text, bytes_that_are_not_utf8_become_the_replacement_character) {
  for (const std::string text :
       {"\xFF", "a\xC3", "\xC0\xAF", "\xED\xA0\x80", "\xF5\x80\x80\x80", "\x80x", "caf\xE9 \xC3\xA9"}) {
    const auto ours = as_json_string(text);
    EXPECT_EQ(ours, json(text).dump(-1, ' ', false, json::error_handler_t::replace)) << text;
    EXPECT_FALSE(json::parse(ours, nullptr, false).is_discarded()) << ours;
  }
}

TEST(json_text, the_writer_puts_commas_between_members_and_nests) {
  std::string out;
  json_writer{out}.object([](json_writer& o) {
    o.member("empty", "");
    o.text("left_out", "");
    o.text("text", "a\"b");
    o.number("n", -9007199254740993);
    o.boolean("yes", true);
    o.key("list");
    o.strings({"x", "y"});
    o.key("objects");
    o.array(std::vector<int>{1, 2},
            [&](int i) { o.object([&](json_writer& inner) { inner.number("i", i); }); });
  });
  EXPECT_EQ(out, R"({"empty":"","text":"a\"b","n":-9007199254740993,"yes":true,"list":["x","y"],)"
                 R"("objects":[{"i":1},{"i":2}]})");
  EXPECT_EQ(json::parse(out)["n"].get<std::int64_t>(), -9007199254740993);
}

}  // namespace
