#include "bot/platform/local/codec.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

namespace csibot::platform::local {
namespace {

using json = nlohmann::json;

template <class T>
T expect_frame(std::string_view text) {
  auto f = parse_client_frame(text);
  if (const auto* e = std::get_if<frame_error>(&f))
    ADD_FAILURE() << text << " → " << e->code << ": " << e->message;
  EXPECT_TRUE(std::holds_alternative<T>(f)) << text;
  return std::holds_alternative<T>(f) ? std::get<T>(f) : T{};
}

std::string error_code_of(std::string_view text) {
  auto f = parse_client_frame(text);
  const auto* e = std::get_if<frame_error>(&f);
  return e != nullptr ? e->code : "(no error)";
}

TEST(local_codec, parses_hello_and_trims_the_name) {
  const auto f = expect_frame<hello_frame>(R"({"type":"hello","name":"  Ada Lovelace ","locale":"en-GB"})");
  EXPECT_EQ(f.name, "Ada Lovelace");
  EXPECT_EQ(f.locale, "en-GB");
}

TEST(local_codec, parses_message_action_and_history) {
  const auto m = expect_frame<message_frame>(
      R"({"type":"message","channel":"general","text":"/csi help","client_id":"c1"})");
  EXPECT_EQ(m.channel, "general");
  EXPECT_EQ(m.text, "/csi help");
  EXPECT_EQ(m.client_id, "c1");
  const auto a = expect_frame<action_frame>(
      R"({"type":"action","channel":"dm:ada","message_id":"42","action_id":"csi.rate","value":"vpn:4"})");
  EXPECT_EQ(a.channel, "dm:ada");
  EXPECT_EQ(a.message_id, "42");
  EXPECT_EQ(a.action_id, "csi.rate");
  EXPECT_EQ(a.value, "vpn:4");
  EXPECT_EQ(expect_frame<history_frame>(R"({"type":"history","channel":"csi-digests"})").channel,
            "csi-digests");
}

TEST(local_codec, hostile_json_is_an_error_not_an_exception) {
  EXPECT_EQ(error_code_of(""), "bad_json");
  EXPECT_EQ(error_code_of("{"), "bad_json");
  EXPECT_EQ(error_code_of("not json"), "bad_json");
  EXPECT_EQ(error_code_of("[1,2]"), "bad_json");
  EXPECT_EQ(error_code_of("\"hello\""), "bad_json");
  EXPECT_EQ(error_code_of(std::string(100000, '[')), "bad_json");
  EXPECT_EQ(error_code_of("{\"type\":\"hello\",\"name\":\"\xff\xfe\"}"), "bad_json");  // invalid UTF-8
  EXPECT_EQ(error_code_of(std::string("{\"type\":\"hello\"}\0garbage", 24)), "bad_json");
}

TEST(local_codec, unknown_or_missing_type_and_fields_are_named) {
  EXPECT_EQ(error_code_of(R"({"name":"x"})"), "missing_type");
  EXPECT_EQ(error_code_of(R"({"type":7})"), "missing_type");
  EXPECT_EQ(error_code_of(R"({"type":"launch_missiles"})"), "unknown_type");
  EXPECT_EQ(error_code_of(R"({"type":"hello"})"), "missing_field");
  EXPECT_EQ(error_code_of(R"({"type":"hello","name":42})"), "bad_field");
  EXPECT_EQ(error_code_of(R"({"type":"hello","name":"   "})"), "bad_field");
  EXPECT_EQ(error_code_of(R"({"type":"hello","name":"a\u0007b"})"), "bad_field");
  EXPECT_EQ(error_code_of(R"({"type":"hello","name":"ok","locale":"<script>"})"), "bad_field");
  EXPECT_EQ(error_code_of(R"({"type":"message","channel":"general"})"), "missing_field");
  EXPECT_EQ(error_code_of(R"({"type":"message","channel":"general","text":" \n "})"), "bad_field");
  EXPECT_EQ(error_code_of(R"({"type":"message","channel":"../etc","text":"x"})"), "bad_field");
  EXPECT_EQ(error_code_of(R"({"type":"action","channel":"general","message_id":"1"})"), "missing_field");
  EXPECT_EQ(error_code_of(R"({"type":"history","channel":["general"]})"), "bad_field");
}

TEST(local_codec, huge_strings_are_refused_by_limit) {
  const std::string long_name = json{{"type", "hello"}, {"name", std::string(41, 'a')}}.dump();
  EXPECT_EQ(error_code_of(long_name), "bad_field");
  const std::string long_text =
      json{{"type", "message"}, {"channel", "general"}, {"text", std::string(max_text_bytes + 1, 'x')}}
          .dump();
  EXPECT_EQ(error_code_of(long_text), "bad_field");
  const std::string at_limit =
      json{{"type", "message"}, {"channel", "general"}, {"text", std::string(max_text_bytes, 'x')}}.dump();
  EXPECT_EQ(expect_frame<message_frame>(at_limit).text.size(), max_text_bytes);
}

TEST(local_codec, unicode_names_count_characters_not_bytes) {
  std::string forty_umlauts;
  for (int i = 0; i < 40; ++i)
    forty_umlauts += "ü";
  EXPECT_EQ(expect_frame<hello_frame>(json{{"type", "hello"}, {"name", forty_umlauts}}.dump()).name,
            forty_umlauts);
  const auto m =
      expect_frame<message_frame>(R"({"type":"message","channel":"general","text":"Grüße 👋 <b>&amp;"})");
  EXPECT_EQ(m.text, "Grüße 👋 <b>&amp;");
}

TEST(local_codec, user_ids_are_stable_slugs) {
  EXPECT_EQ(user_id_for("Ada Lovelace"), "ada-lovelace");
  EXPECT_EQ(user_id_for("  R2-D2!! "), "r2-d2");
  EXPECT_EQ(user_id_for("José"), "jos");
  const auto kanji = user_id_for("山田");
  EXPECT_EQ(kanji, user_id_for("山田"));
  EXPECT_NE(kanji, user_id_for("田中"));
  EXPECT_EQ(kanji.size(), 9U);
  EXPECT_EQ(kanji[0], 'u');
  EXPECT_LE(user_id_for(std::string(200, 'x')).size(), 32U);
}

TEST(local_codec, encodes_every_part_of_a_message) {
  core::message m;
  m.header = "VPN";
  m.text = "*bold* and _it_";
  m.fields = {{"CSAT", "82 %"}};
  m.table = core::table{{"service", "n"}, {{"vpn", "12"}}};
  m.buttons = {{"Good", "csi.rate", "vpn:4", core::button_style::primary},
               {"Cancel", "csi.cancel", "vpn", core::button_style::danger}};
  m.context = "small print";
  const auto j = json::parse(encode_body(m));
  EXPECT_EQ(j["header"], "VPN");
  EXPECT_EQ(j["text"], "*bold* and _it_");
  EXPECT_EQ(j["fields"][0]["label"], "CSAT");
  EXPECT_EQ(j["table"]["columns"][1], "n");
  EXPECT_EQ(j["table"]["rows"][0][0], "vpn");
  EXPECT_EQ(j["buttons"][0]["style"], "primary");
  EXPECT_EQ(j["buttons"][1]["style"], "danger");
  EXPECT_EQ(j["buttons"][0]["value"], "vpn:4");
  EXPECT_EQ(j["context"], "small print");
  EXPECT_EQ(json::parse(encode_body(core::message{})), json::object());  // empty parts are left out
}

TEST(local_codec, renders_server_frames) {
  storage::local_chat_message m{7,
                                "general",
                                "ada",
                                "Ada",
                                false,
                                encode_text_body("<img src=x onerror=alert(1)>"),
                                std::string("ada"),
                                core::from_millis(1'700'000'000'000),
                                {}};
  auto j = json::parse(render_message(m, "c9"));
  EXPECT_EQ(j["type"], "message");
  EXPECT_EQ(j["id"], "7");
  EXPECT_EQ(j["author"]["name"], "Ada");
  EXPECT_EQ(j["author"]["bot"], false);
  EXPECT_EQ(j["ts"], 1'700'000'000'000);
  EXPECT_EQ(j["ephemeral"], true);
  EXPECT_EQ(j["client_id"], "c9");
  EXPECT_EQ(j["body"]["text"], "<img src=x onerror=alert(1)>");  // verbatim: the browser escapes

  j = json::parse(render_update(m));
  EXPECT_EQ(j["type"], "update");
  EXPECT_EQ(j["id"], "7");
  j = json::parse(render_history("general", {m, m}));
  EXPECT_EQ(j["messages"].size(), 2U);
  j = json::parse(render_welcome("ada", "Ada", "/csi", "csibot",
                                 {{"general", "general", false}, {"dm:ada", "csibot", true}}));
  EXPECT_EQ(j["user"]["id"], "ada");
  EXPECT_EQ(j["command"], "/csi");
  EXPECT_EQ(j["channels"][1]["kind"], "dm");
  j = json::parse(render_error("bad_json", "nope"));
  EXPECT_EQ(j["type"], "error");
  EXPECT_EQ(j["code"], "bad_json");
  EXPECT_EQ(json::parse(render_channel({"x", "x", false}))["channel"]["id"], "x");
}

TEST(local_codec, invalid_utf8_in_stored_text_still_renders) {
  core::message m;
  m.text = "broken \xc3 byte";
  const auto body = encode_body(m);
  storage::local_chat_message stored{1, "general", "csibot", "csibot", true, body, std::nullopt, {}, {}};
  EXPECT_EQ(json::parse(render_message(stored))["body"]["text"], "broken \xEF\xBF\xBD byte");
  stored.body = "{not json";
  EXPECT_EQ(json::parse(render_message(stored))["body"], json::object());
}

}  // namespace
}  // namespace csibot::platform::local
