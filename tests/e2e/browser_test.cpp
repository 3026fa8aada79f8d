// The local web chat in headless Chromium against the real binary (ARCHITECTURE.md §7.5), driven
// through the DevTools protocol: what a person sees and clicks, ending in a screenshot under
// $CSIBOT_BINARY_DIR/e2e-screenshots/.
#include "e2e/browser.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "e2e/bot.hpp"
#include "e2e/client.hpp"
#include "storage/database.hpp"
#include "storage/sqlite.hpp"

namespace csibot::e2e {
namespace {

// The DOM queries of web/app.js's page (web/index.html ids), as JavaScript expressions.
constexpr const char* messages_text = "document.getElementById('messages').innerText";

std::string js_string(const std::string& s) {
  return json(s).dump();  // a JSON string literal is a valid JavaScript string literal
}

std::string messages_contain(const std::string& text) {
  return std::string{messages_text} + ".includes(" + js_string(text) + ")";
}

// Types `text` into the message box and presses Send, as a person would: the form's submit handler
// sends the frame.
void type_and_send(browser& chrome, const std::string& text) {
  chrome.evaluate("(() => { const i = document.getElementById('input'); i.value = " + js_string(text) +
                  "; i.dispatchEvent(new Event('input', {bubbles: true}));"
                  " document.getElementById('send').click(); return true; })()");
}

TEST(e2e_browser, rating_by_button_in_the_web_chat_shows_the_choice_and_the_next_question) {
  bot_home home(demo_config_toml());
  running_bot bot(home);
  client net;
  // No chromium is a failure, not a skip: `make test` installs it (scripts/install-deps --browser).
  browser chrome(net, home.dir());

  chrome.navigate(bot.base_url() + "/?name=Tess&channel=general");
  ASSERT_TRUE(chrome.wait_until("document.body?.dataset.ready === 'true'"))
      << "the page never showed #general's history; chromium's log:\n"
      << chrome.log();
  EXPECT_EQ(chrome.evaluate("document.getElementById('me-name').textContent"), "Tess");
  EXPECT_EQ(chrome.evaluate("document.getElementById('channel-title').textContent"), "#general");

  type_and_send(chrome, "/csi feedback vpn");
  ASSERT_TRUE(chrome.wait_until(messages_contain("direct message")))
      << "no ephemeral answer in #general: " << chrome.evaluate(messages_text);
  EXPECT_EQ(chrome.evaluate("document.getElementById('input').value"), "") << "Send should clear the box";

  // Open the DM from the sidebar and wait for the rating buttons.
  chrome.evaluate("document.querySelector('#dms button').click(), true");
  ASSERT_TRUE(chrome.wait_until("document.getElementById('channel-title').textContent === 'csibot'"));
  const std::string rating_button =
      "[...document.querySelectorAll('#messages .actions button')].find(b => b.textContent.trim() === '4/5')";
  ASSERT_TRUE(chrome.wait_until("!!" + rating_button)) << chrome.evaluate(messages_text);
  EXPECT_TRUE(chrome.evaluate(messages_contain("How satisfied are you with")).get<bool>());

  chrome.evaluate(rating_button + ".click(), true");
  EXPECT_TRUE(chrome.wait_until(messages_contain("You chose: 4/5"))) << chrome.evaluate(messages_text);
  EXPECT_TRUE(chrome.wait_until(messages_contain("What is the main reason for your score?")))
      << chrome.evaluate(messages_text);
  // The answered prompt has no buttons left to press twice.
  EXPECT_TRUE(
      chrome.wait_until("![...document.querySelectorAll('#messages .actions button')]"
                        ".some(b => b.textContent.trim() === '4/5' && !b.disabled)"));

  const auto png = chrome.screenshot();
  ASSERT_GT(png.size(), 8U);
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  std::filesystem::create_directories(screenshot_dir());
  const auto file = screenshot_dir() / "local_chat_rating_answered.png";
  std::ofstream(file, std::ios::binary) << png;
  EXPECT_TRUE(std::filesystem::file_size(file) > 10'000) << file << " looks empty";
  std::cout << "screenshot: " << file.string() << '\n';

  const auto rows = home.export_rows();
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0]["user"], "local:tess");
  EXPECT_EQ(rows[0]["service"], "vpn");
  EXPECT_EQ(rows[0]["rating"], 4);
  EXPECT_EQ(rows[0]["status"], "partial");
}

// A hello the server cannot store (a full disk, say) is answered with "internal"; the page reconnects
// with its back-off, saying so in the status line, and is welcomed once the database takes writes.
TEST(e2e_browser, a_hello_the_server_could_not_store_is_tried_again_until_it_is) {
  bot_home home(demo_config_toml());
  running_bot bot(home);
  {
    storage::database db{home / "csibot.db"};
    db.conn().exec(
        "CREATE TRIGGER refuse_tess BEFORE INSERT ON local_channels WHEN NEW.id = 'dm:tess' "
        "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
  }
  client net;
  browser chrome(net, home.dir());

  chrome.navigate(bot.base_url() + "/?name=Tess&channel=general");
  ASSERT_TRUE(
      chrome.wait_until("document.getElementById('status')?.textContent.startsWith('offline') === true"))
      << "the page never gave up on the refused hello; status: "
      << chrome.evaluate("document.getElementById('status').textContent");
  EXPECT_NE(chrome.evaluate("document.body?.dataset.ready ?? ''"), "true");

  {
    storage::database db{home / "csibot.db"};
    db.conn().exec("DROP TRIGGER refuse_tess");
  }
  ASSERT_TRUE(chrome.wait_until("document.body?.dataset.ready === 'true'"))
      << "never welcomed after the database took writes again; chromium's log:\n"
      << chrome.log();
  EXPECT_EQ(chrome.evaluate("document.getElementById('me-name').textContent"), "Tess");
}

// SPEC §12: what a person typed is shown as typed. The bot quotes the unknown name inside its own
// bold; the stars and the underscore typed stay characters, not formatting.
TEST(e2e_browser, markup_typed_by_a_person_is_shown_as_typed_inside_the_bots_bold) {
  bot_home home(demo_config_toml());
  running_bot bot(home);
  client net;
  browser chrome(net, home.dir());

  chrome.navigate(bot.base_url() + "/?name=Tess&channel=general");
  ASSERT_TRUE(chrome.wait_until("document.body?.dataset.ready === 'true'")) << chrome.log();
  type_and_send(chrome, "/csi stats *zzqq_xx*");
  ASSERT_TRUE(chrome.wait_until(messages_contain("No service is called *zzqq_xx*.")))
      << chrome.evaluate(messages_text);
  EXPECT_TRUE(chrome
                  .evaluate("[...document.querySelectorAll('#messages strong')]"
                            ".some(b => b.textContent === '*zzqq_xx*')")
                  .get<bool>())
      << chrome.evaluate("document.getElementById('messages').innerHTML");
  EXPECT_FALSE(chrome.evaluate(messages_contain("\\")).get<bool>()) << "an escape showed";
}

}  // namespace
}  // namespace csibot::e2e
