#include "bot/platform/mattermost/responses.hpp"

#include <gtest/gtest.h>

#include <string>

#include "bot/platform/mattermost/action_context.hpp"

namespace csibot::platform::mattermost {
namespace {

using json = nlohmann::json;

const std::string zw{zero_width_space};
const std::string key = derive_context_key("bot-token");
constexpr std::string_view url = "https://bot.example/mattermost/actions";

post with_buttons() {
  core::message m;
  m.text = "How useful was today's digest?";
  m.buttons = {{"1", "csi.rate", "digest:1", core::button_style::normal}};
  return render(m, {std::string(url), key, "chan", ""}).at(0);
}

TEST(mattermost_bodies, create_post_sets_root_and_props_only_when_needed) {
  EXPECT_EQ(create_post_body({"hi"}, "chan"), json::parse(R"({"channel_id":"chan","message":"hi"})"));
  const json threaded = create_post_body({"hi"}, "chan", "root");
  EXPECT_EQ(threaded["root_id"], "root");
  const post p = with_buttons();
  const json body = create_post_body(p, "chan");
  EXPECT_EQ(body["message"], "How useful was today's digest?");
  EXPECT_EQ(body["props"]["attachments"], p.attachments);
  EXPECT_EQ(body["props"]["attachments"][0]["actions"][0]["name"], "1");
}

TEST(mattermost_bodies, a_patch_always_sends_props_so_old_buttons_go) {
  EXPECT_EQ(patch_post_body({"Thanks — you rated 5/5"}),
            json::parse(R"({"message":"Thanks — you rated 5/5","props":{}})"));
  EXPECT_EQ(patch_post_body(with_buttons())["props"]["attachments"].size(), 1U);
}

TEST(mattermost_bodies, ephemeral_and_direct_channel_bodies) {
  EXPECT_EQ(ephemeral_post_body({"only you"}, "user", "chan"),
            json::parse(R"({"user_id":"user","post":{"channel_id":"chan","message":"only you"}})"));
  EXPECT_TRUE(ephemeral_post_body(with_buttons(), "user", "chan")["post"].contains("props"));
  EXPECT_EQ(direct_channel_body("bot", "user"), json::parse(R"(["bot","user"])"));
}

TEST(mattermost_command_response, the_first_post_is_the_response_and_the_rest_extra_responses) {
  const json j = command_response({{"part 1"}, with_buttons(), {"part 3"}}, response_type::ephemeral);
  EXPECT_EQ(j["response_type"], "ephemeral");
  EXPECT_EQ(j["text"], "part 1");
  EXPECT_EQ(j["skip_slack_parsing"], true);
  EXPECT_FALSE(j.contains("attachments"));
  ASSERT_EQ(j["extra_responses"].size(), 2U);
  EXPECT_EQ(j["extra_responses"][0]["response_type"], "ephemeral");
  EXPECT_EQ(j["extra_responses"][0]["attachments"].size(), 1U);
  EXPECT_EQ(j["extra_responses"][1]["text"], "part 3");
}

TEST(mattermost_command_response, in_channel_and_empty) {
  const json one = command_response({{"Digest queued."}}, response_type::in_channel);
  EXPECT_EQ(one["response_type"], "in_channel");
  EXPECT_FALSE(one.contains("extra_responses"));
  EXPECT_EQ(command_response({}, response_type::ephemeral),
            json::parse(R"({"response_type":"ephemeral","text":""})"));
}

TEST(mattermost_action_response, replaces_the_buttons_and_tells_the_clicker) {
  const json j = action_response(post{"Thanks — you rated 5/5"}, "Recorded!");
  EXPECT_EQ(j, json::parse(R"({"update":{"message":"Thanks — you rated 5/5","props":{}},
                               "ephemeral_text":"Recorded!","skip_slack_parsing":true})"));
}

TEST(mattermost_action_response, ephemeral_text_is_markdown_without_mentions_and_no_update_keeps_the_post) {
  const json j = action_response(std::nullopt, "*Sorry* @here");
  EXPECT_FALSE(j.contains("update"));
  EXPECT_EQ(j["ephemeral_text"], "**Sorry** @" + zw + "here");
  EXPECT_FALSE(action_response(std::nullopt, "").contains("ephemeral_text"));
  const std::string cut = action_response(std::nullopt, std::string(20'000, 'a'))["ephemeral_text"];
  EXPECT_EQ(rune_count(cut), max_post_runes);
  EXPECT_TRUE(cut.ends_with("\xE2\x80\xA6"));
}

core::outbound outbound(core::delivery kind, std::string channel, std::string user = {},
                        std::string replaces = {}) {
  core::outbound out;
  out.kind = kind;
  out.platform = "mattermost";
  out.channel = std::move(channel);
  out.user = std::move(user);
  out.replaces = std::move(replaces);
  out.body.text = "Rate it";
  out.body.buttons = {{"5", "csi.rate", "vpn:5", core::button_style::primary}};
  return out;
}

json only_context(const rest_call& call) {
  const json& post = call.body.contains("post") ? call.body["post"] : call.body;
  return post["props"]["attachments"][0]["actions"][0]["integration"]["context"];
}

TEST(mattermost_outbound, each_delivery_kind_maps_to_its_call) {
  auto calls = render_outbound(outbound(core::delivery::channel, "chan", "asker"), url, key);
  ASSERT_EQ(calls.size(), 1U);
  EXPECT_EQ(calls[0].method, "POST");
  EXPECT_EQ(calls[0].path, "/api/v4/posts");
  EXPECT_EQ(calls[0].body["channel_id"], "chan");
  EXPECT_TRUE(verify_context(only_context(calls[0]), key, "chan", "anyone").ok());  // open to the channel

  calls = render_outbound(outbound(core::delivery::direct, "dm", "user"), url, key);
  ASSERT_EQ(calls.size(), 1U);
  EXPECT_EQ(calls[0].path, "/api/v4/posts");
  EXPECT_EQ(verify_context(only_context(calls[0]), key, "dm", "anyone").result, context_check::wrong_user);
  EXPECT_TRUE(verify_context(only_context(calls[0]), key, "dm", "user").ok());

  calls = render_outbound(outbound(core::delivery::ephemeral, "chan", "user"), url, key);
  ASSERT_EQ(calls.size(), 1U);
  EXPECT_EQ(calls[0].path, "/api/v4/posts/ephemeral");
  EXPECT_EQ(calls[0].body["user_id"], "user");
  EXPECT_EQ(calls[0].body["post"]["channel_id"], "chan");

  calls =
      render_outbound(outbound(core::delivery::update, "chan", "", "gqrnh3675jfxzftnjyjfe4udeh"), url, key);
  ASSERT_EQ(calls.size(), 1U);
  EXPECT_EQ(calls[0].method, "PUT");
  EXPECT_EQ(calls[0].path, "/api/v4/posts/gqrnh3675jfxzftnjyjfe4udeh/patch");
}

TEST(mattermost_outbound, an_update_continues_in_new_posts_and_an_empty_one_clears) {
  core::outbound out = outbound(core::delivery::update, "chan", "", "post1");
  out.body.text = std::string(20'000, 'a');
  auto calls = render_outbound(out, url, key);
  ASSERT_EQ(calls.size(), 2U);
  EXPECT_EQ(calls[0].method, "PUT");
  EXPECT_EQ(calls[1].path, "/api/v4/posts");
  out.body = {};
  calls = render_outbound(out, url, key);
  ASSERT_EQ(calls.size(), 1U);
  EXPECT_EQ(calls[0].body, json::parse(R"({"message":"","props":{}})"));
}

TEST(mattermost_outbound, no_channel_or_an_unsafe_post_id_never_reaches_a_path) {
  EXPECT_TRUE(render_outbound(outbound(core::delivery::direct, "", "user"), url, key).empty());
  const auto calls = render_outbound(outbound(core::delivery::update, "chan", "", "../users/me"), url, key);
  ASSERT_EQ(calls.size(), 1U);
  EXPECT_EQ(calls[0].path, "/api/v4/posts");
}

}  // namespace
}  // namespace csibot::platform::mattermost
