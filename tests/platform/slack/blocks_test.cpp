#include "bot/platform/slack/blocks.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "bot/platform/slack/json_text.hpp"
#include "bot/platform/slack/mrkdwn.hpp"
#include "core/markup.hpp"

namespace csibot::platform::slack {
namespace {

using json = nlohmann::json;

// What Slack reads: each body's JSON text, parsed (a parse error fails the test).
std::vector<json> render_json(const core::message& m) {
  std::vector<json> out;
  for (const auto& body : render(m))
    out.push_back(json::parse(to_json(body)));
  return out;
}

std::vector<json> responses(const core::message& m, response_kind kind) {
  std::vector<json> out;
  for (const auto& body : render_response(m, kind))
    out.push_back(json::parse(body));
  return out;
}

json only_body(const core::message& m) {
  const auto bodies = render_json(m);
  EXPECT_EQ(bodies.size(), 1U);
  return bodies.empty() ? json::object() : bodies.front();
}

// `text` as the header, the text, a field's label and value, and the context.
core::message everywhere(const std::string& text) {
  core::message m;
  m.header = text;
  m.text = text;
  m.fields = {{text, text}};
  m.context = text;
  return m;
}

core::message text_message(std::string text) {
  core::message m;
  m.text = std::move(text);
  return m;
}

// The mrkdwn texts of the section blocks (not fields), in order, across all bodies.
std::vector<std::string> section_texts(const std::vector<json>& bodies) {
  std::vector<std::string> out;
  for (const auto& body : bodies) {
    for (const auto& block : body["blocks"]) {
      if (block["type"] == "section" && block.contains("text")) out.push_back(block["text"]["text"]);
    }
  }
  return out;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const auto& p : parts)
    out += (out.empty() ? "" : std::string(separator)) + p;
  return out;
}

core::button rate(int n) {
  return {std::to_string(n), "csi.rate", "vpn:" + std::to_string(n), core::button_style::normal};
}

TEST(slack_blocks, renders_each_part_as_its_own_block_with_a_plain_fallback) {
  core::message m;
  m.header = "Daily digest";
  m.text = "CSAT is *up* this week";
  m.fields = {{"CSAT", "92%"}, {"n", "14"}};
  m.table = core::table{{"service", "csat"}, {{"vpn", "92%"}}};
  m.buttons = {{"Details", "csi.details", "vpn", core::button_style::primary}};
  m.context = "Session `fb-42`";
  const json body = only_body(m);
  const json& b = body["blocks"];
  ASSERT_EQ(b.size(), 6U);
  EXPECT_EQ(
      b[0],
      json::parse(R"({"type":"header","text":{"type":"plain_text","text":"Daily digest","emoji":true}})"));
  EXPECT_EQ(b[1],
            json::parse(R"({"type":"section","text":{"type":"mrkdwn","text":"CSAT is *up* this week"}})"));
  EXPECT_EQ(b[2]["fields"],
            json::parse(R"([{"type":"mrkdwn","text":"*CSAT*\n92%"},{"type":"mrkdwn","text":"*n*\n14"}])"));
  EXPECT_EQ(b[3]["text"]["text"], "```\nservice  csat\nvpn      92%\n```");
  EXPECT_EQ(b[4], json::parse(R"({"type":"actions","elements":[{"type":"button","action_id":"csi.details#0",
      "value":"vpn","style":"primary","text":{"type":"plain_text","text":"Details","emoji":true}}]})"));
  EXPECT_EQ(b[5],
            json::parse(R"({"type":"context","elements":[{"type":"mrkdwn","text":"Session `fb-42`"}]})"));
  EXPECT_EQ(body["text"],
            "Daily digest\nCSAT is *up* this week\nCSAT: 92%\nn: 14\nservice  csat\nvpn      92%\n[Details]\n"
            "Session `fb-42`");
}

TEST(slack_blocks, escapes_ampersand_and_angle_brackets_in_every_text) {
  const std::string hostile = "<!here> & <@U0001> <https://evil|click>";
  core::message m = everywhere(hostile);
  m.table = core::table{{hostile}, {{hostile}}};
  m.buttons = {{hostile, "csi.x", "", core::button_style::normal}};
  const std::string wire = only_body(m).dump();
  // No text of ours uses '<' or '>', so any left would be the hostile markup getting through.
  EXPECT_EQ(wire.find('<'), std::string::npos) << wire;
  EXPECT_EQ(wire.find('>'), std::string::npos) << wire;
  EXPECT_NE(wire.find("&lt;!here&gt; &amp; &lt;@U0001&gt;"), std::string::npos);
  EXPECT_EQ(wire.find("& "), std::string::npos);
}

TEST(slack_blocks, button_values_and_action_ids_are_data_and_stay_unescaped) {
  core::message m;
  m.buttons = {{"a", "csi.x", "a<b&c", core::button_style::normal}};
  EXPECT_EQ(only_body(m)["blocks"][0]["elements"][0]["value"], "a<b&c");
}

TEST(slack_blocks, long_text_splits_at_spaces_and_keeps_every_word) {
  std::string text;
  for (int i = 0; i < 1500; ++i)
    text += (i == 0 ? "" : " ") + std::string("word") + std::to_string(i);
  const auto sections = section_texts(render_json(text_message(text)));
  ASSERT_GE(sections.size(), 4U);
  for (std::size_t i = 0; i < sections.size(); ++i) {
    EXPECT_LE(slack_length(sections[i]), max_section_chars);
    if (i + 1 < sections.size()) {
      EXPECT_GT(slack_length(sections[i]), 2980U);  // full sections, not stubs
    }
  }
  // A word cut in two would come back with a space inside it.
  EXPECT_EQ(join(sections, " "), text);
}

TEST(slack_blocks, long_text_prefers_line_breaks) {
  std::string text;
  for (int i = 0; i < 80; ++i)
    text += (i == 0 ? "" : "\n") + std::string(90, static_cast<char>('a' + i % 26)) + " end";
  const auto sections = section_texts(render_json(text_message(text)));
  ASSERT_EQ(sections.size(), 3U);
  for (const auto& s : sections)
    EXPECT_EQ(s.substr(s.size() - 4), " end");  // every section ends at a line's end, not a space
  EXPECT_EQ(join(sections, "\n"), text);
}

TEST(slack_blocks, an_unbroken_word_is_cut_hard_without_loss) {
  const std::string text(7000, 'x');
  const auto sections = section_texts(render_json(text_message(text)));
  ASSERT_EQ(sections.size(), 3U);
  EXPECT_EQ(sections[0].size(), 3000U);
  EXPECT_EQ(sections[2].size(), 1000U);
  EXPECT_EQ(join(sections, ""), text);
}

TEST(slack_blocks, limits_count_escaped_text_and_astral_characters_twice) {
  const auto amps = section_texts(render_json(text_message(std::string(2000, '&'))));
  ASSERT_EQ(amps.size(), 4U);  // 10,000 escaped characters: 600 "&amp;" fit in 3,000
  EXPECT_EQ(amps[0].size(), 3000U);
  EXPECT_EQ(amps[3], escape(std::string(200, '&')));
  std::string smileys;
  for (int i = 0; i < 2000; ++i)
    smileys += "\xF0\x9F\x98\x80";  // U+1F600, two UTF-16 units
  const auto wide = section_texts(render_json(text_message(smileys)));
  ASSERT_EQ(wide.size(), 2U);
  EXPECT_EQ(wide[0].size(), 1500U * 4U);
  EXPECT_EQ(wide[0] + wide[1], smileys);
}

TEST(slack_blocks, a_header_over_150_characters_becomes_a_section_and_loses_nothing) {
  core::message m;
  m.header = std::string(150, 'h');
  EXPECT_EQ(only_body(m)["blocks"][0]["type"], "header");
  m.header = std::string(120, 'h') + " & " + std::string(30, 'h');  // 153 escaped characters
  const json b = only_body(m)["blocks"][0];
  EXPECT_EQ(b["type"], "section");
  EXPECT_EQ(b["text"]["text"], escape(m.header));
  m.header = "two\nlines";
  EXPECT_EQ(only_body(m)["blocks"][0]["text"]["text"], "two lines");
}

TEST(slack_blocks, fields_go_ten_to_a_section_and_an_oversized_one_gets_its_own_in_order) {
  core::message m;
  for (int i = 0; i < 23; ++i)
    m.fields.push_back({"f" + std::to_string(i), "v"});
  const json b = only_body(m)["blocks"];
  ASSERT_EQ(b.size(), 3U);
  EXPECT_EQ(b[0]["fields"].size(), 10U);
  EXPECT_EQ(b[1]["fields"].size(), 10U);
  EXPECT_EQ(b[2]["fields"].size(), 3U);
  EXPECT_EQ(b[2]["fields"][2]["text"], "*f22*\nv");

  m.fields = {{"a", "1"}, {"long", std::string(2500, 'z')}, {"b", "2"}};
  const json c = only_body(m)["blocks"];
  ASSERT_EQ(c.size(), 3U);
  EXPECT_EQ(c[0]["fields"][0]["text"], "*a*\n1");
  EXPECT_EQ(c[1]["text"]["text"], "*long*\n" + std::string(2500, 'z'));
  EXPECT_EQ(c[2]["fields"][0]["text"], "*b*\n2");
}

TEST(slack_blocks, a_table_cell_cannot_close_the_code_block) {
  core::message m;
  m.table = core::table{{"a"}, {{"x```y"}}};
  const std::string text = only_body(m)["blocks"][0]["text"]["text"];
  EXPECT_EQ(text, "```\na\nx\xCB\x8B\xCB\x8B\xCB\x8By\n```");
}

TEST(slack_blocks, a_large_table_is_split_by_rows_without_loss) {
  core::table t{{"service", "csat", "n"}, {}};
  for (int i = 0; i < 300; ++i)
    t.rows.push_back({"service-" + std::to_string(i), std::to_string(i % 100) + "%", std::to_string(i)});
  core::message m;
  m.table = t;
  const auto sections = section_texts(render_json(m));
  ASSERT_EQ(sections.size(), 3U);  // ~7,000 characters of rows
  std::vector<std::string> lines;
  for (const auto& s : sections) {
    EXPECT_LE(slack_length(s), max_section_chars);
    ASSERT_TRUE(s.starts_with("```\n") && s.ends_with("\n```")) << s;
    std::string inner = s.substr(4, s.size() - 8);
    for (std::size_t start = 0;;) {
      const auto nl = inner.find('\n', start);
      lines.push_back(inner.substr(start, nl - start));
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
  }
  ASSERT_EQ(lines.size(), 301U);
  EXPECT_EQ(lines[0], "service      csat  n");
  EXPECT_EQ(lines[300], "service-299  99%   299");
}

TEST(slack_blocks, rating_buttons_get_unique_action_ids_that_decode_back) {
  core::message m;
  for (int n = 1; n <= 5; ++n)
    m.buttons.push_back(rate(n));
  m.buttons[4].style = core::button_style::primary;
  m.buttons[0].style = core::button_style::danger;
  const json elements = only_body(m)["blocks"][0]["elements"];
  ASSERT_EQ(elements.size(), 5U);
  std::set<std::string> ids;
  for (std::size_t i = 0; i < elements.size(); ++i) {
    const std::string id = elements[i]["action_id"];
    ids.insert(id);
    EXPECT_EQ(base_action_id(id), "csi.rate");
    EXPECT_EQ(elements[i]["value"], "vpn:" + std::to_string(i + 1));
  }
  EXPECT_EQ(ids.size(), 5U);
  EXPECT_EQ(elements[0]["style"], "danger");
  EXPECT_EQ(elements[4]["style"], "primary");
  EXPECT_FALSE(elements[2].contains("style"));
}

TEST(slack_blocks, thirty_buttons_make_two_actions_blocks_with_ids_unique_across_both) {
  core::message m;
  for (int n = 0; n < 30; ++n)
    m.buttons.push_back(rate(n));
  const json b = only_body(m)["blocks"];
  ASSERT_EQ(b.size(), 2U);
  EXPECT_EQ(b[0]["elements"].size(), 25U);
  EXPECT_EQ(b[1]["elements"].size(), 5U);
  EXPECT_EQ(b[1]["elements"][0]["action_id"], "csi.rate#25");
}

TEST(slack_blocks, button_labels_values_and_ids_respect_slack_limits) {
  core::message m;
  m.buttons = {
      {std::string(100, 'L'), std::string(300, 'i'), std::string(2100, 'v'), core::button_style::normal},
      {"", "csi.skip", "", core::button_style::normal}};
  const json e = only_body(m)["blocks"][0]["elements"];
  const std::string label = e[0]["text"]["text"];
  EXPECT_EQ(slack_length(label), max_button_chars);
  EXPECT_TRUE(label.ends_with("\xE2\x80\xA6"));
  EXPECT_LE(e[0]["action_id"].get<std::string>().size(), max_action_id_chars);
  EXPECT_EQ(e[0]["action_id"].get<std::string>().substr(0, 100), std::string(100, 'i'));
  EXPECT_EQ(e[0]["value"].get<std::string>().size(), max_value_chars);
  EXPECT_FALSE(e[1].contains("value"));  // Slack refuses an empty value
  EXPECT_FALSE(e[1]["text"]["text"].get<std::string>().empty());
}

// Slack counts an emoji outside the Basic Multilingual Plane as two characters (found by
// fuzz/slack_blocks_fuzz.cpp: ids and values were cut by code points, up to twice the limit).
TEST(slack_blocks, ids_and_values_of_emoji_are_cut_as_slack_counts) {
  const std::string emoji = "\xF0\x9F\x98\x80";  // U+1F600, two UTF-16 units
  std::string many;
  for (int i = 0; i < 1500; ++i)
    many += emoji;
  core::message m;
  m.buttons = {{"Pick", many, many, core::button_style::normal}};
  const json e = only_body(m)["blocks"][0]["elements"];
  const std::string id = e[0]["action_id"];
  EXPECT_LE(slack_length(id), max_action_id_chars);
  EXPECT_TRUE(id.ends_with("#0"));
  EXPECT_EQ(slack_length(id), max_action_id_chars - 1) << "126 emoji (252) and #0: the 127th would not fit";
  EXPECT_EQ(slack_length(e[0]["value"].get<std::string>()), max_value_chars);
  EXPECT_EQ(e[0]["value"].get<std::string>().size() % emoji.size(), 0U) << "never cut inside a character";
}

TEST(slack_blocks, more_than_fifty_blocks_continue_in_further_bodies) {
  core::message m;
  m.header = "Big";
  std::vector<std::string> paragraphs;
  for (int i = 0; i < 130; ++i)
    paragraphs.push_back("p" + std::to_string(i) + " " + std::string(2800, 'x'));
  m.text = join(paragraphs, "\n");
  const auto bodies = render_json(m);
  ASSERT_EQ(bodies.size(), 3U);
  EXPECT_EQ(bodies[0]["blocks"].size(), 50U);
  EXPECT_EQ(bodies[1]["blocks"].size(), 50U);
  EXPECT_EQ(bodies[2]["blocks"].size(), 31U);
  EXPECT_EQ(bodies[0]["blocks"][0]["type"], "header");
  EXPECT_EQ(section_texts(bodies), paragraphs);
  for (const auto& b : bodies) {
    EXPECT_FALSE(b["text"].get<std::string>().empty());
    EXPECT_LE(slack_length(b["text"].get<std::string>()), max_fallback_chars);
  }
  EXPECT_TRUE(bodies[1]["text"].get<std::string>().starts_with("p49 "));
}

TEST(slack_blocks, an_empty_message_renders_to_nothing) {
  EXPECT_TRUE(render(core::message{}).empty());
  EXPECT_TRUE(render(text_message(" \n ")).empty());
}

TEST(slack_blocks, invalid_utf8_and_control_characters_still_serialize) {
  const auto bodies = render(text_message("bad \xFF byte \x01 bell"));
  ASSERT_EQ(bodies.size(), 1U);
  json parsed;
  ASSERT_NO_THROW(parsed = json::parse(to_json(bodies[0])));
  EXPECT_EQ(parsed["blocks"][0]["text"]["text"], "bad \xEF\xBF\xBD byte  bell");
}

TEST(slack_blocks, json_special_characters_reach_slack_unchanged) {
  // Quotes, backslashes, tabs and line breaks in every kind of string: the text must parse, and
  // parse back to exactly what was given (after Slack's own &, <, > escaping).
  const std::string hostile = "say \"hi\" \\ back\\slash\tand\nnew line / }],{";
  core::message m = everywhere(hostile);
  m.buttons = {{hostile, hostile, hostile, core::button_style::danger}};
  const json body = only_body(m);
  const std::string one_line = "say \"hi\" \\ back\\slash and new line / }],{";
  EXPECT_EQ(body["blocks"][0]["text"]["text"], one_line);  // a header is one line
  EXPECT_EQ(body["blocks"][1]["text"]["text"], hostile);
  EXPECT_EQ(body["blocks"][2]["fields"][0]["text"], "*" + hostile + "*\n" + hostile);
  EXPECT_EQ(body["blocks"][3]["elements"][0]["text"]["text"], one_line);
  EXPECT_EQ(body["blocks"][3]["elements"][0]["value"], hostile);
  EXPECT_EQ(body["blocks"][3]["elements"][0]["style"], "danger");
  EXPECT_EQ(body["blocks"][3]["elements"][0]["action_id"], hostile + "#0");
  EXPECT_EQ(body["blocks"][4]["elements"][0]["text"], hostile);
  EXPECT_TRUE(body["text"].get<std::string>().starts_with(one_line));
}

// How Slack shows `c` as plain text in mrkdwn: a date it cannot format shows its fallback.
std::string shown_plain(char c) {
  return std::string("<!date^00000000^{_}|") + c + ">";
}

// The texts people typed enter through core::literal (SPEC §12: shown as typed).
TEST(slack_blocks, a_typed_reason_shows_as_typed_and_the_bots_bold_stays_bold) {
  core::message m = text_message("*Reason:* " + core::literal("*payslips* are _late_"));
  m.fields = {{"Reason", core::literal("*payslips*")}};
  m.context = "Said by " + core::literal("~bob~");
  const json body = only_body(m);
  const std::string star = shown_plain('*');
  EXPECT_EQ(body["blocks"][0]["text"]["text"],
            "*Reason:* " + star + "payslips" + star + " are " + shown_plain('_') + "late" + shown_plain('_'));
  EXPECT_EQ(body["blocks"][1]["fields"][0]["text"], "*Reason*\n" + star + "payslips" + star);
  EXPECT_EQ(body["blocks"][2]["elements"][0]["text"],
            "Said by " + shown_plain('~') + "bob" + shown_plain('~'));
  // The notification shows plain text: the escapes give their characters.
  EXPECT_EQ(body["text"], "*Reason:* *payslips* are _late_\nReason: *payslips*\nSaid by ~bob~");
}

TEST(slack_blocks, escapes_inside_code_give_their_characters) {
  const json body = only_body(text_message("Run `" + core::literal("rm *_tmp_*") + "`"));
  EXPECT_EQ(body["blocks"][0]["text"]["text"], "Run `rm *_tmp_*`");
}

TEST(slack_blocks, header_and_button_labels_are_plain_text_without_escapes) {
  core::message m;
  m.header = "About " + core::literal("*vpn_eu*");
  m.buttons = {{core::literal("*vpn_eu*"), "csi.pick", "vpn_eu", core::button_style::normal}};
  const json b = only_body(m)["blocks"];
  EXPECT_EQ(b[0]["text"]["type"], "plain_text");
  EXPECT_EQ(b[0]["text"]["text"], "About *vpn_eu*");
  EXPECT_EQ(b[1]["elements"][0]["text"]["text"], "*vpn_eu*");
}

TEST(slack_blocks, table_columns_stay_aligned_with_escaped_cells) {
  core::message m;
  m.table = core::table{{"service", "n"}, {{core::literal("*vpn*"), "3"}, {core::literal("a_b"), "4"}}};
  EXPECT_EQ(only_body(m)["blocks"][0]["text"]["text"], "```\nservice  n\n*vpn*    3\na_b      4\n```");
}

TEST(slack_blocks, text_full_of_escapes_splits_within_the_limit_as_emitted) {
  std::string typed;
  for (int i = 0; i < 400; ++i)
    typed += (i == 0 ? "" : " ") + std::string("*w") + std::to_string(i) + "*";
  const auto sections = section_texts(render_json(text_message(core::literal(typed))));
  ASSERT_GE(sections.size(), 6U);  // about 18,500 characters: each '*' is a 22-character fallback
  std::vector<std::string> shown;
  for (const auto& s : sections) {
    EXPECT_LE(slack_length(s), max_section_chars);
    EXPECT_EQ(s.substr(0, 20), "<!date^00000000^{_}|") << "each section starts with a whole fallback";
    EXPECT_EQ(s.back(), '>') << "and ends with one";
    shown.push_back(shown_text(s));
  }
  EXPECT_EQ(join(shown, " "), typed);
}

TEST(slack_json_text, members_are_written_ready_to_precede_others) {
  std::string members;
  add_text_member(members, "channel", "C\"1");
  add_flag_member(members, "replace_original", false);
  EXPECT_EQ(members, R"("channel":"C\"1","replace_original":false,)");
}

TEST(slack_blocks, base_action_id_strips_exactly_one_numeric_suffix) {
  EXPECT_EQ(base_action_id("csi.rate#3"), "csi.rate");
  EXPECT_EQ(base_action_id("x#3#12"), "x#3");
  EXPECT_EQ(base_action_id("rate_4"), "rate_4");
  EXPECT_EQ(base_action_id("a#b"), "a#b");
  EXPECT_EQ(base_action_id("a#"), "a#");
  EXPECT_EQ(base_action_id(unique_action_id("x#3", 7)), "x#3");
  EXPECT_EQ(unique_action_id("csi.rate", 12), "csi.rate#12");
}

TEST(slack_blocks, slack_prefix_counts_as_slack_does) {
  EXPECT_EQ(slack_prefix("abc", 2), "ab");
  EXPECT_EQ(slack_prefix("abc", 5), "abc");
  EXPECT_EQ(slack_prefix("a\xF0\x9F\x98\x80", 2), "a") << "the emoji counts 2";
  EXPECT_EQ(slack_prefix("a\xF0\x9F\x98\x80", 3), "a\xF0\x9F\x98\x80");
  EXPECT_EQ(slack_prefix("\xC3\xA9\xC3\xA9", 1), "\xC3\xA9");
  EXPECT_EQ(slack_prefix("", 3), "");
}

TEST(slack_blocks, response_bodies_say_who_sees_them) {
  core::message m = text_message("Thanks, you rated 4/5");
  const auto replace = responses(m, response_kind::replace_original);
  ASSERT_EQ(replace.size(), 1U);
  EXPECT_EQ(replace[0]["replace_original"], true);
  EXPECT_FALSE(replace[0].contains("response_type"));
  EXPECT_EQ(responses(m, response_kind::in_channel)[0]["response_type"], "in_channel");
  EXPECT_EQ(responses(m, response_kind::ephemeral)[0]["response_type"], "ephemeral");

  m.text = std::string(200'000, 'y');  // 67 sections: two bodies
  const auto long_replace = responses(m, response_kind::replace_original);
  ASSERT_EQ(long_replace.size(), 2U);
  EXPECT_EQ(long_replace[1]["replace_original"], false);
  EXPECT_EQ(long_replace[1]["response_type"], "ephemeral");

  const auto cleared = responses(core::message{}, response_kind::replace_original);
  ASSERT_EQ(cleared.size(), 1U);
  EXPECT_EQ(cleared[0]["blocks"], json::array());
  EXPECT_EQ(cleared[0]["text"], "");
  EXPECT_EQ(cleared[0]["replace_original"], true);
  EXPECT_TRUE(render_response(core::message{}, response_kind::ephemeral).empty());
}

TEST(slack_blocks, outbound_deliveries_map_to_web_api_calls) {
  using core::delivery;
  const core::message body = text_message("hi");
  struct parsed_call {
    std::string method;
    std::string channel;
    json body;
  };
  const auto one = [&](core::outbound out) {
    auto calls = render_outbound(out);
    EXPECT_EQ(calls.size(), 1U);
    if (calls.empty()) return parsed_call{};
    parsed_call c{calls[0].method, calls[0].channel, json::parse(calls[0].body)};
    EXPECT_EQ(c.channel, c.body["channel"]);  // what pacing keys on is where the body goes
    return c;
  };
  auto c = one({delivery::channel, "slack", "C0001", "U0001", {}, body});
  EXPECT_EQ(c.method, "chat.postMessage");
  EXPECT_EQ(c.body["channel"], "C0001");
  EXPECT_EQ(c.body["text"], "hi");
  c = one({delivery::ephemeral, "slack", "C0001", "U0001", {}, body});
  EXPECT_EQ(c.method, "chat.postEphemeral");
  EXPECT_EQ(c.body["user"], "U0001");
  c = one({delivery::ephemeral, "slack", "", "U0001", {}, body});
  EXPECT_EQ(c.method, "chat.postMessage");
  EXPECT_EQ(c.body["channel"], "U0001");
  c = one({delivery::direct, "slack", "D0001", "U0001", {}, body});
  EXPECT_EQ(c.body["channel"], "D0001");
  c = one({delivery::direct, "slack", "", "U0001", {}, body});
  EXPECT_EQ(c.body["channel"], "U0001");
  c = one({delivery::update, "slack", "D0001", "U0001", "1700000000.000100", body});
  EXPECT_EQ(c.method, "chat.update");
  EXPECT_EQ(c.body["ts"], "1700000000.000100");
  EXPECT_EQ(c.body["channel"], "D0001");
  EXPECT_TRUE(c.body.contains("blocks"));

  const auto long_update = render_outbound(
      {delivery::update, "slack", "D0001", "U0001", "1.2", text_message(std::string(200'000, 'y'))});
  ASSERT_EQ(long_update.size(), 2U);
  EXPECT_EQ(long_update[1].method, "chat.postMessage");
  EXPECT_EQ(json::parse(long_update[1].body)["channel"], "D0001");
  EXPECT_EQ(long_update[1].channel, "D0001");
}

}  // namespace
}  // namespace csibot::platform::slack
