#include "insights/digest.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "builders.hpp"
#include "core/markup_check.hpp"

namespace csibot::insights {
namespace {

using core::impact;
using test::feed;
using test::make_service;
using test::period_30d;
using test::period_end;

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

// VPN (critical, target 80 %): 60 answers now, 45 happy (75 %); before 30 of 60 → better (+25).
// Wiki (low): 12 now and 12 before, both half happy → within noise. Fax: 8 neutral answers, 6 of 8
// "no impact" → retire candidate (catalog median n of the shown services 8, 12, 60 = 12; HR's hidden
// 3 is left out). HR: anonymous with 3 answers → too few answers. Priorities: VPN 5 × 0.25 × 0.5 × ln 61
// = 2.57; wiki 1 × 0.5 × 1 × ln 13 = 1.28; fax has nobody unhappy.
struct digest_fixture : ::testing::Test {
  text_rules rules;
  catalog_insight data;

  void SetUp() override {
    std::vector<service_input> inputs;
    auto vpn_svc = make_service("vpn", core::criticality::critical);
    vpn_svc.target = 80;
    service_accumulator vpn(vpn_svc, period_30d, rules);
    feed(vpn, 5, 45, impact::none, "works well");
    feed(vpn, 1, 15, impact::slows, "drops every hour | *annoying*");
    vpn.add_previous(5, 30);
    vpn.add_previous(1, 30);
    inputs.push_back(std::move(vpn).finish());
    service_accumulator wiki(make_service("wiki", core::criticality::low), period_30d, rules);
    feed(wiki, 5, 6, impact::minor);
    feed(wiki, 2, 6, impact::minor, "search <b>finds</b> nothing [see](http://x.example) ~~");
    wiki.add_previous(5, 6);
    wiki.add_previous(2, 6);
    inputs.push_back(std::move(wiki).finish());
    service_accumulator fax(make_service("fax", core::criticality::low), period_30d, rules);
    feed(fax, 3, 6, impact::none);
    feed(fax, 3, 2, impact::minor);
    inputs.push_back(std::move(fax).finish());
    service_accumulator hr(make_service("hr", core::criticality::high, core::anonymity::anonymous),
                           period_30d, rules);
    feed(hr, 1, 3, impact::blocks, "my manager ignores me");
    inputs.push_back(std::move(hr).finish());
    data = analyse(inputs, {});
  }

  digest make() { return compose_digest(data, {.language = "en", .period = period_30d}); }
};

TEST_F(digest_fixture, table_shows_score_change_sparkline_n_and_target) {
  const auto d = make();
  EXPECT_EQ(d.header, "CSI digest, 30d");
  EXPECT_EQ(d.table.columns,
            (std::vector<std::string>{"service", "score", "change", "weekly", "n", "target"}));
  ASSERT_EQ(d.table.rows.size(), 4u);
  const auto& vpn = d.table.rows[0];
  EXPECT_EQ(vpn[0], "Remote access VPN");
  EXPECT_EQ(vpn[1], "CSAT 75 %");
  EXPECT_EQ(vpn[2], "↑ better (+25)");
  EXPECT_EQ(vpn[3], "····▇");  // all answers in the last week
  EXPECT_EQ(vpn[4], "60");
  EXPECT_EQ(vpn[5], "not met (≥ 80)");
  EXPECT_EQ(d.table.rows[1][2], "within noise");
  EXPECT_EQ(d.table.rows[2][2], "no answers before to compare");  // 8 answers, nothing before
  EXPECT_EQ(d.table.rows[3], (std::vector<std::string>{"hr", "too few answers", "", "", "", ""}));
}

TEST_F(digest_fixture, too_few_to_tell_is_said_when_the_period_before_had_a_few_answers) {
  service_accumulator wiki(make_service("wiki", core::criticality::low), period_30d, rules);
  feed(wiki, 5, 20, impact::minor);
  wiki.add_previous(5, 3);
  std::vector<service_input> inputs;
  inputs.push_back(std::move(wiki).finish());
  const auto d = compose_digest(analyse(inputs, {}), {.language = "en", .period = period_30d});
  ASSERT_EQ(d.table.rows.size(), 1u);
  EXPECT_EQ(d.table.rows[0][2], "too few answers to tell");  // 20 now, 3 before
}

TEST_F(digest_fixture, priorities_explain_themselves_and_themes_carry_a_quote) {
  const auto d = make();
  ASSERT_GE(d.sections.size(), 3u);
  EXPECT_EQ(d.sections[0].key, "priorities");
  EXPECT_TRUE(d.sections[0].numbered);
  ASSERT_EQ(d.sections[0].lines.size(), 2u);  // fax has no unhappy answers; hr is hidden
  EXPECT_EQ(
      d.sections[0].lines[0],
      "*Remote access VPN* — business-critical, 25 % unhappy; of the answers that state an impact, 25 % "
      "say it blocks or slows them");
  EXPECT_EQ(
      d.sections[0].lines[1],
      "*wiki* — low criticality, 50 % unhappy; of the answers that state an impact, 0 % say it blocks or "
      "slows them");
  // The share hurt is of the answers that state an impact, not of all: German says so too.
  EXPECT_EQ(
      explain_priority(data.services[0], "de"),
      "geschäftskritisch, 25 % unzufrieden; von den Antworten, die eine Auswirkung angeben, sagen 25 %, "
      "es blockiert oder bremst sie");
  EXPECT_EQ(d.sections[1].key, "themes");
  EXPECT_TRUE(contains(d.sections[1].lines[0], "*Remote access VPN*: _"));
  EXPECT_TRUE(contains(d.sections[1].lines[0], "“drops every hour | \\*annoying\\*”"));
  for (const auto& sec : d.sections)
    for (const auto& line : sec.lines)
      EXPECT_FALSE(contains(line, "manager")) << line;  // hidden service
  EXPECT_EQ(d.sections[2].key, "retire");
  EXPECT_EQ(d.sections[2].lines[0],
            "*fax* — 75 % of the answers that state an impact say _no impact_, and it had 8 answers (catalog "
            "median 12)");
}

TEST_F(digest_fixture, leaves_out_what_is_not_known) {
  const auto d = make();
  for (const auto& sec : d.sections) {
    EXPECT_NE(sec.key, "response_rate");  // no prompts counted yet
    EXPECT_NE(sec.key, "improvements");   // no improvement moved
  }
  EXPECT_TRUE(contains(d.context, "|z| ≥ 1.96"));
  EXPECT_TRUE(contains(d.context, "Figures based on fewer than 5 answers are hidden"));
}

TEST_F(digest_fixture, response_rate_appears_when_prompts_were_counted) {
  data.services[0].responses = response_counts{.sent = 200, .answered = 60};
  data.services[0].response_rate = 30.0;
  const auto d = make();
  ASSERT_EQ(d.sections.back().key, "response_rate");
  EXPECT_EQ(d.sections.back().lines[0], "*Remote access VPN*: 30 % (60 of 200 prompts answered)");
}

TEST_F(digest_fixture, message_holds_table_sections_and_context) {
  const auto m = to_message(make());
  EXPECT_EQ(m.header, "CSI digest, 30d");
  ASSERT_TRUE(m.table);
  EXPECT_EQ(m.table->rows.size(), 4u);
  EXPECT_TRUE(m.text.starts_with("*Where improvement buys the most*\n1. *Remote access VPN* — "));
  EXPECT_TRUE(contains(m.text, "\n2. *wiki* — "));
  EXPECT_TRUE(contains(m.text, "\n\n*Candidates to retire*\n*fax* — "));
  EXPECT_FALSE(m.context.empty());
}

TEST_F(digest_fixture, markdown_has_a_table_sections_and_escapes) {
  const auto md = to_markdown(make());
  EXPECT_TRUE(
      md.starts_with("# CSI digest, 30d\n\n| service | score | change | weekly | n | target |\n"
                     "| --- | --- | --- | --- | --- | --- |\n"
                     "| Remote access VPN | CSAT 75 % | ↑ better (+25) | ····▇ | 60 | not met (≥ 80) |\n"));
  EXPECT_TRUE(
      contains(md, "## Where improvement buys the most\n\n1. **Remote access VPN** — business-critical"));
  EXPECT_TRUE(contains(md, "## Candidates to retire\n\n- **fax** — "));
  // What people typed renders as typed: no raw HTML, no link, no strike-through.
  EXPECT_TRUE(contains(md, R"(search \<b>finds\</b> nothing \[see\](http://x.example) \~\~)")) << md;
  EXPECT_TRUE(contains(md, "\n*Figures based on fewer than 5 answers")) << md;
}

TEST_F(digest_fixture, json_carries_the_figures_and_withholds_hidden_services) {
  const auto j = nlohmann::json::parse(to_json(make()));
  EXPECT_EQ(j["period"]["label"], "30d");
  ASSERT_EQ(j["services"].size(), 4u);
  const auto& vpn = j["services"][0];
  EXPECT_EQ(vpn["id"], "vpn");
  EXPECT_EQ(vpn["n"], 60);
  EXPECT_DOUBLE_EQ(vpn["score"].get<double>(), 75.0);
  EXPECT_EQ(vpn["change"]["verdict"], "better");
  EXPECT_EQ(vpn["impacts"]["slows"], 15);
  EXPECT_EQ(vpn["response_rate"], nullptr);
  EXPECT_EQ(vpn["target_met"], false);
  EXPECT_EQ(j["priorities"], (nlohmann::json{"vpn", "wiki"}));
  EXPECT_EQ(j["retire"], (nlohmann::json{"fax"}));
  const auto& hr = j["services"][3];
  EXPECT_EQ(hr["hidden"], true);
  EXPECT_FALSE(hr.contains("n"));
  EXPECT_FALSE(hr.contains("themes"));
  EXPECT_EQ(j["sections"][0]["key"], "priorities");
}

// The register's moves (SPEC §6, §7): VPN #3 was approved and then done in the period, #4 (no business
// function, no feedback) was proposed, and #5 was found to work.
struct digest_improvements : digest_fixture {
  std::vector<improvement_move> moves;

  improvement_move move(std::int64_t id, std::string title, core::improvement_state state, int days_ago) {
    improvement_move m;
    m.service = data.services[0].service;
    m.item.id = id;
    m.item.service = m.service.id;
    m.item.title = std::move(title);
    m.item.state = state;
    m.item.business_function = "field sales";
    m.item.baseline = {50, 20, 40, period_30d.from - std::chrono::days{30}, period_30d.from};
    m.change = {id, period_end - std::chrono::days{days_ago}, "local:alice", state, false};
    return m;
  }

  void SetUp() override {
    digest_fixture::SetUp();
    moves.push_back(move(3, "Split tunnel for Teams", core::improvement_state::approved, 20));
    auto done = move(3, "Split tunnel for Teams", core::improvement_state::done, 5);
    done.item.done_at = done.change.at;
    moves.push_back(done);
    auto process = move(4, "Review the change process", core::improvement_state::proposed, 3);
    process.item.business_function.reset();
    moves.push_back(process);
    auto verified = move(5, "Faster MFA prompt", core::improvement_state::verified, 1);
    verified.item.done_at = period_end - std::chrono::days{40};
    verified.item.verification = core::verification::verified;
    verified.item.after =
        core::measurement{85, 34, 40, period_end - std::chrono::days{40}, period_end - std::chrono::days{10}};
    moves.push_back(verified);
  }
  digest make_with_moves() { return compose_digest(data, moves, {.language = "en", .period = period_30d}); }
  static const digest_section* section(const digest& d, std::string_view key) {
    for (const auto& sec : d.sections)
      if (sec.key == key) return &sec;
    return nullptr;
  }
};

TEST_F(digest_improvements, each_improvement_shows_once_where_it_stands_and_verified_ones_with_figures) {
  const auto d = make_with_moves();
  const auto* sec = section(d, "improvements");
  ASSERT_NE(sec, nullptr);
  EXPECT_EQ(sec->title, "Improvements moved / verified");
  ASSERT_EQ(sec->lines.size(), 3u) << "#3 moved twice: only where it ended counts";
  EXPECT_EQ(sec->lines[0],
            "*Remote access VPN* #3 “Split tunnel for Teams”: done, verification due 2027-02-09");
  EXPECT_EQ(sec->lines[1], "*Remote access VPN* #4 “Review the change process”: proposed — _process-only_");
  EXPECT_EQ(sec->lines[2],
            "*Remote access VPN* #5 “Faster MFA prompt”: verified: CSAT 50 % → CSAT 85 % (n 40 → 40)");
  EXPECT_TRUE(contains(d.context, "_Process-only_: an improvement tied to no business function"));
}

TEST_F(digest_improvements, no_measurable_effect_is_said_plainly) {
  auto m = move(6, "New VPN client", core::improvement_state::done, 2);
  m.change.no_effect = true;
  m.item.done_at = period_end - std::chrono::days{35};
  m.item.verification = core::verification::no_effect;
  m.item.after = core::measurement{55, 22, 40, *m.item.done_at, *m.item.done_at + std::chrono::days{30}};
  const auto d = compose_digest(data, {m}, {.language = "en", .period = period_30d});
  const auto* sec = section(d, "improvements");
  ASSERT_NE(sec, nullptr);
  EXPECT_EQ(sec->lines.at(0),
            "*Remote access VPN* #6 “New VPN client”: done, no measurable effect: CSAT 50 % → CSAT 55 % (n "
            "40 → 40)");
  EXPECT_FALSE(contains(d.context, "Process-only")) << "none of them is";
}

TEST_F(digest_improvements, the_section_follows_the_themes_and_renders_in_markdown_and_german) {
  const auto d = make_with_moves();
  ASSERT_GE(d.sections.size(), 4u);
  EXPECT_EQ(d.sections[1].key, "themes");
  EXPECT_EQ(d.sections[2].key, "improvements");
  const auto md = to_markdown(d);
  EXPECT_TRUE(contains(md, "## Improvements moved / verified\n\n- **Remote access VPN** #3 ")) << md;
  EXPECT_TRUE(contains(md, "— _process-only_\n")) << md;
  // The small print's own italic term nests in the line's emphasis instead of breaking it.
  EXPECT_TRUE(contains(md,
                       "\n*_Process-only_: an improvement tied to no business function and no customer "
                       "feedback.*\n"))
      << md;
  EXPECT_FALSE(contains(md, "__Process-only")) << md;
  EXPECT_TRUE(contains(to_message(d).text, "\n\n*Improvements moved / verified*\n*Remote access VPN* #3"));
  const auto de = compose_digest(data, moves, {.language = "de", .period = period_30d});
  const auto* sec = section(de, "improvements");
  ASSERT_NE(sec, nullptr);
  EXPECT_EQ(sec->lines[1],
            "*Remote access VPN* #4 „Review the change process“: vorgeschlagen — _nur Prozess_");
}

TEST_F(digest_improvements, json_lists_the_improvements_with_their_figures) {
  const auto j = nlohmann::json::parse(to_json(make_with_moves()));
  ASSERT_EQ(j["improvements"].size(), 3u);
  const auto& process = j["improvements"][1];
  EXPECT_EQ(process["id"], 4);
  EXPECT_EQ(process["process_only"], true);
  EXPECT_EQ(process["moved_to"], "proposed");
  EXPECT_EQ(process["business_function"], nullptr);
  const auto& verified = j["improvements"][2];
  EXPECT_EQ(verified["state"], "verified");
  EXPECT_EQ(verified["verification"], "verified");
  EXPECT_EQ(verified["baseline"]["n"], 40);
  EXPECT_DOUBLE_EQ(verified["after"]["score"].get<double>(), 85.0);
  bool listed = false;
  for (const auto& sec : j["sections"])
    listed = listed || sec["key"] == "improvements";
  EXPECT_TRUE(listed);
}

TEST_F(digest_improvements, figures_of_a_hidden_service_stay_hidden) {
  auto m = move(7, "Anonymous survey", core::improvement_state::proposed, 1);
  m.service = data.services[3].service;  // hr: anonymous
  m.item.service = m.service.id;
  m.item.baseline.n = 3;
  m.item.baseline.happy = 1;
  const auto j =
      nlohmann::json::parse(to_json(compose_digest(data, {m}, {.language = "en", .period = period_30d})));
  EXPECT_EQ(j["improvements"][0]["baseline"]["hidden"], true);
  EXPECT_FALSE(j["improvements"][0]["baseline"].contains("n"));
}

// A name is no markup (SPEC §12): `SAP_HR *prod*` must open no italics at its underscore and make
// nothing bold, in any line or cell of the digest, while plain outputs show it without backslashes.
TEST_F(digest_improvements, service_names_show_as_typed_in_every_part) {
  constexpr std::string_view name = "SAP_HR *prod*";
  data.services[0].service.name = std::string{name};
  for (auto& m : moves)
    m.service.name = std::string{name};
  data.services[0].responses = response_counts{.sent = 10, .answered = 5};
  data.services[0].response_rate = 50.0;
  data.services[1].service.name = "team_wiki_v2";  // no prompts sent: named in the "n/a" list
  data.services[1].responses = response_counts{};
  const auto d = make_with_moves();
  const auto m = to_message(d);
  EXPECT_TRUE(csibot::test::shown_as_typed(m, name));
  EXPECT_TRUE(csibot::test::shown_as_typed(m, "team_wiki_v2"));
  EXPECT_FALSE(contains(csibot::test::markup_of(m), "*prod*"));
  EXPECT_EQ(m.table->rows.at(0).at(0), R"(SAP\_HR \*prod\*)");
  for (const char* key : {"priorities", "themes", "improvements", "response_rate"}) {
    const auto* sec = section(d, key);
    ASSERT_NE(sec, nullptr) << key;
    EXPECT_TRUE(csibot::test::shown_as_typed(sec->lines.at(0), name)) << key;
  }
  EXPECT_TRUE(csibot::test::shown_as_typed(section(d, "response_rate")->lines.back(), "team_wiki_v2"));

  const auto md = to_markdown(d);
  EXPECT_TRUE(contains(md, R"(| SAP\_HR \*prod\* | CSAT 75 % |)")) << md;
  EXPECT_TRUE(contains(md, R"(1. **SAP\_HR \*prod\*** — business-critical)")) << md;
  EXPECT_FALSE(contains(md, "**prod**")) << md;

  // Plain outputs (notification fallback, `csibot digest` as text) and JSON's data show it as it is.
  const auto plain = m.plain_text();
  EXPECT_TRUE(contains(plain, "SAP_HR *prod*  CSAT 75 %")) << plain;
  EXPECT_EQ(plain.find('\\'), std::string::npos) << plain;
  const auto j = nlohmann::json::parse(to_json(d));
  EXPECT_EQ(j["services"][0]["name"], name);
}

TEST(digest, an_empty_catalog_says_so) {
  const auto d = compose_digest({}, {.language = "en", .period = period_30d});
  const auto m = to_message(d);
  EXPECT_FALSE(m.table);
  EXPECT_EQ(m.text, "The catalog is empty, so there is nothing to report.");
}

}  // namespace
}  // namespace csibot::insights
