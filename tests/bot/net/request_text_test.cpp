#include "bot/net/request_text.hpp"

#include <gtest/gtest.h>

namespace {

namespace net = csibot::net;

net::endpoint api(std::uint16_t port = 443, bool tls = true) {
  net::endpoint ep;
  ep.tls = tls;
  ep.host = "slack.com";
  ep.port = port;
  ep.target = "/api/chat.postMessage?x=1";
  return ep;
}

std::string text(std::string_view method, const net::endpoint& ep, const net::header_map& headers,
                 std::string_view body, bool keep_alive = true) {
  const net::request_head head{method, &ep, "csibot/0.1", keep_alive};
  // What goes on the wire: the head, then the body as it is.
  const auto text = net::request_text(head, headers, body.size());
  return text ? *text + std::string{body} : "<refused>";
}

TEST(request_text, a_post_is_the_request_line_the_fields_and_the_body_in_order) {
  const auto ep = api();
  net::header_map headers;
  headers.add("Content-Type", "application/json; charset=utf-8");
  headers.add("Authorization", "Bearer xoxb-1");
  EXPECT_EQ(text("POST", ep, headers, R"({"ok":true})"),
            "POST /api/chat.postMessage?x=1 HTTP/1.1\r\n"
            "Host: slack.com\r\n"
            "User-Agent: csibot/0.1\r\n"
            "Content-Type: application/json; charset=utf-8\r\n"
            "Authorization: Bearer xoxb-1\r\n"
            "Content-Length: 11\r\n"
            "\r\n"
            R"({"ok":true})");
}

TEST(request_text, a_get_without_body_has_no_length_and_a_port_off_the_default_is_in_host) {
  const auto ep = api(8443);
  EXPECT_EQ(
      text("GET", ep, {}, ""),
      "GET /api/chat.postMessage?x=1 HTTP/1.1\r\nHost: slack.com:8443\r\nUser-Agent: csibot/0.1\r\n\r\n");
  // A POST with an empty body still says so: some servers answer 411 Length Required otherwise.
  EXPECT_NE(text("POST", ep, {}, "").find("Content-Length: 0\r\n\r\n"), std::string::npos);
}

TEST(request_text, callers_may_replace_host_and_user_agent_but_not_the_framing) {
  const auto ep = api();
  net::header_map headers;
  headers.add("host", "files.slack.com");
  headers.add("User-Agent", "other/1");
  headers.add("Content-Length", "999");
  headers.add("Transfer-Encoding", "chunked");
  headers.add("Connection", "upgrade");
  EXPECT_EQ(text("POST", ep, headers, "abc", false),
            "POST /api/chat.postMessage?x=1 HTTP/1.1\r\n"
            "host: files.slack.com\r\n"
            "User-Agent: other/1\r\n"
            "Content-Length: 3\r\n"
            "Connection: close\r\n"
            "\r\nabc");
}

TEST(request_text, a_repeated_field_is_sent_once_with_its_last_value) {
  const auto ep = api();
  net::header_map headers;
  headers.add("X-Token", "old");
  headers.add("Accept", "*/*");
  headers.add("x-token", "new");
  const auto out = text("GET", ep, headers, "");
  EXPECT_EQ(out.find("old"), std::string::npos) << out;
  EXPECT_NE(out.find("Accept: */*\r\nx-token: new\r\n"), std::string::npos) << out;
}

TEST(request_text, fields_that_would_inject_into_the_header_block_are_refused) {
  const auto ep = api();
  for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{
           {"X-A", "v\r\nX-Injected: 1"},
           {"X-A", "v\nX-Injected: 1"},
           {"X-A", std::string{"v\0w", 3}},
           {"X A", "v"},
           {"X-A:", "v"},
           {"", "v"},
       }) {
    net::header_map headers;
    headers.add(name, value);
    const net::request_head head{"GET", &ep, "csibot/0.1", true};
    EXPECT_FALSE(net::request_text(head, headers, 0).has_value()) << name << ": " << value;
  }
  const net::request_head bad_agent{"GET", &ep, "csibot\r\nX-Injected: 1", true};
  EXPECT_FALSE(net::request_text(bad_agent, {}, 0).has_value());
  // Tabs, quotes and UTF-8 are ordinary field content.
  net::header_map fine;
  fine.add("X-Note", "a\tb \"c\" é");
  EXPECT_NE(text("GET", ep, fine, "").find("X-Note: a\tb \"c\" é\r\n"), std::string::npos);
}

}  // namespace
