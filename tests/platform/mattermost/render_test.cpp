#include "bot/platform/mattermost/render.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "bot/platform/mattermost/action_context.hpp"
#include "core/text.hpp"

namespace csibot::platform::mattermost {
namespace {

using json = nlohmann::json;

const std::string zw{zero_width_space};

button_target target() {
  return {"https://bot.example/mattermost/actions", derive_context_key("bot-token"),
          "chan0000000000000000000000", ""};
}

std::vector<post> render_text(std::string text, std::size_t max_runes = max_post_runes) {
  core::message m;
  m.text = std::move(text);
  return render(m, target(), max_runes);
}

std::string join(const std::vector<post>& posts, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < posts.size(); ++i)
    out += (i == 0 ? "" : std::string(separator)) + posts[i].message;
  return out;
}

TEST(mattermost_render, renders_every_part_as_markdown) {
  core::message m;
  m.header = "Daily digest";
  m.text = "CSAT is *up* this week";
  m.fields = {{"CSAT", "92%"}, {"n", "14"}};
  m.table =
      core::table{{"service", "csat", "trend"}, {{"vpn", "92%", "\xE2\x96\x81\xE2\x96\x85\xE2\x96\x88"}}};
  m.context = "Session `fb-42`";
  const auto posts = render(m, target());
  ASSERT_EQ(posts.size(), 1U);
  EXPECT_EQ(posts[0].message,
            "#### Daily digest\n\nCSAT is **up** this week\n\n**CSAT:** 92%\n**n:** 14\n\n"
            "| service | csat | trend |\n| --- | --- | --- |\n| vpn | 92% | "
            "`\xE2\x96\x81\xE2\x96\x85\xE2\x96\x88` |\n\n"
            "Session `fb-42`");
  EXPECT_EQ(posts[0].attachments, json::array());
}

TEST(mattermost_render, table_cells_with_pipes_and_line_breaks_keep_the_table_intact) {
  core::message m;
  m.table = core::table{{"a|b", "c"}, {{"x\ny", "1|2", "extra"}, {"short"}}};
  const auto posts = render(m, target());
  ASSERT_EQ(posts.size(), 1U);
  EXPECT_EQ(posts[0].message,
            "| a\\|b | c |  |\n| --- | --- | --- |\n| x y | 1\\|2 | extra |\n| short |  |  |");
}

TEST(mattermost_render, a_table_without_columns_gets_an_empty_header_row) {
  core::message m;
  m.table = core::table{{}, {{"vpn", "92%"}}};
  EXPECT_EQ(render(m, target())[0].message, "|  |  |\n| --- | --- |\n| vpn | 92% |");
}

TEST(mattermost_render, mentions_are_neutralised_in_every_part) {
  core::message m;
  m.header = "@channel";
  m.text = "@here look";
  m.fields = {{"@all", "@channel"}};
  m.table = core::table{{"@here"}, {{"@all"}}};
  m.context = "<!everyone>";
  const auto posts = render(m, target());
  ASSERT_EQ(posts.size(), 1U);
  for (const std::string word : {"@channel", "@here", "@all", "<!everyone"})
    EXPECT_EQ(posts[0].message.find(word), std::string::npos) << word;
  EXPECT_NE(posts[0].message.find("@" + zw + "here look"), std::string::npos);
}

TEST(mattermost_render, control_characters_and_invalid_utf8_are_sanitized) {
  const auto posts = render_text(
      "a\x01"
      "b\xFF");
  ASSERT_EQ(posts.size(), 1U);
  EXPECT_EQ(posts[0].message, "ab\xEF\xBF\xBD");
  EXPECT_NO_THROW((void)json(posts[0].message).dump());
}

TEST(mattermost_render, an_empty_message_renders_to_no_posts) {
  EXPECT_TRUE(render(core::message{}, target()).empty());
  EXPECT_TRUE(render_text(" \n ").empty());
}

TEST(mattermost_render, long_text_splits_at_line_breaks_within_the_rune_limit) {
  // 600 lines of 60 runes, each with multi-byte characters: 36,000+ runes, more bytes than runes.
  std::string text;
  for (int i = 0; i < 600; ++i) {
    std::string line = "line " + std::to_string(i) + " \xC3\xBC\xE2\x82\xAC\xF0\x9F\x98\x80 ";
    while (core::utf8_length(line) < 60)
      line += 'x';
    text += (i == 0 ? "" : "\n") + line;
  }
  const auto posts = render_text(text);
  ASSERT_EQ(posts.size(), 3U);
  for (const auto& p : posts) {
    EXPECT_LE(rune_count(p.message), max_post_runes);
    EXPECT_GT(p.message.size(), rune_count(p.message));  // counted in runes, not bytes
    EXPECT_NE(p.message.front(), '\n');
  }
  EXPECT_GT(rune_count(posts[0].message), max_post_runes - 61);  // filled, not cut early
  EXPECT_EQ(join(posts, "\n"), text);                            // nothing lost
}

TEST(mattermost_render, a_post_fills_exactly_to_the_limit_counting_the_line_breaks) {
  const std::string line(10, 'a');
  const std::string text = line + "\n" + line + "\n" + line + "\n" + line;
  const auto exact = render_text(text, 21);  // "10\n10" is 21 runes
  ASSERT_EQ(exact.size(), 2U);
  EXPECT_EQ(exact[0].message, line + "\n" + line);
  const auto one_short = render_text(text, 20);
  ASSERT_EQ(one_short.size(), 4U);
  for (const auto& p : one_short)
    EXPECT_EQ(p.message, line);
}

TEST(mattermost_render, one_line_longer_than_a_post_is_cut_between_code_points) {
  // No spaces and 3-byte characters: the cut cannot fall at a line break or a space.
  std::string text;
  for (int i = 0; i < 20'000; ++i)
    text += i % 2 == 0 ? "\xE2\x82\xAC" : "a";
  const auto posts = render_text(text);
  ASSERT_EQ(posts.size(), 2U);
  EXPECT_EQ(rune_count(posts[0].message), max_post_runes);
  for (const auto& p : posts)
    EXPECT_EQ(core::sanitize(p.message), p.message);  // valid UTF-8 on both sides of the cut
  EXPECT_EQ(join(posts, ""), text);
}

TEST(mattermost_render, a_long_line_prefers_to_end_a_post_after_a_space) {
  std::string text;
  while (text.size() < 20'000)
    text += "word ";
  const auto posts = render_text(text);
  ASSERT_EQ(posts.size(), 2U);
  EXPECT_EQ(posts[0].message.back(), ' ');
  EXPECT_EQ(join(posts, ""), text);
}

TEST(mattermost_render, a_cut_never_separates_a_backslash_from_what_it_escapes) {
  // "[" renders as "\[": two runes per character; an odd limit would cut between them.
  const auto posts = render_text(std::string(100, '['), 31);
  ASSERT_GT(posts.size(), 1U);
  for (const auto& p : posts) {
    EXPECT_LE(rune_count(p.message), 31U);
    EXPECT_EQ(p.message.front(), '\\') << p.message;
  }
  EXPECT_EQ(join(posts, ""), to_markdown(std::string(100, '[')));
}

TEST(mattermost_render, a_table_continued_in_the_next_post_repeats_its_header) {
  core::message m;
  m.text = "Scores";
  m.table = core::table{{"service", "csat"}, {}};
  for (int i = 0; i < 40; ++i)
    m.table->rows.push_back({"service-" + std::to_string(i), std::to_string(50 + i) + "%"});
  const auto posts = render(m, target(), 200);
  ASSERT_GT(posts.size(), 3U);
  int rows = 0;
  for (std::size_t i = 0; i < posts.size(); ++i) {
    EXPECT_LE(rune_count(posts[i].message), 200U);
    if (i > 0) {
      EXPECT_TRUE(posts[i].message.starts_with("| service | csat |\n| --- | --- |\n")) << posts[i].message;
    }
    for (std::size_t pos = posts[i].message.find("| service-"); pos != std::string::npos;
         pos = posts[i].message.find("| service-", pos + 1))
      ++rows;
  }
  EXPECT_EQ(rows, 40);
  EXPECT_NE(posts.back().message.find("| service-39 | 89% |"), std::string::npos);
}

TEST(mattermost_render, buttons_become_actions_on_the_last_post_with_signed_contexts) {
  core::message m;
  m.text = std::string(20'000, 'a');
  m.buttons = {{"1", "csi.rate", "vpn:1", core::button_style::normal},
               {"5", "csi.rate", "vpn:5", core::button_style::primary},
               {"Cancel", "csi.cancel", "", core::button_style::danger}};
  button_target t = target();
  t.user = "user000000000000000000000a";
  const auto posts = render(m, t);
  ASSERT_EQ(posts.size(), 2U);
  EXPECT_EQ(posts[0].attachments, json::array());
  ASSERT_EQ(posts[1].attachments.size(), 1U);
  const json& actions = posts[1].attachments[0]["actions"];
  ASSERT_EQ(actions.size(), 3U);
  std::set<std::string> ids;
  const std::vector<std::string> styles = {"default", "primary", "danger"};
  for (std::size_t i = 0; i < actions.size(); ++i) {
    const json& a = actions[i];
    const std::string id = a["id"];
    EXPECT_TRUE(std::all_of(id.begin(), id.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c));
    })) << id;
    ids.insert(id);
    EXPECT_EQ(a["type"], "button");
    EXPECT_EQ(a["name"], m.buttons[i].label);
    EXPECT_EQ(a["style"], styles[i]);
    EXPECT_EQ(a["integration"]["url"], "https://bot.example/mattermost/actions");
    const auto v = verify_context(a["integration"]["context"], t.key, t.channel, t.user);
    ASSERT_TRUE(v.ok()) << v.reason;
    EXPECT_EQ(v.context.action_id, m.buttons[i].action_id);
    EXPECT_EQ(v.context.value, m.buttons[i].value);
    EXPECT_EQ(v.context.channel, t.channel);
    EXPECT_EQ(v.context.user, t.user);
  }
  EXPECT_EQ(ids.size(), 3U);  // unique per post, though two share an action id
}

TEST(mattermost_render, a_message_of_only_buttons_is_one_post_with_an_empty_message) {
  core::message m;
  m.buttons = {{"Go", "csi.go", "x", core::button_style::normal}};
  const auto posts = render(m, target());
  ASSERT_EQ(posts.size(), 1U);
  EXPECT_EQ(posts[0].message, "");
  EXPECT_EQ(posts[0].attachments[0]["actions"].size(), 1U);
}

TEST(mattermost_render, labels_are_one_line_and_cut_and_never_empty) {
  core::message m;
  m.buttons = {{std::string(100, 'L'), "a", "", core::button_style::normal},
               {"", "b", "vpn", core::button_style::normal},
               {" \n", "c", "", core::button_style::normal},
               {"two\nlines", "d", "", core::button_style::normal}};
  const auto posts = render(m, target());
  const json& actions = posts.at(0).attachments[0]["actions"];
  EXPECT_EQ(core::utf8_length(actions[0]["name"].get<std::string>()), max_label_chars);
  EXPECT_TRUE(actions[0]["name"].get<std::string>().ends_with("\xE2\x80\xA6"));
  EXPECT_EQ(actions[1]["name"], "vpn");
  EXPECT_EQ(actions[2]["name"], "\xE2\x80\xA6");
  EXPECT_EQ(actions[3]["name"], "two lines");
}

TEST(mattermost_render, wire_action_ids_are_letters_and_digits_and_positions_keep_them_apart) {
  EXPECT_EQ(wire_action_id("csi.rate", 0), "csiratex0");
  EXPECT_NE(wire_action_id("rate1", 0), wire_action_id("rate", 10));
  EXPECT_EQ(wire_action_id("", 3), "x3");
  EXPECT_EQ(wire_action_id(std::string(100, 'a'), 7), std::string(max_wire_id_letters, 'a') + "x7");
}

TEST(mattermost_render, actions_url_joins_without_a_doubled_slash) {
  EXPECT_EQ(actions_url("https://csibot.example.com/"), "https://csibot.example.com/mattermost/actions");
  EXPECT_EQ(actions_url("http://127.0.0.1:8080"), "http://127.0.0.1:8080/mattermost/actions");
}

}  // namespace
}  // namespace csibot::platform::mattermost
