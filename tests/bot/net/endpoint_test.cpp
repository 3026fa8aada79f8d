#include "bot/net/endpoint.hpp"

#include <gtest/gtest.h>

#include "bot/net/error.hpp"

namespace {

namespace net = csibot::net;

TEST(endpoint, https_defaults_port_and_keeps_path_and_query) {
  const auto ep = net::parse_endpoint("https://slack.com/api/chat.postMessage?x=1", net::scheme_family::http);
  ASSERT_TRUE(ep);
  EXPECT_TRUE(ep->tls);
  EXPECT_EQ(ep->host, "slack.com");
  EXPECT_EQ(ep->port, 443);
  EXPECT_EQ(ep->target, "/api/chat.postMessage?x=1");
  EXPECT_FALSE(ep->host_is_ip);
}

TEST(endpoint, empty_path_becomes_slash) {
  const auto ep = net::parse_endpoint("wss://wss-primary.slack.com?ticket=1", net::scheme_family::websocket);
  ASSERT_TRUE(ep);
  EXPECT_EQ(ep->target, "/?ticket=1");
}

TEST(endpoint, plain_is_allowed_for_loopback_only) {
  EXPECT_TRUE(net::parse_endpoint("http://127.0.0.1:8080/", net::scheme_family::http));
  EXPECT_TRUE(net::parse_endpoint("http://127.1.2.3/", net::scheme_family::http));
  EXPECT_TRUE(net::parse_endpoint("ws://localhost:9/x", net::scheme_family::websocket));
  const auto v6 = net::parse_endpoint("ws://[::1]:9/x", net::scheme_family::websocket);
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->host, "::1");
  EXPECT_TRUE(v6->host_is_ip);
  EXPECT_EQ(net::parse_endpoint("http://10.0.0.1/", net::scheme_family::http).error(),
            net::error::insecure_non_loopback);
  EXPECT_EQ(net::parse_endpoint("ws://localhost.evil.com/", net::scheme_family::websocket).error(),
            net::error::insecure_non_loopback);
}

TEST(endpoint, scheme_must_match_the_family) {
  EXPECT_EQ(net::parse_endpoint("ws://127.0.0.1/", net::scheme_family::http).error(),
            net::error::unsupported_scheme);
  EXPECT_EQ(net::parse_endpoint("https://x/", net::scheme_family::websocket).error(),
            net::error::unsupported_scheme);
  EXPECT_EQ(net::parse_endpoint("https:///nohost", net::scheme_family::http).error(), net::error::bad_url);
}

TEST(endpoint, loopback_hosts) {
  EXPECT_TRUE(net::is_loopback_host("LOCALHOST"));
  EXPECT_TRUE(net::is_loopback_host("::ffff:127.0.0.1"));
  EXPECT_FALSE(net::is_loopback_host("128.0.0.1"));
  EXPECT_FALSE(net::is_loopback_host("::2"));
}

}  // namespace
