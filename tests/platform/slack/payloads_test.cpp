#include "bot/platform/slack/payloads.hpp"

#include <gtest/gtest.h>

#include <string>

#include "bot/platform/slack/form.hpp"
#include "platform/slack/frame_samples.hpp"

namespace csibot::platform::slack {
namespace {

using json = nlohmann::json;

// ---- Samples from PLATFORMS.md §1.2–§1.6 ----

using samples::slash_envelope;

constexpr std::string_view mention_envelope =
    R"({"envelope_id":"cda4159a-72a5-4744-aba3-4d66eb52682b","type":"events_api",
 "accepts_response_payload":false,"retry_attempt":0,"retry_reason":"",
 "payload":{"token":"verif","team_id":"T0001","api_app_id":"A0001","type":"event_callback",
  "event_id":"Ev0001","event_time":1700000001,"event_context":"1-app_mention-T0001-C0001",
  "is_ext_shared_channel":false,
  "authorizations":[{"enterprise_id":null,"team_id":"T0001","user_id":"UBOT","is_bot":true,
                     "is_enterprise_install":false}],
  "event":{"type":"app_mention","user":"U0001","text":"<@UBOT> digest please",
   "ts":"1700000001.000200","channel":"C0001","event_ts":"1700000001.000200","team":"T0001"}}})";

constexpr std::string_view dm_event =
    R"({"type":"message","channel_type":"im","channel":"D0001","user":"U0001","text":"4",
 "ts":"1700000003.000400","event_ts":"1700000003.000400","team":"T0001",
 "client_msg_id":"f0582a78-72db-4feb-b2f3-1e47d66365c8"})";

constexpr std::string_view thread_event =
    R"({"type":"message","channel_type":"channel","channel":"C0001","user":"U0001",
 "text":"sounds good","ts":"1700000005.000600","thread_ts":"1700000001.000200",
 "parent_user_id":"UBOT","event_ts":"1700000005.000600"})";

constexpr std::string_view block_actions = R"({
  "type": "block_actions",
  "team": {"id": "T0001", "domain": "acme"},
  "user": {"id": "U0001", "username": "alice", "name": "alice", "team_id": "T0001"},
  "api_app_id": "A0001",
  "token": "verif",
  "container": {"type": "message", "message_ts": "1700000000.000100",
                "channel_id": "D0001", "is_ephemeral": false},
  "trigger_id": "1172910493366.1173465096773.621177eb12eabea7aeefee22f64f297e",
  "channel": {"id": "D0001", "name": "directmessage"},
  "message": {"type": "message", "ts": "1700000000.000100", "bot_id": "B0001",
              "user": "UBOT", "text": "How useful was today's digest?", "blocks": []},
  "state": {"values": {}},
  "response_url": "https://hooks.slack.com/actions/T0001/1185822901604/7hHKe6obk8Hrm4UjaCA9XrsR",
  "actions": [
    {"type": "button", "action_id": "rate_4", "block_id": "rating",
     "text": {"type": "plain_text", "text": "4", "emoji": true},
     "value": "4", "action_ts": "1700000002.000300"}
  ],
  "is_enterprise_install": false,
  "enterprise": null
})";

// The signing example's form body (§1.4, §1.5).
constexpr std::string_view slash_form =
    "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&"
    "channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&"
    "response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%"
    "2F96rGlfmibIGlgcZRskXaIFfN&"
    "trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";

json event_callback(std::string_view event) {
  return {{"type", "event_callback"},
          {"team_id", "T0001"},
          {"event_id", "Ev0002"},
          {"event", json::parse(event)}};
}

// An envelope's payload decoded as the Socket Mode client decodes it (the frame itself is parsed and
// tested in the transport: socket_frame_test.cpp).
decoded decode_envelope_text(std::string_view frame_text, std::string_view bot_user_id) {
  const json frame = json::parse(frame_text);
  return decode_envelope(frame.at("type").get<std::string>(), frame.at("payload"),
                         frame.at("envelope_id").get<std::string>(), bot_user_id);
}

// ---- Slash commands ----

TEST(slack_slash_command, socket_mode_payload_uses_the_envelope_id) {
  const decoded d = decode_envelope_text(slash_envelope, "UBOT");
  ASSERT_TRUE(d.event) << d.ignored;
  const core::inbound& in = *d.event;
  EXPECT_EQ(in.platform, "slack");
  EXPECT_EQ(in.command, "/digest");
  EXPECT_EQ(in.text, "now");
  EXPECT_EQ(in.user, "U0001");
  EXPECT_EQ(in.user_name, "alice");
  EXPECT_EQ(in.channel, "C0001");
  EXPECT_FALSE(in.is_dm);
  EXPECT_EQ(in.team, "T0001");
  EXPECT_EQ(in.event_id, "1d3c79ab-0ffb-41f3-a080-d19e85f53649");
  EXPECT_FALSE(in.action);
  EXPECT_EQ(d.response_url, "https://hooks.slack.com/commands/T0001/111/xxx");
  EXPECT_TRUE(d.ignored.empty());
}

TEST(slack_slash_command, http_form_uses_the_trigger_id) {
  const parsed form = parse_form(slash_form);
  ASSERT_TRUE(form.ok()) << form.error;
  const decoded d = decode_slash_command(form.value);
  ASSERT_TRUE(d.event) << d.ignored;
  EXPECT_EQ(d.event->command, "/webhook-collect");
  EXPECT_EQ(d.event->text, "");
  EXPECT_EQ(d.event->channel, "G8PSS9T3V");
  EXPECT_FALSE(d.event->is_dm);  // a private channel (G…), not a DM
  EXPECT_EQ(d.event->event_id, "398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c");
  EXPECT_EQ(d.response_url,
            "https://hooks.slack.com/commands/T1DC2JH3J/397700885554/96rGlfmibIGlgcZRskXaIFfN");
}

TEST(slack_slash_command, text_is_unescaped_and_dm_channels_are_dms) {
  const json fields = {{"command", "/csi"},
                       {"text", "feedback vpn 2 &lt;slow&gt; &amp; flaky \xF0\x9F\x98\xA1"},
                       {"user_id", "U0001"},
                       {"channel_id", "D0001"},
                       {"trigger_id", "t1"}};
  const decoded d = decode_slash_command(fields);
  ASSERT_TRUE(d.event) << d.ignored;
  EXPECT_EQ(d.event->text, "feedback vpn 2 <slow> & flaky \xF0\x9F\x98\xA1");
  EXPECT_TRUE(d.event->is_dm);
}

TEST(slack_slash_command, missing_or_mistyped_fields_are_ignored_with_a_reason) {
  const json good = {{"command", "/csi"}, {"text", ""}, {"user_id", "U1"}, {"channel_id", "C1"}};
  ASSERT_TRUE(decode_slash_command(good).event);
  for (const char* key : {"command", "user_id", "channel_id"}) {
    json bad = good;
    bad.erase(key);
    const decoded d = decode_slash_command(bad);
    EXPECT_FALSE(d.event);
    EXPECT_NE(d.ignored.find(key), std::string::npos) << d.ignored;
    bad[key] = 42;
    EXPECT_NE(decode_slash_command(bad).ignored.find("not a string"), std::string::npos);
  }
  json no_slash = good;
  no_slash["command"] = "csi";
  EXPECT_FALSE(decode_slash_command(no_slash).event);
  EXPECT_FALSE(decode_slash_command(json::array()).event);
  EXPECT_FALSE(decode_slash_command(json("x")).event);
  EXPECT_EQ(decode_slash_command(json{{"ssl_check", "1"}, {"token", "x"}}).ignored,
            "slash command: ssl_check");
}

TEST(slack_slash_command, absurd_strings_are_refused) {
  json fields = {{"command", "/csi"}, {"user_id", std::string(300, 'U')}, {"channel_id", "C1"}};
  EXPECT_NE(decode_slash_command(fields).ignored.find("longer than 255"), std::string::npos);
  fields["user_id"] = "U1";
  fields["text"] = std::string(max_text_bytes + 1, 'a');
  EXPECT_FALSE(decode_slash_command(fields).event);
  fields["text"] = std::string(max_text_bytes, 'a');
  EXPECT_TRUE(decode_slash_command(fields).event);
}

// ---- Events API ----

TEST(slack_events, a_dm_from_a_person_becomes_text) {
  const decoded d = decode_events_api(event_callback(dm_event), "UBOT");
  ASSERT_TRUE(d.event) << d.ignored;
  const core::inbound& in = *d.event;
  EXPECT_EQ(in.platform, "slack");
  EXPECT_EQ(in.user, "U0001");
  EXPECT_EQ(in.channel, "D0001");
  EXPECT_TRUE(in.is_dm);
  EXPECT_EQ(in.text, "4");
  EXPECT_EQ(in.event_id, "Ev0002");  // the outer id, which redeliveries repeat
  EXPECT_EQ(in.team, "T0001");
  EXPECT_FALSE(in.command);
  EXPECT_FALSE(in.action);
}

TEST(slack_events, a_dm_text_is_unescaped_and_keeps_unicode) {
  json body = event_callback(dm_event);
  body["event"]["text"] = "Zu langsam &amp; &lt;b&gt; \xE2\x80\x94 \xE5\xB1\xB1\xE7\x94\xB0 <@U0002>";
  const decoded d = decode_events_api(body, "UBOT");
  ASSERT_TRUE(d.event) << d.ignored;
  EXPECT_EQ(d.event->text, "Zu langsam & <b> \xE2\x80\x94 \xE5\xB1\xB1\xE7\x94\xB0 <@U0002>");
}

TEST(slack_events, socket_mode_app_mention_is_ignored_by_design) {
  const decoded d = decode_envelope_text(mention_envelope, "UBOT");
  EXPECT_FALSE(d.event);
  EXPECT_NE(d.ignored.find("app_mention"), std::string::npos);
}

TEST(slack_events, channel_messages_bots_and_subtypes_are_ignored) {
  const auto reason = [](const json& body, std::string_view bot = "UBOT") {
    const decoded d = decode_events_api(body, bot);
    EXPECT_FALSE(d.event);
    return d.ignored;
  };
  EXPECT_NE(reason(event_callback(thread_event)).find("not a direct message"), std::string::npos);
  json bot = event_callback(dm_event);
  bot["event"]["bot_id"] = "B0001";
  EXPECT_NE(reason(bot).find("bot"), std::string::npos);
  json own = event_callback(dm_event);
  own["event"]["user"] = "UBOT";
  EXPECT_NE(reason(own).find("own message"), std::string::npos);
  // Without a configured bot user id, the delivery's own authorization names the bot.
  own["authorizations"] = json::parse(R"([{"user_id":"UBOT","is_bot":true}])");
  EXPECT_NE(reason(own, "").find("own message"), std::string::npos);
  for (const char* subtype : {"message_changed", "message_deleted", "bot_message", "file_share"}) {
    json sub = event_callback(dm_event);
    sub["event"]["subtype"] = subtype;
    EXPECT_NE(reason(sub).find(subtype), std::string::npos);
  }
  json no_type = event_callback(dm_event);
  no_type["event"].erase("channel_type");
  EXPECT_NE(reason(no_type).find("not a direct message"), std::string::npos);
  json blank = event_callback(dm_event);
  blank["event"]["text"] = "  ";
  EXPECT_NE(reason(blank).find("without text"), std::string::npos);
  json other = event_callback(R"({"type":"reaction_added","user":"U1"})");
  EXPECT_NE(reason(other).find("reaction_added"), std::string::npos);
  const auto limited = decode_events_api(
      json::parse(R"({"type":"app_rate_limited","team_id":"T1","minute_rate_limited":1518467820})"), "UBOT");
  EXPECT_NE(limited.ignored.find("app_rate_limited, minute 1518467820"), std::string::npos)
      << limited.ignored;
  EXPECT_TRUE(limited.events_dropped) << "not routine: events are being lost";
  EXPECT_FALSE(decode_events_api(other, "UBOT").events_dropped);
}

TEST(slack_events, url_verification_exposes_the_challenge) {
  const json body = json::parse(
      R"({"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"})");
  const decoded d = decode_events_api(body, "UBOT");
  EXPECT_FALSE(d.event);
  EXPECT_EQ(d.challenge, "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
  EXPECT_TRUE(d.ignored.empty());
  const decoded bad = decode_events_api(json{{"type", "url_verification"}, {"challenge", 5}}, "UBOT");
  EXPECT_TRUE(bad.challenge.empty());
  EXPECT_FALSE(bad.ignored.empty());
}

TEST(slack_events, wrong_shapes_are_ignored_with_the_field_named) {
  const auto reason = [](const json& body) {
    const decoded d = decode_events_api(body, "UBOT");
    EXPECT_FALSE(d.event);
    return d.ignored;
  };
  EXPECT_FALSE(reason(json::array()).empty());
  EXPECT_NE(reason(json::object()).find("missing type"), std::string::npos);
  EXPECT_NE(reason(json{{"type", "event_callback"}}).find("event.type"), std::string::npos);
  EXPECT_NE(reason(json{{"type", "event_callback"}, {"event", "message"}}).find("event is not an object"),
            std::string::npos);
  json no_id = event_callback(dm_event);
  no_id.erase("event_id");
  EXPECT_NE(reason(no_id).find("event_id"), std::string::npos);
  json typed = event_callback(dm_event);
  typed["event"]["user"] = json::array({"U1"});
  EXPECT_NE(reason(typed).find("event.user is not a string"), std::string::npos);
  json text_number = event_callback(dm_event);
  text_number["event"]["text"] = 4;
  EXPECT_NE(reason(text_number).find("event.text"), std::string::npos);
  json huge = event_callback(dm_event);
  huge["event"]["channel"] = std::string(100'000, 'D');
  EXPECT_NE(reason(huge).find("longer than"), std::string::npos);
}

// ---- Interactivity ----

TEST(slack_interactive, a_button_click_becomes_an_action) {
  const decoded d = decode_interactive(json::parse(block_actions));
  ASSERT_TRUE(d.event) << d.ignored;
  const core::inbound& in = *d.event;
  ASSERT_TRUE(in.action);
  EXPECT_EQ(in.action->action_id, "rate_4");
  EXPECT_EQ(in.action->value, "4");
  EXPECT_EQ(in.action->message_id, "1700000000.000100");
  EXPECT_EQ(in.channel, "D0001");
  EXPECT_TRUE(in.is_dm);
  EXPECT_EQ(in.user, "U0001");
  EXPECT_EQ(in.user_name, "alice");
  EXPECT_EQ(in.team, "T0001");
  EXPECT_EQ(in.event_id, "1172910493366.1173465096773.621177eb12eabea7aeefee22f64f297e");
  EXPECT_EQ(d.response_url, "https://hooks.slack.com/actions/T0001/1185822901604/7hHKe6obk8Hrm4UjaCA9XrsR");
  EXPECT_FALSE(in.command);
}

TEST(slack_interactive, a_click_on_an_ephemeral_message_in_a_dm_is_no_dm_of_csibots) {
  // Ephemeral answers come through response_urls, which work in any DM, also two people's, where
  // csibot cannot post: its answer to the click must go back the same way.
  json payload = json::parse(block_actions);
  payload["container"]["is_ephemeral"] = true;
  const decoded d = decode_interactive(payload);
  ASSERT_TRUE(d.event) << d.ignored;
  EXPECT_EQ(d.event->channel, "D0001");
  EXPECT_FALSE(d.event->is_dm);
  payload["container"]["is_ephemeral"] = "true";  // not the JSON literal: not Slack's flag
  EXPECT_TRUE(decode_interactive(payload).event->is_dm);
}

TEST(slack_interactive, socket_mode_uses_the_envelope_id_and_strips_the_unique_suffix) {
  json payload = json::parse(block_actions);
  payload["actions"][0]["action_id"] = "csi.rate#3";
  payload["actions"][0]["value"] = "vpn:4";
  const std::string frame_text =
      json{{"envelope_id", "env-9"}, {"type", "interactive"}, {"payload", payload}}.dump();
  const decoded d = decode_envelope_text(frame_text, "UBOT");
  ASSERT_TRUE(d.event) << d.ignored;
  EXPECT_EQ(d.event->action->action_id, "csi.rate");
  EXPECT_EQ(d.event->action->value, "vpn:4");
  EXPECT_EQ(d.event->event_id, "env-9");
}

TEST(slack_interactive, falls_back_to_channel_and_message_objects) {
  json payload = json::parse(block_actions);
  payload["container"] = {{"type", "message"}};
  payload["channel"]["id"] = "C0009";
  payload["message"]["ts"] = "1700000000.000999";
  payload["team"] = nullptr;
  const decoded d = decode_interactive(payload, "env");
  ASSERT_TRUE(d.event) << d.ignored;
  EXPECT_EQ(d.event->channel, "C0009");
  EXPECT_FALSE(d.event->is_dm);
  EXPECT_EQ(d.event->action->message_id, "1700000000.000999");
  EXPECT_EQ(d.event->team, "T0001");  // user.team_id
}

TEST(slack_interactive, other_interactions_and_bad_shapes_are_ignored) {
  const auto reason = [](const json& payload) {
    const decoded d = decode_interactive(payload);
    EXPECT_FALSE(d.event);
    return d.ignored;
  };
  EXPECT_NE(reason(json::parse(R"({"type":"view_submission","user":{"id":"U1"},"view":{"id":"V1"}})"))
                .find("view_submission"),
            std::string::npos);
  json modal = json::parse(block_actions);
  modal["container"] = {{"type", "view"}, {"view_id", "V1"}};
  EXPECT_NE(reason(modal).find("modal"), std::string::npos);
  json no_actions = json::parse(block_actions);
  no_actions["actions"] = json::array();
  EXPECT_NE(reason(no_actions).find("without actions"), std::string::npos);
  json odd_action = json::parse(block_actions);
  odd_action["actions"] = json::array({"rate_4"});
  EXPECT_NE(reason(odd_action).find("actions[0].action_id"), std::string::npos);
  json no_user = json::parse(block_actions);
  no_user.erase("user");
  EXPECT_NE(reason(no_user).find("user.id"), std::string::npos);
  json user_string = json::parse(block_actions);
  user_string["user"] = "U0001";
  EXPECT_NE(reason(user_string).find("user is not an object"), std::string::npos);
  json long_value = json::parse(block_actions);
  long_value["actions"][0]["value"] = std::string(max_value_bytes + 1, 'v');
  EXPECT_NE(reason(long_value).find("value"), std::string::npos);
  EXPECT_FALSE(reason(json(nullptr)).empty());
}

TEST(slack_interactive, http_form_payload_is_json) {
  const std::string body =
      "payload=" +
      std::string(
          "%7B%22type%22%3A%22block_actions%22%2C%22user%22%3A%7B%22id%22%3A%22U1%22%7D%2C%22container%22%3A%"
          "7B"
          "%22message_ts%22%3A%221.2%22%2C%22channel_id%22%3A%22D1%22%7D%2C%22trigger_id%22%3A%22t%2B1%22%2C"
          "%22actions%22%3A%5B%7B%22action_id%22%3A%22csi.skip%230%22%2C%22value%22%3A%22vpn%22%7D%5D%7D");
  const parsed p = parse_interactive_form(body);
  ASSERT_TRUE(p.ok()) << p.error;
  const decoded d = decode_interactive(p.value);
  ASSERT_TRUE(d.event) << d.ignored;
  EXPECT_EQ(d.event->action->action_id, "csi.skip");
  EXPECT_EQ(d.event->event_id, "t+1");
  EXPECT_FALSE(parse_interactive_form("token=x").ok());
  EXPECT_FALSE(parse_interactive_form("payload=%7Bnot+json").ok());
  EXPECT_FALSE(parse_interactive_form("payload=%5B1%5D").ok());  // an array, not an object
}

// ---- Robustness: nothing Slack (or an attacker on HTTP) sends can make a decoder throw ----

// Calls `f` with `j` and with every member anywhere in it replaced by each wrong shape in turn.
template <class F>
void for_each_mutation(json& j, json& root, F&& f) {
  if (!j.is_object()) return;
  for (auto& [key, value] : j.items()) {
    const json saved = value;
    for (const json& wrong : {json(nullptr), json(42), json(-1.5), json(true), json::array(), json::object(),
                              json(std::string(300, 'x')), json("")}) {
      value = wrong;
      f(root);
    }
    value = saved;
    for_each_mutation(value, root, f);
  }
}

TEST(slack_robustness, mutated_samples_never_throw) {
  int calls = 0;
  const auto all_decoders = [&](const json& j) {
    EXPECT_NO_THROW(decode_slash_command(j, "env"));
    EXPECT_NO_THROW(decode_events_api(j, "UBOT"));
    EXPECT_NO_THROW(decode_interactive(j));
    ++calls;
  };
  for (const std::string_view sample : {slash_envelope, mention_envelope, block_actions}) {
    json j = json::parse(sample);
    for_each_mutation(j, j, all_decoders);
    json payload = j.contains("payload") ? j["payload"] : j;
    for_each_mutation(payload, payload, all_decoders);
    json dm = event_callback(dm_event);
    for_each_mutation(dm, dm, all_decoders);
  }
  EXPECT_GT(calls, 500);
}

// ---- Forms ----

TEST(slack_form, decodes_plus_percent_and_empty_values) {
  const parsed p = parse_form("a=1+2&b=%2Fcsi%20x&c=&d&e=%E5%B1%B1&&f=x%3Dy=z&a=last");
  ASSERT_TRUE(p.ok()) << p.error;
  EXPECT_EQ(p.value, json::parse(R"({"a":"last","b":"/csi x","c":"","d":"","e":"山","f":"x=y=z"})"));
  EXPECT_EQ(parse_form("").value, json::object());
  EXPECT_EQ(parse_form("text=line1%0Aline2").value["text"], "line1\nline2");
}

TEST(slack_form, bad_escapes_and_bad_utf8_are_errors) {
  EXPECT_FALSE(parse_form("a=%G1").ok());
  EXPECT_FALSE(parse_form("a=%4").ok());
  EXPECT_FALSE(parse_form("a=%").ok());
  EXPECT_FALSE(parse_form("a%=1").ok());
  EXPECT_FALSE(parse_form("a=%FF").ok());
  EXPECT_FALSE(parse_form("a=%C0%AF").ok());        // overlong '/'
  EXPECT_FALSE(parse_form("a=%ED%A0%80").ok());     // a surrogate
  EXPECT_FALSE(parse_form("a=%F4%90%80%80").ok());  // past U+10FFFF
  EXPECT_FALSE(parse_form("a=%E5%B1").ok());        // cut short
  EXPECT_TRUE(parse_form("a=%F0%9F%98%80").ok());
}

TEST(slack_form, json_bodies_are_objects_within_depth) {
  EXPECT_TRUE(parse_json(R"({"a":[[[1]]]})").ok());
  EXPECT_FALSE(parse_json("[]").ok());
  EXPECT_FALSE(parse_json("").ok());
  const auto depth = static_cast<std::size_t>(max_json_depth);
  std::string open;
  for (std::size_t i = 0; i < depth; ++i)
    open += "{\"a\":";
  EXPECT_TRUE(parse_json(open + "1" + std::string(depth, '}')).ok());
  EXPECT_FALSE(parse_json("{\"x\":" + open + "1" + std::string(depth + 1, '}')).ok());
  // Brackets inside strings are text, not nesting.
  EXPECT_TRUE(parse_json("{\"a\":\"" + std::string(1000, '[') + "\\\"\"}").ok());
}

TEST(slack_form, json_values_of_any_type_have_the_same_guards) {
  EXPECT_EQ(parse_json_value("[1,{\"a\":null}]"), json::parse("[1,{\"a\":null}]"));
  EXPECT_EQ(parse_json_value("\"text\""), json("text"));
  const auto depth = static_cast<std::size_t>(max_json_depth);
  EXPECT_EQ(parse_json_value(std::string(depth, '[') + std::string(depth, ']')).size(), 1U);
  EXPECT_TRUE(parse_json_value(std::string(depth + 1, '[') + std::string(depth + 1, ']')).is_discarded());
  EXPECT_TRUE(parse_json_value(std::string("[1]\0junk", 8)).is_discarded());
  EXPECT_TRUE(parse_json_value("[1,]").is_discarded());
}

}  // namespace
}  // namespace csibot::platform::slack
