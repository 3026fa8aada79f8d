// /csi stats (SPEC §5, §8, §12): periods, figures with intervals, min_group for anonymous services.
#include "core/text.hpp"
#include "dispatch_fixture.hpp"

namespace csibot::commands {
namespace {

class stats : public test::dispatch_test {
 protected:
  /// Stores one complete answer as the conversation would, `age` before now.
  void seed(const std::string& service, int rating, core::timestamp at,
            const std::string& user = "local:alice") {
    const auto svc = storage::service_repository{*db}.find(service);
    ASSERT_TRUE(svc) << service;
    core::feedback f;
    f.service = service;
    f.platform = "local";
    f.user = user;
    f.rating = rating;
    f.scale = svc->scale;
    f.status = core::feedback_status::complete;
    f.created_at = f.updated_at = at;
    storage::feedback_repository{*db}.insert(f, svc->anonymity);
  }
  core::timestamp days_ago(int d) const { return now - std::chrono::days{d}; }

  core::message ask(std::string_view text) {
    const auto out = send(command("bob", text));
    EXPECT_EQ(out.size(), 1u);
    EXPECT_EQ(out.at(0).kind, core::delivery::ephemeral);
    return out.at(0).body;
  }
  static std::string field(const core::message& m, std::string_view label) {
    for (const auto& f : m.fields) {
      if (f.label == label) return f.value;
    }
    return "(no field " + std::string{label} + ")";
  }
};

TEST_F(stats, one_service_shows_the_change_the_weeks_the_response_rate_and_the_impact) {
  for (int i = 0; i < 12; ++i) {
    seed("vpn", 1, days_ago(20 + i % 5));  // the previous 14 days: unhappy
    seed("vpn", 5, days_ago(1 + i % 10));  // these 14 days: happy
  }
  auto m = ask("stats vpn 14d");
  EXPECT_EQ(field(m, "Responses"), "12");
  EXPECT_TRUE(field(m, "Change against the previous period").starts_with("↑ better (+100"))
      << field(m, "Change against the previous period");
  EXPECT_EQ(field(m, "Weekly"), "██");  // two weeks, both at the top
  EXPECT_EQ(field(m, "Response rate"), "n/a (no prompts sent)");
  EXPECT_EQ(field(m, "How it affects their work"), "Nobody has said yet.");

  send(command("carol", "feedback vpn 4 fine"));
  send(dm("carol", "minor"));
  m = ask("stats vpn 14d");
  EXPECT_EQ(field(m, "How it affects their work"),
            "blocks me 0 %, slows me down 0 %, minor 100 %, no impact 0 % (of 1 answers that say)");
  EXPECT_EQ(field(m, "Change against the previous period").find("within noise"), std::string::npos);
}

TEST_F(stats, one_identified_service_shows_every_figure_however_few_answers) {
  seed("vpn", 5, days_ago(1));
  seed("vpn", 2, days_ago(2));
  const auto m = ask("stats vpn 7d");
  EXPECT_EQ(m.header, "Remote access VPN: feedback figures, 7d");
  EXPECT_EQ(field(m, "Responses"), "2");
  EXPECT_EQ(field(m, "CSAT"), "50 %");
  EXPECT_EQ(field(m, "95 % interval"), "9–91 %");  // Wilson(1 of 2) = [9.45 %, 90.55 %]
  EXPECT_EQ(field(m, "Mean rating"), "3.5");
  EXPECT_TRUE(m.context.starts_with("2026-11-23")) << m.context;  // 7 days back from now
  EXPECT_NE(m.context.find(" to 2026-11-30"), std::string::npos) << m.context;
}

TEST_F(stats, the_mean_takes_the_decimal_comma_in_german) {
  seed("vpn", 5, days_ago(1));
  seed("vpn", 2, days_ago(2));
  auto in = command("bob", "stats vpn 7d");
  in.locale = "de-DE";
  const auto out = send(in);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(field(out[0].body, "Mittlere Bewertung"), "3,5");
}

TEST_F(stats, anonymous_service_below_min_group_shows_too_few_answers) {
  for (int i = 0; i < 4; ++i)
    seed("hr-portal", 1 + i, days_ago(1), "local:u" + std::to_string(i));
  const auto m = ask("stats hr-portal");
  EXPECT_EQ(m.text, "too few answers");
  EXPECT_TRUE(m.fields.empty());
  EXPECT_NE(m.context.find("fewer than 5 answers are hidden"), std::string::npos) << m.context;
}

TEST_F(stats, anonymous_service_at_min_group_shows_figures) {
  for (int i = 0; i < 5; ++i)
    seed("hr-portal", 4, days_ago(1), "local:u" + std::to_string(i));
  const auto m = ask("stats hr-portal");
  EXPECT_EQ(field(m, "Responses"), "5");
  EXPECT_EQ(field(m, "CSAT"), "100 %");
}

// SPEC §12: five answers at 80 % in one week and a lone one in the next, with n = 6 and the period's
// score beside them, would tell what the lone person said if only their week were blanked.
TEST_F(stats, anonymous_service_shows_its_weeks_only_when_every_week_has_min_group_answers) {
  for (int i = 0; i < 5; ++i)
    seed("hr-portal", i == 0 ? 1 : 5, days_ago(10), "local:u" + std::to_string(i));
  seed("hr-portal", 1, days_ago(2), "local:lone");
  auto m = ask("stats hr-portal 14d");
  EXPECT_EQ(field(m, "Responses"), "6");
  EXPECT_EQ(field(m, "Weekly"), "too few answers per week");
  for (int i = 0; i < 4; ++i)
    seed("hr-portal", 5, days_ago(2), "local:v" + std::to_string(i));
  m = ask("stats hr-portal 14d");
  EXPECT_EQ(field(m, "Weekly"), "▇▇");  // 80 % in each week, five answers each
}

// The current quarter ends in January: its weeks end now, so yesterday is the newest week drawn.
TEST_F(stats, the_current_quarter_draws_its_weeks_up_to_now) {
  seed("vpn", 5, days_ago(1));
  const auto weekly = field(ask("stats vpn 2026-Q4"), "Weekly");
  EXPECT_EQ(core::utf8_length(weekly), 9u) << weekly;  // 1 October to 30 November: nine weeks
  EXPECT_TRUE(weekly.ends_with("█")) << weekly;
}

TEST_F(stats, pseudonymous_service_below_min_group_is_hidden_too) {
  seed("service-desk", 7, days_ago(1));
  seed("service-desk", 6, days_ago(1), "local:bob");
  EXPECT_EQ(ask("stats service-desk").text, "too few answers");
}

TEST_F(stats, min_group_follows_the_setting) {
  settings.bot.min_group = 2;
  seed("hr-portal", 4, days_ago(1), "local:u1");
  seed("hr-portal", 2, days_ago(1), "local:u2");
  EXPECT_EQ(field(ask("stats hr-portal"), "Responses"), "2");
}

TEST_F(stats, catalog_table_hides_small_anonymous_groups_but_shows_identified) {
  seed("vpn", 4, days_ago(1));
  seed("hr-portal", 4, days_ago(1));
  const auto m = ask("stats");
  EXPECT_EQ(m.header, "Feedback figures, 30d");
  ASSERT_TRUE(m.table);
  ASSERT_EQ(m.table->rows.size(), settings.services.size());
  const auto row = [&](std::string_view id) {
    for (const auto& r : m.table->rows) {
      if (r.at(0) == id) return r;
    }
    return std::vector<std::string>{};
  };
  EXPECT_EQ(row("vpn"), (std::vector<std::string>{"vpn", "1", "CSAT 100 %", "21–100 %", "4.0"}));
  EXPECT_EQ(row("hr-portal").at(1), "too few answers");
  EXPECT_EQ(row("hr-portal").at(2), "–");
  EXPECT_EQ(row("email").at(1), "0");
  EXPECT_NE(m.context.find("fewer than 5 answers are hidden"), std::string::npos);
}

TEST_F(stats, no_answers_in_the_period_says_so) {
  seed("vpn", 4, days_ago(40));
  EXPECT_EQ(ask("stats vpn").text, "No answers in this period.");
}

TEST_F(stats, default_period_is_30_days_and_7d_is_narrower) {
  seed("vpn", 5, days_ago(1));
  seed("vpn", 1, days_ago(10));
  seed("vpn", 1, days_ago(31));
  EXPECT_EQ(field(ask("stats vpn"), "Responses"), "2");
  EXPECT_EQ(field(ask("stats vpn 7d"), "Responses"), "1");
  EXPECT_EQ(field(ask("stats vpn all"), "Responses"), "3");
  EXPECT_EQ(field(ask("stats vpn since:2026-10-01"), "Responses"), "3");
}

TEST_F(stats, period_and_service_come_in_either_order) {
  seed("vpn", 2, csibot::test::utc(2026, 8, 15));
  seed("vpn", 5, csibot::test::utc(2026, 10, 15));
  const auto m = ask("stats 2026-Q3 vpn");
  EXPECT_EQ(m.header, "Remote access VPN: feedback figures, 2026-Q3");
  EXPECT_EQ(field(m, "Responses"), "1");
  EXPECT_EQ(field(m, "CSAT"), "0 %");
  EXPECT_EQ(field(ask("stats vpn 2026-10"), "Responses"), "1");
  EXPECT_EQ(field(ask("stats vpn 2026"), "Responses"), "2");
}

// 1 July 2026, 01:00 in Berlin is still 30 June in UTC: in a Berlin team's Q3, not in UTC's.
TEST_F(stats, calendar_periods_follow_the_bots_time_zone) {
  seed("vpn", 4, csibot::test::utc(2026, 6, 30, 23));
  settings.bot.timezone = "UTC";
  EXPECT_EQ(ask("stats vpn 2026-Q3").text, "No answers in this period.");
  settings.bot.timezone = "Europe/Berlin";
  const auto m = ask("stats vpn 2026-Q3");
  EXPECT_EQ(field(m, "Responses"), "1");
  EXPECT_NE(m.context.find("2026-07-01T00:00:00+02:00 to 2026-10-01T00:00:00+02:00"), std::string::npos)
      << m.context;
  EXPECT_EQ(field(ask("stats vpn since:2026-07-01"), "Responses"), "1");
  EXPECT_EQ(ask("stats vpn 2026-06").text, "No answers in this period.") << "June ended at 22:00 UTC";
}

// "all" starts before any record, not on a date anyone chose: the footnote must not show 1970.
TEST_F(stats, all_names_no_start_date) {
  seed("vpn", 4, days_ago(3));
  const auto m = ask("stats vpn all");
  EXPECT_EQ(m.context.find("1970"), std::string::npos) << m.context;
  EXPECT_EQ(m.context.rfind("All answers up to ", 0), 0u) << m.context;
  EXPECT_EQ(ask("stats vpn 7d").context.find("All answers"), std::string::npos);
}

TEST_F(stats, nps_service_shows_signed_points) {
  seed("ci-cd", 9, days_ago(1));
  seed("ci-cd", 10, days_ago(1));
  seed("ci-cd", 3, days_ago(1));
  const auto m = ask("stats ci-cd");
  EXPECT_EQ(field(m, "NPS"), "+33");
  // Adjusted Wald: (2.75 − 1.75) / 6 = 0.167 ± 1.96 · sqrt((0.75 − 0.028) / 6) → −51.3…+84.7.
  EXPECT_EQ(field(m, "95 % interval"), "-51…+85");
}

TEST_F(stats, unreadable_period_gets_the_period_hint) {
  for (const char* bad :
       {"stats vpn 2026-13", "stats vpn since:2099-01-01", "stats vpn 0d", "stats 7x vpn"}) {
    const auto m = ask(bad);
    EXPECT_TRUE(m.text.starts_with("I can't read the period")) << bad << ": " << m.text;
  }
}

TEST_F(stats, unknown_service_suggests_the_closest) {
  EXPECT_EQ(ask("stats vpm 7d").text, "No service is called *vpm*. Did you mean *vpn* (Remote access VPN)?");
  EXPECT_EQ(ask("stats nosuchthing").text, "No service is called *nosuchthing*.");
}

TEST_F(stats, too_many_arguments_show_the_usage) {
  EXPECT_EQ(ask("stats vpn 7d extra").text, "That is more than `/csi stats [service] [period]` takes.");
}

TEST_F(stats, service_view_hides_small_anonymous_groups_too) {
  seed("hr-portal", 5, days_ago(1));
  seed("vpn", 5, days_ago(1));
  const auto hidden = ask("service hr-portal");
  EXPECT_EQ(field(hidden, "Where we are now (30d)"), "too few answers");
  EXPECT_EQ(field(hidden, "Where we want to be"), "CSAT ≥ 80 %");
  const auto shown = ask("service vpn");
  EXPECT_EQ(field(shown, "Where we are now (30d)"), "CSAT 100 % (21–100 %), n = 1");
  EXPECT_EQ(field(shown, "Where we want to be"), "CSAT ≥ 85 % — met");
}

// 11 of 13 happy is 84.6 % beside vpn's target of 85: every view says 84, as the digest does ("not
// met"), never 85.
TEST_F(stats, a_score_just_below_its_target_reads_below_it_in_every_view) {
  for (int i = 0; i < 11; ++i)
    seed("vpn", 5, days_ago(1 + i % 5));
  seed("vpn", 1, days_ago(2));
  seed("vpn", 1, days_ago(3));
  EXPECT_EQ(field(ask("stats vpn"), "CSAT"), "84 %");
  const auto table = ask("stats");
  ASSERT_TRUE(table.table);
  bool found = false;
  for (const auto& row : table.table->rows) {
    if (row.at(0) != "vpn") continue;
    found = true;
    EXPECT_EQ(row.at(2), "CSAT 84 %");
  }
  EXPECT_TRUE(found);
  const auto view = ask("service vpn");
  EXPECT_EQ(field(view, "Where we are now (30d)").rfind("CSAT 84 %", 0), 0u)
      << field(view, "Where we are now (30d)");
  EXPECT_EQ(field(view, "Where we want to be"), "CSAT ≥ 85 % — not met yet");
}

// The target reads as in the digest: NPS with its sign, shares with their unit.
TEST_F(stats, service_view_writes_targets_as_the_digest_does) {
  EXPECT_EQ(field(ask("service ci-cd"), "Where we want to be"), "NPS ≥ +30");
  EXPECT_EQ(field(ask("service service-desk"), "Where we want to be"), "CES ≥ 80 %");
}

}  // namespace
}  // namespace csibot::commands
