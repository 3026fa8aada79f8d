// Who may reach the local chat and the dashboard (docs/local-chat.md "Who may connect"), over real
// sockets: a page of another site must not open the chat's socket (cross-site WebSocket hijacking),
// and a name re-pointed to 127.0.0.1 (DNS rebinding) must not be served. The rules themselves:
// host_rules_test.cpp.
#include <gtest/gtest.h>

#include "platform/chat_harness.hpp"

namespace csibot::platform::local::test {
namespace {

net::header_map headers(std::initializer_list<std::pair<const char*, std::string>> fields) {
  net::header_map out;
  for (const auto& [name, value] : fields)
    out.add(name, value);
  return out;
}

// The upgrade is refused with 403 before any handshake: the page never holds a socket it could say
// hello on (the QA report's attack said hello as the demo's admin and asked for `/csi admin status`).
void expect_refused(chat_server& server, net::header_map headers) {
  const auto result = server.try_connect(std::move(headers));
  EXPECT_FALSE(result.ok()) << "the bot upgraded a refused page";
  EXPECT_EQ(result.http_status, 403U) << result.message;
}

TEST(local_access, a_page_of_another_site_cannot_open_the_chat_socket) {
  chat_server server;
  const auto host = "127.0.0.1:" + std::to_string(server.port());
  for (const char* origin : {"https://evil.example", "http://localhost:1", "null"}) {
    expect_refused(server, headers({{"Host", host}, {"Origin", origin}}));
  }
  std::size_t sessions = 1;
  server.on_io([&] { sessions = server.platform().session_count(); });
  EXPECT_EQ(sessions, 0U) << "a refused socket is never attached";
}

TEST(local_access, the_chats_own_page_and_scripts_without_origin_open_the_socket) {
  chat_server server;
  const auto port = std::to_string(server.port());
  for (const std::string name : {"127.0.0.1", "localhost", "[::1]"}) {
    auto page =
        server.connect(headers({{"Host", name + ":" + port}, {"Origin", "http://" + name + ":" + port}}));
    page->send({{"type", "hello"}, {"name", "Alice"}});
    EXPECT_EQ(page->next_of("welcome").value("type", ""), "welcome") << name;
  }
  auto script = server.connect();  // net::ws_client sends no Origin, as curl or a test would not
  script->send({{"type", "hello"}, {"name", "Admin"}});
  EXPECT_EQ(script->next_of("welcome").value("type", ""), "welcome");
}

TEST(local_access, a_name_re_pointed_to_the_bot_is_refused_on_the_page_the_dashboard_and_the_socket) {
  chat_server server;
  const auto rebound = "evil.example:" + std::to_string(server.port());
  for (const char* path : {"/", "/app.js", "/dashboard", "/dashboard.js", "/dashboard/digest?period=30d"}) {
    const auto r = server.get(path, headers({{"Host", rebound}}));
    ASSERT_TRUE(r.ok()) << r.message;
    EXPECT_EQ(r.status, 403U) << path;
    EXPECT_NE(r.body.find("bot.public_url"), std::string::npos) << path << ": " << r.body;
    EXPECT_EQ(r.body.find("Remote access VPN"), std::string::npos) << path << " showed the catalog";
  }
  // Page and socket agree on the name, so only the Host check can tell.
  expect_refused(server, headers({{"Host", rebound}, {"Origin", "http://" + rebound}}));
}

TEST(local_access, the_page_and_the_dashboard_answer_to_the_bots_own_names) {
  chat_server server;
  const auto port = std::to_string(server.port());
  for (const std::string name : {"127.0.0.1", "localhost", "LOCALHOST", "[::1]"}) {
    for (const char* path : {"/", "/dashboard", "/dashboard/digest?period=30d"}) {
      const auto r = server.get(path, headers({{"Host", name + ":" + port}}));
      ASSERT_TRUE(r.ok()) << r.message;
      EXPECT_EQ(r.status, 200U) << name << path << ": " << r.body.substr(0, 200);
    }
  }
  const auto other_port = server.get("/", headers({{"Host", "localhost:1"}}));
  EXPECT_EQ(other_port.status, 403U) << "a loopback name on another port is another program";
}

TEST(local_access, behind_a_reverse_proxy_the_public_url_is_served) {
  chat_server server([](config::settings& s) { s.bot.public_url = "https://csibot.example.com"; });
  const auto loopback = "127.0.0.1:" + std::to_string(server.port());
  // A proxy that passes the Host on, and one that rewrites it to the address it forwards to.
  for (const std::string& host : {std::string{"csibot.example.com"}, loopback}) {
    EXPECT_EQ(server.get("/", headers({{"Host", host}})).status, 200U) << host;
    auto page = server.connect(headers({{"Host", host}, {"Origin", "https://csibot.example.com"}}));
    page->send({{"type", "hello"}, {"name", "Alice"}});
    EXPECT_EQ(page->next_of("welcome").value("type", ""), "welcome") << host;
  }
  EXPECT_EQ(server.get("/", headers({{"Host", "csibot.example.org"}})).status, 403U);
  expect_refused(server, headers({{"Host", "csibot.example.com"}, {"Origin", "http://csibot.example.com"}}));
}

}  // namespace
}  // namespace csibot::platform::local::test
