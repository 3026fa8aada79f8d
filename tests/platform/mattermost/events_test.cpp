#include "bot/platform/mattermost/events.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>

namespace csibot::platform::mattermost {
namespace {

using json = nlohmann::json;

constexpr std::string_view bot_id = "botuserid00000000000000000";

// ---- Samples from PLATFORMS.md §2.2 ----

constexpr std::string_view hello_frame = R"({"event":"hello",
 "data":{"server_version":"10.5.0.12345.abcdef0123.true","connection_id":"ke1y6...","server_hostname":"mm-app-1"},
 "broadcast":{"omit_users":null,"user_id":"botuserid00000000000000000","channel_id":"","team_id":"","connection_id":"","omit_connection_id":""},
 "seq":0})";

constexpr std::string_view posted_frame = R"({"event":"posted","seq":5,
 "broadcast":{"omit_users":null,"user_id":"","channel_id":"1waumyyd6jyczrxntuiopybygy","team_id":"","connection_id":"","omit_connection_id":""},
 "data":{
   "channel_display_name":"Ops","channel_name":"ops","channel_type":"O",
   "sender_name":"@alice","set_online":true,"team_id":"68ia7ywnopny8nmcdrkatmytjh",
   "mentions":"[\"botuserid00000000000000000\"]",
   "post":"{\"id\":\"5greg5b4w3rojmqc188znn8s7c\",\"create_at\":1700000000000,\"update_at\":1700000000000,\"edit_at\":0,\"delete_at\":0,\"is_pinned\":false,\"user_id\":\"cmr7sncacib4xfhd6yo3n4tf5e\",\"channel_id\":\"1waumyyd6jyczrxntuiopybygy\",\"root_id\":\"\",\"original_id\":\"\",\"message\":\"@digestbot digest now\",\"type\":\"\",\"props\":{},\"hashtags\":\"\",\"pending_post_id\":\"\",\"reply_count\":0,\"metadata\":{}}"}})";

json post_object() {
  return json::parse(json::parse(posted_frame)["data"]["post"].get<std::string>());
}

// The §2.2 sample, changed: `edit_data` edits the outer data, `edit_post` the inner post object.
std::string posted_with(const std::function<void(json&)>& edit_data,
                        const std::function<void(json&)>& edit_post = {}) {
  json frame = json::parse(posted_frame);
  json post = post_object();
  if (edit_post) edit_post(post);
  frame["data"]["post"] = post.dump();
  if (edit_data) edit_data(frame["data"]);
  return frame.dump();
}

std::string direct(const std::function<void(json&)>& edit_post = {}) {
  return posted_with([](json& d) { d["channel_type"] = "D"; }, edit_post);
}

template <class T>
const T& as(const server_frame& f) {
  const T* p = std::get_if<T>(&f.body);
  if (p == nullptr) {
    ADD_FAILURE() << "unexpected frame kind " << f.body.index()
                  << (std::holds_alternative<malformed>(f.body) ? ": " + std::get<malformed>(f.body).problem
                                                                : "")
                  << (std::holds_alternative<ignored>(f.body) ? ": " + std::get<ignored>(f.body).reason : "");
    static const T empty{};
    return empty;
  }
  return *p;
}

TEST(mattermost_events, hello_gives_the_connection_and_the_bot_id) {
  const server_frame f = decode_frame(hello_frame, "");
  EXPECT_EQ(f.seq, 0);
  const hello& h = as<hello>(f);
  EXPECT_EQ(h.connection_id, "ke1y6...");
  EXPECT_EQ(h.server_version, "10.5.0.12345.abcdef0123.true");
  EXPECT_EQ(h.server_hostname, "mm-app-1");
  EXPECT_EQ(h.bot_user_id, bot_id);
}

TEST(mattermost_events, hello_without_a_connection_id_is_malformed) {
  json j = json::parse(hello_frame);
  j["data"].erase("connection_id");
  EXPECT_TRUE(std::holds_alternative<malformed>(decode_frame(j.dump(), "").body));
}

TEST(mattermost_events, the_sample_post_in_a_public_channel_is_ignored_with_its_seq) {
  const server_frame f = decode_frame(posted_frame, bot_id);
  EXPECT_EQ(f.seq, 5);
  const ignored& i = as<ignored>(f);
  EXPECT_EQ(i.event, "posted");
  EXPECT_EQ(i.reason, "not a direct message (channel_type O)");
}

TEST(mattermost_events, a_direct_message_becomes_an_inbound_message) {
  const server_frame f = decode_frame(direct(), bot_id);
  EXPECT_EQ(f.seq, 5);
  const posted& p = as<posted>(f);
  const core::inbound& in = p.event;
  EXPECT_EQ(in.platform, "mattermost");
  EXPECT_EQ(in.user, "cmr7sncacib4xfhd6yo3n4tf5e");
  EXPECT_EQ(in.user_name, "alice");
  EXPECT_EQ(in.channel, "1waumyyd6jyczrxntuiopybygy");
  EXPECT_TRUE(in.is_dm);
  EXPECT_EQ(in.text, "@digestbot digest now");
  EXPECT_EQ(in.event_id, "5greg5b4w3rojmqc188znn8s7c");
  EXPECT_EQ(in.team, "68ia7ywnopny8nmcdrkatmytjh");
  EXPECT_FALSE(in.command);
  EXPECT_FALSE(in.action);
  EXPECT_EQ(p.root_id, "");
  EXPECT_EQ(core::to_millis(p.created_at), 1700000000000);
}

TEST(mattermost_events, a_thread_reply_keeps_its_root) {
  const auto f = decode_frame(direct([](json& p) { p["root_id"] = "rootpost000000000000000000"; }), bot_id);
  EXPECT_EQ(as<posted>(f).root_id, "rootpost000000000000000000");
}

TEST(mattermost_events, posts_that_are_not_a_person_writing_to_the_bot_are_ignored) {
  const auto reason = [](const std::string& frame, std::string_view self = bot_id) {
    return as<ignored>(decode_frame(frame, self)).reason;
  };
  EXPECT_EQ(reason(direct([](json& p) { p["type"] = "system_join_channel"; })),
            "a system message (system_join_channel)");
  EXPECT_EQ(reason(direct([](json& p) { p["type"] = "slack_attachment"; })),
            "a post of type slack_attachment (only ordinary posts are read)");
  EXPECT_EQ(reason(direct([](json& p) { p["user_id"] = bot_id; })), "the bot's own post");
  EXPECT_EQ(reason(direct([](json& p) {
                     p["props"] = {{"from_bot", "true"}};
                   }),
                   ""),
            "a post by a bot or a webhook");
  EXPECT_EQ(reason(direct([](json& p) {
              p["props"] = {{"from_webhook", true}};
            })),
            "a post by a bot or a webhook");
  EXPECT_EQ(reason(direct([](json& p) { p["message"] = "  "; })), "a post without text");
  EXPECT_EQ(reason(posted_with([](json& d) { d["channel_type"] = "G"; })),
            "not a direct message (channel_type G)");
  EXPECT_EQ(reason(posted_with([](json& d) { d["channel_type"] = "P"; })),
            "not a direct message (channel_type P)");
}

TEST(mattermost_events, other_events_are_ignored_by_name_with_their_seq) {
  const auto f = decode_frame(R"({"event":"typing","data":{"parent_id":""},"broadcast":{},"seq":9})", bot_id);
  EXPECT_EQ(f.seq, 9);
  EXPECT_EQ(as<ignored>(f).event, "typing");
}

TEST(mattermost_events, replies_carry_seq_reply_and_status) {
  auto f = decode_frame(R"({"status": "OK", "seq_reply": 1})", bot_id);
  EXPECT_FALSE(f.seq);
  EXPECT_TRUE(as<reply>(f).ok);
  EXPECT_EQ(as<reply>(f).seq_reply, 1);
  f = decode_frame(
      R"({"status":"OK","seq_reply":2,"data":{"text":"pong","version":"10.5.0","server_time":1700000000000,"node_id":""}})",
      bot_id);
  EXPECT_EQ(as<reply>(f).data["text"], "pong");
  f = decode_frame(
      R"({"status":"FAIL","seq_reply":3,"error":{"id":"api.web_socket_router.bad_seq.app_error","message":"Invalid sequence"}})",
      bot_id);
  EXPECT_FALSE(as<reply>(f).ok);
  EXPECT_EQ(as<reply>(f).error_id, "api.web_socket_router.bad_seq.app_error");
  EXPECT_EQ(as<reply>(f).error_message, "Invalid sequence");
  EXPECT_TRUE(
      std::holds_alternative<malformed>(decode_frame(R"({"status":"MAYBE","seq_reply":3})", "").body));
  EXPECT_TRUE(std::holds_alternative<malformed>(decode_frame(R"({"status":"OK","seq_reply":"3"})", "").body));
}

TEST(mattermost_events, invalid_json_and_deep_nesting_are_malformed) {
  for (const std::string& text :
       {std::string("{"), std::string("not json"), std::string("[]"), std::string(""),
        std::string(100'000, '['), std::string("{\"a\":\"\0\"}", 9)}) {
    const server_frame f = decode_frame(text, bot_id);
    EXPECT_TRUE(std::holds_alternative<malformed>(f.body)) << text.substr(0, 20);
    EXPECT_FALSE(f.seq);
  }
}

TEST(mattermost_events, a_post_that_is_not_a_json_string_is_malformed_but_keeps_its_seq) {
  const auto problem = [](const std::string& frame) {
    const server_frame f = decode_frame(frame, bot_id);
    EXPECT_EQ(f.seq, 5);
    return std::holds_alternative<malformed>(f.body) ? std::get<malformed>(f.body).problem
                                                     : "(not malformed)";
  };
  EXPECT_EQ(problem(posted_with([](json& d) { d["post"] = "{not json"; })),
            "posted: data.post: not valid JSON (UTF-8)");
  EXPECT_EQ(problem(posted_with([](json& d) { d["post"] = post_object(); })),
            "posted: data.post is not a JSON string");
  EXPECT_EQ(problem(posted_with([](json& d) { d.erase("post"); })), "posted: data.post is not a JSON string");
  EXPECT_EQ(problem(posted_with([](json& d) { d["post"] = "[1]"; })), "posted: data.post: not a JSON object");
  EXPECT_EQ(problem(posted_with([](json& d) { d["post"] = std::string(100'000, '['); })),
            "posted: data.post: the JSON nests too deeply");
  EXPECT_EQ(problem(posted_with([](json& d) { d = "data"; })), "posted: data is not an object");
}

TEST(mattermost_events, wrong_types_and_oversized_strings_are_malformed) {
  const auto is_malformed = [](const std::string& frame) {
    return std::holds_alternative<malformed>(decode_frame(frame, bot_id).body);
  };
  EXPECT_TRUE(is_malformed(direct([](json& p) { p["user_id"] = 42; })));
  EXPECT_TRUE(is_malformed(direct([](json& p) { p["message"] = json::array(); })));
  EXPECT_TRUE(is_malformed(direct([](json& p) { p["create_at"] = "1700000000000"; })));
  EXPECT_TRUE(is_malformed(direct([](json& p) { p["create_at"] = -1; })));
  EXPECT_TRUE(is_malformed(direct([](json& p) { p["props"] = "x"; })));
  EXPECT_TRUE(is_malformed(direct([](json& p) { p.erase("id"); })));
  EXPECT_TRUE(is_malformed(direct([](json& p) { p["id"] = std::string(65, 'i'); })));
  EXPECT_TRUE(is_malformed(direct([](json& p) { p["message"] = std::string(65'537, 'm'); })));
  EXPECT_FALSE(is_malformed(direct([](json& p) { p["message"] = std::string(65'536, 'm'); })));
  EXPECT_TRUE(is_malformed(R"({"event":7,"seq":1})"));
  EXPECT_TRUE(is_malformed(R"({"event":"typing","seq":"1"})"));
  EXPECT_TRUE(is_malformed(R"({"event":"typing","seq":1.5})"));
  EXPECT_TRUE(is_malformed(R"({"event":"typing","seq":-1})"));
  EXPECT_TRUE(is_malformed(R"({"event":"typing","seq":99999999999999999999})"));
  EXPECT_TRUE(is_malformed(R"({"seq":1})"));
}

TEST(mattermost_events, client_requests_carry_their_seq) {
  EXPECT_EQ(json::parse(authentication_challenge(1, "tok")),
            json::parse(R"({"seq": 1, "action": "authentication_challenge", "data": {"token": "tok"}})"));
  EXPECT_EQ(json::parse(ping(7)), json::parse(R"({"seq": 7, "action": "ping"})"));
  EXPECT_NO_THROW((void)authentication_challenge(2, "bad\xFF"));
}

}  // namespace
}  // namespace csibot::platform::mattermost
