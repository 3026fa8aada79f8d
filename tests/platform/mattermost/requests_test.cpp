#include "bot/platform/mattermost/requests.hpp"

#include <gtest/gtest.h>

#include <string>

namespace csibot::platform::mattermost {
namespace {

using json = nlohmann::json;

// ---- Samples from PLATFORMS.md §2.4 and §2.5 ----

constexpr std::string_view command_body =
    "channel_id=jux16pkewjrkfj3ehep1psxyxc&channel_name=town-square&command=%2Fdigest&response_url=http%3A%"
    "2F%2F"
    "localhost%3A8065%2Fhooks%2Fcommands%2Fxbrkb8p393gjpq5cawei7npije&team_domain=test&team_id="
    "carya1qs77bemjup96ff538snh&text=now&token=okwexkjpe7ygb8eq1ww58t483w&trigger_id=<opaque>&user_id="
    "aoa1agao6t8fmx3ikt1j9w5ybw&user_name=alice";

constexpr std::string_view action_body = R"({"user_id": "rd49ehbqyjytddasoownkuqrxe", "user_name": "alice",
 "channel_id": "j6j53p28k6urx15fpcgsr20psq", "channel_name": "ops",
 "team_id": "5xxzt146eax4tul69409opqjlf", "team_domain": "acme",
 "post_id": "gqrnh3675jfxzftnjyjfe4udeh", "trigger_id": "<opaque>",
 "type": "button", "data_source": "",
 "context": {"action": "rate", "value": 5, "session": "fb-42", "secret": "<random>"}})";

const std::string key = derive_context_key("bot-token");
const std::string bot_id = "botuserid00000000000000000";  // 26 characters, as Mattermost's ids

command_request command(std::string_view body) {
  const parsed form = parse_command_form(body);
  EXPECT_TRUE(form.ok()) << form.error;
  return decode_command(form.value, bot_id);
}

// The §2.5 callback with csibot's own signed context in place of the documented example's.
json signed_action(const action_context& ctx) {
  json body = json::parse(action_body);
  body["context"] = sign_context(ctx, key);
  return body;
}

action_context rate_context() {
  return {"csi.rate", "vpn:5", "j6j53p28k6urx15fpcgsr20psq", "rd49ehbqyjytddasoownkuqrxe"};
}

TEST(mattermost_command, the_sample_form_decodes_like_a_slack_command) {
  const command_request c = command(command_body);
  ASSERT_TRUE(c.event) << c.ignored;
  const core::inbound& in = *c.event;
  EXPECT_EQ(in.platform, "mattermost");
  EXPECT_EQ(in.command, "/digest");
  EXPECT_EQ(in.text, "now");
  EXPECT_EQ(in.user, "aoa1agao6t8fmx3ikt1j9w5ybw");
  EXPECT_EQ(in.user_name, "alice");
  EXPECT_EQ(in.channel, "jux16pkewjrkfj3ehep1psxyxc");
  EXPECT_EQ(in.team, "carya1qs77bemjup96ff538snh");
  EXPECT_FALSE(in.is_dm);
  EXPECT_EQ(in.event_id, "<opaque>");
  EXPECT_FALSE(in.action);
  EXPECT_EQ(c.response_url, "http://localhost:8065/hooks/commands/xbrkb8p393gjpq5cawei7npije");
  EXPECT_EQ(c.token, "okwexkjpe7ygb8eq1ww58t483w");
  EXPECT_TRUE(c.user_mentions.empty());
  EXPECT_TRUE(c.ignored.empty());
}

TEST(mattermost_command, repeated_mention_keys_pair_up) {
  const std::string body =
      std::string(command_body) +
      "&user_mentions=bob&user_mentions=carol&user_mentions_ids=bobid&user_mentions_ids=carolid"
      "&channel_mentions=ops&channel_mentions_ids=opsid";
  const command_request c = command(body);
  ASSERT_TRUE(c.event) << c.ignored;
  EXPECT_EQ(c.user_mentions, (std::vector<mention>{{"bob", "bobid"}, {"carol", "carolid"}}));
  EXPECT_EQ(c.channel_mentions, (std::vector<mention>{{"ops", "opsid"}}));
  // … and reach the commands as typed → id, so `/csi ask vpn @bob ~ops` asks by id.
  using resolved = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(c.event->mentions, (resolved{{"@bob", "bobid"}, {"@carol", "carolid"}, {"~ops", "opsid"}}));
}

TEST(mattermost_command, mention_lists_that_do_not_pair_are_dropped_not_fatal) {
  const command_request c =
      command(std::string(command_body) + "&user_mentions=bob&user_mentions=carol&user_mentions_ids=x");
  ASSERT_TRUE(c.event) << c.ignored;
  EXPECT_TRUE(c.user_mentions.empty());
}

TEST(mattermost_command, a_repeated_scalar_field_is_refused) {
  EXPECT_FALSE(command(std::string(command_body) + "&token=other").event);
  EXPECT_FALSE(command(std::string(command_body) + "&user_id=someoneelse000000000000000").event);
}

TEST(mattermost_command, missing_or_bad_fields_are_ignored_with_a_reason) {
  EXPECT_EQ(command("command=%2Fdigest&channel_id=c").ignored, "slash command: missing user_id");
  EXPECT_EQ(command("command=digest&channel_id=c&user_id=u").ignored,
            "slash command: command does not start with '/'");
  EXPECT_EQ(command("command=%2Fd&channel_id=c&user_id=" + std::string(65, 'u')).ignored,
            "slash command: user_id is longer than 64 bytes");
  EXPECT_EQ(decode_command(json::array(), bot_id).ignored, "slash command: not a JSON object");
}

TEST(mattermost_command, without_a_trigger_id_the_event_id_is_a_stable_hash) {
  const std::string base =
      "command=%2Fcsi&text=feedback&channel_id=c&user_id=u&response_url=http%3A%2F%2Fh%2Fhooks%2Fcommands%2F";
  const auto a = command(base + "one");
  const auto again = command(base + "one");
  const auto b = command(base + "two");
  ASSERT_TRUE(a.event && b.event && again.event);
  EXPECT_EQ(a.event->event_id.size(), 33U);
  EXPECT_EQ(a.event->event_id[0], 'h');
  EXPECT_EQ(a.event->event_id, again.event->event_id);
  EXPECT_NE(a.event->event_id, b.event->event_id);
}

TEST(mattermost_command, only_the_bots_direct_channel_is_a_dm) {
  const auto in = [](const std::string& channel_name) {
    const auto c = command("command=%2Fcsi&channel_id=c&user_id=u&channel_name=" + channel_name);
    EXPECT_TRUE(c.event) << c.ignored;
    return c.event && c.event->is_dm;
  };
  EXPECT_TRUE(in(std::string(26, 'a') + "__" + bot_id));
  EXPECT_TRUE(in(bot_id + "__" + std::string(26, 'z')));
  // Typed in a DM between two people, or in one's DM with oneself: the bot cannot post there.
  EXPECT_FALSE(in(std::string(26, 'a') + "__" + std::string(26, 'b')));
  EXPECT_FALSE(in(std::string(26, 'a') + "__" + std::string(26, 'a')));
  EXPECT_FALSE(in("town-square"));
}

TEST(mattermost_form, collect_keeps_repeated_names_as_lists) {
  const parsed p = parse_form("a=1&a=2&b=x&a=3", repeated_names::collect);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p.value["a"], json::array({"1", "2", "3"}));
  EXPECT_EQ(p.value["b"], "x");
  EXPECT_EQ(parse_form("a=1&a=2").value["a"], "2");  // Slack's behaviour is unchanged
  EXPECT_FALSE(parse_form("a=1&a=%G1", repeated_names::collect).ok());
}

TEST(mattermost_form, list_reads_a_string_or_a_list_of_strings) {
  const json fields = {{"one", "x"}, {"many", {"a", "b"}}, {"bad", {"a", 1}}, {"num", 3}};
  std::string problem;
  const payload_reader r(fields, problem);
  EXPECT_EQ(r.list("one"), std::vector<std::string>{"x"});
  EXPECT_EQ(r.list("many"), (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(r.list("absent").empty());
  EXPECT_TRUE(problem.empty());
  EXPECT_TRUE(r.list("bad").empty());
  EXPECT_FALSE(problem.empty());
  std::string problem2;
  EXPECT_TRUE(payload_reader(fields, problem2).list("num").empty());
  EXPECT_EQ(problem2, "num is neither a string nor a list");
  std::string problem3;
  EXPECT_TRUE(payload_reader(fields, problem3).list("many", 0).empty());
  EXPECT_FALSE(problem3.empty());
}

TEST(mattermost_command_token, the_header_decides_when_present) {
  EXPECT_TRUE(command_token_ok("Token okwexkjpe7ygb8eq1ww58t483w", "", "okwexkjpe7ygb8eq1ww58t483w"));
  EXPECT_TRUE(command_token_ok("Token okwexkjpe7ygb8eq1ww58t483w", "okwexkjpe7ygb8eq1ww58t483w",
                               "okwexkjpe7ygb8eq1ww58t483w"));
  // A wrong header is not rescued by a right field.
  EXPECT_FALSE(command_token_ok("Token wrong", "okwexkjpe7ygb8eq1ww58t483w", "okwexkjpe7ygb8eq1ww58t483w"));
  EXPECT_FALSE(command_token_ok("Bearer okwexkjpe7ygb8eq1ww58t483w", "", "okwexkjpe7ygb8eq1ww58t483w"));
  EXPECT_FALSE(command_token_ok("okwexkjpe7ygb8eq1ww58t483w", "", "okwexkjpe7ygb8eq1ww58t483w"));
  EXPECT_FALSE(command_token_ok("Token okwexkjpe7ygb8eq1ww58t483", "", "okwexkjpe7ygb8eq1ww58t483w"));
}

TEST(mattermost_command_token, without_a_header_the_field_must_match) {
  EXPECT_TRUE(command_token_ok("", "okwexkjpe7ygb8eq1ww58t483w", "okwexkjpe7ygb8eq1ww58t483w"));
  EXPECT_FALSE(command_token_ok("", "okwexkjpe7ygb8eq1ww58t483", "okwexkjpe7ygb8eq1ww58t483w"));
  EXPECT_FALSE(command_token_ok("", "", "okwexkjpe7ygb8eq1ww58t483w"));
}

TEST(mattermost_command_token, an_empty_expected_token_never_matches) {
  EXPECT_FALSE(command_token_ok("", "", ""));
  EXPECT_FALSE(command_token_ok("Token ", "", ""));
  EXPECT_FALSE(command_token_ok("", "x", ""));
}

TEST(mattermost_action, the_documented_unsigned_context_is_refused) {
  const action_request a = decode_action(json::parse(action_body), key, bot_id);
  EXPECT_FALSE(a.event);
  EXPECT_EQ(a.check, context_check::malformed);
  EXPECT_FALSE(a.ignored.empty());
}

TEST(mattermost_action, a_signed_click_becomes_an_inbound_action) {
  const action_request a = decode_action(signed_action(rate_context()), key, bot_id);
  ASSERT_TRUE(a.event) << a.ignored;
  EXPECT_EQ(a.check, context_check::ok);
  const core::inbound& in = *a.event;
  EXPECT_EQ(in.platform, "mattermost");
  EXPECT_EQ(in.user, "rd49ehbqyjytddasoownkuqrxe");
  EXPECT_EQ(in.user_name, "alice");
  EXPECT_EQ(in.channel, "j6j53p28k6urx15fpcgsr20psq");
  EXPECT_EQ(in.team, "5xxzt146eax4tul69409opqjlf");
  EXPECT_FALSE(in.is_dm);
  EXPECT_EQ(in.event_id, "<opaque>");
  ASSERT_TRUE(in.action);
  EXPECT_EQ(in.action->action_id, "csi.rate");
  EXPECT_EQ(in.action->value, "vpn:5");
  EXPECT_EQ(in.action->message_id, "gqrnh3675jfxzftnjyjfe4udeh");
}

TEST(mattermost_action, clicks_with_a_bad_context_are_refused_by_kind) {
  json other_user = signed_action(rate_context());
  other_user["user_id"] = "intruder000000000000000000";
  EXPECT_EQ(decode_action(other_user, key, bot_id).check, context_check::wrong_user);
  json other_channel = signed_action(rate_context());
  other_channel["channel_id"] = "elsewhere00000000000000000";
  EXPECT_EQ(decode_action(other_channel, key, bot_id).check, context_check::wrong_channel);
  json tampered = signed_action(rate_context());
  tampered["context"]["value"] = "vpn:1";
  EXPECT_EQ(decode_action(tampered, key, bot_id).check, context_check::forged);
  json none = signed_action(rate_context());
  none.erase("context");
  EXPECT_EQ(decode_action(none, key, bot_id).check, context_check::missing);
  EXPECT_EQ(decode_action(signed_action(rate_context()), "", bot_id).check, context_check::missing);
}

TEST(mattermost_action, malformed_bodies_and_selects_are_ignored) {
  json select = signed_action(rate_context());
  select["type"] = "select";
  EXPECT_FALSE(decode_action(select, key, bot_id).event);
  json no_post = signed_action(rate_context());
  no_post.erase("post_id");
  EXPECT_EQ(decode_action(no_post, key, bot_id).ignored, "action: missing post_id");
  json bad_context = signed_action(rate_context());
  bad_context["context"] = "ctx";
  EXPECT_EQ(decode_action(bad_context, key, bot_id).ignored, "action: context is not an object");
  EXPECT_FALSE(decode_action(json::array(), key, bot_id).event);
}

TEST(mattermost_action, without_a_trigger_id_a_double_click_has_one_event_id) {
  json body = signed_action(rate_context());
  body.erase("trigger_id");
  const auto first = decode_action(body, key, bot_id);
  const auto second = decode_action(body, key, bot_id);
  ASSERT_TRUE(first.event && second.event);
  EXPECT_EQ(first.event->event_id, second.event->event_id);
  EXPECT_EQ(first.event->event_id[0], 'h');
}

TEST(mattermost_action, a_click_in_a_direct_channel_is_a_dm) {
  json body = signed_action(rate_context());
  body["channel_name"] = "rd49ehbqyjytddasoownkuqrxe__botuserid00000000000000000";
  const auto a = decode_action(body, key, bot_id);
  ASSERT_TRUE(a.event) << a.ignored;
  EXPECT_TRUE(a.event->is_dm);
  // A button on an ephemeral answer in two people's DM: not the bot's DM.
  body["channel_name"] = "rd49ehbqyjytddasoownkuqrxe__zzzzzzzzzzzzzzzzzzzzzzzzzz";
  const auto other = decode_action(body, key, bot_id);
  ASSERT_TRUE(other.event) << other.ignored;
  EXPECT_FALSE(other.event->is_dm);
}

}  // namespace
}  // namespace csibot::platform::mattermost
