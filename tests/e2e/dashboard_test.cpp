// The dashboard (SPEC §1, §9) on the real binary: the figures a service manager reads at /dashboard,
// served as JSON from /dashboard/digest, and the page itself in headless Chromium.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "core/feedback.hpp"
#include "e2e/bot.hpp"
#include "e2e/browser.hpp"
#include "e2e/client.hpp"
#include "storage/database.hpp"
#include "storage/improvement_repository.hpp"
#include "storage/repositories.hpp"

namespace csibot::e2e {
namespace {

core::timestamp days_ago(int days) {
  const auto now = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  return now - std::chrono::days{days};
}

// Three answers about vpn in the last days (5, 4 and 2 with a reason), and two about the anonymous
// hr-portal: too few to show without exposing the two people (min_group 5).
void seed(const bot_home& home) {
  ASSERT_TRUE(home.csibot({"migrate"}).status.ok());
  storage::database db{home / "csibot.db"};
  storage::feedback_repository repo{db};
  const auto add = [&](const std::string& service, const std::string& user, int rating, const char* reason,
                       core::anonymity a, int age_days) {
    core::feedback f;
    f.service = service;
    f.platform = "local";
    f.user = user;
    f.rating = rating;
    if (reason != nullptr) f.reason = reason;
    f.status = core::feedback_status::complete;
    f.created_at = f.updated_at = days_ago(age_days);
    repo.insert(f, a);
  };
  add("vpn", "local:ada", 5, nullptr, core::anonymity::identified, 1);
  add("vpn", "local:bo", 4, nullptr, core::anonymity::identified, 2);
  add("vpn", "local:cy", 2, "drops every hour", core::anonymity::identified, 3);
  add("hr-portal", "local:dee", 1, "payslips are late and I am the only one in payroll",
      core::anonymity::anonymous, 1);
  add("hr-portal", "local:eli", 2, nullptr, core::anonymity::anonymous, 2);

  // The register: vpn's fix under way; the hr-portal's baseline of two answers must stay hidden.
  storage::improvement_repository register_{db};
  const auto improvement = [&](const std::string& service, const std::string& title,
                               core::improvement_state state, std::int64_t happy, std::int64_t n) {
    core::improvement i;
    i.service = service;
    i.title = title;
    i.business_function = "field sales";
    i.state = state;
    i.created_by = "local:alice";
    i.created_at = i.updated_at = days_ago(1);
    i.baseline = {static_cast<double>(happy) * 100.0 / static_cast<double>(n), happy, n, days_ago(31),
                  days_ago(1)};
    register_.add(i);
  };
  improvement("vpn", "Roll back the client update", core::improvement_state::in_progress, 2, 3);
  improvement("hr-portal", "Payslips on time", core::improvement_state::proposed, 0, 2);
}

// A fresh digest right after another is refused for a moment (429, Retry-After: 1): wait as the page does.
net::http_result get_waiting(client& net, const running_bot& bot, const std::string& path) {
  auto r = net.get(bot.base_url() + path);
  for (int attempt = 0; attempt < 5 && r.ok() && r.status == 429; ++attempt) {
    EXPECT_EQ(r.headers.find("Retry-After").value_or(""), "1");
    std::this_thread::sleep_for(std::chrono::seconds{1});
    r = net.get(bot.base_url() + path);
  }
  return r;
}

json get_json(client& net, const running_bot& bot, const std::string& path, unsigned expected_status) {
  const auto r = get_waiting(net, bot, path);
  EXPECT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.status, expected_status) << path << ": " << r.body;
  EXPECT_EQ(r.headers.find("Content-Type").value_or(""), "application/json") << path;
  EXPECT_EQ(r.headers.find("Cache-Control").value_or(""), "no-store") << path << ": feedback is never cached";
  return json::parse(r.body, nullptr, false);
}

const json* service_in(const json& body, const std::string& id) {
  for (const auto& s : body["digest"]["services"])
    if (s.value("id", "") == id) return &s;
  return nullptr;
}

TEST(e2e_dashboard, shows_the_catalog_figures_of_the_chosen_period) {
  bot_home home;
  seed(home);
  running_bot bot(home);
  client net;

  const auto week = get_json(net, bot, "/dashboard/digest?period=7d", 200);
  ASSERT_TRUE(week.is_object());
  EXPECT_EQ(week["language"], "en");
  EXPECT_EQ(week["chat"], true) << "the local chat is on: the page links to it";
  EXPECT_EQ(week["digest"]["period"]["label"], "7d");
  const auto* vpn = service_in(week, "vpn");
  ASSERT_NE(vpn, nullptr) << week.dump();
  EXPECT_EQ((*vpn)["n"], 3);
  EXPECT_NEAR((*vpn)["score"].get<double>(), 200.0 / 3, 0.01) << "two of three rated 4 or 5";
  // The table the page shows is the digest's, row for row with the services (in id order).
  const auto& services = week["digest"]["services"];
  ASSERT_EQ(week["table"]["rows"].size(), services.size());
  std::size_t row = 0;
  while (row < services.size() && services[row]["id"] != "vpn")
    ++row;
  ASSERT_LT(row, services.size());
  EXPECT_EQ(week["table"]["rows"][row][0], "Remote access VPN");
  EXPECT_EQ(week["table"]["rows"][row][1], "CSAT 67 %");

  // The anonymous service's two answers stay hidden, quote included (SPEC §12 min_group).
  const auto* hr = service_in(week, "hr-portal");
  ASSERT_NE(hr, nullptr);
  EXPECT_EQ((*hr)["hidden"], true);
  EXPECT_FALSE(hr->contains("n"));
  EXPECT_EQ(week.dump().find("payroll"), std::string::npos) << "an anonymous comment below min_group leaked";

  // The register, as the service view words it.
  const auto& vpn_register = week["register"]["vpn"];
  ASSERT_EQ(vpn_register.size(), 1U) << week["register"].dump();
  EXPECT_EQ(vpn_register[0]["title"], "Roll back the client update");
  EXPECT_EQ(vpn_register[0]["state_words"], "in progress");
  EXPECT_EQ(vpn_register[0]["open"], true);
  EXPECT_EQ(vpn_register[0]["baseline"], "CSAT 67 % (n=3, 30d)");
  EXPECT_EQ(week["register"]["hr-portal"][0]["baseline"], "too few answers to show (30d)");
  EXPECT_EQ(week["words"]["register_open"], "How we get there");

  // Another period, other figures: nothing was said in the first quarter of 2000.
  const auto old = get_json(net, bot, "/dashboard/digest?period=2000-Q1", 200);
  ASSERT_NE(service_in(old, "vpn"), nullptr);
  EXPECT_EQ((*service_in(old, "vpn"))["n"], 0);
}

TEST(e2e_dashboard, speaks_the_readers_language_and_refuses_a_bad_period_with_the_reason) {
  bot_home home;
  seed(home);
  running_bot bot(home);
  client net;

  const auto german = get_json(net, bot, "/dashboard/digest?period=7d&lang=de-DE", 200);
  EXPECT_EQ(german["language"], "de");
  EXPECT_EQ(german["digest"]["header"], "CSI-Digest, 7d");
  EXPECT_EQ(german["table"]["columns"][1], "Wert");

  const auto bad = get_json(net, bot, "/dashboard/digest?period=last%20tuesday", 400);
  EXPECT_EQ(bad["error"],
            "'last tuesday' is not a period (7d, 30d, 12w, 2026-Q3, 2026-10, since:2026-10-01, all)");
  const auto broken = get_json(net, bot, "/dashboard/digest?period=%C3%28", 400);  // not UTF-8
  EXPECT_EQ(broken.value("error", "").find("the query cannot be read"), 0U) << broken.dump();

  // A line break typed into the period cannot forge a log line.
  get_json(net, bot, "/dashboard/digest?period=7d%0Acsibot%20stopped", 400);
  EXPECT_NE(bot.log().find("dashboard: '7d csibot stopped' is not a period"), std::string::npos) << bot.log();

  // The bot is unharmed and logged the refusal.
  EXPECT_EQ(net.get(bot.base_url() + "/healthz").status, 200U);
  EXPECT_NE(bot.log().find("dashboard: 'last tuesday' is not a period"), std::string::npos) << bot.log();
}

TEST(e2e_dashboard, the_page_and_its_files_are_served_under_a_strict_content_policy) {
  bot_home home;
  running_bot bot(home);
  client net;
  for (const std::string path : {"/dashboard", "/dashboard.js", "/dashboard.css", "/ui.js", "/theme.css"}) {
    const auto r = net.get(bot.base_url() + path);
    ASSERT_TRUE(r.ok()) << r.message;
    EXPECT_EQ(r.status, 200U) << path;
    EXPECT_NE(r.headers.find("Content-Security-Policy").value_or("").find("script-src 'self'"),
              std::string::npos)
        << path;
    EXPECT_FALSE(r.body.empty()) << path;
  }
  const auto page = net.get(bot.base_url() + "/dashboard");
  EXPECT_EQ(page.headers.find("Content-Type").value_or(""), "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("/dashboard.js"), std::string::npos);
  // The chat shares the script and the styles, and links to the dashboard.
  const auto chat = net.get(bot.base_url() + "/");
  EXPECT_NE(chat.body.find("/ui.js"), std::string::npos);
  EXPECT_NE(chat.body.find("href=\"/dashboard\""), std::string::npos);
}

// An NPS service with a target, and a CSAT one whose target has a decimal.
constexpr std::string_view scored_services_toml = R"(
[[service]]
id = "ci-cd"
name = "CI/CD pipelines"
purpose = "Builds and ships code"
criticality = "medium"
owners = ["local:bob"]
scale = "nps10"
target = 30
anonymity = "identified"

[[service]]
id = "wiki"
name = "Team wiki"
purpose = "Where teams write things down"
criticality = "low"
owners = ["local:bob"]
scale = "csat5"
target = 85.5
anonymity = "identified"
)";

TEST(e2e_dashboard, a_manager_reads_the_table_and_opens_a_service_in_the_browser) {
  bot_home home{minimal_config_toml(scored_services_toml)};
  seed(home);
  {
    storage::database db{home / "csibot.db"};
    storage::feedback_repository repo{db};
    // `count` answers to `service` from yesterday, the first `low` of them rated `low_rating`.
    const auto answers = [&repo](const std::string& service, core::scale scale, int count, int low,
                                 int low_rating, int rating) {
      for (int i = 0; i < count; ++i) {
        core::feedback f;
        f.service = service;
        f.platform = "local";
        f.user = "local:" + service + std::to_string(i);
        f.rating = i < low ? low_rating : rating;
        f.scale = scale;
        f.status = core::feedback_status::complete;
        f.created_at = f.updated_at = days_ago(1);
        repo.insert(f, core::anonymity::identified);
      }
    };
    // Email: 199 happy answers and one unhappy, 99.5 % CSAT, which must not read as "100 %".
    answers("email", core::scale::csat5, 200, 1, 1, 5);
    // CI/CD: 21 detractors and 179 passives, NPS -10.5, which the digest writes -11 (half away from
    // zero); the page's own rounding read -10.
    answers("ci-cd", core::scale::nps10, 200, 21, 0, 7);
    // Wiki: 11 of 13 happy, 84.6 %, beside target 85.5: "84.6 %", and the target "85.5 %", not "86 %".
    answers("wiki", core::scale::csat5, 13, 2, 1, 5);
  }
  running_bot bot(home);
  client net;
  browser chrome(net, home.dir());

  chrome.navigate(bot.base_url() + "/dashboard?period=7d&lang=en");
  ASSERT_TRUE(chrome.wait_until("document.body?.dataset.ready === 'true'"))
      << "the dashboard never showed its figures; chromium's log:\n"
      << chrome.log();
  const std::string table = "document.getElementById('services').innerText";
  EXPECT_TRUE(chrome.evaluate(table + ".includes('Remote access VPN')").get<bool>())
      << chrome.evaluate(table);
  EXPECT_TRUE(chrome.evaluate(table + ".includes('CSAT 67 %')").get<bool>()) << chrome.evaluate(table);
  // The summary counts the answers that may be shown: vpn's three, email's and CI/CD's 200 each and
  // the wiki's 13, not the hidden two.
  EXPECT_EQ(chrome.evaluate("document.querySelector('#cards .card .value').textContent"), "416");

  chrome.evaluate("document.querySelector('#services tr[data-service=\"vpn\"]').click(), true");
  ASSERT_TRUE(chrome.wait_until("!document.getElementById('detail').hidden"));
  const std::string detail = "document.getElementById('detail').innerText";
  EXPECT_TRUE(chrome.wait_until(detail + ".includes('3 answers')")) << chrome.evaluate(detail);
  EXPECT_TRUE(chrome.wait_until(detail + ".includes('Roll back the client update')"))
      << chrome.evaluate(detail);
  EXPECT_TRUE(chrome.evaluate("location.search.includes('service=vpn')").get<bool>())
      << "the open service is in the address, to share the view";

  chrome.evaluate("document.querySelector('#services tr[data-service=\"email\"]').click(), true");
  EXPECT_TRUE(chrome.wait_until(detail + ".includes('200 answers')")) << chrome.evaluate(detail);
  // 199 of 200 is not everyone (the interval may still reach 100 %).
  EXPECT_EQ(chrome.evaluate("document.querySelector('#detail .fact.big > .value').textContent"), "99 %")
      << chrome.evaluate(detail);

  // Every figure as the digest writes it: NPS -10.5 is -11, and the target keeps its sign.
  chrome.evaluate("document.querySelector('#services tr[data-service=\"ci-cd\"]').click(), true");
  EXPECT_TRUE(chrome.wait_until(detail + ".includes('+30 — not met')")) << chrome.evaluate(detail);
  EXPECT_EQ(chrome.evaluate("document.querySelector('#detail .fact.big > .value').textContent"), "-11")
      << chrome.evaluate(detail);

  chrome.evaluate("document.querySelector('#services tr[data-service=\"wiki\"]').click(), true");
  EXPECT_TRUE(chrome.wait_until(detail + ".includes('85.5 % — not met')")) << chrome.evaluate(detail);
  EXPECT_EQ(chrome.evaluate("document.querySelector('#detail .fact.big > .value').textContent"), "84.6 %")
      << chrome.evaluate(detail);

  chrome.evaluate("document.querySelector('#services tr[data-service=\"hr-portal\"]').click(), true");
  EXPECT_TRUE(chrome.wait_until(detail + ".includes('Too few answers')")) << chrome.evaluate(detail);
  EXPECT_FALSE(chrome.evaluate("document.body.innerText.includes('payroll')").get<bool>());

  const auto png = chrome.screenshot();
  EXPECT_GT(png.size(), 10'000U);
  std::filesystem::create_directories(screenshot_dir());
  std::ofstream(screenshot_dir() / "dashboard.png", std::ios::binary) << png;
}

}  // namespace
}  // namespace csibot::e2e
