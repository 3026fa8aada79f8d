// Which Host and Origin headers name the bot (bot/platform/local/host_rules.hpp). The same rules on
// real sockets, for the page, the dashboard and /local/ws: local_platform_test.cpp.
#include "bot/platform/local/host_rules.hpp"

#include <gtest/gtest.h>

namespace csibot::platform::local {
namespace {

constexpr std::uint16_t port = 8080;

TEST(host_rules, a_loopback_listener_answers_to_every_loopback_name_with_its_port) {
  const host_rules rules{"127.0.0.1:8080", "http://127.0.0.1:8080"};
  for (const char* host :
       {"127.0.0.1:8080", "localhost:8080", "LocalHost:8080", "[::1]:8080", "127.0.0.1", "localhost"}) {
    EXPECT_TRUE(rules.allows_host(host, port)) << host;
  }
  for (const char* host : {"evil.example:8080", "evil.example", "127.0.0.1:9090", "localhost:80",
                           "127.0.0.2:8080", "127.0.0.1.evil.example:8080", "localhost.:8080", "", ":8080",
                           "127.0.0.1:", "127.0.0.1:8080/x", "user@127.0.0.1:8080", "127.0.0.1:080800"}) {
    EXPECT_FALSE(rules.allows_host(host, port)) << host;
  }
}

TEST(host_rules, the_bound_port_counts_not_the_configured_zero) {
  const host_rules rules{"127.0.0.1:0", "http://127.0.0.1:0"};
  EXPECT_TRUE(rules.allows_host("127.0.0.1:41234", 41234));
  EXPECT_TRUE(rules.allows_host("localhost:41234", 41234));
  EXPECT_FALSE(rules.allows_host("localhost:41235", 41234));
}

TEST(host_rules, a_rebinding_name_is_refused_even_when_origin_and_host_agree) {
  const host_rules rules{"127.0.0.1:8080", "http://127.0.0.1:8080"};
  EXPECT_FALSE(rules.allows_host("evil.example:8080", port));
  // Page and socket on one address is not enough: that address must be one of the bot's names.
  EXPECT_FALSE(rules.allows_origin("http://evil.example:8080", "evil.example:8080", port));
}

TEST(host_rules, a_wildcard_listener_answers_to_ip_addresses_but_not_to_names) {
  const host_rules v4{"0.0.0.0:8080", "http://0.0.0.0:8080"};
  const host_rules v6{"[::]:8080", "http://[::]:8080"};
  for (const auto* rules : {&v4, &v6}) {
    for (const char* host : {"192.168.1.20:8080", "10.0.0.5", "[fe80::1]:8080", "localhost:8080"})
      EXPECT_TRUE(rules->allows_host(host, port)) << host;
    for (const char* host : {"evil.example:8080", "printer.lan:8080", "192.168.1.20:9090", "1.2.3:8080",
                             "1.2.3.4.5:8080", "256.1.1.1:8080"})
      EXPECT_FALSE(rules->allows_host(host, port)) << host;
  }
}

TEST(host_rules, a_listener_on_one_address_answers_to_that_address_only) {
  const host_rules rules{"192.168.1.20:8080", "http://192.168.1.20:8080"};
  EXPECT_TRUE(rules.allows_host("192.168.1.20:8080", port));
  EXPECT_FALSE(rules.allows_host("localhost:8080", port)) << "loopback does not reach 192.168.1.20";
  EXPECT_FALSE(rules.allows_host("10.0.0.5:8080", port));
}

TEST(host_rules, the_public_url_host_is_served_as_a_reverse_proxy_passes_it) {
  const host_rules rules{"127.0.0.1:8080", "https://CSIbot.example.com/chat/"};
  for (const char* host : {"csibot.example.com", "csibot.example.com:443", "127.0.0.1:8080"})
    EXPECT_TRUE(rules.allows_host(host, port)) << host;
  for (const char* host : {"csibot.example.com:8080", "other.example.com", "example.com"})
    EXPECT_FALSE(rules.allows_host(host, port)) << host;

  const host_rules with_port{"127.0.0.1:8080", "http://chat.lan:9000"};
  EXPECT_TRUE(with_port.allows_host("chat.lan:9000", port));
  EXPECT_FALSE(with_port.allows_host("chat.lan:8080", port));
}

TEST(host_rules, a_socket_without_origin_is_a_script_and_may_connect) {
  const host_rules rules{"127.0.0.1:8080", "http://127.0.0.1:8080"};
  EXPECT_TRUE(rules.allows_origin(std::nullopt, "127.0.0.1:8080", port));
}

TEST(host_rules, a_socket_opened_by_another_sites_page_is_refused) {
  const host_rules rules{"127.0.0.1:8080", "https://csibot.example.com"};
  for (const char* origin :
       {"https://evil.example", "http://evil.example:8080", "null", "", "http://localhost:3000",
        "http://localhost", "https://localhost:8080", "http://127.0.0.1:8080/", "http://127.0.0.1:8080.evil",
        "http://csibot.example.com", "https://csibot.example.com:8443", "file://", "ws://127.0.0.1:8080"}) {
    EXPECT_FALSE(rules.allows_origin(origin, "127.0.0.1:8080", port)) << origin;
  }
  EXPECT_FALSE(rules.allows_origin("http://csibot.example.com", "csibot.example.com", port))
      << "public_url says https: a plain-http page of that name is not the bot's";
}

TEST(host_rules, the_bots_own_pages_may_open_the_socket) {
  const host_rules rules{"127.0.0.1:8080", "https://csibot.example.com"};
  EXPECT_TRUE(rules.allows_origin("http://127.0.0.1:8080", "127.0.0.1:8080", port));
  EXPECT_TRUE(rules.allows_origin("http://localhost:8080", "localhost:8080", port));
  EXPECT_TRUE(rules.allows_origin("http://localhost:8080", "127.0.0.1:8080", port))
      << "both loopback names are this bot";
  EXPECT_TRUE(rules.allows_origin("http://[::1]:8080", "[::1]:8080", port));
  EXPECT_TRUE(rules.allows_origin("https://csibot.example.com", "127.0.0.1:8080", port))
      << "behind a TLS proxy that rewrites Host";
  EXPECT_TRUE(rules.allows_origin("https://CSIBOT.example.com:443", "csibot.example.com", port));
}

TEST(host_rules, behind_a_wildcard_only_the_page_on_the_same_address_may_open_the_socket) {
  const host_rules rules{"0.0.0.0:8080", "http://0.0.0.0:8080"};
  EXPECT_TRUE(rules.allows_origin("http://192.168.1.20:8080", "192.168.1.20:8080", port));
  EXPECT_FALSE(rules.allows_origin("http://10.0.0.9:8080", "192.168.1.20:8080", port))
      << "another machine's page on the same port";
}

TEST(host_rules, authorities_are_read_as_a_browser_writes_them) {
  const auto a = parse_authority("LocalHost:8080");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->host, "localhost");
  EXPECT_EQ(a->port, 8080);
  const auto v6 = parse_authority("[::1]");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->host, "[::1]");
  EXPECT_FALSE(v6->port);
  for (const char* bad : {"[::1", "[evil.example]:80", "a b", "host:65536", "host:-1", "host:80:80", "::1"})
    EXPECT_FALSE(parse_authority(bad)) << bad;
}

}  // namespace
}  // namespace csibot::platform::local
