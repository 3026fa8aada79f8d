// The demo catalog's services, one profile each: how they behave and what people say about them.
#include "bot/cli/demo_profiles.hpp"

#include <utility>

namespace csibot::cli::detail {
namespace {

// Phrase tables. Kept here rather than in a data file so that the demo works air-gapped from the
// binary alone.
constexpr std::string_view vpn_unhappy[] = {"VPN drops every hour",
                                            "connection drops during video calls",
                                            "reconnect takes minutes",
                                            "MFA prompt too often",
                                            "drops when the laptop wakes from sleep",
                                            "very slow from the hotel wifi",
                                            "cannot connect from the customer site",
                                            "drops every hour since the client update"};
constexpr std::string_view vpn_neutral[] = {"drops now and then", "works, but reconnect is slow",
                                            "MFA prompt is annoying but ok",
                                            "fine in the office, slow from home", "OK most days"};
constexpr std::string_view vpn_happy[] = {"connects instantly", "stable all day", "never think about it",
                                          "split tunnelling keeps calls smooth", "MFA push is quick"};
constexpr std::string_view vpn_usage[] = {"CRM from customer sites", "on-call access to production",
                                          "internal wiki while travelling", "expense tool from home"};

constexpr std::string_view email_unhappy[] = {"mailbox full again",
                                              "calendar invites arrive late",
                                              "Outlook search is slow",
                                              "shared calendar does not sync",
                                              "mails to customers land in spam",
                                              "Outlook freezes with large attachments"};
constexpr std::string_view email_neutral[] = {"works, search could be faster", "OK, but too much spam",
                                              "fine apart from the shared mailbox"};
constexpr std::string_view email_happy[] = {"just works", "calendar sharing is easy", "fast on the phone too",
                                            "search finds everything", "never had a problem"};
constexpr std::string_view email_usage[] = {"customer communication", "meeting scheduling",
                                            "order confirmations", "shared team mailbox", "booking rooms"};

constexpr std::string_view desk_unhappy[] = {
    "waited 40 minutes on the phone",         "ticket closed without a fix",
    "had to explain the problem three times", "no answer to my ticket for days",
    "password reset took too long",           "portal form is confusing"};
constexpr std::string_view desk_neutral[] = {"fixed, but it took a while", "friendly, slow to answer",
                                             "ok once I reached someone"};
constexpr std::string_view desk_happy[] = {"fixed in five minutes", "very friendly and quick",
                                           "password reset in no time", "solved on the first call",
                                           "chat support is great"};
constexpr std::string_view desk_usage[] = {"password resets", "printer problems", "software requests",
                                           "access requests", "broken laptop"};

constexpr std::string_view laptop_unhappy[] = {
    "laptop arrived late",   "missing software on day one",      "new starter waited a week for a laptop",
    "wrong keyboard layout", "no admin rights to install tools", "replacement took two weeks"};
constexpr std::string_view laptop_neutral[] = {"arrived on time but software missing", "took a few days",
                                               "ok, the docking station was missing"};
constexpr std::string_view laptop_happy[] = {"ready on day one", "everything installed already",
                                             "hand-over was quick", "replacement the same day",
                                             "smooth onboarding"};
constexpr std::string_view laptop_usage[] = {"onboarding new starters", "hardware replacement",
                                             "ordering a second screen", "returning a leaver's laptop"};

constexpr std::string_view hr_unhappy[] = {
    "expense claim form is confusing", "payslip download fails", "leave request stuck in approval",
    "login fails every other time",    "slow at month end",      "cannot attach receipts"};
constexpr std::string_view hr_neutral[] = {"does the job", "leave requests ok, expenses painful",
                                           "clunky but works"};
constexpr std::string_view hr_happy[] = {"leave request in a minute", "payslips easy to find",
                                         "expenses approved fast", "simple and quick"};
constexpr std::string_view hr_usage[] = {"leave requests", "payslips", "expense claims",
                                         "updating my address", "sick notes"};

constexpr std::string_view cicd_unhappy[] = {
    "pipelines queue for 20 minutes",         "flaky runners",          "build cache misses all the time",
    "deployments fail without a clear error", "slow builds on Mondays", "runner out of disk"};
constexpr std::string_view cicd_neutral[] = {"works, but builds are slow", "mostly fine, some flaky jobs",
                                             "ok, docs could be better"};
constexpr std::string_view cicd_happy[] = {"fast pipelines", "deploys in minutes", "build cache works great",
                                           "reliable runners", "easy to add a new pipeline"};
constexpr std::string_view cicd_usage[] = {"building and testing merge requests", "deploying hotfixes",
                                           "release pipelines", "nightly builds"};

constexpr std::string_view files_unhappy[] = {"cannot find anything on the S: drive",
                                              "permissions are a mess", "sync conflicts",
                                              "slow to open big files"};
constexpr std::string_view files_neutral[] = {"hardly use it", "fine, we use Teams now",
                                              "only for old contracts", "ok I guess"};
constexpr std::string_view files_happy[] = {"backups saved me once", "works", "fine for the archive"};
constexpr std::string_view files_usage[] = {"rarely, only the old contract archive",
                                            "hardly ever, we moved to Teams", "nothing anymore",
                                            "looking up old contracts once a quarter"};

constexpr std::string_view generic_unhappy[] = {"too slow", "login fails", "keeps crashing",
                                                "hard to find things", "waited too long for help"};
constexpr std::string_view generic_neutral[] = {"ok", "works, could be faster", "does the job"};
constexpr std::string_view generic_happy[] = {"works well", "fast and reliable", "easy to use",
                                              "no complaints"};
constexpr std::string_view generic_usage[] = {"daily work", "reports", "team coordination",
                                              "customer requests"};

// weekly, quality, trend_to, trend_days, ticket_share, retire, month_end, what people say.
constexpr std::pair<std::string_view, profile> demo_profiles[] = {
    {"vpn", {50, 0.80, 0.42, 30, 0.10, false, false, {vpn_unhappy, vpn_neutral, vpn_happy, vpn_usage}}},
    {"email",
     {60, 0.82, 0.82, 0, 0.10, false, false, {email_unhappy, email_neutral, email_happy, email_usage}}},
    {"service-desk",
     {55, 0.75, 0.75, 0, 0.60, false, false, {desk_unhappy, desk_neutral, desk_happy, desk_usage}}},
    {"laptop-provisioning",
     {25, 0.45, 0.85, 60, 0.25, false, false, {laptop_unhappy, laptop_neutral, laptop_happy, laptop_usage}}},
    {"hr-portal", {30, 0.60, 0.60, 0, 0.05, false, true, {hr_unhappy, hr_neutral, hr_happy, hr_usage}}},
    {"ci-cd", {40, 0.78, 0.78, 0, 0.05, false, false, {cicd_unhappy, cicd_neutral, cicd_happy, cicd_usage}}},
    {"file-share",
     {10, 0.68, 0.68, 0, 0.05, true, false, {files_unhappy, files_neutral, files_happy, files_usage}}}};

}  // namespace

profile demo_profile(std::string_view id, std::size_t index) {
  for (const auto& [known, p] : demo_profiles)
    if (known == id) return p;
  // Any other service: stable, at one of five levels and six volumes, so that a large catalog still ranks.
  const double level = 0.55 + 0.07 * static_cast<double>(index % 5);
  return {.weekly = 25.0 + 7.0 * static_cast<double>(index % 6),
          .quality = level,
          .trend_to = level,
          .says = {generic_unhappy, generic_neutral, generic_happy, generic_usage}};
}

}  // namespace csibot::cli::detail
